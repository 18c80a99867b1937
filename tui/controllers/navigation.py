"""n/N: every change of every report against the row's pivot, in the pivot's text order, then on to the
next row that has one. The index moves at once (the next key press sees it); scrolling waits for layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..changes import ChangeStop, change_stops, next_row_with_changes
from ..i18n import t as tr
from ..render import short_names
from ..widgets.report_pane import ReportPane
from ..widgets.row_list import RowList

if TYPE_CHECKING:
    from core.alignment import Row

    from ..app import ReportDiffApp


class ChangeNavigator:
    def __init__(self, app: ReportDiffApp) -> None:
        self.app = app
        self.index = -1  #: the current change in the current row (-1: before the first)
        self.note = ""  #: "change 3/17 · 2022 vs 2021" while n/N walk the current row

    def reset(self) -> None:
        self.index, self.note = -1, ""

    def stops(self, row: Row) -> list[ChangeStop]:
        session = self.app.session
        return change_stops(row.cells, session.row_diffs(row), session.pivot(row))

    def step(self, delta: int) -> None:
        """The next (``delta`` 1) or previous (-1) change; past the row's last, the next row's first."""
        app = self.app
        row = app.current_row()
        if row is None or not app.loaded or app.alignment is None:
            return
        stops = self.stops(row)
        target = max(-1, min(self.index, len(stops))) + delta
        if 0 <= target < len(stops):
            self._go_to(row, stops, target)
            return
        rows = app.alignment.rows
        i = next_row_with_changes(len(rows), app.current, delta, lambda k: bool(self.stops(rows[k])))
        if i is None:
            app.notify(tr("note.no_more") if delta > 0 else tr("note.no_earlier"), timeout=2)
            return
        # Move here rather than through the row list's message, which comes later and would reset the index.
        app.current = i
        app._figure_span.clear()
        app.query_one(RowList).highlighted = i
        app.show_row(i)  # with its diff: stops() made it
        new_row = rows[i]
        new_stops = self.stops(new_row)
        self._go_to(new_row, new_stops, 0 if delta > 0 else len(new_stops) - 1, scroll_later=True)

    def _go_to(self, row: Row, stops: list[ChangeStop], index: int, *, scroll_later: bool = False) -> None:
        app = self.app
        self.index = index
        stop = stops[index]
        if scroll_later:
            app.call_after_refresh(self._scroll_to, row, stop)
        else:
            self._scroll_to(row, stop)
        pivot = app.session.pivot(row)
        self.note = tr("status.change", i=index + 1, n=len(stops), pair=self.pair_name(stop.report, pivot))
        app.status_line.refresh()

    def pair_name(self, other: int, pivot: int | None) -> str:
        """"2022 vs 2021" for one government's years, else the two reports' short names."""
        reports = self.app.session.reports
        if pivot is None:
            return reports[other].name
        a, b = reports[other].meta, reports[pivot].meta
        if a.year and b.year and a.year != b.year and a.region == b.region:
            return tr("status.pair", a=a.year, b=b.year)
        names = short_names([r.name for r in reports])
        return tr("status.pair", a=names[other], b=names[pivot])

    def _scroll_to(self, row: Row, stop: ChangeStop) -> None:
        app = self.app
        section = row.cells[stop.report]
        if row is app.current_row() and section is not None:
            if app.pane_window.reveal(stop.report):  # a hidden report's change: its pane first, then scroll
                app.call_after_refresh(self._scroll_to, row, stop)
                return
            pane = app.query_one(f"#pane-{stop.report}", ReportPane)
            pane.scroll_to_offset(stop.offset - section.start, section.end - section.start)
            app._sync_from(pane)
