"""A figure's horizon: the span of time it covers, read from the words before it and the sentences before.

``"annual"`` — one year: the report's year for a target, the year before for a result (地区生产总值增长5%);
``"average"`` — a yearly average over several years (年均增长5.2%); ``"multi-year"`` — several years
together or the end of a plan period (过去五年…城镇新增就业超过6000万人, “十五五”时期…); ``"year:2030"`` — a
year other than the figure's own (到2030年…, 比2020年增长…is multi-year).

A report's five-year review runs over several sentences and paragraphs (五年来，我们… ——发展质效不断提高…),
so a sentence opening with 五年来/过去五年/“十四五”时期 sets the horizon of what follows until a sentence
opens with one year (2025年，… 一年来，…) or a top-level part begins. The words are in indicators.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .catalog import catalog

ANNUAL = "annual"
AVERAGE = "average"
MULTI_YEAR = "multi-year"

_CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_PLAN_RE = re.compile(r"“?十[一二三四五六七]五”?")
_YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2}|二[〇零○][一二三四五六七八九〇零○]{2})年(底|末|前|以前|之前)?")
_PRICE_BASE_AFTER = ("价格", "不变价", "可比价")
_COMPARED_BEFORE = ("比", "较", "与", "同", "相比", "比较")
_BY_BEFORE = ("到", "至", "在", "于", "力争到", "争取到", "到了")
_CHANGE_AFTER_AVERAGE = re.compile(r"增|减|提高|提升|下降|降低|递增|扩大|新增|上涨|回落")
#: A level a review says things reached (提高到76.58%), not a flow over the years (新增就业超700万人).
_REACH_END_RE = re.compile(r"(?:提高|增加|增长|提升|扩大|上升|跃升|下降|降低|缩小|减少)(?:到|至)$|(?:增|升|降|减)至$|达到$|达$|为$")
_FLOW_WORDS = ("新增", "累计", "新建", "新开工", "完成", "建成", "引进", "培育", "新认定")
_FIRST_CLAUSE_RE = re.compile(r"[，,：:；;。！？!?]")


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(average, multi-year, annual, cumulative) regexes from the catalogue's word lists."""
    c = catalog()

    def any_of(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    plan = r"“?十[一二三四五六七]五”?(?:" + any_of(c.plan_suffixes) + ")"
    return (
        re.compile(any_of(c.average)),
        re.compile(any_of(c.multi_year) + "|" + plan),
        re.compile(any_of(c.annual)),
        re.compile(any_of(c.cumulative)),
    )


def _year_value(text: str) -> int:
    return int(text.translate(_CN_YEAR_DIGITS)) if not text.isdigit() else int(text)


def own_years(period: str, year: int | None) -> tuple[int, ...]:
    """The years a figure of ``period`` in a report of ``year`` is about: the year for a target, the one
    before for a result, either when unknown."""
    if year is None:
        return ()
    if period == "target":
        return (year,)
    if period == "result":
        return (year - 1,)
    return (year, year - 1)


def _reaches(before: str, clause: str) -> bool:
    """Whether the text ``before`` a figure ends in a verb of reaching a level (提高到, 达) and its
    ``clause`` names no flow (新增, 累计…)."""
    return bool(_REACH_END_RE.search(before.rstrip())) and not any(w in clause for w in _FLOW_WORDS)


def _markers_in(before: str, period: str, year: int | None) -> list[tuple[int, int, str]]:
    """Every time word in ``before``: (start, end, the horizon it gives); 累计 not among them."""
    _, multi_re, annual_re, _ = _markers()
    found: list[tuple[int, int, str]] = []
    for m in _YEAR_RE.finditer(before):
        if before.startswith(_PRICE_BASE_AFTER, m.end()):
            continue  # 按2010年价格计算: the prices a level is counted in, not the time it is about
        y = _year_value(m.group(1))
        lead = before[max(0, m.start() - 4) : m.start()]
        if lead.endswith(_COMPARED_BEFORE):
            found.append((m.start(), m.end(), MULTI_YEAR))  # 比2020年增长30%: a change over several years
        elif (year is not None and y in own_years(period, year)) or (year is None and not (m.group(2) or lead.endswith(_BY_BEFORE))):
            found.append((m.start(), m.end(), ANNUAL))
        else:
            found.append((m.start(), m.end(), f"year:{y}"))
    for m in multi_re.finditer(before):
        found.append((m.start(), m.end(), MULTI_YEAR))
    for m in annual_re.finditer(before):
        found.append((m.start(), m.end(), ANNUAL))
    return found


def _marker_horizon(before: str, period: str, year: int | None) -> str | None:
    """The horizon the last time word in ``before`` gives (累计 counts unless one year is named); None when
    there is none."""
    found = _markers_in(before, period, year)
    if not any(h == ANNUAL for _, _, h in found):
        found += [(m.start(), m.end(), MULTI_YEAR) for m in _markers()[3].finditer(before)]
    if not found:
        return None
    return max(found, key=lambda item: item[1])[2]


def _cumulative_clause(clause: str, before: str, period: str, year: int | None) -> bool:
    """Whether the figure's own clause says 累计 with no single year in it, in a sentence that has named
    another year or span before (从2015年…到2020年…，累计增长44.44%): a total over years, whatever year the
    sentence names last (2024年，全年累计新增就业… stays one year's)."""
    if not _markers()[3].search(clause):
        return False
    if any(h == ANNUAL for _, _, h in _markers_in(clause, period, year)):
        return False
    return any(h != ANNUAL for _, _, h in _markers_in(before, period, year))


class _SentenceMarkers:
    """The time words of one sentence, found once, so that each of its figures asks for the last one
    before it in log time instead of rescanning the sentence up to it (a sentence of 10,000 figures made
    that quadratic). :meth:`horizon` gives what :func:`_marker_horizon` gives on the sentence cut at the
    figure; when a time word runs across the cut (a figure inside a time word: rare) it asks it."""

    def __init__(self, sentence: str, period: str, year: int | None) -> None:
        self.sentence = sentence
        self.period = period
        self.year = year
        found = _markers_in(sentence, period, year)
        cumulative = [(m.start(), m.end(), MULTI_YEAR) for m in _markers()[3].finditer(sentence)]
        # by end, then by place in the list (max() over the list keeps the first of equal ends)
        self._found = sorted(((e, i, h) for i, (_, e, h) in enumerate(found)))
        self._found_ends = [e for e, _, _ in self._found]
        self._cumulative_ends = sorted(e for _, e, _ in cumulative)
        annual = [e for _, e, h in found if h == ANNUAL]
        self._first_annual_end = min(annual) if annual else None
        spans = sorted((s, e) for s, e, _ in found + cumulative)
        self._starts = [s for s, _ in spans]
        self._reach: list[int] = []  # the furthest end of the spans starting up to here
        for _, e in spans:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def horizon(self, cut: int) -> str | None:
        """:func:`_marker_horizon` of ``sentence[:cut]``."""
        i = bisect_left(self._starts, cut)
        if i and self._reach[i - 1] > cut:  # a time word runs across the cut
            return _marker_horizon(self.sentence[:cut], self.period, self.year)
        k = bisect_right(self._found_ends, cut)
        best_end, best = -1, None
        if k:
            best_end = self._found_ends[k - 1]
            best = self._found[bisect_left(self._found_ends, best_end)][2]
        if self._first_annual_end is None or self._first_annual_end > cut:
            j = bisect_right(self._cumulative_ends, cut)
            if j and self._cumulative_ends[j - 1] > best_end:
                best = MULTI_YEAR
        return best


#: A clause that only addresses the hearers (各位代表，刚刚过去的2025年…): the next clause opens the sentence.
_SALUTATIONS = ("各位代表", "同志们", "各位委员")
#: How far into its first clause a time word may stand and still open the sentence (刚刚过去的2025年).
_OPENING_REACH = 6


def _opening_horizon(sentence: str, year: int | None) -> str | None:
    """What a sentence's opening says about the span of time the text now speaks of: several years
    (五年来，… “十四五”时期是…), one year (2025年，… 一年来，… 刚刚过去的2025年，…), or nothing (no time word
    at its start, or both: 2025年和“十四五”时期)."""
    text = sentence.lstrip(" \t\n　—-")
    for _ in range(2):
        m = _FIRST_CLAUSE_RE.search(text, 0, 40)
        first = text[: m.start()] if m else text[:40]
        if first.strip() in _SALUTATIONS and m is not None:
            text = text[m.end() :]
            continue
        found = _markers_in(first, "unknown", year)
        if not found or min(start for start, _, _ in found) > _OPENING_REACH:
            return None
        kinds = {h for _, _, h in found if h in (ANNUAL, MULTI_YEAR)}
        return next(iter(kinds)) if len(kinds) == 1 else None
    return None


def heading_horizon(heading: str, year: int | None = None) -> str:
    """The horizon a part's heading sets: several years for 二、“十五五”时期主要目标任务, one year for
    三、2026年重点工作 and for a heading naming both (一、2025年和“十四五”时期工作回顾: its paragraphs decide)."""
    _, multi_re, annual_re, _ = _markers()
    has_year = bool(_YEAR_RE.search(heading)) or bool(annual_re.search(heading))
    has_plan = bool(multi_re.search(heading)) or bool(_PLAN_RE.search(heading))
    return MULTI_YEAR if has_plan and not has_year else ANNUAL


class HorizonReader:
    """Horizons of the figures of one text, asked in reading order (the context carries forward)."""

    def __init__(
        self,
        text: str,
        sentence_ends: list[int],
        year: int | None,
        resets: list[tuple[int, str]] | None = None,
        initial: str = ANNUAL,
    ) -> None:
        self.f = text
        self.sentence_ends = sentence_ends
        self.year = year
        self.resets = resets or []
        self._reset_pos = [p for p, _ in self.resets]
        self.context = initial
        self._next_sentence = 0  #: index of the next sentence (by its end) not read for context yet
        self._last_reset = -1
        self._markers_key: tuple[int, str] | None = None
        self._markers: _SentenceMarkers | None = None

    def _advance(self, s_start: int) -> None:
        """Read the openings of the sentences before ``s_start`` (and any part heading) into the context."""
        ends = self.sentence_ends
        while self._next_sentence < len(ends):
            i = self._next_sentence
            start = ends[i - 1] + 1 if i > 0 else 0
            if start >= s_start:
                break
            self._apply_resets(start)
            opening = _opening_horizon(self.f[start : ends[i] + 1], self.year)
            if opening is not None:
                self.context = opening
            self._next_sentence += 1
        self._apply_resets(s_start)

    def _sentence_markers(self, s_start: int, pos: int, period: str) -> _SentenceMarkers:
        """The time words of the sentence starting at ``s_start`` (holding ``pos``), read once for all its
        figures."""
        key = (s_start, period)
        if self._markers is None or self._markers_key != key:
            i = bisect_left(self.sentence_ends, pos)
            s_end = self.sentence_ends[i] + 1 if i < len(self.sentence_ends) else len(self.f)
            self._markers_key = key
            self._markers = _SentenceMarkers(self.f[s_start : max(s_end, pos)], period, self.year)
        return self._markers

    def _apply_resets(self, pos: int) -> None:
        k = bisect_right(self._reset_pos, pos) - 1
        if k > self._last_reset:
            self._last_reset = k
            self.context = self.resets[k][1]

    def at(self, pos: int, s_start: int, clause: str, period: str, kind: str) -> str:
        """The horizon of the figure at ``pos`` (its sentence starts at ``s_start``; ``clause`` is the
        text of its clause before it)."""
        self._advance(s_start)
        average_re = _markers()[0]
        m = average_re.search(clause)
        if m and (kind == "change" or _CHANGE_AFTER_AVERAGE.search(clause, m.end())):
            return AVERAGE  # 年均增长5.2%, 年均新增就业12万人 (but PM2.5年均浓度 is one year's)
        if _cumulative_clause(clause, self.f[s_start:pos], period, self.year):
            return MULTI_YEAR  # 从2015年的56.1亿元增长到2020年的77.2亿元，累计增长44.44%: five years together
        hit = self._sentence_markers(s_start, pos, period).horizon(pos - s_start)
        if hit is not None:
            return hit
        reached = self.f[max(s_start, pos - 6) : pos]
        if self.context == MULTI_YEAR and period == "result" and kind == "level" and _reaches(reached, clause):
            return ANNUAL  # 五年来…常住人口城镇化率提高到76.58%: the level the period ended at, last year's
        return self.context
