"""g: the selected indicator across the reports as a bar chart (one line a report), and its sparkline.

Drawn as Rich Text measured in terminal cells, so report names in Chinese line up (textual-plot, measured
here, squeezes CJK tick labels together and drops some; plotext 6's API no longer draws bars to text).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from core.figures.series import bar_lengths, row_values
from core.figures.table import MetricRow, candidate_text, horizon_text

from ..safety import sanitize
from .base import Modal

BAR_WIDTH = 40


def chart_text(row: MetricRow, names: list[str], width: int = BAR_WIDTH) -> Text:
    """The chart: each report's name, a bar for its value and the figure as written (several → ⚠)."""
    values = row_values(row)
    lengths = bar_lengths(values, width)
    shown = [sanitize(n) for n in names]
    pad = max(map(cell_len, shown), default=0)
    out = Text()
    for name, cell, length in zip(shown, row.cells, lengths, strict=True):
        out.append(name + " " * (pad - cell_len(name) + 2), style="bold")
        if cell is None:
            out.append("—", style="dim")
        elif length is None:
            out.append("⚠ several: " + " | ".join(sanitize(candidate_text(c)) for c in cell.candidates), style="yellow")
        else:
            out.append("█" * length, style="cyan")
            out.append(" " + sanitize(candidate_text(cell)))
        out.append("\n")
    return out


class PlotScreen(Modal[None]):
    BINDINGS = [Binding("escape,q,g", "dismiss", "Close the chart")]
    DEFAULT_CSS = """
    PlotScreen { align: center middle; }
    PlotScreen > Vertical { width: 100; max-width: 95%; height: auto; max-height: 90%; border: round $accent;
                            background: $surface; padding: 0 1; }
    PlotScreen Sparkline { height: 3; margin: 1 0; }
    """

    def __init__(self, row: MetricRow, names: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.row = row
        self.names = names

    def compose(self) -> ComposeResult:
        row = self.row
        title = Text.assemble(
            (sanitize(row.label), "bold"),
            f"  {row.measure} · {horizon_text(row.horizon)} · {row.period} · {sanitize(row.base_unit) or 'no unit'}",
        )
        values = [v for v in row_values(row) if v is not None]
        with Vertical():
            yield Static(title)
            if len(values) >= 2:
                yield Sparkline(values, summary_function=max)
            yield Static(chart_text(row, self.names))
            yield Static(Text("bars start at 0; ⚠ = the report gives several values (none is drawn) · esc closes", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self._close(result)
