"""Which reports have a pane on screen: with 5-8 reports side by side, eight slivers of 10 columns read as
nothing, so a window of 2-4 panes (as many as fit at a readable width) is shown and `[`/`]` page through
the others. The row's pivot is always among them: every pane's diff is against it.

The window is report 0 (the usual pivot) and a page of the others. In a row that report 0 lacks, the
row's pivot takes report 0's place (report 0's pane would only say it is missing). Hidden panes are not
painted at all, which is also what keeps a row change fast with eight reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t as tr
from ..widgets.report_pane import ReportPane

if TYPE_CHECKING:
    from core.alignment import Row

    from ..app import ReportDiffApp

MIN_PANE = 36  #: columns a pane needs to read a Chinese sentence in (with its border and change map)
MAX_SHOWN = 4
ALL_UP_TO = 4  #: up to this many reports every one has its pane, as before


class PaneWindow:
    def __init__(self, app: ReportDiffApp) -> None:
        self.app = app
        self.page = 0
        self._last: tuple[int, ...] = ()  #: the panes last shown

    # --- which -----------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """The reports compared (while they are read: the files given, each with its pane)."""
        app = self.app
        return len(app.session.reports) if app.loaded else len(app.session.paths)

    @property
    def windowed(self) -> bool:
        return self.count > ALL_UP_TO

    def size(self) -> int:
        """How many panes are shown: as many as fit at MIN_PANE columns, 2 to 4."""
        n = self.count
        if not self.windowed:
            return n
        # Before the first layout: the terminal's width less the row list's share (#rows in app.tcss).
        width = self.app.query_one("#centre").size.width or int(self.app.size.width * 0.68)
        return max(2, min(MAX_SHOWN, n, width // MIN_PANE))

    def pages(self) -> int:
        per = self.size() - 1
        return max(1, -(-(self.count - 1) // per))

    def columns(self) -> list[int]:
        """The reports of the current page: report 0 and a page of the others (the row list's columns)."""
        n = self.count
        if not self.windowed:
            return list(range(n))
        per = self.size() - 1
        page = self.page % self.pages()
        others = list(range(1, n))[page * per:(page + 1) * per]
        return [0, *others]

    def shown(self, row: Row | None) -> list[int]:
        """The reports with a pane on screen for ``row``: the page's, the row's pivot in report 0's place
        when report 0 lacks the section and the pivot is not on the page."""
        cols = self.columns()
        if not self.windowed or row is None:
            return cols
        pivot = self.app.session.pivot(row)
        if pivot is not None and pivot not in cols:
            cols = sorted([pivot, *cols[1:]])
        return cols

    def panes(self, row: Row | None) -> list[ReportPane]:
        """The shown panes, displayed; the others hidden (and left unpainted)."""
        keep = set(self.shown(row))
        self._last = tuple(sorted(keep))
        out = []
        for pane in self.app.query(ReportPane):
            visible = pane.index in keep
            if pane.display != visible:
                pane.display = visible
            if visible:
                out.append(pane)
        return out

    def visible_panes(self) -> list[ReportPane]:
        return [p for p in self.app.query(ReportPane) if p.display]

    # --- switching -------------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        """`]`/`[`: the next (previous) page of reports beside the pivot."""
        if not self.app.loaded:
            return
        if not self.windowed:
            self.app.notify(tr("note.all_shown", n=self.count), timeout=2)
            return
        self.page = (self.page + delta) % self.pages()
        self._changed()
        shown = self.columns()
        self.app.notify(tr("note.panes", shown=self.describe(shown), n=self.count), timeout=2)

    def reveal(self, report: int) -> bool:
        """Show ``report``'s pane (n landed on a change of a hidden report): the page that holds it.
        True when the panes changed."""
        row = self.app.current_row()
        if not self.windowed or report in self.shown(row):
            return False
        per = self.size() - 1
        if report == 0:
            return False  # report 0 is hidden only where it lacks the section: it has no change there
        self.page = (report - 1) // per
        self._changed()
        return True

    def resized(self) -> None:
        """More or fewer panes fit now: show as many."""
        app = self.app
        if self.windowed and app.loaded and app.alignment is not None:
            self.page %= self.pages()
            if tuple(self.shown(app.current_row())) != self._last:
                self._changed()

    def _changed(self) -> None:
        app = self.app
        app.rows_changed_columns()
        row = app.current_row()
        if row is not None:
            app.show_row(app.current)

    def describe(self, reports: list[int]) -> str:
        """"1, 4, 5" (the reports' places, 1-based)."""
        return ", ".join(str(i + 1) for i in reports)

    def note(self, row: Row | None) -> str:
        """For the status line: which of N reports are shown, and the key that shows the others."""
        if not self.windowed:
            return ""
        return tr("status.panes", shown=self.describe(self.shown(row)), n=self.count)
