"""F1 / ?: every key of the app, built from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from .. import themes
from ..i18n import t, translate_bindings
from .base import Modal


class HelpScreen(Modal[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "key.close_help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 80%; border: round $accent;
                                  background: $surface; padding: 0 1; }
    """

    def __init__(self, bindings: list[Binding], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._key_list = bindings

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do): the keys every screen has, then the app's bindings."""
        fixed = [("↑/↓", t("help.arrows")), ("enter", t("help.enter")), ("tab / shift+tab", t("help.tab")),
                 ("pgup/pgdn, home/end", t("help.scroll")), ("esc", t("help.esc"))]
        bound = [(b.key_display or ", ".join(_pretty(k) for k in b.key.split(",")), b.description)
                 for b in self._key_list]
        return [*fixed, *bound, ("mouse", t("help.mouse")), ("ctrl+p", t("help.palette"))]

    def compose(self) -> ComposeResult:
        table = Table(title=t("help.title"), expand=True, show_edge=False)
        table.add_column(t("help.key"), style="bold cyan", no_wrap=True)
        table.add_column(t("help.what"), overflow="fold")  # long lines wrap whole (ellipsis cut CJK mid-line)
        for keys, what in self.rows():
            table.add_row(Text(keys), Text(what))
        # On a small terminal the keys take several pages: the frame says how to page and how to leave.
        with VerticalScroll() as scroll:
            scroll.border_subtitle = t("help.how")
            yield Static(table)
            # The colours said here are the ones the panes show (the shared-phrase blue renders purple
            # in Textual's themes: #9d65ff in the snapshots).
            yield Static(Text("\n" + "\n".join((t(f"help.marks.{themes.current().name}"), t("help.row_marks"), t("help.row_labels")))))

    async def action_dismiss(self, result: None = None) -> None:
        self._close(result)


def _pretty(key: str) -> str:
    return {"question_mark": "?", "slash": "/", "escape": "esc", "shift+tab": "shift+tab"}.get(key, key)
