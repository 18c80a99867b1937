"""Parse a report's outline: numbered parts, subtopics, and the text before and after them.

Works on the normalized text (so ``（一）`` and ``(一)``, ``１.`` and ``1.`` read alike) and reports offsets in
the original text through the folding map. Never raises: odd input gives a flat or empty outline.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .folding import FoldedText
from .leads import TopicMark, find_enumerations, find_leads, find_paragraph_leads
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
    r"^(附件|附表|附录|附[:：]|注释|附注|名词解释|名词注释|名词说明|短语说明|词语解释|相关报道|责任编辑|编辑|\(来源|来源[:：]|"
    r"《政府工作报告》.{0,12}(注释|解释))"
)
# Lines a scraped web page puts around a report: never headings.
_PAGE_NOISE = re.compile(r"^(下载|打印|全屏|收藏|【字号|加大|还原|减小|】|来源[:：]|时间[:：]|发布时间|分享到|扫一扫)")
_REVIEW = re.compile(r"(回顾|总结|过去.{0,4}工作|五年来|一年来|工作情况)")
#: Words of a review that plan titles share less clearly (…发展成就和“十五五”目标任务 is a plan's).
_REVIEW_WEAK = re.compile(r"(成就|成效|成绩)")
_PLAN = re.compile(r"(安排|部署|任务|目标|重点工作|工作重点|工作的建议|工作建议|总体要求|政策取向|主要预期|打算|计划|展望|重点抓好)")


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


#: A heading whose quotation the page broke over lines (二、“ / 十四五 / ”时期发展的总体思路和重点任务) is read
#: on to the line that closes it, across at most this many short lines.
_QUOTE_LINES = 3
_QUOTE_LINE_CHARS = 30


def _past_broken_quotes(text: str, lines: list[_Line], line_at: dict[int, int], line: _Line, title_start: int,
                        t_end: int, h_end: int) -> tuple[int, int]:
    """(title end, heading end) read on past the line breaks inside an open quotation of the title; as
    given when the title's quotations are closed on its line."""
    title = text[title_start:t_end]
    if title.count("“") <= title.count("”") or t_end < line.end:
        return t_end, h_end
    i = line_at.get(line.start)
    if i is None:
        return t_end, h_end
    opened = title.count("“") - title.count("”")
    for nxt in lines[i + 1 : i + 1 + _QUOTE_LINES]:
        if len(nxt.text.strip()) > _QUOTE_LINE_CHARS:
            break
        opened += nxt.text.count("“") - nxt.text.count("”")
        if opened <= 0:
            return _title_end(text, nxt.start, nxt.end)
    return t_end, h_end


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

    # 2. A page holding the report twice (scraped with its site around it): the second copy is kept whole,
    # as one appendix, so that the report's sections, rows and figures appear once.
    copy_at = _second_copy(heads)
    report_end = n if copy_at is None else copy_at
    if copy_at is not None:
        # The copy starts with its own salutation (各位代表：) when the page repeats the front matter too.
        before = [ln for ln, _ in heads if ln.start < copy_at]
        last = before[-1].start if before else 0
        for line in lines:
            if last < line.start < copy_at and _FRONT_SALUTATION.match(line.text.strip()):
                report_end = line.start
    heads = [(ln, h) for ln, h in heads if ln.start < report_end]

    # 3. Back matter: appendices (glossaries, 附件, "related reports" of a web page) in the last part of
    # the text, then the closing call after the last heading before them.
    appendix_at = report_end
    first_head = heads[0][0].start if heads else 0
    for line in lines:
        if line.start >= report_end:
            break
        if line.start > max(first_head, report_end * 0.5) and _APPENDIX.match(line.text.strip()):
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

    # 4. Bare headings, when the report numbers no part with 一、 (甘肃: “十四五”时期工作回顾); when it does,
    # unnumbered part titles that name a review or a plan (过去五年工作回顾 / 今年政府工作重点, above
    # 一、…) stand above the numbering.
    first_start = heads[0][0].start if heads else closing_at
    numbered_parts = any(h[1] <= BARE_RANK for _, h in heads)
    bare_rank = BARE_RANK - 1 if numbered_parts else BARE_RANK
    bare: list[tuple[_Line, tuple[str, int, str, int | None, int]]] = []
    salutation_seen = any(_FRONT_SALUTATION.match(ln.text.strip()) for ln in lines if ln.start < first_start)
    numbered = {ln.start for ln, _ in heads}
    for i, line in enumerate(lines):
        if line.start >= closing_at:
            break
        if line.start in numbered or not _is_bare_heading(line):
            continue
        if numbered_parts and _title_period(line.text.strip()) is None and "自身建设" not in line.text:
            continue
        # The next paragraph (past a bare 各位代表！ on a line of its own) carries the part.
        nxt = next((ln for ln in lines[i + 1 :] if ln.text.strip() and not _FRONT_SALUTATION.match(
            ln.text.strip())), None)
        if nxt is None or _is_bare_heading(nxt) or len(nxt.text) < 20:
            continue
        if line.start < first_start and not salutation_seen:
            continue
        if salutation_seen and not any(
            _FRONT_SALUTATION.match(ln.text.strip()) for ln in lines if ln.start < line.start
        ):
            continue
        bare.append((line, ("bare", bare_rank, "", None, len(line.text) - len(line.text.lstrip()))))
    if len(bare) >= 2:
        heads = sorted(heads + bare, key=lambda h: h[0].start)

    # 5. Tree of heading nodes, and interludes between them.
    interludes = _interludes(lines, heads, closing_at)
    line_at = {ln.start: i for i, ln in enumerate(lines)}
    roots: list[_Node] = []
    stack: list[_Node] = []
    for line, (marker, rank, label, ordinal, label_end) in heads:
        while interludes and interludes[0] < line.start:
            at = interludes.pop(0)
            while stack:
                stack.pop().end = at
            roots.append(_interlude_node(text, at, line.start))
        label_end_abs = line.start + label_end
        title_start = label_end_abs
        while title_start < line.end and text[title_start] == " ":
            title_start += 1
        t_end, h_end = _title_end(text, title_start, line.end)
        t_end, h_end = _past_broken_quotes(text, lines, line_at, line, title_start, t_end, h_end)
        node = _Node("part", marker, rank, label, ordinal, line.start, title_start, t_end, h_end)
        while stack and stack[-1].rank >= rank:
            stack.pop().end = line.start
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for at in interludes:
        while stack:
            stack.pop().end = at
        roots.append(_interlude_node(text, at, closing_at))
    for node in stack:
        node.end = closing_at
    _trim_ends(roots, text)

    # 6. Front matter or preamble.
    top: list[_Node] = []
    first = roots[0].start if roots else closing_at
    if text[:first].strip():
        kind = "front" if _looks_like_front(text[:first]) else "preamble"
        top.append(_Node(kind, "", -1, "", None, 0, 0, 0, 0, first))
    top.extend(roots)
    if closing_at < appendix_at and text[closing_at:appendix_at].strip():
        top.append(_Node("closing", "", -1, "", None, closing_at, closing_at, closing_at, closing_at, appendix_at))
    for a_start, a_end in ((appendix_at, report_end), (report_end, n)):
        if a_start < a_end and text[a_start:a_end].strip():
            a_line_end = text.find("\n", a_start)
            a_line_end = a_end if a_line_end < 0 else min(a_line_end, a_end)
            top.append(_Node("appendix", "", -1, "", None, a_start, a_start, a_line_end, a_line_end, a_end))

    # 7. Subtopics inside sections, and periods.
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


