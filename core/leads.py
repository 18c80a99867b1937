"""Subtopics inside a section: lead sentences and inline enumerations.

Reports name their subtopics in two ways besides numbered headings:
- a *lead sentence*, a short verb phrase closed by 。 at a paragraph's start or inside a numbered section's
  paragraph (持续优化政务服务。深化“放管服”改革…), followed by the sentences that carry it out;
- an *enumeration* written inline: 一要…二要…, 一是…二是…, 第一，…第二，…, 首先…其次….

A lead is told from a short statement of fact by its shape: it has no figures (全年新增市场主体2000户以上。
is a result, 工业稳定运行。 a lead), no clause commas, no subject pronoun or time word at its start, and
body text follows it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .folding import HAN
from .numerals import cn_to_int

#: Longest lead sentence, in characters without its 。 (policy leads run 4–20; a little slack for names).
MAX_LEAD_CHARS = 26
MIN_LEAD_CHARS = 4
#: Shortest inline topic (lead plus the sentences that carry it out).
MIN_TOPIC_CHARS = 60

_SENTENCE = re.compile(r"[^。!?！？\n]*[。!?！？]?")
_DIGIT = re.compile(r"[0-9%％０-９]|[一二三四五六七八九十两百千万亿]+(个|项|家|所|座|条|户|人|亿|万|倍|%)")
_HAS_HAN = re.compile(f"[{HAN}]")


_QUOTED = re.compile(r"“[^”]{1,12}”")


def _has_figure(core: str) -> bool:
    """Figures outside quotes: a slogan may count (坚守“一条底线”), a statement of fact does not."""
    return bool(_DIGIT.search(_QUOTED.sub("", core)))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(statement starts, lead forms, evaluation ends) from leads.toml; an evaluation end counts only when
    no lead verb opens the sentence."""
    data = tomllib.loads(resources.files(__package__).joinpath("leads.toml").read_text(encoding="utf-8"))
    return (
        re.compile(f"^({_alternation(data['not_lead_starts'])})"),
        re.compile("|".join(data["lead_forms"])),
        re.compile(f"^(?!{_alternation(data['lead_verbs'])}).*({_alternation(data['not_lead_ends'])})$"),
        re.compile(f"^(?!{_alternation(data['lead_verbs'])}).*({_alternation(data['fact_words'])})"),
    )


@dataclass(frozen=True)
class TopicMark:
    """Where a subtopic starts in a text, and its title (offsets relative to that text)."""

    start: int
    title_start: int  #: where the title words begin (after 一要, 第一，)
    title_end: int  #: end of the title words (before 。/，)
    marker: str  #: "lead", "一要", "一是", "第一", "首先"
    label: str
    ordinal: int | None
    title: str


def is_lead_shaped(sentence: str) -> bool:
    """A sentence (with its closing 。) shaped like a lead: short, no figures, no commas, no subject."""
    if not sentence.endswith("。"):
        return False
    core = sentence[:-1].strip()
    n = len(core)
    if n < MIN_LEAD_CHARS or n > MAX_LEAD_CHARS:
        return False
    if any(c in core for c in ",，;；:：?？!！()（）《》"):
        return False
    if _has_figure(core) or not _HAS_HAN.search(core):
        return False
    not_start, forms, not_end, fact = _forms()
    if (not_start.match(core) and not forms.search(core)) or core.startswith(("—", "-")):
        return False
    if "是" in core and "是否" not in core:
        return False  # a copula states a fact (企业是技术创新的主体。); leads are verb phrases
    if n <= 8 and not_end.search(core):
        return False
    if fact.search(core):
        return False  # an event reported (荣获…称号。/ 农村敬老院…项目主体完工。), not a topic
    # Quoted slogans are fine (打好要素保障“组合拳”。) but a sentence that is only a quote is not a lead.
    return not (core.startswith("“") and core.endswith("”"))


