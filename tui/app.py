"""The reportdiff app: reports side by side, aligned rows, diffs and figures, keyboard first.

Slow work (reading, jieba's dictionary, aligning, diffing) runs in thread workers; the event loop only
swaps prepared Rich Text into widgets. The comparison state lives in :class:`tui.session.Session`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, OptionList, Static

from . import aligned, clipboard, i18n, keep
from .changes import row_in_view
from .controllers.copying import Copier
from .controllers.figures import FiguresPanel
from .controllers.keeping import Keeper
from .controllers.navigation import ChangeNavigator
from .controllers.pane_window import PaneWindow
from .controllers.status import StatusLine
from .controllers.theming import Theming
from .i18n import t as tr
from .render import pane_text, short_names
from .safety import plain, sanitize
from .session import Session
from .widgets.key_footer import KeyFooter
from .widgets.report_pane import ReportPane
from .widgets.row_list import RowList

if TYPE_CHECKING:  # the dialogs, the figures table and the aligner's types load when first used
    from textual.widgets import DataTable

    from core.alignment import Alignment, Row

    from .session import SearchHit


class ReportDiffApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "reportdiff"
    #: The screen's class by width: app.tcss gives the panes more room below 100 columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("j", "row(1)", "key.row_next", show=False),
        Binding("k", "row(-1)", "key.row_prev", show=False),
        Binding("n", "change(1)", "key.change_next"),
        Binding("N", "change(-1)", "key.change_prev", show=False),
        Binding("l", "toggle_level", "key.level"),
        Binding("m", "toggle_metrics", "key.metrics"),
        Binding("slash", "search", "key.search", key_display="/"),
        Binding("o", "toggle_normalized", "key.normalized", show=False),
        Binding("s", "toggle_sync", "key.sync", show=False),
        Binding("z", "toggle_fold", "key.fold", show=False),
        Binding("f", "toggle_folded", "key.folded", show=False),
        Binding("p", "pin", "key.pin", show=False),
        Binding("u", "unpin", "key.unpin", show=False),
        Binding("c", "copy", "key.copy", show=False),
        Binding("C", "copy_table", "key.copy_table", show=False),
        Binding("g", "plot", "key.plot", show=False),
        Binding("t", "targets", "key.targets", show=False),
        Binding("e", "export", "key.export", show=False),
        Binding("r", "counterparts", "key.counterparts", show=False),
        Binding("right_square_bracket", "panes(1)", "key.panes_next", show=False, key_display="]"),
        Binding("left_square_bracket", "panes(-1)", "key.panes_prev", show=False, key_display="["),
        Binding("v", "pivot", "key.pivot", show=False),
        Binding("T", "theme", "key.theme", show=False),
        Binding("U", "undo_restore", "key.undo_restore", show=False),
        Binding("question_mark,f1", "help", "key.help", key_display="?"),
        Binding("q", "quit", "key.quit"),
    ]

    def __init__(self, paths: list[str], *, session: Session | None = None, lang: str | None = None,
                 session_file: Path | None = None, view: keep.View | None = None, **kwargs: Any) -> None:
        # The interface's language first: the bindings' descriptions below are read in it.
        i18n.set_language(lang)
        super().__init__(**kwargs)
        i18n.translate_bindings(self)
        self.session = session or Session(list(paths))
        self.alignment: Alignment | None = None
        self.current = 0
        self.normalized = False
        self.sync = True
        self.aligned = True  #: sentence-aligned panes (tui.aligned); off: each pane flows on its own
        self.fold_unchanged = False  #: z: runs of unchanged sentences shown as one line
        self.changes = ChangeNavigator(self)
        self.status_line = StatusLine(self)
        self.copying = Copier(self)
        self.figures = FiguresPanel(self)
        self.pane_window = PaneWindow(self)  #: with 5-8 reports, which 2-4 have a pane on screen
        self.theming = Theming(self)
        self.keeping = Keeper(self, session_file, view)  #: the view saved on quit, offered on the next open
        self.quiet_realign = False  #: a restored view realigns without the level notice
        self._follow_offset: tuple[int, int] | None = None  #: (report, offset) to keep in view after l
        self._follow: tuple[int, str] | None = None  #: (report, section id) to keep the cursor on
        self._syncing = False
        self._figure_span: dict[int, tuple[int, int]] = {}
        self._changed_rows: list[bool | None] | None = None  #: rows that differ (the background diffs)
        self.loaded = False
        self._diffs_started = False  #: False until the first screen with text is out
        self.status_code = 0
        self.reopen: list[str] | None = None  #: reports to open next, side by side (from r)

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="problems")
        with Horizontal(id="main"):
            yield RowList(id="rows")
            with Vertical(id="centre"):
                yield Static(tr("status.reading"), id="status", markup=False)
                yield LoadingIndicator(id="loading")
                # A pane per file, mounted, styled and laid out while the files are read, so the text is
                # wrapped once and painted at once when it comes; panes of unreadable files are removed.
                with Horizontal(id="panes"):
                    for i, path in enumerate(self.session.paths):
                        yield ReportPane(i, os.path.basename(path))
                # The figures table (#metrics) is mounted here when first opened.
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.pane_window.panes(None)  # with 5-8 files, the first few panes while they are read
        self.theming.start(self.keeping.given.theme if self.keeping.given else None)
        if self.session.loaded_now():
            # The loader finished while Textual was starting: the first frame shows the comparison.
            await self._loaded(self.session.wait_loaded())
        else:
            self.sub_title = tr("status.reading")
            self.load_reports()

    # --- loading (worker) ------------------------------------------------------------------------

    def load_reports(self) -> None:
        """Wait for the reports in a daemon thread, not a Textual worker: worker threads are joined when
        the program exits, so `q` during a long read (a 31 MB report, a FIFO that never opens) would wait
        for it. A daemon thread is abandoned (and a forked loader killed at exit)."""
        threading.Thread(target=self._wait_for_reports, name="reportdiff-wait-load", daemon=True).start()

    def _wait_for_reports(self) -> None:
        # Alignment needs no word segmentation, so the rows and panes paint before jieba's dictionary
        # (~0.7 s) loads; the diffs that need it follow in the background (precompute).
        alignment = self.session.wait_loaded()
        with contextlib.suppress(RuntimeError):  # the app has quit meanwhile
            self.call_from_thread(self._loaded, alignment)

    async def _loaded(self, alignment: Alignment | None) -> None:
        self.loaded = True
        self.query_one("#loading").remove()
        problems = self.query_one("#problems", Static)
        warnings = [sanitize(f.message, one_line=True) for f in self.session.failures]
        # What reading noticed that changes how a report reads (a page holding the report six times).
        warnings += [
            sanitize(f"{r.name}: {note}", one_line=True)
            for r in self.session.reports for note in r.notes if note.startswith("the text repeats")
        ]
        if warnings:
            problems.update(Text("\n".join("⚠ " + w for w in warnings)))
            problems.add_class("-shown")
        reports = self.session.reports
        if not reports:
            self.query_one("#status", Static).update(
                Text(tr("status.none_read"), style="bold red")
            )
            self.status_code = 2
            return
        names = [r.name for r in reports]
        # The header and the border titles reach the terminal: sanitized, and never read as markup.
        self.sub_title = sanitize(" · ".join(_header_name(r) for r in reports), one_line=True)
        self.rows_changed_columns(refill=False)
        # Each row shows every report's label but one title, from the first report that has the section.
        self.query_one(RowList).border_subtitle = tr("rows.titles")
        panes = self.query_one("#panes", Horizontal)
        unused = list(self.query(ReportPane))[len(reports):]
        if unused:
            await panes.remove_children(unused)
        for pane, name in zip(self.query(ReportPane), names, strict=True):
            pane.report_name = name
        self.call_after_refresh(self._watch_scrolls)
        if alignment is not None:
            self.current = _opening_row(alignment)
        self._show_alignment(alignment)
        self.query_one(RowList).focus()
        self._start_diffs_when_painted()
        if alignment is not None:
            self.keeping.offer()

    def _start_diffs_when_painted(self, attempts: int = 20) -> None:
        """Start diffing once the first screen with the panes' text is out: the diffs load jieba's
        dictionary (~0.7 s of CPU, mostly holding the GIL), which would slow that screen down. Panes
        that are not laid out yet have no text on screen, so wait for their size (a few refreshes)."""
        if attempts and any(not pane.scroller.size.width for pane in self.pane_window.visible_panes()):
            self.call_after_refresh(self._start_diffs_when_painted, attempts - 1)
            return
        self.call_after_refresh(self._start_diffs)

    def _start_diffs(self) -> None:
        self._diffs_started = True
        row = self.current_row()
        if row is not None and not self._diffs_ready(row):
            self.diff_row(row)
        self.set_timer(0.05, self.precompute)

    def _watch_scrolls(self) -> None:
        for pane in self.query(ReportPane):
            self.watch(pane.scroller, "scroll_y", self._scroll_watcher(pane), init=False)

    def _scroll_watcher(self, pane: ReportPane) -> Any:
        def watcher() -> None:
            self._on_pane_scroll(pane)

        return watcher

    def _show_alignment(self, alignment: Alignment | None) -> None:
        if alignment is None:
            return
        self.alignment = alignment
        self.changes.reset()
        names = [r.name for r in self.session.reports]
        self.current = min(self.current, max(0, len(alignment.rows) - 1))
        self.query_one(RowList).show(alignment, names, highlighted=self.current)
        self.show_row(self.current)

    def rows_changed_columns(self, *, refill: bool = True) -> None:
        """The row list's columns follow the shown panes (tui/controllers/pane_window.py)."""
        rows = self.query_one(RowList)
        columns = self.pane_window.columns()
        rows.columns = columns if self.pane_window.windowed else None
        names = short_names([r.name for r in self.session.reports])
        # Which column of the row list is which report: labels are listed in report order.
        title = " │ ".join(names[i] for i in columns)
        if self.pane_window.windowed:
            title += f" ({self.pane_window.describe(columns)}/{len(names)})"
        rows.border_title = plain(title)
        if refill and self.alignment is not None:
            rows.show(self.alignment, [r.name for r in self.session.reports], self._changed_rows)

    @work(thread=True, exclusive=True, group="precompute", exit_on_error=False)
    def precompute(self) -> None:
        """Diff every row and extract its figures in the background, so moving between rows is instant."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        alignment = self.alignment
        if alignment is None:
            return
        changed: list[bool | None] = []
        for row in alignment.rows:
            if worker.is_cancelled:
                return
            self.session.row_diffs(row)
            for i, c in enumerate(row.cells):
                self.session.figures(i, c)
            changed.append(self.session.row_changed(row))
        if not worker.is_cancelled and alignment is self.alignment:
            self.call_from_thread(self._mark_unchanged, alignment, changed)

    def _mark_unchanged(self, alignment: Alignment, changed: list[bool | None]) -> None:
        if alignment is not self.alignment:
            return
        names = [r.name for r in self.session.reports]
        rows = self.query_one(RowList)
        self._changed_rows = changed
        rows.show(alignment, names, changed)

    # --- the current row -------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#rows")
    def _row_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None and event.option_index != self.current:
            self.current = event.option_index
            self.changes.reset()  # n goes to the row's first change, N to its last
            self._figure_span.clear()
            self.show_row(self.current)

    @on(OptionList.OptionSelected, "#rows")
    def _row_selected(self, event: OptionList.OptionSelected) -> None:
        panes = list(self.query(ReportPane))
        if panes:
            panes[0].scroller.focus()

    def current_row(self) -> Row | None:
        if self.alignment is None or not self.alignment.rows:
            return None
        return self.alignment.rows[min(self.current, len(self.alignment.rows) - 1)]

    def show_row(self, index: int) -> None:
        row = self.current_row()
        if row is None:
            return
        if self._diffs_ready(row):
            self._paint_row(row)
        else:
            self._paint_row(row, with_diff=False)
            if self._diffs_started:
                self.diff_row(row)

    def _diffs_ready(self, row: Row) -> bool:
        s = self.session
        pivot = s.pivot(row)
        if pivot is None:
            return True
        return all(
            (pivot, i, row.cells[pivot].id if row.cells[pivot] else "", c.id if c else "", s.show_folded) in s._diffs
            for i, c in enumerate(row.cells)
            if i != pivot
        )

    @work(thread=True, exclusive=True, group="row", exit_on_error=False)
    def diff_row(self, row: Row) -> None:
        self.session.row_diffs(row)
        for i, c in enumerate(row.cells):
            self.session.figures(i, c)
        self.call_from_thread(self._paint_if_current, row)

    def _paint_if_current(self, row: Row) -> None:
        if row is self.current_row():
            self._paint_row(row)

    def _paint_row(self, row: Row, *, with_diff: bool = True) -> None:
        s = self.session
        pivot = s.pivot(row)
        diffs = s.row_diffs(row) if with_diff else {}
        # The pivot pane shows its side of the diff with the first report that has this section too;
        # against a missing section everything would read as deleted, which says nothing.
        any_diff = next((d for i, d in diffs.items() if row.cells[i] is not None), None)
        panes = self.pane_window.panes(row)  # only the shown ones are painted
        texts = {}
        for pane in panes:
            i = pane.index
            section = row.cells[i]
            if i == pivot:
                diff, side = any_diff, "a"
            else:
                diff, side = diffs.get(i), "b"
            texts[i] = pane_text(s.reports[i], section, diff, side, normalized=self.normalized,
                                 figure_span=self._figure_span.get(i))
            pane.set_title(self._pane_title(i, section, diffs.get(i) if i != pivot else any_diff))
        # Sentence-aligned panes (original text with its diff): corresponding sentences on one line.
        # In normalized text too (o): the diff's sentence pairs mapped onto each report's normalized text.
        aligned.paint(panes, texts, row.cells, pivot, diffs, enabled=self.aligned, fold=self.fold_unchanged,
                      normalized=[r.folded for r in s.reports] if self.normalized else None)
        for pane in panes:
            pane.scroller.scroll_home(animate=False)
        self.status_line.update(row, diffs, with_diff)
        self.figures.update(row)

    def _paint_pane(self, row: Row, i: int) -> None:
        """Repaint one pane's marks (e.g. a selected figure), keeping its line breaks and position."""
        s = self.session
        pivot = s.pivot(row)
        diffs = s.row_diffs(row) if self._diffs_ready(row) else {}
        diff = next((d for j, d in diffs.items() if row.cells[j] is not None), None) if i == pivot else diffs.get(i)
        text = pane_text(s.reports[i], row.cells[i], diff, "a" if i == pivot else "b",
                         normalized=self.normalized, figure_span=self._figure_span.get(i))
        self.query_one(f"#pane-{i}", ReportPane).scroller.set_text(text, keep_position=True)

    def _pane_title(self, i: int, section: Any, diff: Any) -> Text:
        """Report name, how this side compares (before the title: titles are long, panes narrow), title."""
        title = Text(no_wrap=True, overflow="ellipsis")
        if self.pane_window.windowed:  # which of N: the others are a key away
            title.append(f"{i + 1}/{len(self.session.reports)} ", style="dim")
        title.append(sanitize(self.session.reports[i].name), style="bold")
        if section is None:
            title.append("  " + tr("pane.missing"), style="dim")
            return title
        if diff is not None and diff.a_span[1] > diff.a_span[0] and diff.b_span[1] > diff.b_span[0]:
            if diff.mode == "shared":
                title.append("  " + tr("pane.shared", share=diff.similarity), style="blue")
            elif diff.changed:
                title.append("  " + tr("pane.same", share=diff.similarity), style="yellow")
            else:
                title.append("  " + tr("pane.identical"), style="green")
        title.append("  " + sanitize(section.label + (section.title or "")))
        return title

    @property
    def last_copy(self) -> clipboard.CopyResult | None:
        """Where the latest copy went (tests and the palette read it)."""
        return self.copying.last

    def on_resize(self) -> None:
        self.call_after_refresh(self.pane_window.resized)
        self.call_after_refresh(self.status_line.refresh)

    # --- figures (tui/controllers/figures.py) ---------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.figures.row_highlighted(event)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.figures.cell_selected(event)

    def show_source(self, report: int, cell: Any, index: int = 0, count: int = 1) -> None:
        self.figures.show_source(report, cell, index, count)

    def action_plot(self) -> None:
        self.figures.plot()

    def action_targets(self) -> None:
        self.figures.targets()

    # --- actions ---------------------------------------------------------------------------------

    def action_row(self, delta: int) -> None:
        if self.alignment is None or not self.alignment.rows:
            return
        rows = self.query_one(RowList)
        rows.highlighted = max(0, min(len(self.alignment.rows) - 1, (rows.highlighted or 0) + delta))

    def action_panes(self, delta: int) -> None:
        """`]`/`[`: with 5-8 reports, the next (previous) reports beside the pivot."""
        self.pane_window.step(delta)

    def action_change(self, delta: int) -> None:
        """The next (or previous) change of any report against the pivot (tui/controllers/navigation.py)."""
        self.changes.step(delta)

    def action_toggle_level(self) -> None:
        if not self.loaded or not self.session.reports:
            return
        row = self.current_row()
        pivot = self.session.pivot(row) if row is not None else None
        if row is not None and pivot is not None:
            # Keep in view what the pivot's pane shows at its top: its section at the other level.
            section = row.cells[pivot]
            assert section is not None
            pane = self.query_one(f"#pane-{pivot}", ReportPane)
            self._follow_offset = (pivot, section.start + pane.scroller.top_offset())
        self.session.level = "topics" if self.session.level == "chapters" else "chapters"
        self.realign()

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def realign(self) -> None:
        alignment = self.session.alignment()
        self.call_from_thread(self._realigned, alignment)

    def _realigned(self, alignment: Alignment) -> None:
        # After a pin or unpin the cursor stays with the section it was on, wherever its row moved.
        follow, self._follow = self._follow, None
        at, self._follow_offset = self._follow_offset, None
        if at is not None:
            self.current = row_in_view(alignment.rows, *at, default=self.current)
        if follow is not None:
            report, section_id = follow
            self.current = next(
                (i for i, r in enumerate(alignment.rows) if (c := r.cells[report]) is not None and c.id == section_id),
                self.current,
            )
        self._show_alignment(alignment)
        if at is not None:
            self.call_after_refresh(self._scroll_into_view, *at)
        if not self.quiet_realign:
            self.notify(tr("note.level", level=tr(f"level.{self.session.level}"), n=len(alignment.rows)), timeout=2)
        self.quiet_realign = False
        self.precompute()

    def _scroll_into_view(self, report: int, offset: int) -> None:
        """Scroll ``report``'s pane to ``offset`` when the current row's section holds it."""
        row = self.current_row()
        section = row.cells[report] if row is not None else None
        if section is not None and section.start <= offset < section.end:
            pane = self.query_one(f"#pane-{report}", ReportPane)
            pane.scroll_to_offset(offset - section.start, section.end - section.start)
            if self.sync:
                self._sync_from(pane)

    async def action_toggle_metrics(self) -> None:
        table = await self.figures.open()
        if not table.has_class("-shown"):
            table.add_class("-shown")
            table.mode = "row"
        elif table.mode == "row":
            table.mode = "table"
        else:
            table.remove_class("-shown")
            return
        row = self.current_row()
        if row is not None:
            self.figures.update(row)
        title = tr("figures.row_title") if table.mode == "row" else tr("figures.table_title")
        table.border_title = title

    def action_toggle_normalized(self) -> None:
        self.normalized = not self.normalized
        rows = self.query_one(RowList)
        rows.normalized = self.normalized  # the row titles follow the panes
        if self.alignment is not None:
            rows.show(self.alignment, [r.name for r in self.session.reports])
        row = self.current_row()
        if row is not None:
            self._paint_row(row, with_diff=self._diffs_ready(row))
        self.notify(tr("note.normalized") if self.normalized else tr("note.original"), timeout=3)

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify(tr("note.sync", state=tr("note.on") if self.sync else tr("note.off")), timeout=2)
        self.status_line.refresh()

    def action_toggle_fold(self) -> None:
        """Fold runs of unchanged sentences into one line (or show them again), in the aligned panes."""
        self.fold_unchanged = not self.fold_unchanged
        aligned.set_fold(self.query(ReportPane), self.fold_unchanged)
        note = tr("note.fold_on") if self.fold_unchanged else tr("note.fold_off")
        if self.fold_unchanged and not any(p.scroller.group for p in self.pane_window.visible_panes()):
            note += "\n" + tr("note.fold_elsewhere")
        self.notify(note, timeout=3)
        self.status_line.refresh()

    def action_toggle_folded(self) -> None:
        self.session.show_folded = not self.session.show_folded
        self.notify(tr("note.folded_shown") if self.session.show_folded else tr("note.folded_hidden"), timeout=2)
        self.show_row(self.current)

    def action_pin(self) -> None:
        row = self.current_row()
        if row is None or len(self.session.reports) < 2:
            return
        pivot = self.session.pivot(row)
        if pivot is None:
            return
        section = row.cells[pivot]
        assert section is not None
        choices = []
        for ri, r in enumerate(self.session.reports):
            if ri == pivot:
                continue
            from core.align import units_of

            for s in units_of(r, self.session.level):
                choices.append((ri, r.name, s))
        title = tr("pin.title", name=self.session.reports[pivot].name, section=f"{section.label}{section.title}")

        def done(result: tuple[int, str] | None) -> None:
            if result is None:
                return
            ri, sid = result
            self.session.pin(pivot, section.id, ri, sid)
            self._follow = (pivot, section.id)
            self.realign()

        from .screens.picker import PinPicker

        self.push_screen(PinPicker(title, choices), done)

    def action_unpin(self) -> None:
        row = self.current_row()
        if row is None:
            return
        pivot = self.session.pivot(row)  # the first report that has the section: its cell is never None
        if self.session.unpin(row):
            self._follow = (pivot, row.cells[pivot].id) if pivot is not None else None  # type: ignore[union-attr]
            self.realign()
        else:
            self.notify(tr("note.nothing_to_unpin"), timeout=2)

    def action_copy(self) -> None:
        table = self.figures.table()
        if table is None or not table.has_class("-shown"):
            self.notify(tr("note.copy_first"), timeout=3)
            return
        text = table.selected_copy()
        if text is None:
            self.notify(tr("note.nothing_selected"), timeout=2)
            return
        self.copying.copy(text, text.replace("\t", " · "))

    async def action_copy_table(self) -> None:
        table = await self.figures.open()
        if not table.has_class("-shown"):
            table.add_class("-shown")
            row = self.current_row()
            if row is not None:
                self.figures.update(row)
        if not table.rows_tsv:
            self.notify(tr("note.no_figures"), timeout=3)
            return
        text = table.all_tsv()
        self.copying.copy(text, tr("note.rows_tsv", n=len(table.rows_tsv)))

    def action_export(self) -> None:
        def done(result: tuple[str, str, bool] | None) -> None:
            if result is not None:
                self.export(*result)

        from .screens.export import ExportScreen

        self.push_screen(ExportScreen(os.getcwd(), inputs=self.session.paths), done)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, fmt: str, path: str, overwrite: bool) -> None:
        from .export import ExportError, export_comparison

        try:
            written = export_comparison(self.session, fmt, Path(path), overwrite=overwrite)
        except ExportError as exc:
            self.call_from_thread(self.notify, sanitize(str(exc)), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, sanitize(tr("note.exported", path=written)), markup=False)

    def action_search(self) -> None:
        if not self.loaded or not self.session.reports:
            return

        def done(hit: SearchHit | None) -> None:
            if hit is None:
                return
            self.query_one(RowList).highlighted = hit.row
            self.current = hit.row
            self.show_row(hit.row)
            row = self.current_row()
            if row is not None and row.cells[hit.report] is not None:
                section = row.cells[hit.report]
                assert section is not None
                self._figure_span = {hit.report: (hit.start, hit.end)}
                self._paint_row(row, with_diff=self._diffs_ready(row))
                pane = self.query_one(f"#pane-{hit.report}", ReportPane)
                pane.scroll_to_offset(hit.start - section.start, section.end - section.start)

        from .screens.search import SearchScreen

        self.push_screen(SearchScreen(self.session.search, [r.name for r in self.session.reports]), done)

    def action_counterparts(self) -> None:
        """The current row's section across the corpus index (reportdiff similar); marked ones open here."""
        row = self.current_row()
        pivot = self.session.pivot(row) if row is not None else None
        if row is None or pivot is None:
            return
        from .screens.counterparts import CounterpartsScreen, find_index

        index = find_index(self.session.paths)
        if index is None:
            self.notify(tr("note.no_index"), timeout=5, markup=False)
            return
        section = row.cells[pivot]
        assert section is not None
        report = self.session.reports[pivot]

        def done(paths: list[str] | None) -> None:
            if paths:
                self.reopen = paths
                self.keeping.save()
                self.exit(0)

        self.push_screen(CounterpartsScreen(index, report.path, section.id,
                                            f"{report.name} {section.label}{section.title}", self.session.level), done)

    def go_to_section(self, where: tuple[int, str] | None) -> None:
        """Put the cursor on the row holding report ``where[0]``'s section ``where[1]`` (if any), and paint
        the row again in the current modes."""
        if self.alignment is None:
            return
        if where is not None:
            report, section_id = where
            index = next((i for i, r in enumerate(self.alignment.rows)
                          if (c := r.cells[report]) is not None and c.id == section_id), None)
            if index is not None:
                self.current = index
                self.query_one(RowList).highlighted = index
        self.show_row(self.current)

    def action_pivot(self) -> None:
        """v: read the diffs against the next report (where a row has it), rather than the first."""
        s = self.session
        if len(s.reports) < 2:
            return
        s.chosen_pivot = 1 if s.chosen_pivot is None else (s.chosen_pivot + 1) % len(s.reports)
        if s.chosen_pivot == 0:
            s.chosen_pivot = None  # the first report again: the default
        self.changes.reset()
        self.show_row(self.current)
        self.precompute()
        self.notify(tr("note.pivot", name=s.reports[s.chosen_pivot or 0].name), timeout=2, markup=False)

    def action_theme(self) -> None:
        self.theming.cycle()

    def action_undo_restore(self) -> None:
        self.keeping.undo()

    async def action_quit(self) -> None:
        self.keeping.save()
        self.exit()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(list(self.BINDINGS_LIST)))

    @property
    def BINDINGS_LIST(self) -> Iterable[Binding]:
        return [i18n.translated(b) for b in self.BINDINGS if isinstance(b, Binding)]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own theme picker lists themes whose marks are not ours: ours instead, by name.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Theme")
        for title, help_text, name in self.theming.commands():
            yield SystemCommand(title, help_text, lambda name=name: self.theming.apply(name))
        for b in self.BINDINGS_LIST:
            if b.action in ("quit",):
                continue
            yield SystemCommand(b.description, tr("palette.key", keys=b.key_display or b.key),
                                lambda action=b.action: self.run_action(action))

    # --- sync scroll -----------------------------------------------------------------------------

    def _on_pane_scroll(self, pane: ReportPane) -> None:
        if self.sync and not self._syncing:
            self._sync_from(pane)

    def _sync_from(self, source: ReportPane) -> None:
        """Scroll the other panes to the place that corresponds to the top of ``source``: through the
        row's diff (aligned sentences) when there is one, else to the same share of the section."""
        self._syncing = True
        try:
            row = self.current_row()
            pivot = self.session.pivot(row) if row is not None else None
            diffs = self.session.row_diffs(row) if row is not None and self._diffs_ready(row) else {}
            src_section = row.cells[source.index] if row is not None else None
            for pane in self.pane_window.visible_panes():
                if pane is source:
                    continue
                if aligned.same_group(source, pane):  # laid out line for line: the same line
                    pane.scroller.scroll_to(y=source.scroller.scroll_y, animate=False)
                    continue
                target = None
                section = row.cells[pane.index] if row is not None else None
                if src_section is not None and section is not None and not self.normalized:
                    offset = src_section.start + source.scroller.top_offset()
                    target = self._corresponding(diffs, pivot, source.index, pane.index, offset)
                if target is not None and section is not None:
                    pane.scroller.scroll_to_offset(max(0, target - section.start), context=0)
                else:
                    pane.scroller.scroll_to(y=source.line_fraction() * pane.scroller.max_scroll_y, animate=False)
        finally:
            self.call_after_refresh(self._end_sync)

    @staticmethod
    def _corresponding(diffs: dict[int, Any], pivot: int | None, src: int, dst: int, offset: int) -> int | None:
        """Map an offset of report ``src`` to report ``dst`` through the pivot's diffs."""
        from .sync import map_offset

        if pivot is None:
            return None
        if src != pivot:
            d = diffs.get(src)
            if d is None or d.mode != "diff":
                return None
            offset = map_offset(d, offset, "b")
        if dst == pivot:
            return offset
        d = diffs.get(dst)
        if d is None or d.mode != "diff":
            return None
        return map_offset(d, offset, "a")

    def _end_sync(self) -> None:
        self._syncing = False


def _opening_row(alignment: Alignment) -> int:
    """The row to open on: the first one that most reports share, past the front matter."""
    rows = alignment.rows
    if not rows:
        return 0
    most = max(len(r.present()) for r in rows)
    for i, row in enumerate(rows):
        kinds = {c.kind for c in row.cells if c is not None}
        if len(row.present()) == most and not kinds & {"front", "preamble"}:
            return i
    return 0


def _header_name(report: Any) -> str:
    m = report.meta
    bits = [report.name]
    if m.region and m.region not in report.name:
        bits.append(m.region)
    if m.year and str(m.year) not in report.name:
        bits.append(str(m.year))
    return " ".join(bits)