#: A paragraph addressing the deputies (各位代表，…) between the numbered parts starts a passage of its own:
#: between a review and a plan numbered 一、 again, or the government's own tasks after the plan's last
#: chapter, when it is at least this long.
_INTERLUDE = re.compile(r"^\s*各位代表[,，!！:：]\s*\S")
MIN_INTERLUDE_CHARS = 300


def _interludes(lines: list[_Line], heads: list[tuple[_Line, tuple[str, int, str, int | None, int]]],
                closing_at: int) -> list[int]:
    """Where passages that address the deputies start between parts (see _INTERLUDE)."""
    if not heads:
        return []
    top_rank = min(h[1] for _, h in heads)
    starts = [ln.start for ln, _ in heads]
    out = []
    gi = 0
    used_gap: set[int] = set()
    for line in lines:
        if line.start <= starts[0] or line.start >= closing_at or not _INTERLUDE.match(line.text):
            continue
        while gi + 1 < len(starts) and starts[gi + 1] <= line.start:
            gi += 1
        if gi in used_gap:
            continue
        head_line, _ = heads[gi]
        nxt = heads[gi + 1] if gi + 1 < len(heads) else None
        end = nxt[0].start if nxt else closing_at
        if nxt is not None and not (nxt[1][3] == 1 and nxt[1][1] == top_rank):
            continue  # more of the same numbering follows: an ordinary paragraph of the part
        if end - line.start < MIN_INTERLUDE_CHARS or line.start - head_line.end < 50:
            continue
        used_gap.add(gi)
        out.append(line.start)
    return out


