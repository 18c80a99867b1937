"""The change overview beside a pane: the whole section squeezed into the pane's height, one cell a
stretch of lines, showing where the row's changes are and which part of it is on screen.

Each cell shows the strongest mark of its lines (``~`` changed over ``-``/``+`` over ``⇄`` moved) in
colour and as that sign; the cells of the lines on screen have a lighter background (and ``┃`` where no
change is), so the map reads without colour too. A section that fits on screen gets a cell a line. Empty until the pane is sentence-aligned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from core.aligned import CHANGED, DELETED, INSERTED, MOVED

from .. import themes
from ..aligned import gutter_style

if TYPE_CHECKING:
    from .text_view import TextView

#: Which mark a cell shows when its lines hold several.
_RANK = {CHANGED: 4, DELETED: 3, INSERTED: 3, MOVED: 2}


class ChangeMap(Widget):
    DEFAULT_CSS = """
    ChangeMap { width: 1; height: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: TextView | None = None
        self._cells: tuple[tuple[object, ...], list[tuple[str, bool]]] | None = None
        #: During render_lines: the widget's style (looked up once, not per line: it walks the DOM) and
        #: the strips made in this pass, by (mark, on screen): a map has only a handful of distinct cells.
        self._pass: tuple[Style, list[tuple[str, bool]], dict[tuple[str, bool], Strip]] | None = None

    def cells(self) -> list[tuple[str, bool]]:
        """(mark, on screen) for each cell from the top: the overview as data, for tests too."""
        view = self.view
        height = self.size.height
        if view is None or not view.line_marks or height <= 0:
            return [(" ", False)] * max(0, height)
        marks = view.line_marks
        total = len(marks)
        top = int(view.scroll_y)
        bottom = top + max(1, view.size.height)
        out = []
        if total <= height:  # all of it fits on screen: a cell a line, beside it
            return [(m if m in _RANK else " ", False) for m in marks] + [
                (" ", False)
            ] * (height - total)
        for y in range(height):
            first = y * total // height
            last = max(first + 1, (y + 1) * total // height)
            chunk = set(marks[first:last])
            mark = max(chunk, key=lambda m: _RANK.get(m, 0))
            out.append((mark if mark in _RANK else " ", first < bottom and last > top))
        return out

    def _cached_cells(self) -> list[tuple[str, bool]]:
        view = self.view
        key = (id(view.line_marks), int(view.scroll_y), view.size.height, self.size.height) if view else ()
        if self._cells is None or self._cells[0] != key:
            self._cells = (key, self.cells())
        return self._cells[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        # With 3-4 panes a row change repaints every map cell; looking up rich_style per cell was a
        # quarter of an 8-report row change's time.
        self._pass = (self.rich_style, self._cached_cells(), {})
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        base, cells, made = self._pass or (self.rich_style, self._cached_cells(), {})
        if y >= len(cells):
            return Strip.blank(1, base)
        key = cells[y]
        strip = made.get(key)
        if strip is None:
            mark, shown = key
            style = gutter_style(mark) or themes.style("track")
            char = mark if mark != " " else ("┃" if shown else " ")
            if shown:
                style = style + themes.in_view()
            strip = made[key] = Strip([Segment(char, base + style)], 1)
        return strip
