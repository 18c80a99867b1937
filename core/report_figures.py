"""Figures of a parsed report: extraction runs on the folded text of each part, with the part's period as
a hint, and every figure is mapped back to the text as read (offsets and ``text`` as the user sees it)."""

from __future__ import annotations

import threading
from bisect import bisect_right
from typing import Any

from .figures import Figure, extract_figures
from .figures.extract import Resolver
from .model import Report, Section
from .outline import mixed_title

_PERIOD_HINT = {"review": "result", "plan": "target"}


class _Locator:
    """The deepest section holding a normalized offset, by bisection at each level of the tree."""

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self._levels: dict[int, tuple[list[int], tuple[Section, ...]]] = {}
        self._top = sections

    def _index(self, sections: tuple[Section, ...]) -> tuple[list[int], tuple[Section, ...]]:
        key = id(sections)
        hit = self._levels.get(key)
        if hit is None:
            hit = ([s.norm_start for s in sections], sections)
            self._levels[key] = hit
        return hit

    def deepest(self, offset: int) -> Section | None:
        found = None
        sections = self._top
        while sections:
            starts, secs = self._index(sections)
            i = bisect_right(starts, offset) - 1
            if i < 0 or offset >= secs[i].norm_end:
                return found
            found = secs[i]
            sections = found.children
        return found


def _resolver(report: Report, fallback: Section | None) -> Resolver:
    """Places a figure found in the folded text: offsets and text as read, the deepest section holding it
    (``fallback`` when none), and that section's period as a hint."""
    text = report.text
    to_original = report.folded.to_original
    locator = _Locator(report.sections)

    def resolve(start: int, end: int) -> tuple[int, int, str, str, str | None]:
        section = locator.deepest(start) or fallback
        o_start, o_end = to_original(start, end)
        hint = _PERIOD_HINT.get(section.period or "") if section is not None else None
        return o_start, o_end, text[o_start:o_end], section.id if section is not None else "", hint

    return resolve


def section_figures(report: Report, section: Section) -> list[Figure]:
    """The figures inside ``section`` (children included), placed in the text as read.

    They are the report's own figures (:func:`report_figures`) that stand in the section, so a figure reads
    the same in a row of the app as in the whole report: its period and horizon depend on the headings and
    sentences before its section (a part on “十四五” achievements, a 五年来 paragraph)."""
    return [f for f in report_figures(report) if section.start <= f.start < section.end]


_CACHE_SIZE = 64
_cache: dict[int, tuple[Report, list[Figure]]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget the remembered figures (benchmarks time cold extractions)."""
    with _cache_lock:
        _cache.clear()


def report_figures(report: Report) -> list[Figure]:
    """Every figure of the report, each with the id of the deepest section that holds it.

    One extraction pass over the whole folded text (the extractor reads the report's own part headings
    for result/target and horizon); where it cannot tell, the period of the part the figure stands in
    decides. Remembered for the last reports asked (the app asks section by section).
    """
    with _cache_lock:
        hit = _cache.get(id(report))
    if hit is not None and hit[0] is report:
        return list(hit[1])
    # The outline's period of a part decides where it is sure; a part on one plan's achievements and the
    # next plan's targets (its title names both) is left to the extractor, which splits it.
    parts = [
        (s.norm_start, None if mixed_title(s.title_norm or s.title) else _PERIOD_HINT.get(s.period or ""),
         s.title_norm or s.title, s.norm_end)
        for s in report.sections
        if s.kind == "part"
    ]
    figures = extract_figures(
        report.folded.normalized,
        report=report.name,
        resolve=_resolver(report, None),
        year=report.meta.year,
        parts=parts,
    )
    with _cache_lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[id(report)] = (report, figures)
    return list(figures)


def plan_spans(report: Report) -> tuple[tuple[int, int], ...]:
    """Where the report's plan parts for its year stand in the text as read (今年/明年 工作安排, 主要预期目标;
    not a part on a five-year plan): the only places a target of the tracker may come from. () when the
    outline finds no plan part (a review alone, a truncated copy)."""
    from .figures.tracker import five_year_part

    return tuple(
        (s.start, s.end)
        for s in report.sections
        if s.kind == "part" and s.period == "plan" and not five_year_part(s.title_norm or s.title, report.meta.year)
    )


def tracked_report(report: Report) -> Any:
    """The report as the targets tracker reads it: year, name, figures, plan parts, region."""
    from .figures.tracker import TrackedReport

    return TrackedReport(
        report.meta.year or 0, report.name, tuple(report_figures(report)), plan_spans(report), report.meta.region,
        report.path, part_spans(report),
    )


def part_spans(report: Report) -> tuple[tuple[int, int], ...]:
    """Where the report's parts stand in the text as read (not front matter, closing or appendix)."""
    return tuple((s.start, s.end) for s in report.sections if s.kind == "part")


def glossary_spans(report: Report) -> tuple[tuple[int, int], ...]:
    """Where the report's glossaries and annexes stand (附：名词解释, 附件1, 短语说明): their figures explain
    terms or list tasks and stay out of the indicator table."""
    return tuple((s.start, s.end) for s in report.sections if is_glossary(s.kind, s.title))


def is_glossary(kind: str | None, title: str | None) -> bool:
    """Whether a section (its kind and title) is a glossary or annex whose figures are no indicator values;
    the one rule for the CLI table, the app and the corpus index."""
    from .figures.identity import row_words

    return kind == "appendix" and any(w in (title or "") for w in row_words().glossary_titles)


def table_figures(report: Report) -> list[Figure]:
    """The report's figures for the indicator table: all but those of its glossaries and annexes."""
    spans = glossary_spans(report)
    return [f for f in report_figures(report) if not any(a <= f.start < b for a, b in spans)]


def indicator_table(reports: list[Report]) -> Any:
    """The cross-report indicator table (one row an indicator, one column a report), without the figures of
    glossaries and annexes."""
    from .figures.table import build_table

    return build_table([table_figures(r) for r in reports], [r.name for r in reports])
