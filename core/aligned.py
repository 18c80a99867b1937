"""Sentence-aligned side-by-side layout of a row (Meld / Beyond Compare style), as pure data.

The diff of the row's pivot against each other report is cut into display rows (:func:`core.diff.
display_rows`, the same rows the HTML page shows: a sentence, or a run of sentences that changed
together). :func:`aligned_blocks` merges those cuts across every pair into *blocks*: stretches of text,
one a report, that correspond and so start on the same screen line. With 3+ reports a block ends only
where every pair's rows end (the pivot's text is cut the same way for all); an insertion at such a place
is a block of its own, empty in the reports that do not have it.

:func:`stack` turns the blocks and each pane's line count per block into screen lines: a block is as tall
as its tallest side (the others get filler lines), and with ``fold`` a run of unchanged blocks becomes one
line. Wrapping text into lines is the terminal's business; here it is only counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the differ loads with the first diff, not with the app (its first paint needs none)
    from .diff import DiffOp, SectionDiff

#: Marks of a block in one report, each a non-colour sign the pane's gutter shows.
UNCHANGED = " "
CHANGED = "~"  #: words changed (a replaced sentence, or changes of several kinds)
DELETED = "-"  #: the pivot's text, absent from the other report
INSERTED = "+"  #: the other report's text, absent from the pivot
MOVED = "⇄"  #: a sentence that moved (one end of a move)


@dataclass(frozen=True)
class Block:
    """Corresponding stretches of a row's reports: ``spans[i]`` is report ``i``'s original ``(start, end)``
    (None: report ``i`` is not in the layout); ``marks[i]`` how it differs from the pivot there
    (the pivot's mark sums up every pair's)."""

    spans: tuple[tuple[int, int] | None, ...]
    marks: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return any(m != UNCHANGED for m in self.marks)


@dataclass(frozen=True)
class Band:
    """A run of screen lines: block ``first`` (``last`` = ``first``), or with ``folded`` the unchanged
    blocks ``first..last`` shown as one line. ``top`` is its first screen line, ``height`` its lines."""

    first: int
    last: int
    top: int
    height: int
    folded: bool = False


@dataclass(frozen=True)
class _Cut:
    a0: int
    a1: int
    b0: int
    b1: int
    mark: str


def _row_mark(ops: Sequence[DiffOp]) -> str:
    changes = [op for op in ops if op.tag not in ("equal", "folded")]
    if not changes:
        return UNCHANGED
    if all(op.tag == "move" for op in changes):
        return MOVED
    if not any(op.a_text for op in ops):
        return INSERTED
    if not any(op.b_text for op in ops):
        return DELETED
    return CHANGED


def _combine(marks: Sequence[str]) -> str:
    kinds = {m for m in marks if m != UNCHANGED}
    if not kinds:
        return UNCHANGED
    return kinds.pop() if len(kinds) == 1 else CHANGED


def _cuts(diff: SectionDiff) -> list[_Cut]:
    from .diff import display_rows

    out = []
    for ops in display_rows(diff.ops):
        out.append(_Cut(ops[0].a_start, ops[-1].a_end, ops[0].b_start, ops[-1].b_end, _row_mark(ops)))
    return out


def aligned_blocks(n_reports: int, pivot: int, diffs: Mapping[int, SectionDiff]) -> tuple[Block, ...]:
    """The blocks of a row: ``diffs`` maps each other report in the layout to the pivot's diff against it
    (mode "diff", all of one pivot span). The blocks tile every member's span, in order."""
    if not diffs:
        return ()
    members = sorted(diffs)
    cuts = {i: _cuts(diffs[i]) for i in members}
    a_span = next(iter(diffs.values())).a_span
    # Pivot offsets where every pair's rows end: the places all panes can start a line together.
    common = {a_span[0], a_span[1]}
    ends = [{c.a1 for c in cuts[i]} | {a_span[0]} for i in members]
    common |= set.intersection(*ends)
    places = sorted(p for p in common if a_span[0] <= p <= a_span[1])
    pos = {i: 0 for i in members}  # next display row of each pair
    b_at = {i: diffs[i].b_span[0] for i in members}  # where each member's next block starts
    blocks: list[Block] = []

    def take(until: int, empty_at: int | None) -> None:
        """Close a block: each pair's rows up to pivot offset ``until`` (or, with ``empty_at``, only its
        rows of no pivot text at that offset: insertions)."""
        spans: list[tuple[int, int] | None] = [None] * n_reports
        marks = [UNCHANGED] * n_reports
        got = False
        for i in members:
            rows, k = cuts[i], pos[i]
            taken: list[_Cut] = []
            while k < len(rows):
                c = rows[k]
                if empty_at is not None:
                    if not (c.a0 == c.a1 == empty_at):
                        break
                elif c.a0 >= until:
                    break
                taken.append(c)
                k += 1
            pos[i] = k
            end = taken[-1].b1 if taken else b_at[i]  # the rows tile the span: no gaps to cover
            spans[i] = (b_at[i], end)
            b_at[i] = end
            marks[i] = _combine([c.mark for c in taken])
            got = got or bool(taken)
        if empty_at is not None and not got:
            return
        spans[pivot] = (empty_at, empty_at) if empty_at is not None else (until_prev[0], until)
        marks[pivot] = _combine([marks[i] for i in members])
        blocks.append(Block(tuple(spans), tuple(marks)))
        if empty_at is None:
            until_prev[0] = until

    until_prev = [a_span[0]]  # where the pivot's next block starts
    for k, place in enumerate(places):
        take(place, place)  # insertions at this place
        if k + 1 < len(places):
            take(places[k + 1], None)
    if not blocks:  # an empty pivot span and nothing inserted
        whole: list[tuple[int, int] | None] = [None] * n_reports
        whole[pivot] = a_span
        for i in members:
            whole[i] = diffs[i].b_span
        blocks.append(Block(tuple(whole), tuple([UNCHANGED] * n_reports)))
    return tuple(blocks)


def stack(blocks: Sequence[Block], counts: Mapping[int, Sequence[int]], *, fold: bool = False) -> list[Band]:
    """Screen lines of ``blocks``: ``counts[i][k]`` is how many lines block ``k``'s text takes in report
    ``i``'s pane. A band is as tall as its tallest side; with ``fold`` each run of unchanged blocks
    becomes one line (runs of one block too: the line says how many sentences it hides)."""
    bands: list[Band] = []
    top = 0
    k = 0
    while k < len(blocks):
        if fold and not blocks[k].changed:
            last = k
            while last + 1 < len(blocks) and not blocks[last + 1].changed:
                last += 1
            bands.append(Band(k, last, top, 1, folded=True))
            top += 1
            k = last + 1
            continue
        height = max((counts[i][k] for i in counts), default=0)
        bands.append(Band(k, k, top, height))
        top += height
        k += 1
    return bands
