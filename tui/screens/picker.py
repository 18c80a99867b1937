"""p: pick the section of another report to pin to the current one."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from core.model import Section

from ..safety import sanitize
from .base import Modal


class PinPicker(Modal[tuple[int, str] | None]):
    """Lists the sections of the other reports; Enter pins the chosen one to the current section."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    PinPicker { align: center middle; }
    PinPicker > Vertical { width: 80; max-width: 95%; height: 80%; border: round $accent; background: $surface; }
    PinPicker Label { padding: 0 1; }
    PinPicker OptionList { height: 1fr; }
    """

    def __init__(self, title: str, choices: list[tuple[int, str, Section]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._title = title
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(sanitize(self._title), style="bold"))
            options = []
            for n, (_ri, report_name, s) in enumerate(self._choices):
                t = Text(no_wrap=True, overflow="ellipsis")  # one line an entry, whatever the title's length
                t.append(sanitize(report_name) + "  ", style="dim")
                t.append(sanitize(s.label), style="bold cyan")
                t.append(sanitize(s.title or f"[{s.kind}]"))
                options.append(Option(t, id=f"choice-{n}"))
            yield OptionList(*options, id="picker-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        n = int(str(event.option.id).split("-")[1])
        ri, _, s = self._choices[n]
        self._close((ri, s.id))

    def action_cancel(self) -> None:
        self._close(None)