def find_leads(text: str, *, body_start: int = 0) -> list[TopicMark]:
    """Lead sentences in ``text`` (a section's own text; ``body_start`` = where its body starts).

    A lead-shaped sentence counts when a longer sentence follows and carries it out. Reports place leads
    in one of two styles, and a section keeps to one: at the start of paragraphs (seeds 003, 004), or
    inline, one after another inside the section's paragraph (seed 000). When any paragraph opens with a
    lead, short sentences inside paragraphs are ordinary sentences; otherwise they are inline leads.
    """
    candidates: list[tuple[TopicMark, str]] = []  # (mark, "opening" | "paragraph" | "inline")
    para_start = True
    opening = True
    pos = body_start
    n = len(text)
    while pos < n:
        if text[pos] == "\n":
            pos += 1
            para_start = True
            continue
        m = _SENTENCE.match(text, pos)
        if m is None or m.end() == pos:
            pos += 1
            continue
        sentence = m.group()
        end = m.end()
        stripped = sentence.strip()
        if stripped and is_lead_shaped(stripped):
            follows = text[end : end + 120].lstrip(" ").lstrip("\n")
            nxt = _SENTENCE.match(follows)
            next_len = len(nxt.group()) if nxt else 0
            if follows and next_len > len(stripped):
                lead_start = pos + (len(sentence) - len(sentence.lstrip()))
                title = stripped[:-1]
                where = "opening" if opening else "paragraph" if para_start else "inline"
                candidates.append((TopicMark(lead_start, lead_start, lead_start + len(title), "lead", "", 0, title), where))
        if stripped:
            para_start = False
            opening = False
        pos = end
    paragraph_style = any(where == "paragraph" for _, where in candidates)
    keep = [m for m, where in candidates if not (paragraph_style and where == "inline")]
    if not paragraph_style and len(keep) == 1 and candidates[0][1] == "inline":
        keep = []  # one short sentence inside a paragraph is prose, not a list of topics
    if not paragraph_style:
        # A topic carries at least a sentence or two of text: lead-shaped sentences closer together than
        # that are one topic. Its first names it (强化水污染防治。严格落实河湖长制。把…: the second is the
        # first task of the first); a run of short facts (建成…二号线。全球首座…建成运行。) stays one topic too.
        spaced: list[TopicMark] = []
        for i, mark in enumerate(keep):
            if spaced and mark.start - spaced[-1].start < MIN_TOPIC_CHARS:
                continue
            next_start = keep[i + 1].start if i + 1 < len(keep) else len(text)
            if next_start - mark.start >= MIN_TOPIC_CHARS or i + 1 < len(keep):
                spaced.append(mark)
        keep = spaced
    if not paragraph_style and len(keep) >= 4:
        # Inline leads are written in parallel (全力保障就业。…全力办好教育。…): when most share their first
        # two characters, a short sentence that does not is an ordinary sentence of the last topic.
        prefixes = [m.title[:2] for m in keep]
        common = max(set(prefixes), key=prefixes.count)
        if prefixes.count(common) >= 0.75 * len(keep):
            keep = [m for m in keep if m.title[:2] == common]
    return [
        TopicMark(m.start, m.title_start, m.title_end, m.marker, m.label, i + 1, m.title) for i, m in enumerate(keep)
    ]


#: Two-clause leads at paragraph starts (坚守“一条底线”，打造疫情防控坚实堡垒。): longest, in characters.
MAX_CLAUSE_LEAD_CHARS = 40
#: Paragraphs opening with the same characters (一年来，我们始终…) are parallel topics when at least this
#: many do.
MIN_PARALLEL = 3
PARALLEL_PREFIX = 4
MAX_PARALLEL_SENTENCE = 60
_DASH = re.compile(r"^[—\-－]{1,3}")


def is_clause_lead(sentence: str) -> bool:
    """A paragraph's opening sentence shaped like a two- or three-clause lead: short, no figures, no list
    colon, no statement start (聚焦产业升级，加快构建现代化产业体系。)."""
    if not sentence.endswith("。"):
        return False
    core = sentence[:-1].strip()
    if not (6 <= len(core) <= MAX_CLAUSE_LEAD_CHARS):
        return False
    commas = sum(core.count(c) for c in ",，")
    if not 1 <= commas <= 3 or any(c in core for c in ";；:：?？!！《》"):
        return False
    if _has_figure(core) or not _HAS_HAN.search(core):
        return False
    not_start, forms, _, _ = _forms()
    first = re.split("[,，]", core, maxsplit=1)[0]
    if len(first) < 2 or (not_start.match(core) and not forms.search(core)):
        return False
    return "是" not in first or "是否" in first


