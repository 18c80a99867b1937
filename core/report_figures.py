"""Figures of a parsed report: extraction runs on the folded text of each part, with the part's period as
a hint, and every figure is mapped back to the text as read (offsets and ``text`` as the user sees it)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .figures import Figure, extract_figures
from .figures.extract import Resolver
from .model import Report, Section

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
    """The figures inside ``section`` (children included), placed in the text as read."""
    return extract_figures(
        report.folded.normalized[section.norm_start : section.norm_end],
        report=report.name,
        period_hint=_PERIOD_HINT.get(section.period or ""),
        offset=section.norm_start,
        resolve=_resolver(report, section),
    )


def report_figures(report: Report) -> list[Figure]:
    """Every figure of the report, each with the id of the deepest section that holds it.

    One extraction pass over the whole folded text (the extractor reads the report's own part headings
    for result/target); where it cannot tell, the period of the part the figure stands in decides.
    """
    return extract_figures(report.folded.normalized, report=report.name, resolve=_resolver(report, None))


def indicator_table(reports: list[Report]) -> Any:
    """The cross-report indicator table (one row an indicator, one column a report)."""
    from .figures.table import build_table

    return build_table([report_figures(r) for r in reports], [r.name for r in reports])
