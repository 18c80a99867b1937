"""One report's side of the current row: a title bar and the section's text with its marks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from ..safety import sanitize
from .change_map import ChangeMap
from .text_view import TextView


class ReportPane(Vertical):
    """A report's pane. ``index`` is the report's position in the comparison."""

    DEFAULT_CSS = """
    ReportPane { width: 1fr; height: 1fr; border: round $panel; }
    ReportPane:focus-within { border: round $accent; }
    ReportPane > Label { width: 1fr; height: 1; background: $panel; text-style: bold; padding: 0 1; }
    ReportPane > Horizontal { height: 1fr; }
    """

    def __init__(self, index: int, name: str, **kwargs: object) -> None:
        super().__init__(id=f"pane-{index}", **kwargs)  # type: ignore[arg-type]
        self.index = index
        self.report_name = name

    def compose(self) -> ComposeResult:
        yield Label(Text(sanitize(self.report_name)), id=f"pane-title-{self.index}")
        with Horizontal():
            yield TextView(id=f"pane-body-{self.index}")
            # Where the row's changes are, over the whole section (the view shows a screenful of it).
            yield ChangeMap(id=f"pane-map-{self.index}")

    def on_mount(self) -> None:
        view, changes = self.scroller, self.change_map
        changes.view = view
        view.lines_changed = changes.refresh

        def scrolled() -> None:
            changes.refresh()

        self.watch(view, "scroll_y", scrolled, init=False)

    @property
    def change_map(self) -> ChangeMap:
        return self.query_one(f"#pane-map-{self.index}", ChangeMap)

    @property
    def scroller(self) -> TextView:
        return self.query_one(f"#pane-body-{self.index}", TextView)

    @property
    def _text(self) -> Text:
        return self.scroller.text

    def set_title(self, title: Text) -> None:
        # The title bar is one line of the pane's width whatever it says: no layout (a layout of the
        # whole screen per row change was most of a row change's time with 8 reports).
        self.query_one(f"#pane-title-{self.index}", Label).update(title, layout=False)

    def set_text(self, text: Text) -> None:
        self.scroller.set_text(text)

    def scroll_to_offset(self, offset: int, total: int = 0) -> None:
        """Scroll so that character ``offset`` of the shown text is near the top."""
        self.scroller.scroll_to_offset(offset)

    def line_fraction(self) -> float:
        s = self.scroller
        return 0.0 if s.max_scroll_y <= 0 else s.scroll_y / s.max_scroll_y
