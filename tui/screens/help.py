"""F1 / ?: every key of the app, built from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from .base import Modal


class HelpScreen(Modal[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 80%; border: round $accent;
                                  background: $surface; padding: 0 1; }
    """

    def __init__(self, bindings: list[Binding], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._key_list = bindings

    def compose(self) -> ComposeResult:
        table = Table(title="reportdiff keys", expand=True, show_edge=False)
        table.add_column("key", style="bold cyan", no_wrap=True)
        table.add_column("what it does")
        for keys, what in (
            ("↑/↓", "previous/next row in the row list; scroll in a pane"),
            ("enter", "open the row: into its panes; on a cell of the indicators table, its figure's "
             "sentence highlighted in its pane (again: the cell's next value, ⚠ when there are several)"),
            ("tab / shift+tab", "next/previous area: rows, panes, figures"),
            ("pgup/pgdn, home/end", "scroll the focused pane"),
            ("esc", "close a dialog"),
        ):
            table.add_row(Text(keys), Text(what))
        for b in self._key_list:
            keys = b.key_display or ", ".join(_pretty(k) for k in b.key.split(","))
            table.add_row(Text(keys), Text(b.description))
        table.add_row(Text("mouse"), Text("click a row, a pane or a table line; scroll with the wheel"))
        table.add_row(Text("ctrl+p"), Text("command palette: every action by name"))
        with VerticalScroll():
            yield Static(table)
            yield Static(
                Text(
                    "\nMarks: red strike = deleted, green underline = inserted, cyan italic = moved, "
                    "yellow reverse = encoding damage, blue bold underline = phrase both share "
                    "(rows of different governments). Row marks: ● close  ◐ related  ○ loose  · unmatched  ✓ pinned, "
                    "↕ moved (one government's report put the section elsewhere; the status line says from where). "
                    "Row labels: — the report lacks the section, [首] front matter, [尾] closing, [前] preamble, "
                    "[附] appendix, · a topic without a number."
                )
            )

    async def action_dismiss(self, result: None = None) -> None:
        self._close(result)


def _pretty(key: str) -> str:
    return {"question_mark": "?", "slash": "/", "escape": "esc", "shift+tab": "shift+tab"}.get(key, key)
