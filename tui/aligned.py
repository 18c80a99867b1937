"""Sentence-aligned panes: a row's reports laid out so that corresponding sentences start on one line.

The blocks come from :func:`core.aligned.aligned_blocks` (the diff's own sentence pairing, as the HTML page
shows it); here each pane's text is wrapped block by block at that pane's width, and
:func:`core.aligned.stack` makes every block as tall as its tallest side, the others padded with filler
lines. All panes of a group have the same number of lines, so scrolling them together is scrolling them
to the same line. A two-cell gutter carries each block's mark (``-`` ``+`` ``~`` ``⇄``) in colour and as a
sign; with folding on, a run of unchanged sentences is one line.

The group is shared by the panes' views: a view asks it for its lines when it wraps (first layout, resize),
and when one view's width changes the group lays out again and hands the others their new lines.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from core.aligned import CHANGED, DELETED, INSERTED, MOVED, Block, aligned_blocks, stack

from . import themes
from .i18n import t as tr

if TYPE_CHECKING:
    from core.diff import SectionDiff
    from core.folding import FoldedText
    from core.model import Section

    from .widgets.report_pane import ReportPane
    from .widgets.text_view import TextView

GUTTER = 2  #: cells: the mark and a space
#: The gutter's mark → the theme's style for it (tui/themes.py).
GUTTER_ROLES = {DELETED: "gutter_delete", INSERTED: "gutter_insert", CHANGED: "gutter_changed", MOVED: "gutter_moved"}
#: Lines that hold no text of this report (the other side's sentence is longer, or only there).
FILLER = "╌"


def fold_label(count: int, width: int = 80) -> str:
    """The line standing for ``count`` folded unchanged sentences, as much of it as ``width`` cells hold."""
    for label in (
        tr("fold.one") if count == 1 else tr("fold.long", n=count),
        tr("fold.short", n=count),
        f"┄ {count} ┄",
    ):
        if cell_len(label) <= width:
            return label
    return f"┄{count}"


@dataclass(frozen=True)
class PaneLines:
    """One view's screen lines. ``starts[j]``: the text offset line ``j`` shows (filler: where the next
    text begins); ``anchors``: the lines that hold text or a fold, for finding an offset's line."""

    lines: list[Text]  #: without the gutter (the view draws it from ``marks``)
    starts: list[int]
    anchors: list[int]
    marks: str  #: each line's gutter mark (for the change overview)
    blocks: list[int]  #: each line's block (a fold line: the first block it hides)


