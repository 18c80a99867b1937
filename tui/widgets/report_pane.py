"""One report's side of the current row: a title bar and the section's text with its marks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from ..safety import sanitize
from .text_view import TextView


class ReportPane(Vertical):
    """A report's pane. ``index`` is the report's position in the comparison."""

    DEFAULT_CSS = """
    ReportPane { width: 1fr; height: 1fr; border: round $panel; }
    ReportPane:focus-within { border: round $accent; }
    ReportPane > Label { width: 1fr; height: 1; background: $panel; text-style: bold; padding: 0 1; }
    """

    def __init__(self, index: int, name: str, **kwargs: object) -> None:
        super().__init__(id=f"pane-{index}", **kwargs)  # type: ignore[arg-type]
        self.index = index
        self.report_name = name

    def compose(self) -> ComposeResult:
        yield Label(Text(sanitize(self.report_name)), id=f"pane-title-{self.index}")
        yield TextView(id=f"pane-body-{self.index}")

    @property
    def scroller(self) -> TextView:
        return self.query_one(f"#pane-body-{self.index}", TextView)

    @property
    def _text(self) -> Text:
        return self.scroller.text

    def set_title(self, title: Text) -> None:
        self.query_one(f"#pane-title-{self.index}", Label).update(title)

    def set_text(self, text: Text) -> None:
        self.scroller.set_text(text)

    def scroll_to_offset(self, offset: int, total: int = 0) -> None:
        """Scroll so that character ``offset`` of the shown text is near the top."""
        self.scroller.scroll_to_offset(offset)

    def line_fraction(self) -> float:
        s = self.scroller
        return 0.0 if s.max_scroll_y <= 0 else s.scroll_y / s.max_scroll_y
