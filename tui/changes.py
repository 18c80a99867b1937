"""The changes n/N walk in a row: every change of every report against the pivot, in the pivot's text order.

Pure (no widgets): given a row's cells and its diffs, the ordered stops. A pair counts only where both
reports have text and the diff is an edit script; a section only one report has, or two governments' texts
compared by shared phrases, has no changes to step through (the row list marks those rows).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChangeStop:
    """One change: the other report, and where the change starts in the pivot's and that report's text."""

    report: int
    pivot_offset: int  #: original offset in the pivot report (for an insertion: where it goes)
    offset: int  #: original offset in ``report``


def change_stops(cells: Sequence[Any], diffs: Mapping[int, Any], pivot: int | None) -> list[ChangeStop]:
    """Every change of every report against ``pivot``, in the pivot's text order (ties: report order)."""
    if pivot is None or cells[pivot] is None:
        return []
    stops = set()
    for report, diff in diffs.items():
        if report == pivot or cells[report] is None or diff is None or diff.mode != "diff":
            continue
        for op in diff.ops:
            if op.tag in ("equal", "folded"):
                continue
            stops.add(ChangeStop(report, op.a_start, op.b_start))
    return sorted(stops, key=lambda s: (s.pivot_offset, s.report, s.offset))


def next_row_with_changes(n_rows: int, start: int, delta: int, has_changes: Any) -> int | None:
    """The first row after ``start`` (before it, for ``delta`` < 0) for which ``has_changes(i)``."""
    i = start + delta
    while 0 <= i < n_rows:
        if has_changes(i):
            return i
        i += delta
    return None


def row_in_view(rows: Sequence[Any], report: int, offset: int, *, default: int = 0) -> int:
    """The row whose section of ``report`` holds ``offset`` (the innermost, when chapters and topics
    overlap), else the first row of ``report`` starting after it: where a switch of level lands."""
    best, best_start = None, -1
    after, after_start = None, None
    for i, row in enumerate(rows):
        cell = row.cells[report]
        if cell is None:
            continue
        if cell.start <= offset < cell.end and cell.start > best_start:
            best, best_start = i, cell.start
        elif cell.start > offset and (after_start is None or cell.start < after_start):
            after, after_start = i, cell.start
    if best is not None:
        return best
    return after if after is not None else default