class AlignedGroup:
    """The panes of one row that are laid out together: ``texts[i]`` is report ``i``'s pane text, whose
    index 0 is original offset ``bases[i]``."""

    def __init__(
        self, blocks: tuple[Block, ...], texts: Mapping[int, Text], bases: Mapping[int, int], *, fold: bool
    ) -> None:
        self.blocks = blocks
        self.texts = dict(texts)
        self.bases = dict(bases)
        self.fold = fold
        self.views: dict[int, TextView] = {}
        self._key: tuple[object, ...] | None = None
        self._out: dict[int, PaneLines] = {}

    @property
    def members(self) -> list[int]:
        return sorted(self.texts)

    def attach(self, index: int, view: TextView) -> None:
        self.views[index] = view

    def set_text(self, index: int, text: Text) -> None:
        """New marks for one member (same characters): laid out again at the next request."""
        self.texts[index] = text
        self._key = None

    def set_fold(self, fold: bool) -> None:
        if fold != self.fold:
            self.fold = fold
            self._key = None
            for view in self.views.values():
                view.group_changed()

    def lines_for(self, index: int) -> PaneLines:
        widths = tuple(self._width(i) for i in self.members)
        key = (widths, self.fold)
        if key != self._key:
            self._key = key
            self._out = self._layout(dict(zip(self.members, widths, strict=True)))
            for i, view in self.views.items():
                if i != index:
                    view.group_changed()
        return self._out[index]

    def _width(self, index: int) -> int:
        view = self.views.get(index)
        width = view.content_width() if view is not None else 40
        return max(4, width - GUTTER)

    def _layout(self, widths: Mapping[int, int]) -> dict[int, PaneLines]:
        from .widgets.text_view import divide, wrap_offsets

        per_block: dict[int, list[list[int]]] = {}  # member → block → its lines' starts (text offsets)
        pieces: dict[int, dict[int, Text]] = {}
        for i in self.members:
            text, base, width = self.texts[i], self.bases[i], widths[i]
            plain = text.plain
            cuts: set[int] = set()
            starts_of: list[list[int]] = []
            for block in self.blocks:
                span = block.spans[i]
                assert span is not None
                s, e = span[0] - base, span[1] - base
                piece = plain[s:e]
                cuts.add(s)
                if not piece.strip():
                    starts_of.append([])
                    continue
                wrapped = [s + x for x in wrap_offsets(piece, width) if x < len(piece)]
                starts_of.append(wrapped)
                cuts.update(wrapped)
            ordered = sorted(c for c in cuts if 0 < c < len(plain))
            divided = divide(text, [0, *ordered], strip_newline=True)
            pieces[i] = dict(zip([0, *ordered], divided, strict=True))
            per_block[i] = starts_of
        counts = {i: [len(s) for s in per_block[i]] for i in self.members}
        bands = stack(self.blocks, counts, fold=self.fold)
        out = {}
        for i in self.members:
            filler = Text(FILLER * max(1, widths[i] // 2 - 1), style=themes.style("filler"))  # shared: never changed
            lines: list[Text] = []
            starts: list[int] = []
            anchors: list[int] = []
            marks: list[str] = []
            line_blocks: list[int] = []
            for band in bands:
                line_blocks += [band.first] * (band.height if not band.folded else 1)
                first = self.blocks[band.first]
                span = first.spans[i]
                assert span is not None
                if band.folded:
                    anchors.append(len(lines))
                    starts.append(span[0] - self.bases[i])
                    lines.append(Text(fold_label(band.last - band.first + 1, widths[i]), style=themes.style("fold_line")))
                    marks.append(" ")
                    continue
                mark = first.marks[i]
                own = per_block[i][band.first]
                for s in own:
                    anchors.append(len(lines))
                    starts.append(s)
                    lines.append(pieces[i][s])
                    marks.append(mark)
                for _ in range(band.height - len(own)):
                    starts.append(span[1] - self.bases[i])
                    lines.append(filler)
                    marks.append(mark)
            if not lines:
                lines, starts, anchors, marks, line_blocks = [Text()], [0], [0], [" "], [0]
            out[i] = PaneLines(lines, starts, anchors, "".join(marks), line_blocks)
        return out


def gutter_segment(mark: str) -> Segment:
    """The gutter of a line with ``mark`` (drawn by the view, not part of the line's text)."""
    return Segment(f"{mark} ", gutter_style(mark))


def gutter_style(mark: str) -> Style | None:
    role = GUTTER_ROLES.get(mark)
    return themes.style(role) if role else None


# --- the app's hooks -------------------------------------------------------------------------------


def group_for(
    n_reports: int,
    pivot: int | None,
    diffs: Mapping[int, SectionDiff],
    texts: Mapping[int, Text],
    bases: Mapping[int, int],
    *,
    fold: bool,
    remap: Callable[[int, int], int] | None = None,
) -> AlignedGroup | None:
    """The aligned group of a row, or None when fewer than two panes can be lined up: only reports
    with a word diff against the pivot line up (a shared-phrases diff pairs no sentences). ``remap(i, o)``:
    where report ``i``'s original offset ``o`` is in the texts shown (the normalized text, after ``o``)."""
    if pivot is None or pivot not in texts:
        return None
    members = {i: d for i, d in diffs.items() if d.mode == "diff" and i in texts}
    if not members:
        return None
    blocks = _blocks(n_reports, pivot, members)
    if remap is not None:
        blocks = tuple(
            Block(tuple(None if sp is None else (remap(i, sp[0]), remap(i, sp[1])) for i, sp in enumerate(b.spans)),
                  b.marks)
            for b in blocks
        )
    kept = {i: texts[i] for i in [pivot, *members]}
    return AlignedGroup(blocks, kept, {i: bases[i] for i in kept}, fold=fold)


_BLOCKS: dict[tuple[int, ...], tuple[tuple[SectionDiff, ...], tuple[Block, ...]]] = {}
_BLOCKS_KEPT = 64


def _blocks(n: int, pivot: int, diffs: Mapping[int, SectionDiff]) -> tuple[Block, ...]:
    """The blocks of a row, remembered for the last rows seen (moving back and forth between rows)."""
    order = sorted(diffs)
    key = (n, pivot, *order, *(id(diffs[i]) for i in order))
    hit = _BLOCKS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], (diffs[i] for i in order), strict=True)):
        return hit[1]
    blocks = aligned_blocks(n, pivot, diffs)
    if len(_BLOCKS) >= _BLOCKS_KEPT:
        _BLOCKS.pop(next(iter(_BLOCKS)))
    _BLOCKS[key] = (tuple(diffs[i] for i in order), blocks)  # the diffs kept: their ids stay theirs
    return blocks


