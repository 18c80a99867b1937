"""/: search every report; choosing a hit jumps to its row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..i18n import t as tr
from ..i18n import translate_bindings
from ..safety import sanitize
from ..session import SearchHit
from .base import Modal


class SearchScreen(Modal[SearchHit | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]
    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > Vertical { width: 90; max-width: 95%; height: 70%; margin-top: 2; border: round $accent;
                              background: $surface; }
    SearchScreen OptionList { height: 1fr; }
    """

    def __init__(self, search: Callable[[str], list[SearchHit]], names: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._search = search
        self._names = names
        self._hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder=tr("search.placeholder"), id="search-input")
            yield Label("", id="search-count")
            yield OptionList(id="search-results")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._hits = self._search(event.value) if event.value.strip() else []
        results = self.query_one(OptionList)
        results.clear_options()
        for n, hit in enumerate(self._hits):
            t = Text(no_wrap=True, overflow="ellipsis")
            t.append(sanitize(self._names[hit.report]) + " ", style="dim")
            if hit.section:
                t.append(sanitize(hit.section) + " ", style="bold cyan")  # which section the hit is in
            t.append(" " + sanitize(hit.context))
            results.add_option(Option(t, id=f"hit-{n}"))
        self.query_one("#search-count", Label).update(tr("search.hits", n=len(self._hits)) if event.value.strip() else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._hits:
            self._close(self._hits[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._close(self._hits[int(str(event.option.id).split("-")[1])])

    def action_cancel(self) -> None:
        self._close(None)
