"""``reportdiff DIR``: choose 2–8 of a folder's reports to compare, listed by region and year.

Each report's title, region and year are read from the report itself (in a thread, a few at a time on
screen as they come); the list is sorted by region, then year. Space marks a report, Enter opens the
marked ones, q or Escape quits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from ..i18n import set_language, translate_bindings
from ..i18n import t as tr
from ..safety import sanitize

MIN_CHOSEN, MAX_CHOSEN = 2, 8


@dataclass(frozen=True)
class Entry:
    """One file of the folder, as read: what the picker shows and sorts by."""

    path: str
    title: str
    region: str | None
    year: int | None
    error: str | None = None

    def sort_key(self) -> tuple[int, str, int, str]:
        return (self.error is not None, self.region or "\uffff", self.year or 0, os.path.basename(self.path))

    def label(self) -> Text:
        t = Text(no_wrap=True, overflow="ellipsis")
        if self.error:
            t.append("⚠ " + sanitize(os.path.basename(self.path)) + "  ", style="bold red")
            t.append(sanitize(self.error), style="dim")
            return t
        region = sanitize(self.region or "—")
        t.append(region + " " * max(1, 12 - cell_len(region)), style="bold cyan")  # a column, in cells
        t.append(f" {self.year or '—':<6}", style="bold")
        t.append(sanitize(self.title))
        t.append("  " + sanitize(os.path.basename(self.path)), style="dim")
        return t


def read_entry(path: str) -> Entry:
    """A report's title, region and year (or the one-line reason it cannot be read). Never raises."""
    from core.errors import ReportError
    from core.report import load_report

    try:
        report = load_report(path)
    except ReportError as exc:
        return Entry(path, "", None, None, exc.problem if hasattr(exc, "problem") else str(exc))
    except Exception as exc:  # a bug of ours must not take the picker down
        return Entry(path, "", None, None, tr("fp.unexpected", name=type(exc).__name__))
    meta = report.meta
    return Entry(path, meta.title or report.name, meta.region, meta.year)


class FolderPicker(Screen[list[str] | None]):
    """The folder's reports with their region and year; dismisses with the chosen paths (None: quit)."""

    BINDINGS = [
        Binding("enter", "open", "key.open_picked", priority=True),
        Binding("escape,q", "quit_picker", "key.quit"),
    ]
    DEFAULT_CSS = """
    FolderPicker > Vertical { height: 1fr; }
    FolderPicker Label { padding: 0 1; }
    FolderPicker SelectionList { height: 1fr; }
    FolderPicker #picker-status { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, folder: str, files: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.folder = folder
        self.files = files
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                Text.assemble(
                    (tr("fp.choose"), "bold"),
                    (sanitize(self.folder), "bold cyan"),
                    (tr("fp.how"), "dim"),
                )
            )
            yield SelectionList[str](id="picker-files")
            yield Static(tr("fp.reading", n=len(self.files)), id="picker-status", markup=False)

    def on_mount(self) -> None:
        self.read_all()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read_all(self) -> None:
        batch: list[Entry] = []
        for i, path in enumerate(self.files, 1):
            batch.append(read_entry(path))
            if len(batch) >= 8 or i == len(self.files):
                self.app.call_from_thread(self._add, batch, i)
                batch = []

    def _add(self, entries: list[Entry], done: int) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        self.entries = sorted([*self.entries, *entries], key=Entry.sort_key)
        listing = self.query_one(SelectionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(
            [Selection(e.label(), e.path, e.path in chosen, disabled=e.error is not None) for e in self.entries]
        )
        if self.entries:
            listing.highlighted = min(highlighted or 0, len(self.entries) - 1)
        self._status(done)

    def _status(self, done: int | None = None) -> None:
        chosen = len(self.query_one(SelectionList).selected)
        reading = tr("fp.read", done=done, n=len(self.files)) if done is not None and done < len(self.files) else ""
        self.query_one("#picker-status", Static).update(reading + tr("fp.marked", n=chosen))

    def on_selection_list_selected_changed(self) -> None:
        self._status(len(self.entries))

    def action_open(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if not MIN_CHOSEN <= len(chosen) <= MAX_CHOSEN:
            self.notify(tr("fp.mark_more", n=len(chosen)), severity="warning")
            return
        order = {e.path: i for i, e in enumerate(self.entries)}
        self.dismiss(sorted(chosen, key=order.__getitem__))

    def action_quit_picker(self) -> None:
        self.dismiss(None)


class FolderPickerApp(App[list[str] | None]):
    """Runs the picker alone, before the comparison app starts with the chosen reports."""

    TITLE = "reportdiff"

    def __init__(self, folder: str, files: list[str], lang: str | None = None) -> None:
        set_language(lang)  # before the picker's words are read: --lang, else the locale
        super().__init__()
        self._picker = FolderPicker(folder, files)

    def on_mount(self) -> None:
        self.push_screen(self._picker, self.exit)
