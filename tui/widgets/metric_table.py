"""The figures of the current row, one line a figure, or the cross-report indicator table."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from core.figures.table import cell_text, compact, format_change

from ..render import short_names
from ..safety import sanitize

#: The indicator column is not narrowed below this many cells to make room for the numbers.
MIN_NAME_CELLS = 10


class MetricTable(DataTable[Any]):
    """Figures: per row (the current sections) or across reports (indicators matched by label)."""

    DEFAULT_CSS = """
    MetricTable { height: 1fr; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.mode = "row"
        self.figures: list[tuple[int, Any]] = []  # (report index, Figure) per table row
        self.rows_tsv: list[list[str]] = []
        self.header_tsv: list[str] = []

    def show_figures(self, names: list[str], figures: list[tuple[int, Any]]) -> None:
        self.mode = "row"
        self.clear(columns=True)
        self.header_tsv = ["report", "indicator", "figure", "base value", "qualifier", "kind", "period"]
        self.figures = figures
        self.rows_tsv = [
            [
                sanitize(str(c or ""))
                for c in (
                    names[ri], f.label, f.text, compact(f.base_value, f.base_unit or f.unit),
                    f.qualifier, f.kind, f.period,
                )
            ]
            for ri, f in figures
        ]
        self._fill(shrink=1)
        if not figures:
            self.add_row(*[Text("") for _ in self.header_tsv[:-1]], Text("(no figures here)", style="dim"))

    def show_indicators(self, names: list[str], table: Any) -> None:
        self.mode = "table"
        self.clear(columns=True)
        self.figures = []
        self.header_tsv = ["indicator", "period", *short_names(names)]
        change = len(names) == 2
        if change:
            self.header_tsv.append("change")
        self.rows_tsv = []
        for row in table.rows:
            cells = [sanitize(row.label), {"result": "结果", "target": "目标"}.get(row.period, "")]
            for cell in row.cells:
                cells.append(sanitize(cell_text(cell)) if cell is not None else "—")
            if change:
                cells.append(format_change(row.change) if row.change is not None else "")
            self.rows_tsv.append(cells)
        self._fill(shrink=0)

    def _fill(self, shrink: int) -> None:
        """Add the columns and rows. When they are wider than the table, column ``shrink`` (the indicator
        names) gives up width, its cells ending in …, so that numbers are never cut off at the edge (the
        full names are in what ``c``/``C`` copy)."""
        widths = [
            max([cell_len(h), *(cell_len(r[i]) for r in self.rows_tsv)]) for i, h in enumerate(self.header_tsv)
        ]
        room = (self.size.width or self.app.size.width * 2 // 3) - 2 * self.cell_padding * len(widths) - 1
        excess = sum(widths) - room
        if excess > 0:
            widths[shrink] = max(MIN_NAME_CELLS, widths[shrink] - excess)
        for h, w in zip(self.header_tsv, widths, strict=True):
            self.add_column(h, width=w)
        for cells in self.rows_tsv:
            self.add_row(*[Text(c, no_wrap=True, overflow="ellipsis") for c in cells])

    def selected_tsv(self) -> str | None:
        if not self.rows_tsv or self.cursor_row is None or self.cursor_row >= len(self.rows_tsv):
            return None
        return "\t".join(self.rows_tsv[self.cursor_row])

    def all_tsv(self) -> str:
        return "\n".join("\t".join(r) for r in [self.header_tsv, *self.rows_tsv]) + "\n"

    def selected_figure(self) -> tuple[int, Any] | None:
        if self.mode != "row" or not self.figures or self.cursor_row is None:
            return None
        if 0 <= self.cursor_row < len(self.figures):
            return self.figures[self.cursor_row]
        return None