def paint(
    panes: Iterable[ReportPane],
    texts: Mapping[int, Text],
    cells: Sequence[Section | None],
    pivot: int | None,
    diffs: Mapping[int, SectionDiff],
    *,
    enabled: bool,
    fold: bool,
    normalized: Sequence[FoldedText] | None = None,
) -> None:
    """Give a row's panes their texts (pane ``i`` shows report ``i``'s section ``cells[i]``), the ones the
    diffs pair sentence by sentence laid out together when ``enabled``. With ``normalized`` (each report's
    folded text) the texts are the normalized ones: the diff's original offsets are mapped onto them."""
    group = None
    if enabled:
        bases = {i: c.norm_start if normalized else c.start for i, c in enumerate(cells) if c is not None}
        remap = _to_normalized(cells, normalized) if normalized else None
        group = group_for(
            len(cells), pivot, {i: d for i, d in diffs.items() if cells[i] is not None},
            {i: t for i, t in texts.items() if i in bases}, bases, fold=fold, remap=remap,
        )
    show(panes, texts, group)


def _to_normalized(cells: Sequence[Section | None], folded: Sequence[FoldedText]) -> Callable[[int, int], int]:
    """Report ``i``'s original offset → its normalized offset (the first normalized character at or after
    it), kept inside the section's normalized span so that the blocks still tile it."""

    def remap(i: int, offset: int) -> int:
        cell = cells[i]
        assert cell is not None
        return max(cell.norm_start, min(cell.norm_end, bisect_left(folded[i].source, offset)))

    return remap


def show(panes: Iterable[ReportPane], texts: Mapping[int, Text], group: AlignedGroup | None) -> None:
    """Give each pane its text, the group's members laid out together."""
    panes = list(panes)
    if group is not None:  # every member known before the first lays out: one layout at their widths
        for pane in panes:
            if pane.index in group.texts:
                group.attach(pane.index, pane.scroller)
    for pane in panes:
        text = texts[pane.index]
        if group is not None and pane.index in group.texts:
            pane.scroller.set_text(text, group=group, member=pane.index)
        else:
            pane.scroller.set_text(text)


def same_group(a: ReportPane, b: ReportPane) -> bool:
    g = a.scroller.group
    return g is not None and g is b.scroller.group


def set_fold(panes: Iterable[ReportPane], fold: bool) -> None:
    """Fold (or unfold) the unchanged sentences of the shown row, keeping the block on top in view."""
    groups = {id(g): g for p in panes if (g := p.scroller.group) is not None}
    for g in groups.values():
        views = [g.views[i] for i in g.members if i in g.views]
        before = views[0].line_blocks if views else []
        top = int(views[0].scroll_y) if views else 0
        block = before[top] if top < len(before) else 0
        g.set_fold(fold)
        if views:
            line = first_line_of(views[0].line_blocks, block)
            for v in views:
                v.scroll_to(y=line, animate=False)


def first_line_of(line_blocks: list[int], block: int) -> int:
    """The first line showing ``block``: its own, or the fold line of the run that hides it."""
    j = bisect_left(line_blocks, block)
    if j >= len(line_blocks) or line_blocks[j] != block:
        j -= 1
    return max(0, j)
