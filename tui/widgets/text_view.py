"""A scrolling view of long report text that renders only the lines on screen.

A Static holding a 10,000-character section re-wraps the whole text on every layout change (~0.1 s each,
seconds when a table opens). This view wraps once per width, keeps the wrapped lines, and paints only the
visible ones, Toolong-style. It also knows which character each line starts with, so panes can scroll to a
change, a figure or an aligned sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

if TYPE_CHECKING:
    from ..aligned import AlignedGroup

SCROLLBAR_CELLS = 1  #: matches scrollbar-size-vertical below


class TextView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    TextView { height: 1fr; padding: 0 1; overflow-x: hidden; scrollbar-size-vertical: 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._text = Text()
        self._lines: list[Text] = []
        self._starts: list[int] = []  #: character offset (in the text) where each wrapped line starts
        self._strips: dict[int, Strip] = {}
        self._wrapped_width = -1
        self._pass: tuple[Style, int, int] | None = None  #: (style, top line, width) during render_lines
        #: Sentence-aligned with other panes (tui.aligned): the group lays the lines out, ``_member`` is
        #: this view's report in it, ``_anchors`` the lines holding text (not filler) for offset look-ups.
        self.group: AlignedGroup | None = None
        self._member = -1
        self._anchors: list[int] = []
        self._anchor_starts: list[int] = []
        self.line_marks = ""  #: each line's change mark when aligned (for the change overview)
        self.line_blocks: list[int] = []  #: each line's aligned block (tui.aligned)
        self.lines_changed: Callable[[], object] | None = None  #: told when the lines are laid out anew

    @property
    def text(self) -> Text:
        return self._text

    def set_text(
        self,
        text: Text,
        *,
        keep_position: bool = False,
        group: AlignedGroup | None = None,
        member: int = -1,
    ) -> None:
        """Show ``text``; with ``group``, laid out line for line with the group's other panes. New marks
        on the same text (``keep_position``) keep an aligned view aligned."""
        if group is None and self.group is not None and keep_position and text.plain == self._text.plain:
            group, member = self.group, self._member
            group.set_text(member, text)
        if group is not None:
            self._text = text
            self.group, self._member = group, member
            group.attach(member, self)
            self._wrapped_width = -1
            self._rewrap()
            if not keep_position:
                self.scroll_to(0, 0, animate=False)
            self.refresh()
            return
        was_aligned = self.group is not None
        self.group, self._member, self._anchors, self._anchor_starts, self.line_marks = None, -1, [], [], ""
        self.line_blocks = []
        same_words = (
            not was_aligned and text.plain == self._text.plain and self._wrapped_width == self._content_width()
        )
        self._text = text
        if same_words:
            # Only the marks changed (a figure selected, a toggle): reuse the line breaks.
            self._lines = _divide(text, self._starts)
            self._strips.clear()
        else:
            self._wrapped_width = -1
            self._rewrap()
        if not keep_position:
            self.scroll_to(0, 0, animate=False)
        self._laid_out()
        self.refresh()

    def content_width(self) -> int:
        """Cells a line of text may take."""
        return self._content_width()

    def group_changed(self) -> None:
        """The aligned group laid out again (another pane resized, folding toggled): take the new lines."""
        if self.group is not None:
            self._wrapped_width = -1
            self._rewrap()
            self.refresh()

    def _content_width(self) -> int:
        # ``size`` is the content area (padding already off). The vertical scrollbar appears only once the
        # text is taller than the view, after the first wrap; its column is kept free from the start so
        # that no character ever sits under it.
        width = self.size.width - SCROLLBAR_CELLS
        return max(8, width if width > 0 else 40)

    def _rewrap(self) -> None:
        if not self.size.width:
            # Not laid out yet (just mounted, or hidden): wrapping now would be at a guessed width and
            # be done again on the first resize, which for a long section is most of a first paint.
            self._wrapped_width = -1
            self._lines, self._starts = [], []
            self._strips.clear()
            return
        width = self._content_width()
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        if self.group is not None:
            laid = self.group.lines_for(self._member)
            self._lines, self._starts, self.line_marks = laid.lines, laid.starts, laid.marks
            self.line_blocks = laid.blocks
            self._anchors = laid.anchors
            self._anchor_starts = [laid.starts[j] for j in laid.anchors]
            self._strips.clear()
            self.virtual_size = Size(width, len(self._lines))
            self._laid_out()
            return
        self._starts = wrap_offsets(self._text.plain, width)
        self._lines = _divide(self._text, self._starts)
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self._laid_out()

    def _laid_out(self) -> None:
        if self.lines_changed is not None:
            self.lines_changed()

    def on_resize(self) -> None:
        self._rewrap()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Text set before the first layout is wrapped here, at the first render, where the size is
        # known: waiting for the Resize event would paint the first screen with empty panes.
        if self._wrapped_width == -1 and self.size.width:
            self._rewrap()
        # One look-up of the widget's style and geometry per pass instead of one per line.
        self._pass = (self.rich_style, int(self.scroll_offset.y), self._content_width())
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        style, top, width = self._pass or (self.rich_style, int(self.scroll_offset.y), self._content_width())
        index = y + top
        if index >= len(self._lines):
            return Strip.blank(width, style)
        strip = self._strips.get(index)
        if strip is None:
            segments = [s for s in self._lines[index].render(self.app.console, end="") if s.text]
            if self.group is not None and index < len(self.line_marks):
                from ..aligned import gutter_segment

                segments.insert(0, gutter_segment(self.line_marks[index]))
            strip = Strip(segments).extend_cell_length(width).crop(0, width)
            self._strips[index] = strip
        return strip.apply_style(style)

    def line_of_offset(self, offset: int) -> int:
        """The wrapped line holding character ``offset`` of the text."""
        if self.group is not None and self._anchors:
            return self._anchors[max(0, bisect_right(self._anchor_starts, offset) - 1)]
        return max(0, bisect_right(self._starts, offset) - 1)

    def offset_of_line(self, line: int) -> int:
        if not self._starts:
            return 0
        return self._starts[max(0, min(line, len(self._starts) - 1))]

    def top_offset(self) -> int:
        """The character at the top of the view."""
        return self.offset_of_line(int(self.scroll_offset.y))

    def scroll_to_offset(self, offset: int, *, context: int = 2) -> None:
        self.scroll_to(y=max(0, self.line_of_offset(offset) - context), animate=False)


@lru_cache(maxsize=4096)
def _cells(ch: str) -> int:
    return get_character_cell_size(ch)


#: Characters a line should not start with (Chinese line-breaking rules, 禁则): closing punctuation and
#: marks that belong to what precedes them.
NO_LINE_START = frozenset("，。、；：！？）》」』】〕”’%‰…—,.;:!?)]}·～~")
#: Characters a line should not end with: opening brackets and quotes.
NO_LINE_END = frozenset("（《「『【〔“‘([{")
#: How far a break may move back to honour those rules or keep a number or Latin word whole.
MAX_SHIFT = 8


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%-+/")


def _break_before(plain: str, start: int, i: int) -> int:
    """Where to break a line that runs ``plain[start:i]`` and has no room for ``plain[i]``: at ``i``
    unless that would start a line with closing punctuation, end one with an opening bracket or cut
    a number (8.1%) or Latin word; then a little earlier, if that is possible."""
    b = i
    while b > start + 1 and i - b < MAX_SHIFT:
        splits_word = _wordish(plain[b]) and _wordish(plain[b - 1])
        if not (plain[b] in NO_LINE_START or plain[b - 1] in NO_LINE_END or splits_word):
            return b
        b -= 1
    return i


def wrap_offsets(plain: str, width: int) -> list[int]:
    """Where each wrapped line starts: lines break at newlines and when ``width`` terminal cells are full.

    CJK characters take two cells and Chinese text breaks between any two characters, so folding by cells
    is right for reports (Rich's word wrapper is ~20× slower on long CJK paragraphs), with the usual rules:
    no line starts with closing punctuation, none ends with an opening bracket, numbers stay whole.
    """
    starts = [0]
    used = 0
    for i, ch in enumerate(plain):
        if ch == "\n":
            starts.append(i + 1)
            used = 0
            continue
        w = _cells(ch)
        if used + w > width and used > 0:
            b = _break_before(plain, starts[-1], i)
            starts.append(b)
            used = sum(_cells(c) for c in plain[b:i])
        used += w
    return starts


def divide(text: Text, starts: list[int], *, strip_newline: bool = True) -> list[Text]:
    """``text`` cut at ``starts`` (the first is 0), each piece without its line break."""
    pieces = text.divide(starts[1:]) if len(starts) > 1 else [text]
    out = []
    for piece in pieces:
        if strip_newline and piece.plain.endswith("\n"):
            piece = piece[:-1]
        out.append(piece)
    return out or [Text()]


_divide = divide


__all__ = ["TextView", "divide", "wrap_offsets"]
