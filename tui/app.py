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

from . import clipboard
from .render import change_offsets, pane_text, short_names
from .safety import plain, sanitize
from .session import Session
from .widgets.key_footer import KeyFooter
from .widgets.report_pane import ReportPane
from .widgets.row_list import RowList

if TYPE_CHECKING:  # the dialogs, the figures table and the aligner's types load when first used
    from textual.widgets import DataTable

    from core.alignment import Alignment, Row

    from .session import SearchHit
    from .widgets.metric_table import MetricTable


class ReportDiffApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "reportdiff"

    BINDINGS = [
        Binding("j", "row(1)", "Next row", show=False),
        Binding("k", "row(-1)", "Previous row", show=False),
        Binding("n", "change(1)", "Next change"),
        Binding("N", "change(-1)", "Prev change", show=False),
        Binding("l", "toggle_level", "Chapters/topics"),
        Binding("m", "toggle_metrics", "Figures"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("o", "toggle_normalized", "Original/normalized", show=False),
        Binding("s", "toggle_sync", "Sync scroll", show=False),
        Binding("f", "toggle_folded", "Show folded differences", show=False),
        Binding("p", "pin", "Pin", show=False),
        Binding("u", "unpin", "Unpin", show=False),
        Binding("c", "copy", "Copy figure", show=False),
        Binding("C", "copy_table", "Copy table (TSV)", show=False),
        Binding("g", "plot", "Chart of the indicator", show=False),
        Binding("t", "targets", "Targets vs outcomes", show=False),
        Binding("e", "export", "Export", show=False),
        Binding("r", "counterparts", "Counterparts in the corpus index", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, paths: list[str], *, session: Session | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session or Session(list(paths))
        self.alignment: Alignment | None = None
        self.current = 0
        self.normalized = False
        self.sync = True
        self._change_index = -1
        self._entry_change_index = -1  #: where the change index starts in the next row opened
        self._follow: tuple[int, str] | None = None  #: (report, section id) to keep the cursor on
        self._syncing = False
        self._figure_span: dict[int, tuple[int, int]] = {}
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
                yield Static("reading reports…", id="status", markup=False)
                yield LoadingIndicator(id="loading")
                # A pane per file, mounted, styled and laid out while the files are read, so the text is
                # wrapped once and painted at once when it comes; panes of unreadable files are removed.
                with Horizontal(id="panes"):
                    for i, path in enumerate(self.session.paths):
                        yield ReportPane(i, os.path.basename(path))
                # The figures table (#metrics) is mounted here when first opened.
        yield KeyFooter()

    async def on_mount(self) -> None:
        if self.session.loaded_now():
            # The loader finished while Textual was starting: the first frame shows the comparison.
            await self._loaded(self.session.wait_loaded())
        else:
            self.sub_title = "loading…"
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
                Text("No report could be read. Press q to quit.", style="bold red")
            )
            self.status_code = 2
            return
        names = [r.name for r in reports]
        # The header and the border titles reach the terminal: sanitized, and never read as markup.
        self.sub_title = sanitize(" · ".join(_header_name(r) for r in reports), one_line=True)
        # Which column of the row list is which report: labels are listed in report order.
        self.query_one(RowList).border_title = plain(" │ ".join(short_names(names)))
        # Each row shows every report's label but one title, from the first report that has the section.
        self.query_one(RowList).border_subtitle = "titles: first report having it"
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

    def _start_diffs_when_painted(self, attempts: int = 20) -> None:
        """Start diffing once the first screen with the panes' text is out: the diffs load jieba's
        dictionary (~0.7 s of CPU, mostly holding the GIL), which would slow that screen down. Panes
        that are not laid out yet have no text on screen, so wait for their size (a few refreshes)."""
        if attempts and any(not pane.scroller.size.width for pane in self.query(ReportPane)):
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
        names = [r.name for r in self.session.reports]
        self.current = min(self.current, max(0, len(alignment.rows) - 1))
        self.query_one(RowList).show(alignment, names, highlighted=self.current)
        self.show_row(self.current)

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
        rows.show(alignment, names, changed)

    # --- the current row -------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#rows")
    def _row_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None and event.option_index != self.current:
            self.current = event.option_index
            # n enters a row before its first change, N after its last, so N visits what n visits.
            self._change_index, self._entry_change_index = self._entry_change_index, -1
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
        for pane in self.query(ReportPane):
            i = pane.index
            section = row.cells[i]
            if i == pivot:
                diff, side = any_diff, "a"
            else:
                diff, side = diffs.get(i), "b"
            text = pane_text(s.reports[i], section, diff, side, normalized=self.normalized,
                             figure_span=self._figure_span.get(i))
            pane.set_text(text)
            pane.set_title(self._pane_title(i, section, diffs.get(i) if i != pivot else any_diff))
            pane.scroller.scroll_home(animate=False)
        self._update_status(row, diffs, with_diff)
        self._update_metrics(row)

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
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(sanitize(self.session.reports[i].name), style="bold")
        if section is None:
            t.append("  (missing)", style="dim")
            return t
        if diff is not None and diff.a_span[1] > diff.a_span[0] and diff.b_span[1] > diff.b_span[0]:
            if diff.mode == "shared":
                t.append(f"  {diff.similarity:.0%} shared", style="blue")
            elif diff.changed:
                t.append(f"  {diff.similarity:.1%} same", style="yellow")
            else:
                t.append("  identical", style="green")
        t.append("  " + sanitize(section.label + (section.title or "")))
        return t

    def _update_status(self, row: Row, diffs: dict[int, Any], ready: bool) -> None:
        # Most telling first and in few words: the line is cut (with …) where the centre ends.
        score = f"score {row.score:.2f}" if row.score else "unmatched"
        if row.reasons:
            score += " (" + ", ".join(row.reasons) + ")"
        parts = [f"row {self.current + 1}/{len(self.alignment.rows) if self.alignment else 0}", score]
        if not ready:
            parts.append("diffing…")
        elif any(d.mode == "shared" for d in diffs.values()):
            parts.append("texts differ: shared phrases marked")
        parts += [
            self.session.level,
            "in order (one series)" if self.alignment and self.alignment.series else "matched by content",
            "normalized" if self.normalized else "original text",
            "sync on" if self.sync else "sync off",
        ]
        status = sanitize(" · ".join(parts), one_line=True)  # reasons name sections (→ labels from the text)
        self.query_one("#status", Static).update(Text(status, no_wrap=True, overflow="ellipsis"))

    # --- figures ---------------------------------------------------------------------------------

    def _metrics(self) -> MetricTable | None:
        """The figures table if it was ever opened."""
        found = self.query("#metrics")
        return found.first() if found else None  # type: ignore[return-value]

    async def _open_metrics(self) -> MetricTable:
        """The figures table, mounted on first use (a DataTable's styles cost start-up time)."""
        table = self._metrics()
        if table is None:
            from .widgets.metric_table import MetricTable

            table = MetricTable(id="metrics")
            await self.query_one("#centre", Vertical).mount(table)
        return table

    def _update_metrics(self, row: Row) -> None:
        table = self._metrics()
        if table is None or not table.has_class("-shown"):
            return
        names = [r.name for r in self.session.reports]
        if table.mode == "table":
            self._show_indicator_table()
            return
        figures = []
        for i, c in enumerate(row.cells):
            for f in self.session.figures(i, c):
                figures.append((i, f))
        table.show_figures(names, figures)

    def _show_indicator_table(self) -> None:
        table = self._metrics()
        if table is None:
            return
        if not self.session.indicator_table_ready():
            table.clear(columns=True)
            table.add_column("indicators")
            table.add_row(Text("matching indicators across reports…", style="dim"))
            self.build_indicators()
            return
        names = [r.name for r in self.session.reports]
        table.show_indicators(names, self.session.indicator_table())

    @work(thread=True, exclusive=True, group="indicators", exit_on_error=False)
    def build_indicators(self) -> None:
        self.session.indicator_table()
        self.call_from_thread(self._indicators_built)

    def _indicators_built(self) -> None:
        table = self._metrics()
        if table is not None and table.has_class("-shown") and table.mode == "table":
            self._show_indicator_table()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self._metrics()
        if table is None or event.data_table is not table:
            return
        picked = table.selected_figure()
        if picked is None:
            return
        ri, fig = picked
        self._figure_span = {ri: (fig.start, fig.end)}
        row = self.current_row()
        if row is None:
            return
        self._paint_pane(row, ri)
        pane = self.query_one(f"#pane-{ri}", ReportPane)
        section = row.cells[ri]
        if section is not None:
            pane.scroll_to_offset(fig.start - section.start, section.end - section.start)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell of the cross-report table: its figure's sentence, highlighted in its pane
        (Enter again: the cell's next candidate, when the report gives several)."""
        table = self._metrics()
        if table is None or event.data_table is not table:
            return
        picked = table.next_candidate()
        if picked is not None:
            self.show_source(*picked)

    def show_source(self, report: int, cell: Any, index: int = 0, count: int = 1) -> None:
        """Go to the row holding ``cell``'s figure in report ``report`` and highlight its sentence."""
        if self.alignment is None:
            return
        from .figure_source import row_holding, source_note

        target = row_holding(self.alignment, report, cell.start)
        if target is None:
            self.notify("this figure is outside the aligned sections", timeout=3)
            return
        span = (cell.sentence_start, cell.sentence_end) if cell.sentence_start >= 0 else (cell.start, cell.end)
        self._figure_span = {report: span}
        if target != self.current:
            self.current = target
            self.query_one(RowList).highlighted = target
        row = self.alignment.rows[target]
        self.show_row(target)
        section = row.cells[report]

        def scroll() -> None:
            if section is not None:
                pane = self.query_one(f"#pane-{report}", ReportPane)
                pane.scroll_to_offset(cell.start - section.start, section.end - section.start)

        self.call_after_refresh(scroll)
        note = source_note(self.session.reports[report].name, cell, index, count)
        self.notify(note, title="source", markup=False, timeout=6)

    def action_plot(self) -> None:
        table = self._metrics()
        row = table.selected_indicator() if table is not None and table.has_class("-shown") else None
        if row is None:
            self.notify("open the indicators across reports (m, m), pick a row, then g draws it", timeout=3)
            return
        from .screens.plot import PlotScreen

        self.push_screen(PlotScreen(row, short_names([r.name for r in self.session.reports])))

    @work(thread=True, exclusive=True, group="targets", exit_on_error=False)
    def action_targets(self) -> None:
        """Targets against outcomes over the open reports (one government's years), in a worker."""
        from core.figures.tracker import TrackedReport, by_government, track
        from core.report_figures import tracked_report

        series: list[TrackedReport] = [tracked_report(r) for r in self.session.reports if r.meta.year]
        groups, _ = by_government(series)
        years = sorted({t.year for t in series})
        if len(years) < 2 or len(years) < len(series) or len(groups) != 1:
            self.call_from_thread(
                self.notify, "targets need the reports of one government, one a year (each with its year)", timeout=4
            )
            return
        pairs = track(groups[0][1])
        from .screens.tracker import TrackerScreen

        self.call_from_thread(self.push_screen, TrackerScreen(pairs, years))

    # --- actions ---------------------------------------------------------------------------------

    def action_row(self, delta: int) -> None:
        if self.alignment is None or not self.alignment.rows:
            return
        rows = self.query_one(RowList)
        rows.highlighted = max(0, min(len(self.alignment.rows) - 1, (rows.highlighted or 0) + delta))

    def action_change(self, delta: int) -> None:
        """Jump to the next (or previous) change; past the last one, to the next row with changes."""
        row = self.current_row()
        if row is None or not self.loaded:
            return
        s = self.session
        pivot = s.pivot(row)
        diffs = s.row_diffs(row)
        other = next(iter(diffs), None)
        offsets = change_offsets(diffs.get(other) if other is not None else None, "b")
        target = min(self._change_index, len(offsets)) + delta
        if 0 <= target < len(offsets) and other is not None:
            self._change_index = target
            section = row.cells[other]
            if section is not None:
                pane = self.query_one(f"#pane-{other}", ReportPane)
                pane.scroll_to_offset(offsets[target] - section.start, section.end - section.start)
                self._sync_from(pane)
            self.query_one("#status", Static).update(Text(f"change {target + 1} of {len(offsets)} in this row"))
            return
        # Next row with a change.
        assert self.alignment is not None
        n = len(self.alignment.rows)
        i = self.current + delta
        while 0 <= i < n:
            if s.row_changed(self.alignment.rows[i]):
                self._entry_change_index = -1 if delta > 0 else 10**9
                self.query_one(RowList).highlighted = i
                return
            i += delta
        self.notify("no more changes" if delta > 0 else "no earlier changes", timeout=2)
        del pivot

    def action_toggle_level(self) -> None:
        if not self.loaded or not self.session.reports:
            return
        self.session.level = "topics" if self.session.level == "chapters" else "chapters"
        self.current = 0
        self.realign()

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def realign(self) -> None:
        alignment = self.session.alignment()
        self.call_from_thread(self._realigned, alignment)

    def _realigned(self, alignment: Alignment) -> None:
        # After a pin or unpin the cursor stays with the section it was on, wherever its row moved.
        follow, self._follow = self._follow, None
        if follow is not None:
            report, section_id = follow
            self.current = next(
                (i for i, r in enumerate(alignment.rows) if (c := r.cells[report]) is not None and c.id == section_id),
                self.current,
            )
        self._show_alignment(alignment)
        self.notify(f"{self.session.level}: {len(alignment.rows)} rows", timeout=2)
        self.precompute()

    async def action_toggle_metrics(self) -> None:
        table = await self._open_metrics()
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
            self._update_metrics(row)
        title = "figures of this row" if table.mode == "row" else "indicators across reports"
        table.border_title = title

    def action_toggle_normalized(self) -> None:
        self.normalized = not self.normalized
        row = self.current_row()
        if row is not None:
            self._paint_row(row, with_diff=self._diffs_ready(row))

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify(f"sync scroll {'on' if self.sync else 'off'}", timeout=2)
        row = self.current_row()
        if row is not None:
            self._update_status(row, self.session.row_diffs(row) if self._diffs_ready(row) else {}, True)

    def action_toggle_folded(self) -> None:
        self.session.show_folded = not self.session.show_folded
        self.notify("folded differences " + ("shown" if self.session.show_folded else "hidden"), timeout=2)
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
        title = f"Pin {self.session.reports[pivot].name} {section.label}{section.title} to:"

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
            self.notify("nothing to unpin in this row", timeout=2)

    def action_copy(self) -> None:
        table = self._metrics()
        if table is None or not table.has_class("-shown"):
            self.notify("open the figures with m, pick one, then c copies it", timeout=3)
            return
        text = table.selected_copy()
        if text is None:
            self.notify("nothing selected", timeout=2)
            return
        clipboard.copy(self, text)
        self._notify_copied(text.replace("\t", " · "))

    async def action_copy_table(self) -> None:
        table = await self._open_metrics()
        if not table.has_class("-shown"):
            table.add_class("-shown")
            row = self.current_row()
            if row is not None:
                self._update_metrics(row)
        if not table.rows_tsv:
            self.notify("no figures in this row to copy (m again shows the indicators across reports)", timeout=3)
            return
        text = table.all_tsv()
        clipboard.copy(self, text)
        self._notify_copied(f"{len(table.rows_tsv)} rows as tab-separated text")

    def _notify_copied(self, what: str) -> None:
        self.notify(
            f"copied: {sanitize(what)[:80]}\n(if your terminal ignores clipboard requests, press e to export to a file)",
            title="clipboard",
            markup=False,
            timeout=4,
        )

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
        self.call_from_thread(self.notify, sanitize(f"exported to {written}"), markup=False)

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
            self.notify("no corpus index for these reports: make one with reportdiff index FOLDER "
                        "(or set REPORTDIFF_INDEX)", timeout=5, markup=False)
            return
        section = row.cells[pivot]
        assert section is not None
        report = self.session.reports[pivot]

        def done(paths: list[str] | None) -> None:
            if paths:
                self.reopen = paths
                self.exit(0)

        self.push_screen(CounterpartsScreen(index, report.path, section.id,
                                            f"{report.name} {section.label}{section.title}", self.session.level), done)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(list(self.BINDINGS_LIST)))

    @property
    def BINDINGS_LIST(self) -> Iterable[Binding]:
        return [b for b in self.BINDINGS if isinstance(b, Binding)]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for b in self.BINDINGS_LIST:
            if b.action in ("quit",):
                continue
            yield SystemCommand(b.description, f"key: {b.key_display or b.key}",
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
            for pane in self.query(ReportPane):
                if pane is source:
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