def find_paragraph_leads(text: str) -> list[TopicMark]:
    """Topics that open paragraphs: lead sentences (one or more clauses), dash bullets (——经济运行持续向好。)
    and parallel openings (一年来，我们始终…), when the section is written that way (two or more).

    Parallel openings and dash bullets count whatever their shape, since the repetition marks them;
    single lead sentences must be lead-shaped.
    """
    paras: list[tuple[int, str]] = []  # (offset of the paragraph's first character, first sentence)
    opening = -1  # the offset of the section's first paragraph
    pos = 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" \u3000\t"))
        body = line[lead:]
        if body:
            opening = pos + lead if opening < 0 else opening
            m = _SENTENCE.match(body)
            sentence = m.group() if m else ""
            if len(body) > len(sentence) + 10:  # a heading of a body, not a paragraph of its own
                paras.append((pos + lead, sentence))
        pos += len(line) + 1
    if len(paras) < 2:
        return []
    marks: dict[int, tuple[int, str]] = {}  # paragraph offset → (where its title starts, title)
    dashed = [(at, s) for at, s in paras if _DASH.match(s)]
    if len(dashed) >= 2:
        for at, s in dashed:
            d = _DASH.match(s)
            assert d is not None
            marks[at] = (at + d.end(), s[d.end():].rstrip("。"))
    prefixes: dict[str, list[tuple[int, str]]] = {}
    for at, s in paras:
        key = s[:PARALLEL_PREFIX]
        if len(key) == PARALLEL_PREFIX and len(s) <= MAX_PARALLEL_SENTENCE and s.endswith("。") and _HAS_HAN.match(key):
            prefixes.setdefault(key, []).append((at, s))
    for group in prefixes.values():
        if len(group) >= MIN_PARALLEL:
            for at, s in group:
                marks.setdefault(at, (at, s[:-1]))
    # A section's first paragraph often opens with a motto (好风凭借力，送我上青云。安而不忘危，存而不忘亡。)
    # that introduces it: there only a one-clause lead counts.
    shaped = [(at, s) for at, s in paras
              if at not in marks and (is_lead_shaped(s) or (at != opening and is_clause_lead(s)))]
    if len(shaped) + len(marks) >= 2:
        for at, s in shaped:
            marks[at] = (at, s[:-1])
    if len(marks) < 2:
        return []
    out = []
    for i, (at, (title_at, title)) in enumerate(sorted(marks.items())):
        out.append(TopicMark(at, title_at, title_at + len(title), "lead", "", i + 1, title))
    return out


_CN = "一二三四五六七八九十"
# 一要… 二要…, 一是… 二是…: the enumerator must start a sentence or clause.
_ENUM = re.compile(rf"(?:(?<=^)|(?<=[。;；:：,，\n]))\s*([{_CN}]{{1,2}})(要|是)(?=[^,，。]{{2}})")
_ORDINAL = re.compile(rf"(?:(?<=^)|(?<=[。;；:：\n]))\s*(第([{_CN}]{{1,2}}))[,，、]")
_FIRST_NEXT = re.compile(r"(?:(?<=^)|(?<=[。;；:：\n]))\s*(首先|其次|再次|最后)[,，]")
_TITLE_END = re.compile(r"[。;；,，:：!！?？\n]")


def find_enumerations(text: str, *, body_start: int = 0) -> list[TopicMark]:
    """Inline enumerations (一要…二要…, 一是…二是…, 第一，…第二，…, 首先…其次…) in ``text``.

    Only runs that start at 一/第一/首先 and go on to at least 二/第二/其次 count: a lone 一是 is prose.
    """
    best: list[TopicMark] = []
    for word in ("要", "是"):
        found: list[TopicMark] = []
        expected = 1
        for m in _ENUM.finditer(text, body_start):
            if m.group(2) != word:
                continue
            num = cn_to_int(m.group(1))
            if num is None:
                continue
            if num == 1 and expected != 1 and len(found) >= 2:
                break  # a second run: keep the first (a later list is a nested one)
            if num != expected:
                if num == 1:
                    found, expected = [], 1
                else:
                    continue
            label = m.group(1) + word
            found.append(_mark(text, m.start(1), m.end(2), label, f"一{word}", num))
            expected = num + 1
        if len(found) >= 2 and len(found) > len(best):
            best = found
    if not best:
        found = []
        expected = 1
        for m in _ORDINAL.finditer(text, body_start):
            num = cn_to_int(m.group(2))
            if num != expected:
                continue
            found.append(_mark(text, m.start(1), m.end(), m.group(1), "第一", num))
            expected += 1
        if len(found) >= 2:
            best = found
    if not best:
        words = ["首先", "其次", "再次", "最后"]
        found = []
        for m in _FIRST_NEXT.finditer(text, body_start):
            w = m.group(1)
            if words.index(w) == len(found) or (w == "最后" and found):
                found.append(_mark(text, m.start(1), m.end(), w, "首先", len(found) + 1))
        if len(found) >= 2:
            best = found
    return best


def _mark(text: str, start: int, title_start: int, label: str, marker: str, ordinal: int | None) -> TopicMark:
    m = _TITLE_END.search(text, title_start)
    title_end = m.start() if m else len(text)
    title_end = min(title_end, title_start + 40)
    return TopicMark(start, title_start, title_end, marker, label, ordinal, text[title_start:title_end].strip())
