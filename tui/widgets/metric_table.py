"""The figures of the current row, one line a figure, or the cross-report indicator table."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from core.figures.series import row_values, sparkline
from core.figures.table import cell_text, compact, format_change, horizon_text
from core.spreadsheet import note_line, tsv_line

from ..i18n import CATALOGUE, t
from ..render import short_names
from ..safety import sanitize

#: The indicator column is not narrowed below this many cells to make room for the numbers.
MIN_NAME_CELLS = 10
#: In the cross-report table: indicator, when, trend, then one column a report.
FIRST_REPORT_COLUMN = 3

_PERIODS = {"result": "结果", "target": "目标"}
_HORIZONS = {"annual": "", "average": "年均", "multi-year": "多年"}


def when_text(row: Any) -> str:
    """目标, 结果·年均, 目标·多年, 目标·2030年: the period and, when not one year, the horizon."""
    period = _PERIODS.get(row.period, "?")
    horizon = _HORIZONS.get(row.horizon, horizon_text(row.horizon) + "年")
    return f"{period}·{horizon}" if horizon else period


def base_text(fig: Any) -> str:
    """A figure's value in base units, compact: 5575万 (a bare number keeps its magnitude once: the base
    value is already 55,750,000, so the unit written, 万, is not added again), 1000万元, 5%–6%."""
    text = compact(fig.base_value, fig.base_unit)
    if fig.base_value_high is not None:
        text += "–" + compact(fig.base_value_high, fig.base_unit)
    return text


def number_text(fig: Any) -> str:
    """The figure's value as a plain number when the text writes it otherwise (一万五千人 → 1.5万人, 5—6% →
    5%–6%); "" when that would only repeat the figure (165%, 9%左右's 9%), so the column says something."""
    number = base_text(fig)
    return "" if fig.text.replace("\n", "").startswith(number.replace(",", "")) else number


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
        self.table: Any = None  #: the cross-report MetricTable shown, in table mode
        self.shown_columns = 0  #: columns on screen (the change is left out when the values need its room)
        self._candidate_turn: tuple[tuple[int, int] | None, int] = (None, -1)

    def show_figures(self, names: list[str], figures: list[tuple[int, Any]]) -> None:
        self.mode = "row"
        self.table = None
        self.cursor_type = "row"
        self.clear(columns=True)
        # the period (目标/结果) before the kind: on a narrow terminal the last column is the one scrolled
        # out of view, and a target read as a result is the worse mistake
        self.header_tsv = [t(f"figures.col.{c}") for c in ("report", "indicator", "figure", "base", "qualifier",
                                                           "period", "kind")]
        self.figures = figures
        self.rows_tsv = [
            [
                sanitize(str(c or ""))
                for c in (
                    names[ri], f.label, f.text, number_text(f),
                    f.qualifier, t(f"period.{f.period}") if f"period.{f.period}" in CATALOGUE else f.period,
                    t(f"kind.{f.kind}") if f"kind.{f.kind}" in CATALOGUE else f.kind,
                )
            ]
            for ri, f in figures
        ]
        # The figure itself (column 2) never narrows: 200… would be read as 200; the report names, the
        # plain number and the indicator give way, and what still does not fit scrolls sideways.
        narrow: tuple[tuple[int, ...], ...] = ((0,), (3,), (1,))
        if self.rows_tsv and not any(r[3] for r in self.rows_tsv):
            # every figure reads as a plain number already: the column would only be empty
            del self.header_tsv[3]
            for r in self.rows_tsv:
                del r[3]
            narrow = ((0,), (1,))
        q = self.header_tsv.index(t("figures.col.qualifier"))
        if self.rows_tsv and not any(r[q] for r in self.rows_tsv):
            # no figure has a qualifier: the empty column took the figure's room on 80 columns (200…)
            del self.header_tsv[q]
            for r in self.rows_tsv:
                del r[q]
        self._fill(shrink=1, narrow=narrow)
        if not figures:
            self.add_row(*[Text("") for _ in self.header_tsv[:-1]], Text(t("figures.none"), style="dim"))

    def show_indicators(self, names: list[str], table: Any) -> None:
        """The cross-report table: a row an indicator (with when it is: 目标/结果, 年均, 多年…), its
        sparkline across the reports, a cell a report (several values: ⚠ all of them). The cursor moves
        by cell: Enter shows the figure's sentence in its report's pane."""
        if self.mode == "table" and self.table is table and self.row_count:
            return  # already shown: keep the cursor where the user left it
        self.mode = "table"
        self.table = table
        self.cursor_type = "cell"
        self.clear(columns=True)
        self.figures = []
        self.header_tsv = [t("figures.col.indicator"), t("figures.col.when"), t("figures.col.trend"), *short_names(names)]
        change = len(names) == 2
        if change:
            self.header_tsv.append(t("figures.col.change"))
        self.rows_tsv = []
        for row in table.rows:
            cells = [sanitize(row.label), when_text(row), sparkline(row_values(row))]
            for cell in row.cells:
                cells.append(sanitize(cell_text(cell)) if cell is not None else "—")
            if change:
                cells.append(format_change(row.change) if row.change is not None else "")
            self.rows_tsv.append(cells)
        reports = tuple(range(FIRST_REPORT_COLUMN, FIRST_REPORT_COLUMN + len(names)))
        self._fill(shrink=0, droppable=1 if change else 0, narrow=(reports,))

    def selected_cell(self) -> tuple[Any, int, Any] | None:
        """(row, report index, Cell) under the cursor in the cross-report table, or None."""
        if self.mode != "table" or self.table is None:
            return None
        coord = self.cursor_coordinate
        if not 0 <= coord.row < len(self.table.rows):
            return None
        row = self.table.rows[coord.row]
        report = coord.column - FIRST_REPORT_COLUMN
        if not 0 <= report < len(row.cells) or row.cells[report] is None:
            return None
        return row, report, row.cells[report]

    def selected_indicator(self) -> Any | None:
        """The indicator row under the cursor in the cross-report table."""
        if self.mode != "table" or self.table is None:
            return None
        i = self.cursor_coordinate.row
        return self.table.rows[i] if 0 <= i < len(self.table.rows) else None

    def next_candidate(self) -> tuple[int, Any, int, int] | None:
        """The figure Enter shows (report, candidate, its index, how many): the cell's first candidate, then
        its others on each Enter again."""
        picked = self.selected_cell()
        if picked is None:
            return None
        _row, report, cell = picked
        key = (self.cursor_coordinate.row, report)
        k = self._candidate_turn[1] + 1 if self._candidate_turn[0] == key else 0
        k %= len(cell.candidates)
        self._candidate_turn = (key, k)
        return report, cell.candidates[k], k, len(cell.candidates)

    def _fill(self, shrink: int, droppable: int = 0, narrow: tuple[tuple[int, ...], ...] = ()) -> None:
        """Add the columns and rows, never wider than the table: a value cut at the table's edge (10% read
        as 1) would be read as another number. When the columns do not fit, column ``shrink`` (the indicator
        names) gives up width first, down to MIN_NAME_CELLS; then the last ``droppable`` columns (the change)
        are left out; then the columns of each group of ``narrow`` in turn (the reports' values; in the
        figure list the report names, then the plain number, then the indicator; never the figure) narrow,
        widest first, never below their header, their cells ending in … (the full text is in what ``c``/``C``
        copy and Enter shows)."""
        widths = [
            max([cell_len(h), *(cell_len(r[i]) for r in self.rows_tsv)]) for i, h in enumerate(self.header_tsv)
        ]
        total = self.size.width or self.app.size.width * 2 // 3

        def room(columns: int) -> int:
            # two cells a column of padding, and two for a vertical scrollbar when the rows need one
            return total - 2 * self.cell_padding * columns - 2

        shown = len(widths)
        excess = sum(widths) - room(shown)
        if excess > 0:
            widths[shrink] = max(MIN_NAME_CELLS, widths[shrink] - excess)
        while droppable and sum(widths[:shown]) > room(shown):
            shown -= 1
            droppable -= 1
        widths = widths[:shown]
        floors = [max(4, cell_len(h)) for h in self.header_tsv[:shown]]
        for group in narrow:
            group = tuple(i for i in group if i < shown)
            while group and sum(widths) > room(shown):
                k = max(group, key=lambda i: widths[i] - floors[i])
                if widths[k] <= floors[k]:
                    break  # this group is at its floor: the next one gives, or the table scrolls sideways
                widths[k] -= 1
        self.shown_columns = shown
        for h, w in zip(self.header_tsv, widths, strict=False):
            self.add_column(Text(sanitize(h, one_line=True)), width=w)  # a str label would be read as markup
        for cells in self.rows_tsv:
            self.add_row(*[Text(c, no_wrap=True, overflow="ellipsis") for c in cells[:shown]])

    def selected_tsv(self) -> str | None:
        """The line under the cursor as tab-separated text (the whole indicator row in table mode), every
        cell inert for a spreadsheet (core.spreadsheet)."""
        row = self.cursor_coordinate.row
        if not self.rows_tsv or not 0 <= row < len(self.rows_tsv):
            return None
        return tsv_line(self.rows_tsv[row])

    def selected_copy(self) -> str | None:
        """What ``c`` copies, text for notes: the selected figure as written; in the cross-report table the
        value(s) of the cell under the cursor, or on its name the indicator's row as one line (地区生产总值 ·
        结果 · 7.4% · 6% · -1.4个百分点): no trend glyphs (█▁ are a picture, not text), no spreadsheet guard
        (``C`` copies the table for a spreadsheet)."""
        picked = self.selected_figure()
        if picked is not None:
            return sanitize(picked[1].text)
        cell = self.selected_cell()
        if cell is not None:
            return sanitize(cell_text(cell[2]))
        row = self.cursor_coordinate.row
        if not self.rows_tsv or not 0 <= row < len(self.rows_tsv):
            return None
        cells = self.rows_tsv[row]
        if self.mode == "table":
            cells = [c for i, c in enumerate(cells) if i != FIRST_REPORT_COLUMN - 1]
        return note_line(cells)

    def all_tsv(self) -> str:
        return "\n".join(tsv_line(r) for r in [self.header_tsv, *self.rows_tsv]) + "\n"

    def selected_figure(self) -> tuple[int, Any] | None:
        if self.mode != "row" or not self.figures or self.cursor_row is None:
            return None
        if 0 <= self.cursor_row < len(self.figures):
            return self.figures[self.cursor_row]
        return None
