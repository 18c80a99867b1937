"""The figures table below the panes: this row's figures or the indicators across reports, a figure's
sentence shown in its pane, the chart and the targets tracker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.containers import Vertical

from ..i18n import t as tr
from ..render import short_names
from ..widgets.report_pane import ReportPane
from ..widgets.row_list import RowList

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from core.alignment import Row

    from ..app import ReportDiffApp
    from ..widgets.metric_table import MetricTable


class FiguresPanel:
    def __init__(self, app: ReportDiffApp) -> None:
        self.app = app

    def table(self) -> MetricTable | None:
        """The figures table if it was ever opened."""
        found = self.app.query("#metrics")
        return found.first() if found else None  # type: ignore[return-value]

    async def open(self) -> MetricTable:
        """The figures table, mounted on first use (a DataTable's styles cost start-up time)."""
        table = self.table()
        if table is None:
            from ..widgets.metric_table import MetricTable

            table = MetricTable(id="metrics")
            await self.app.query_one("#centre", Vertical).mount(table)
        return table

    def update(self, row: Row) -> None:
        table = self.table()
        if table is None or not table.has_class("-shown"):
            return
        names = [r.name for r in self.app.session.reports]
        if table.mode == "table":
            self.show_indicator_table()
            return
        figures = []
        for i, c in enumerate(row.cells):
            for f in self.app.session.figures(i, c):
                figures.append((i, f))
        table.show_figures(names, figures)

    def show_indicator_table(self) -> None:
        table = self.table()
        if table is None:
            return
        if not self.app.session.indicator_table_ready():
            table.clear(columns=True)
            table.add_column("indicators")
            table.add_row(Text("matching indicators across reports…", style="dim"))
            self.build_indicators()
            return
        names = [r.name for r in self.app.session.reports]
        table.show_indicators(names, self.app.session.indicator_table())

    def build_indicators(self) -> None:
        """Match the indicators across reports in a worker (the table says so meanwhile)."""

        def build() -> None:
            self.app.session.indicator_table()
            self.app.call_from_thread(self.indicators_built)

        self.app.run_worker(build, thread=True, exclusive=True, group="indicators", exit_on_error=False)

    def indicators_built(self) -> None:
        table = self.table()
        if table is not None and table.has_class("-shown") and table.mode == "table":
            self.show_indicator_table()

    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.table()
        if table is None or event.data_table is not table:
            return
        picked = table.selected_figure()
        if picked is None:
            return
        ri, fig = picked
        self.app._figure_span = {ri: (fig.start, fig.end)}
        row = self.app.current_row()
        if row is None:
            return
        section = row.cells[ri]

        def scroll() -> None:
            if section is not None:
                pane = self.app.query_one(f"#pane-{ri}", ReportPane)
                pane.scroll_to_offset(fig.start - section.start, section.end - section.start)

        if self.app.pane_window.reveal(ri):  # a hidden report's figure: its pane shown (and painted) first
            self.app.call_after_refresh(scroll)
            return
        self.app._paint_pane(row, ri)
        scroll()

    def cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell of the cross-report table: its figure's sentence, highlighted in its pane
        (Enter again: the cell's next candidate, when the report gives several)."""
        table = self.table()
        if table is None or event.data_table is not table:
            return
        picked = table.next_candidate()
        if picked is not None:
            self.show_source(*picked)

    def show_source(self, report: int, cell: Any, index: int = 0, count: int = 1) -> None:
        """Go to the row holding ``cell``'s figure in report ``report`` and highlight its sentence."""
        if self.app.alignment is None:
            return
        from ..figure_source import row_holding, source_note

        target = row_holding(self.app.alignment, report, cell.start)
        if target is None:
            self.app.notify(tr("note.outside"), timeout=3)
            return
        span = (cell.sentence_start, cell.sentence_end) if cell.sentence_start >= 0 else (cell.start, cell.end)
        self.app._figure_span = {report: span}
        if target != self.app.current:
            self.app.current = target
            self.app.query_one(RowList).highlighted = target
        row = self.app.alignment.rows[target]
        if not self.app.pane_window.reveal(report):  # reveal paints the row with the report's pane
            self.app.show_row(target)
        section = row.cells[report]

        def scroll() -> None:
            if section is not None:
                pane = self.app.query_one(f"#pane-{report}", ReportPane)
                pane.scroll_to_offset(cell.start - section.start, section.end - section.start)

        self.app.call_after_refresh(scroll)
        from core.batch import section_labels

        shown = self.app.session.reports[report]
        where = section_labels(shown).get(cell.section, "")  # 一、(六), not the section's id 1.6
        note = source_note(shown.name, cell, index, count, where)
        self.app.notify(note, title=tr("note.source"), markup=False, timeout=6)

    def plot(self) -> None:
        table = self.table()
        row = table.selected_indicator() if table is not None and table.has_class("-shown") else None
        if row is None:
            self.app.notify(tr("note.plot_first"), timeout=3)
            return
        from ..screens.plot import PlotScreen

        self.app.push_screen(PlotScreen(row, short_names([r.name for r in self.app.session.reports])))

    def targets(self) -> None:
        """Targets against outcomes over the open reports (one government's years), in a worker."""
        self.app.run_worker(self._targets, thread=True, exclusive=True, group="targets", exit_on_error=False)

    def _targets(self) -> None:
        from core.figures.tracker import TrackedReport, by_government, track
        from core.report_figures import tracked_report

        series: list[TrackedReport] = [tracked_report(r) for r in self.app.session.reports if r.meta.year]
        groups, _ = by_government(series)
        years = sorted({t.year for t in series})
        if len(years) < 2 or len(years) < len(series) or len(groups) != 1:
            self.app.call_from_thread(self.app.notify, tr("note.targets_need"), timeout=4)
            return
        pairs = track(groups[0][1])
        from ..screens.tracker import TrackerScreen

        self.app.call_from_thread(self.app.push_screen, TrackerScreen(pairs, years))