#: An interlude's title is its first clause up to this many characters, else its first INTERLUDE_TITLE_CUT.
INTERLUDE_TITLE_MAX = 36
INTERLUDE_TITLE_CUT = 20
INTERLUDE_TITLE_MIN = 8
_CLAUSE_END = _SENTENCE_END + "，,：:\n"


def _interlude_node(text: str, start: int, end: int) -> _Node:
    """An unnumbered part for an interlude, titled by its first words after the address (各位代表，当前和
    今后一个时期… is titled 当前和今后一个时期…)."""
    address = re.match(r"\s*各位代表[,，!！:：]\s*", text[start:end])
    first = start + (address.end() if address else 0)
    # The title is the first clause when it is short enough to read as one (对政府自身建设提出了更高要求 must
    # not lose its 要求 to a fixed width); a long clause is cut at the width, as before.
    # A clause too short to name the part (踏上新征程，) takes the next one with it.
    stop = first
    limit = min(end, first + INTERLUDE_TITLE_MAX)
    while True:
        while stop < limit and text[stop] not in _CLAUSE_END:
            stop += 1
        if stop >= limit or stop - first >= INTERLUDE_TITLE_MIN or text[stop] not in "，,":
            break
        clause_end = stop
        stop += 1
        while stop < limit and text[stop] not in _CLAUSE_END:
            stop += 1
        if stop >= limit:
            stop = clause_end
            break
    if stop == limit:
        stop = min(end, first + INTERLUDE_TITLE_CUT)
        while stop > first and text[stop - 1] in "、“‘（(":
            stop -= 1
    return _Node("part", "bare", BARE_RANK, "", None, start, first, stop, start, end)


#: A second copy starts where this many headings in a row repeat the first ones, word for word.
MIN_REPEATED_HEADINGS = 3


