"""Figures of a parsed report: extraction runs on the folded text of each part, with the part's period as
a hint, and every figure is mapped back to the text as read (offsets and ``text`` as the user sees it)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any

from .figures import Figure, extract_figures
from .model import Report, Section

_PERIOD_HINT = {"review": "result", "plan": "target"}


def _map(report: Report, figures: list[Figure]) -> list[Figure]:
    out = []
    for f in figures:
        start, end = report.folded.to_original(f.start, f.end)
        out.append(replace(f, start=start, end=end, text=report.text[start:end]))
    return out


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


def _deepest(report: Report, norm_offset: int) -> Section | None:
    return _Locator(report.sections).deepest(norm_offset)


def section_figures(report: Report, section: Section) -> list[Figure]:
    """The figures inside ``section`` (children included), with original offsets."""
    norm = report.folded.normalized
    found = extract_figures(
        norm[section.norm_start : section.norm_end],
        section=section.id,
        report=report.name,
        period_hint=_PERIOD_HINT.get(section.period or ""),
        offset=section.norm_start,
    )
    out = []
    to_original = report.folded.to_original
    text = report.text
    for f in found:
        deepest = _deepest(report, f.start) if section.children else section
        start, end = to_original(f.start, f.end)
        # One replace a figure: offsets and text as read, and the deepest section that holds it.
        out.append(replace(f, start=start, end=end, text=text[start:end], section=deepest.id if deepest else section.id))
    return out


def report_figures(report: Report) -> list[Figure]:
    """Every figure of the report, each with the id of the deepest section that holds it.

    One extraction pass over the whole folded text (the extractor reads the report's own part headings
    for result/target); where it cannot tell, the period of the part the figure stands in decides.
    """
    text = report.text
    to_original = report.folded.to_original

    locator = _Locator(report.sections)

    def resolve(start: int, end: int) -> tuple[int, int, str, str, str | None]:
        deepest = locator.deepest(start)
        o_start, o_end = to_original(start, end)
        hint = _PERIOD_HINT.get(deepest.period or "") if deepest is not None else None
        return o_start, o_end, text[o_start:o_end], deepest.id if deepest else "", hint

    return extract_figures(report.folded.normalized, report=report.name, resolve=resolve)


def _gap(report: Report, start: int, end: int) -> list[Figure]:
    text = report.folded.normalized[start:end]
    if not text.strip():
        return []
    return _map(report, extract_figures(text, report=report.name, offset=start))


def indicator_table(reports: list[Report]) -> Any:
    """The cross-report indicator table (one row an indicator, one column a report)."""
    from .figures.table import build_table

    return build_table([report_figures(r) for r in reports], [r.name for r in reports])
