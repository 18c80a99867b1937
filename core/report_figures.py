"""Figures of a parsed report: extraction runs on the folded text of each part, with the part's period as
a hint, and every figure is mapped back to the text as read (offsets and ``text`` as the user sees it)."""

from __future__ import annotations

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


def _deepest(report: Report, norm_offset: int) -> Section | None:
    found = None
    sections = report.sections
    while True:
        nxt = next((s for s in sections if s.norm_start <= norm_offset < s.norm_end), None)
        if nxt is None:
            return found
        found = nxt
        sections = nxt.children


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
    fixed = []
    for f in found:
        deepest = _deepest(report, f.start)
        fixed.append(replace(f, section=deepest.id if deepest else section.id))
    return _map(report, fixed)


def report_figures(report: Report) -> list[Figure]:
    """Every figure of the report, each with the id of the deepest section that holds it."""
    out: list[Figure] = []
    norm = report.folded.normalized
    covered = 0
    for top in report.sections:
        if top.norm_start > covered:
            out.extend(_gap(report, covered, top.norm_start))
        out.extend(section_figures(report, top))
        covered = max(covered, top.norm_end)
    if covered < len(norm):
        out.extend(_gap(report, covered, len(norm)))
    return out


def _gap(report: Report, start: int, end: int) -> list[Figure]:
    text = report.folded.normalized[start:end]
    if not text.strip():
        return []
    return _map(report, extract_figures(text, report=report.name, offset=start))


def indicator_table(reports: list[Report]) -> Any:
    """The cross-report indicator table (one row an indicator, one column a report)."""
    from .figures.table import build_table

    return build_table([report_figures(r) for r in reports], [r.name for r in reports])