def _second_copy(heads: list[tuple[_Line, tuple[str, int, str, int | None, int]]]) -> int | None:
    """Where the report's text starts over (its first heading again, followed by the next ones)."""
    texts = [ln.text.strip() for ln, _ in heads]
    need = min(MIN_REPEATED_HEADINGS, len(texts) // 2)
    if need < 2:
        return None
    if len(set(texts[:need])) < need:
        return None  # the same heading over and over is no report's start
    for i in range(1, len(texts) - need + 1):
        if texts[i : i + need] == texts[:need]:
            return heads[i][0].start
    return None


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


def _topic_marks(body: str) -> list[TopicMark]:
    """The subtopics of a section's body, by how the section is written: an enumeration whose items open
    paragraphs (一是…), else topics opening paragraphs (leads, dash bullets, parallel openings), else an
    enumeration inside a paragraph (…。一要…；二要…), else lead sentences one after another."""
    enums = find_enumerations(body)
    if len(enums) >= 2 and all(m.start == 0 or body[m.start - 1] in "\n \u3000\t" for m in enums):
        return enums
    paragraphs = find_paragraph_leads(body)
    if len(paragraphs) >= 2:
        return paragraphs
    if len(enums) >= 2:
        return enums  # leads inside its items stay part of them
    return find_leads(body)


#: A paragraph addressing the deputies, inside a part.
_ADDRESS = re.compile(r"\n[ \t\u3000]*各位代表[,，!！:：]")


def _add_topics(node: _Node, text: str) -> None:
    for child in node.children:
        _add_topics(child, text)
    if node.kind not in ("part", "preamble") or node.children:
        return
    start, end = node.heading_end, node.end
    if end <= start:
        return
    body = text[start:end]
    # A review's closing passage on difficulties (一是经济总量小…) lists problems, not its topics.
    close = _DIFFICULTIES.search(body)
    own = body[: close.start()] if close else body
    marks = _topic_marks(own)
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
            # So is a paragraph that turns to the deputies (各位代表！2020年是大战大考之年…): it sums up the
            # part, it does not carry out the last topic.
            address = _ADDRESS.search(text, start + m.title_end, t_end)
            if address:
                t_end = address.start() + 1
        while t_end > t_start and text[t_end - 1] in "\n ":
            t_end -= 1
        title_end = start + m.title_end
        heading_end = title_end + 1 if title_end < end and text[title_end] in _SENTENCE_END + ",:，：" else title_end
        topic = _Node("topic", m.marker, 9, m.label, m.ordinal, t_start, start + m.title_start, title_end,
                      heading_end, t_end)
        topics.append(topic)
    node.children = topics


#: Sentences that open a review or a plan when the report numbers neither as a part: 一年来，我们主要做了
#: 以下工作 / 2024年，我们将重点抓好以下几个方面工作 (also as a short unnumbered line: 2023年工作回顾).
_REVIEW_CUE = re.compile(r"(一年来|过去一年|五年来|过去五年|回顾过去).{0,24}(以下|如下|这些)(工作|几个方面|方面)")
_PLAN_CUE = re.compile(r"(今年|明年|\d{4}年|今后五年|今后一个时期).{0,30}(抓好|做好|突出|推进|着力).{0,12}(以下|如下|几个方面|方面工作)")


_TITLE_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")

#: How a part whose title says neither (二、一张蓝图绘到底…, 三、一鼓作气勇争先…) opens its body: a plan's
#: first sentences set out what comes (“十五五”时期…的总体要求是, 今年…主要预期目标, 我们将…), a review's
#: look back (过去一年, 五年来). The first of these in the opening decides; only a part after the review asks.
_OPENING_REVIEW = re.compile(r"一年来|过去一年|五年来|过去五年|这五年|回顾")
_OPENING_PLAN = re.compile(r"我们将|总体要求|预期目标|开局之年|今后五年|未来五年|今后一个时期|纲要草案|纲要（草案）|指导思想是")
_OPENING_CHARS = 1200


def _opening_period(text: str, node: _Node) -> str | None:
    """Review or plan from the first sentences of a part's body (None when they say neither)."""
    body = text[node.heading_end : min(node.heading_end + _OPENING_CHARS, node.end if node.end > 0 else len(text))]
    review = _OPENING_REVIEW.search(body)
    plan = _OPENING_PLAN.search(body)
    if review is None and plan is None:
        return None
    if plan is None or (review is not None and review.start() < plan.start()):
        return "review"
    return "plan"


def _title_period(title: str) -> str | None:
    if _REVIEW.search(title):
        return "review"
    if _REVIEW_WEAK.search(title) and "主要工作" in title:
        return "review"  # 2025年主要工作和“十四五”发展成就: what was done
    if _PLAN.search(title) or "主要工作" in title:  # 2021年主要工作: this year's
        return "plan"
    if _REVIEW_WEAK.search(title):
        return "review"  # 2025年主要工作和“十四五”发展成就
    return None


def mixed_title(title: str | None) -> bool:
    """Whether a part's title names both what was done and what is planned (“十四五”时期发展成就和“十五五”
    时期主要目标任务): its period holds for one half only."""
    if not title:
        return False
    return bool((_REVIEW.search(title) or _REVIEW_WEAK.search(title)) and _PLAN.search(title))


def _period_cues(text: str) -> list[tuple[int, str]]:
    """Where the text says a review or a plan begins, outside numbered headings, in order."""
    out = []
    dated: list[tuple[int, int]] = []  # unnumbered part titles with a year: (offset, year)
    for line in _lines(text):
        s = line.text.strip()
        if _is_bare_heading(line) and (p := _title_period(s)) is not None:
            out.append((line.start, p))
            if (y := re.search(r"(?:19|20)\d\d(?=年)", s)) is not None:
                dated.append((line.start, int(y.group())))
            continue
        for m in _REVIEW_CUE.finditer(s):
            out.append((line.start + m.start(), "review"))
        for m in _PLAN_CUE.finditer(s):
            out.append((line.start + m.start(), "plan"))
    years = sorted({y for _, y in dated})
    if len(years) == 2:
        # 奋力完成2023年…各项任务 / 全力实现2024年…奋斗目标: the earlier year is the one reviewed.
        by_at = {at: ("review" if y == years[0] else "plan") for at, y in dated}
        out = [(at, by_at.get(at, p)) for at, p in out]
    return sorted(out)


def _assign_periods(nodes: list[_Node], text: str, inherited: str | None = None,
                    cues: list[tuple[int, str]] | None = None, cue_at: list[int] | None = None) -> None:
    """A part's period from its title, else from its parent, else from the last cue before it; top-level
    runs that restart their numbering (一、…七、 then 一、…八、) without either are the review, then the plan."""
    top = cues is None
    if cues is None:
        cues = _period_cues(text)
    if cue_at is None:
        cue_at = [at for at, _ in cues]  # (cues are sorted: the last one before a part is a bisection)
    # Top-level titles that name years (一、2025年和“十四五”工作回顾 … 三、关于2026年工作): the latest year is
    # the plan's, an earlier one the review's.
    dated = {id(n): int(y.group()) for n in nodes if n.kind == "part"
             and (y := _TITLE_YEAR.search(text[n.title_start : n.title_end])) is not None} if top else {}
    several_years = len(set(dated.values())) > 1
    latest_year = max(dated.values(), default=None)
    part_starts = sorted(n.start for n in nodes if n.kind == "part")
    prev_top: str | None = None
    for node in nodes:
        period = inherited
        if node.kind == "part":
            own = _title_period(text[node.title_start : node.title_end])
            # Inside a review or a plan, a chapter's title words (圆满完成…任务, …取得新成效) say little; only
            # a review's own words (回顾, 五年来) turn a part of a plan into a review.
            if inherited is not None and not (own == "review" and _REVIEW.search(text[node.title_start : node.title_end])):
                own = None
            # 2021年主要工作 is this year's, but 一、2023年主要工作 before 二、2024年主要目标和重点工作 is the
            # year reviewed: where titles name several years, the year decides over 主要工作 alone
            if own == "plan" and not _PLAN.search(text[node.title_start : node.title_end]) and several_years:
                own = None
            period = own or inherited
            if period is None and id(node) in dated and several_years:
                period = "plan" if dated[id(node)] == latest_year else "review"
            title = text[node.title_start : node.title_end]
            if period is None and top and "自身建设" in title:
                period = "plan"  # the government's own tasks close the plan
            if period is None:
                # A cue since the previous part began (not a stale one from an earlier part). Both by
                # bisection: a report of 5,000 parts took 25 M steps here.
                k = bisect_left(part_starts, node.start)
                since = part_starts[k - 1] if k else -1
                j = bisect_right(cue_at, node.start)
                last = cues[j - 1] if j and cue_at[j - 1] >= since else None
                period = last[1] if last is not None else (prev_top if top else None)
                if top and period == "review" and prev_top == "review" and _opening_period(text, node) == "plan":
                    # a part after the review whose title says neither and whose opening sentences announce
                    # what comes (福建 2026's 二、“十五五”时期…总体要求是, 三、…今年…主要预期目标) is the plan, not
                    # a review by the previous part's period or by the review's own cue (四川 2026's 一年来，
                    # 主要做了以下工作 in 一、); never the other way: a plan part may open with a look back
                    # (national 2005's 六、一年来，…我们要…)
                    period = "plan"
        if top and node.kind == "part":
            prev_top = period
        node.period = period
        _assign_periods(node.children, text, period, cues, cue_at)
    if top:
        _periods_of_runs(nodes)


def _periods_of_runs(nodes: list[_Node]) -> None:
    parts = [n for n in nodes if n.kind == "part" and n.ordinal is not None]
    runs: list[list[_Node]] = []
    for node in parts:
        if not runs or (node.ordinal == 1 and (runs[-1][-1].ordinal or 0) >= 2 and node.marker == runs[-1][-1].marker):
            runs.append([node])
        else:
            runs[-1].append(node)
    if len(runs) < 2 or any(n.period for run in runs[:2] for n in run):
        return

    def set_period(node: _Node, period: str) -> None:
        node.period = period
        for c in node.children:
            set_period(c, period)

    for node in runs[0]:
        set_period(node, "review")
    for node in runs[1]:
        set_period(node, "plan")


_NOTE_MARK = re.compile(r"[ \u00a0]*\^?(?:\[\d{1,3}\]|［\d{1,3}］|〔\d{1,3}〕|【\d{1,3}】)")


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
    if "\n" in title:  # a title read past broken quotations (_past_broken_quotes) is one line of words
        title = re.sub(r"\s*\n\s*", "", title)
        heading = re.sub(r"\s*\n\s*", "", heading)
    if "[" in heading or "］" in heading or "〔" in heading or "】" in heading:
        # A glossary's note marker (folded away for comparison) is no part of a heading's words.
        title, heading = _NOTE_MARK.sub("", title), _NOTE_MARK.sub("", heading)
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
        title_norm=re.sub(r"\s*\n\s*", "", text[node.title_start : node.title_end].strip())
        if node.title_end > node.title_start else "",
    )
