"""r: the counterparts of the current row's section in every report of a corpus index (``reportdiff similar``
in the app); space marks reports, o opens the current report with the marked ones side by side (2–4)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from ..i18n import t as tr
from ..i18n import translate_bindings
from ..safety import sanitize
from .base import Modal

#: The app shows this many reports side by side at most from here (the current one and three).
MAX_OPEN = 4


def find_index(paths: list[str]) -> str | None:
    """The index for these reports: $REPORTDIFF_INDEX, else the nearest ``.reportdiff`` above a report."""
    import os
    from pathlib import Path

    from core.corpus.store import INDEX_DIR, INDEX_FILE

    env = os.environ.get("REPORTDIFF_INDEX")
    if env:
        return env
    for p in paths:
        for folder in Path(p).resolve().parents:
            if (folder / INDEX_DIR / INDEX_FILE).is_file():
                return str(folder / INDEX_DIR)
    return None


class CounterpartsScreen(Modal[list[str] | None]):
    """The ranked counterparts (computed in a worker); returns the paths to open, or None."""

    BINDINGS = [
        Binding("escape,q", "cancel", "key.close"),
        Binding("o", "open", "key.open_marked"),
    ]
    DEFAULT_CSS = """
    CounterpartsScreen { align: center middle; }
    CounterpartsScreen > Vertical { width: 120; max-width: 95%; height: 85%; border: round $accent;
                                    background: $surface; padding: 0 1; }
    CounterpartsScreen SelectionList { height: 1fr; }
    """

    def __init__(self, index: str, report_path: str, section_id: str, heading: str, level: str,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.index = index
        self.report_path = report_path
        self.section_id = section_id
        self.heading = heading
        self.level = level
        self.result: Any = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(tr("cp.title", heading=sanitize(self.heading)), style="bold"), id="counterparts-title")
            yield Static(Text(tr("cp.ranking"), style="dim"), id="counterparts-status")
            yield SelectionList[int](id="counterparts-list")

    def on_mount(self) -> None:
        self.rank()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def rank(self) -> None:
        from core.corpus.similar import similar
        from core.corpus.store import open_store
        from core.errors import ReportError

        try:
            store = open_store(self.index)
            try:
                result = similar(store, self.report_path, self.section_id, level=self.level, top=50, phrases=False)
            finally:
                store.close()
        except ReportError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._show, result)

    def _show_error(self, message: str) -> None:
        self.query_one("#counterparts-status", Static).update(Text(sanitize(message), style="bold red"))

    def _show(self, result: Any) -> None:
        self.result = result
        options = []
        for k, c in enumerate(result.counterparts):
            t = Text(no_wrap=True, overflow="ellipsis")
            t.append(f"{c.score:.2f}  ", style="bold")
            t.append(sanitize(c.name) + "  ", style="cyan")
            t.append(sanitize(f"{c.outline_path or c.label} {c.title}".strip()))
            if c.reasons:
                t.append("  " + sanitize(", ".join(c.reasons)), style="dim")
            options.append(Selection(t, k))
        listing = self.query_one("#counterparts-list", SelectionList)
        listing.add_options(options)
        listing.focus()
        self.query_one("#counterparts-status", Static).update(Text(
            tr("cp.status", n=len(result.counterparts), m=result.compared, level=tr(f"level.{self.level}")),
            style="dim"))

    def action_open(self) -> None:
        if self.result is None:
            return
        listing = self.query_one("#counterparts-list", SelectionList)
        marked = list(listing.selected)
        if not marked and listing.highlighted is not None:
            marked = [listing.highlighted]
        if not marked:
            return
        if len(marked) > MAX_OPEN - 1:
            self.notify(tr("cp.too_many", most=MAX_OPEN - 1, all=MAX_OPEN), timeout=3)
            return
        chosen = [self.result.counterparts[int(k)].path for k in marked]
        self._close([self.report_path, *chosen])

    def action_cancel(self) -> None:
        self._close(None)
