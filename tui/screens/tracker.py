"""t: targets against outcomes across the open reports of one government (year-Y target → the outcome the
report of Y+1 states), the app's view of ``reportdiff targets``."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from core.figures.tracker import pair_text

from ..i18n import CATALOGUE, translate_bindings
from ..i18n import t as tr
from ..safety import sanitize
from .base import Modal

_STYLE = {
    "met": "green", "close": "yellow", "missed": "bold red", "several values": "yellow", "no comparable outcome": "yellow"
}


class TrackerScreen(Modal[None]):
    BINDINGS = [Binding("escape,q,t", "dismiss", "key.close_targets")]
    DEFAULT_CSS = """
    TrackerScreen { align: center middle; }
    TrackerScreen > Vertical { width: 110; max-width: 95%; height: 85%; border: round $accent;
                               background: $surface; padding: 0 1; }
    TrackerScreen DataTable { height: 1fr; }
    """

    def __init__(self, pairs: list[Any], years: list[int], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.pairs = pairs
        self.years = years

    def compose(self) -> ComposeResult:
        with Vertical():
            span = f"{self.years[0]}–{self.years[-1]}" if self.years else ""
            yield Static(Text(tr("tr.title", span=span), style="bold"))
            table: DataTable[Any] = DataTable(zebra_stripes=True, cursor_type="row")
            table.add_columns(*(tr(f"tr.col.{c}") for c in ("indicator", "year", "target", "outcome", "verdict")))
            for p in self.pairs:
                table.add_row(
                    Text(sanitize(p.name)),
                    Text(str(p.year)),
                    Text(sanitize(pair_text(p.target)) or "—"),
                    Text(sanitize(pair_text(p.outcome)) or "—"),
                    Text(_verdict(p.verdict), style=_STYLE.get(p.verdict, "dim")),
                )
            yield table
            if not self.pairs:
                yield Static(Text(tr("tr.none"), style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self._close(result)


def _verdict(verdict: str) -> str:
    key = f"verdict.{verdict}"
    return tr(key) if key in CATALOGUE else verdict
