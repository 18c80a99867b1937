"""e: export the comparison (figures as CSV, or the diff as an HTML page) to a file; asks before overwriting."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from core.atomic import inspect_target

from ..i18n import t as tr
from ..i18n import translate_bindings
from ..safety import sanitize
from .base import Modal


def _choice_label(kind: str, chosen: bool) -> str:
    return tr(f"ex.{kind}") + (tr("ex.chosen") if chosen else "")


class _Choice(RadioButton):
    """A format: filled (●) only when chosen, hollow (○) otherwise: Textual's radio buttons show ● on both,
    apart only by colour, so both looked chosen."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:  # Textual reads the mark from this name
        return "●" if self.value else "○"

    def watch_value(self) -> None:
        super().watch_value()
        self.refresh(layout=True)


class _Formats(RadioSet):
    """The formats; Enter exports the one chosen (the highlighted one, if ↑/↓ moved there), Space chooses."""

    BINDINGS = [
        Binding("down,right", "next_button", "key.next_option", show=False),
        Binding("space", "toggle_button", "key.choose", show=False),
        Binding("up,left", "previous_button", "key.previous_option", show=False),
        Binding("enter", "choose_and_export", "ex.export", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def action_choose_and_export(self) -> None:
        screen = self.screen
        if not isinstance(screen, ExportScreen):
            return
        highlighted = self._selected
        buttons = list(self.query(RadioButton))
        if highlighted is not None and 0 <= highlighted < len(buttons) and not buttons[highlighted].value:
            screen._submit_after_change = True  # export once the path follows the new format
            self.action_toggle_button()
            return
        screen._submit()


class ExportScreen(Modal[tuple[str, str, bool] | None]):
    """Returns (format, path, overwrite) or None."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 70; max-width: 95%; height: auto; border: round $accent;
                              background: $surface; padding: 1 2; }
    ExportScreen Horizontal { height: auto; margin-top: 1; }
    ExportScreen #export-warning { color: $warning; }
    """

    def __init__(self, default_dir: str = ".", inputs: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._dir = default_dir
        self._inputs = list(inputs)  #: the reports compared: never offered for overwriting
        self._confirm = False
        self._submit_after_change = False  #: Enter on another format: export once it is chosen

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(tr("ex.heading"))
            with _Formats(id="export-format"):
                yield _Choice(_choice_label("csv", True), value=True, id="fmt-csv")
                yield _Choice(_choice_label("html", False), id="fmt-html")
            yield Input(str(Path(self._dir) / "reportdiff-figures.csv"), id="export-path")
            yield Label("", id="export-warning")
            with Horizontal():
                yield Button(tr("ex.export"), variant="primary", id="export-ok")
                yield Button(tr("key.cancel"), id="export-cancel")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#export-path", Input)
        fmt = "html" if event.pressed.id == "fmt-html" else "csv"
        # The chosen format is marked in words too: the radio dots differ only by colour.
        for button in self.query(RadioButton):
            kind = "html" if button.id == "fmt-html" else "csv"
            button.label = _choice_label(kind, kind == fmt)
        stem = "reportdiff-diff.html" if fmt == "html" else "reportdiff-figures.csv"
        path.value = str(Path(path.value).with_name(stem))
        self._confirm = False
        if self._submit_after_change:
            self._submit_after_change = False
            self._submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirm = False
        self.query_one("#export-warning", Label).update("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-cancel":
            self._close(None)
            return
        self._submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def _submit(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        fmt = "html" if self.query_one("#fmt-html", RadioButton).value else "csv"
        if not path:
            self.query_one("#export-warning", Label).update(tr("ex.no_name"))
            return
        # What the export would meet there, asked without raising (a name too long, a folder one may
        # not look into): refusals are said at once, only a regular file is offered for overwriting.
        target = inspect_target(path, self._inputs)
        warning = self.query_one("#export-warning", Label)
        if target.problem is not None:
            warning.update(Text(sanitize(tr("ex.cannot", problem=target.problem), one_line=True)))
            return
        if target.exists and not self._confirm:
            self._confirm = True
            warning.update(tr("ex.exists"))
            return
        self._close((fmt, path, self._confirm))

    def action_cancel(self) -> None:
        self._close(None)
