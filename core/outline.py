"""Parse a report's outline: numbered parts, subtopics, and the text before and after them.

Works on the normalized text (so ``（一）`` and ``(一)``, ``１.`` and ``1.`` read alike) and reports offsets in
the original text through the folding map. Never raises: odd input gives a flat or empty outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .folding import FoldedText
from .leads import TopicMark, find_enumerations, find_leads
from .model import Section
from .numerals import cn_to_int

_CN = "一二三四五六七八九十百零〇两"

#: Heading markers at a line's start, by rank: a lower rank sits higher in the tree.
#: (A report may start its tree at any rank: seed 000 is (三)…(六), seed 003 is 四、…九、.)
HEADING_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("第一部分", 0, re.compile(rf"第([{_CN}]{{1,3}})(?:部分|篇|章)[、,:.\s]?")),
    ("一、", 1, re.compile(rf"([{_CN}]{{1,3}})[、.](?![{_CN}][、.])")),
    ("(一)", 2, re.compile(rf"\(([{_CN}]{{1,3}})\)[、.]?")),
    ("1.", 3, re.compile(r"(\d{1,2})(?:[.、](?!\d)|\s(?=[^\d\s]))")),
    ("(1)", 4, re.compile(r"\((\d{1,2})\)")),
    ("①", 5, re.compile(r"([\u2460-\u2473])")),
)
BARE_RANK = 1  #: unnumbered part headings (“十四五”时期工作回顾) stand where 一、 would

_SENTENCE_END = "。!?；;"
_FRONT_SALUTATION = re.compile(r"^(各位代表|各位委员|同志们)[:!,：！，]?\s*$")
_CLOSING_START = re.compile(r"^(各位代表|让我们|同志们)")
_APPENDIX = re.compile(
    r"^(附件|附表|附录|注释|附注|名词解释|名词注释|相关报道|责任编辑|编辑|\(来源|来源[:：]|《政府工作报告》.{0,12}(注释|解释))"
)
# Lines a scraped web page puts around a report: never headings.
_PAGE_NOISE = re.compile(r"^(下载|打印|全屏|收藏|【字号|加大|还原|减小|】|来源[:：]|时间[:：]|发布时间|分享到|扫一扫)")
_REVIEW = re.compile(r"(回顾|总结|过去.{0,4}工作|五年来|一年来|工作情况)")
#: Words of a review that plan titles share less clearly (…发展成就和“十五五”目标任务 is a plan's).
_REVIEW_WEAK = re.compile(r"(成就|成效|成绩)")
_PLAN = re.compile(r"(安排|部署|任务|目标|重点工作|总体要求|政策取向|主要预期|打算|计划|展望|重点抓好)")


def label_key(label: str) -> str:
    """A label as a comparison key: "（三）", "(三)", "三" and "三、" → "三"."""
    return label.strip().strip("()（）、.．第").replace("部分", "")


@dataclass
class _Node:
    kind: str
    marker: str
    rank: int
    label: str
    ordinal: int | None
    start: int  # normalized offsets
    title_start: int
    title_end: int
    heading_end: int
    end: int = -1
    children: list[_Node] = field(default_factory=list)
    period: str | None = None


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # without the newline
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append(_Line(pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _heading_at(line: _Line) -> tuple[str, int, str, int | None, int] | None:
    """(marker, rank, label, ordinal, label_end) when the line starts with a heading marker."""
    s = line.text
    lead = len(s) - len(s.lstrip())
    for marker, rank, pattern in HEADING_MARKERS:
        m = pattern.match(s, lead)
        if not m:
            continue
        rest = s[m.end() :].lstrip()
        if not rest or rest[0] in ",，。、;；":
            continue
        num = m.group(1)
        if marker == "①":
            ordinal: int | None = ord(num) - 0x2460 + 1
        elif num.isdigit():
            ordinal = int(num)
            if ordinal == 0:
                continue
        else:
            ordinal = cn_to_int(num)
            if ordinal is None:
                continue
        if marker == "一、" and s[m.end() - 1] == "." and ordinal is not None and ordinal > 20:
            continue
        # "1 " (number, space) is a heading only when a short title follows: else it is a figure.
        if marker == "1." and s[m.end() - 1] == " " and len(rest) > 40:
            continue
        return marker, rank, s[lead : m.end()].strip(), ordinal, m.end()
    return None


def _title_end(text: str, start: int, line_end: int) -> tuple[int, int]:
    """(end of the title words, end of the heading incl. its punctuation) for a heading at ``start``."""
    pos = start
    while pos < line_end:
        c = text[pos]
        if c in _SENTENCE_END:
            return pos, pos + 1
        pos += 1
    return line_end, line_end


def _is_bare_heading(line: _Line) -> bool:
    """An unnumbered part heading: a short line with no sentence punctuation (“十四五”时期工作回顾)."""
    s = line.text.strip()
    if not (4 <= len(s) <= 30):
        return False
    if any(c in s for c in "。,，;；:：!！?？、") or _PAGE_NOISE.match(s) or _APPENDIX.match(s):
        return False
    if "政府工作报告" in s or s.startswith(("——", "—", "-")):
        return False
    return not re.fullmatch(r"[\d\s年月日:.\-/]+", s)


def parse_outline(folded: FoldedText) -> tuple[Section, ...]:
    """The outline of a report: front matter, parts (with their subtopics), closing and appendices."""
    text = folded.normalized
    lines = _lines(text)
    n = len(text)

    # 1. Heading lines.
    heads: list[tuple[_Line, tuple[str, int, str, int | None, int]]] = []
    for line in lines:
        h = _heading_at(line)
        if h is not None:
            heads.append((line, h))

    # 2. Back matter: appendices (glossaries, 附件, "related reports" of a web page) in the last part of
    # the text, then the closing call after the last heading before them.
    appendix_at = n
    first_head = heads[0][0].start if heads else 0
    for line in lines:
        if line.start > max(first_head, n * 0.5) and _APPENDIX.match(line.text.strip()):
            appendix_at = line.start
            break
    heads = [(ln, h) for ln, h in heads if ln.start < appendix_at]
    last_head_start = heads[-1][0].start if heads else 0
    closing_at = appendix_at
    for line in reversed(lines):
        if line.start <= last_head_start or line.start >= appendix_at:
            continue
        if _CLOSING_START.match(line.text.strip()):
            closing_at = line.start
            break

    # 3. Bare headings, when the report numbers no part with 一、 (甘肃: “十四五”时期工作回顾).
    first_start = heads[0][0].start if heads else closing_at
    if not any(h[1] <= BARE_RANK for _, h in heads):
        bare: list[tuple[_Line, tuple[str, int, str, int | None, int]]] = []
        salutation_seen = any(_FRONT_SALUTATION.match(ln.text.strip()) for ln in lines if ln.start < first_start)
        numbered = {ln.start for ln, _ in heads}
        for i, line in enumerate(lines):
            if line.start >= closing_at:
                break
            if line.start in numbered or not _is_bare_heading(line):
                continue
            nxt = next((ln for ln in lines[i + 1 :] if ln.text.strip()), None)
            if nxt is None or _is_bare_heading(nxt) or len(nxt.text) < 20:
                continue
            if line.start < first_start and not salutation_seen:
                continue
            if salutation_seen and not any(
                _FRONT_SALUTATION.match(ln.text.strip()) for ln in lines if ln.start < line.start
            ):
                continue
            bare.append((line, ("bare", BARE_RANK, "", None, len(line.text) - len(line.text.lstrip()))))
        if len(bare) >= 2:
            heads = sorted(heads + bare, key=lambda h: h[0].start)

    # 4. Tree of heading nodes.
    roots: list[_Node] = []
    stack: list[_Node] = []
    for line, (marker, rank, label, ordinal, label_end) in heads:
        label_end_abs = line.start + label_end
        title_start = label_end_abs
        while title_start < line.end and text[title_start] == " ":
            title_start += 1
        t_end, h_end = _title_end(text, title_start, line.end)
        node = _Node("part", marker, rank, label, ordinal, line.start, title_start, t_end, h_end)
        while stack and stack[-1].rank >= rank:
            stack.pop().end = line.start
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in stack:
        node.end = closing_at
    _trim_ends(roots, text)

    # 5. Front matter or preamble.
    top: list[_Node] = []
    first = roots[0].start if roots else closing_at
    if text[:first].strip():
        kind = "front" if _looks_like_front(text[:first]) else "preamble"
        top.append(_Node(kind, "", -1, "", None, 0, 0, 0, 0, first))
    top.extend(roots)
    if closing_at < appendix_at and text[closing_at:appendix_at].strip():
        top.append(_Node("closing", "", -1, "", None, closing_at, closing_at, closing_at, closing_at, appendix_at))
    if appendix_at < n and text[appendix_at:].strip():
        a_line_end = text.find("\n", appendix_at)
        a_line_end = n if a_line_end < 0 else a_line_end
        top.append(_Node("appendix", "", -1, "", None, appendix_at, appendix_at, a_line_end, a_line_end, n))

    # 6. Subtopics inside sections, and periods.
    for node in top:
        _add_topics(node, text)
    _assign_periods(top, text)

    sections = []
    part_no = 0
    for node in top:
        if node.kind == "part":
            part_no += 1
        sections.append(_freeze(node, folded, str(part_no) if node.kind == "part" else node.kind, 1))
    return tuple(sections)


def _trim_ends(nodes: list[_Node], text: str) -> None:
    for node in nodes:
        while node.end > node.start and text[node.end - 1] in "\n ":
            node.end -= 1
        _trim_ends(node.children, text)


def _looks_like_front(text: str) -> bool:
    """Text before the first heading is front matter when it has a title, meeting line or salutation."""
    return bool(
        re.search(r"政府工作报告|人民代表大会|各位代表|代表大会|会议上", text)
    )


#: The passage that ends a review: the difficulties and problems the government sees (a genre convention).
_DIFFICULTIES = re.compile(
    r"(?:(?<=\n)|(?<=[。！？]))[ \t\u3000]*(?:在(?:肯定|看到)成绩的同时|(?:同时，?)?我们(?:也)?清醒(?:地)?(?:看到|认识到))"
)


def _add_topics(node: _Node, text: str) -> None:
    for child in node.children:
        _add_topics(child, text)
    if node.kind not in ("part", "preamble") or node.children:
        return
    start, end = node.heading_end, node.end
    if end <= start:
        return
    body = text[start:end]
    enums = find_enumerations(body)
    # An enumeration (一要…二要…) names the topics; leads inside its items stay part of them.
    marks: list[TopicMark] = enums if len(enums) >= 2 else find_leads(body)
    if len(marks) < 1:
        return
    topics = []
    for i, m in enumerate(marks):
        t_start = start + m.start
        t_end = start + marks[i + 1].start if i + 1 < len(marks) else end
        if i + 1 == len(marks):
            # A review closes with the difficulties ahead (在肯定成绩的同时，我们也清醒看到…): that passage
            # is the part's own, not its last item's.
            close = _DIFFICULTIES.search(text, start + m.title_end, t_end)
            if close:
                t_end = close.start()
        while t_end > t_start and text[t_end - 1] in "\n ":
            t_end -= 1
        title_end = start + m.title_end
        heading_end = title_end + 1 if title_end < end and text[title_end] in _SENTENCE_END + ",:，：" else title_end
        topic = _Node("topic", m.marker, 9, m.label, m.ordinal, t_start, start + m.title_start, title_end,
                      heading_end, t_end)
        topics.append(topic)
    node.children = topics


def _assign_periods(nodes: list[_Node], text: str, inherited: str | None = None) -> None:
    for node in nodes:
        period = inherited
        if node.kind == "part":
            title = text[node.title_start : node.title_end]
            if _REVIEW.search(title):
                period = "review"
            elif _PLAN.search(title):
                period = "plan"
            elif _REVIEW_WEAK.search(title):
                period = "review"  # 2025年主要工作和“十四五”发展成就
        node.period = period
        _assign_periods(node.children, text, period)


def _freeze(node: _Node, folded: FoldedText, sid: str, level: int) -> Section:
    text = folded.normalized
    start, end = folded.to_original(node.start, node.end)
    title_s, title_e = folded.to_original(node.title_start, node.title_end)
    head_s, head_e = folded.to_original(node.start, node.heading_end)
    body_start = folded.to_original(node.heading_end, node.heading_end)[0] if node.heading_end < len(text) else end
    original = folded.original
    children = tuple(
        _freeze(c, folded, f"{sid}.{i + 1}", level + 1) for i, c in enumerate(node.children)
    )
    title = original[title_s:title_e].strip() if node.title_end > node.title_start else ""
    heading = original[head_s:head_e].strip() if node.heading_end > node.start else ""
    return Section(
        id=sid,
        kind=node.kind,
        level=level,
        marker=node.marker,
        label=node.label,
        ordinal=node.ordinal,
        title=title,
        heading=heading,
        start=start,
        end=max(start, end),
        body_start=min(max(body_start, start), max(start, end)),
        norm_start=node.start,
        norm_end=node.end,
        period=node.period,
        children=children,
        title_norm=text[node.title_start : node.title_end].strip() if node.title_end > node.title_start else "",
    )
