"""The visible text of an HTML page: one line per block element, table cells separated by tabs.

Standard library ``html.parser``; scripts, styles, frames and ``<head>`` are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

__all__ = ["html_to_text"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BLOCK_TAGS = _words(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article table thead tbody tfoot ul ol dl dt dd blockquote pre "
    "header footer nav aside main figure figcaption hr form fieldset address center caption body html "
    "details summary option"
)
_CELL_TAGS = frozenset(("td", "th"))
#: Elements whose content a reader never sees.
_HIDDEN_TAGS = _words(
    "script style noscript iframe template head object embed svg math select textarea button"
)
_HEAD_TAGS = _words("title meta link style script base noscript template")
_VOID_TAGS = _words("area base br col embed hr img input link meta source track wbr")
# A line break between two CJK characters in HTML source is layout, not a space (CSS Text 3 segment breaks).
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK_RE = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACE_RUN_RE = re.compile(r"[ \t\n\r\f]+")




class _TextExtractor(HTMLParser):
    """Collects visible text: one line per block element, cells separated by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str | None] = []  # pieces of the current line; None separates table cells
        self._hidden: list[str] = []  # stack of open hidden elements
        self._open: Counter[str] = Counter()  # how many of each are open: an end tag asks in O(1), not O(depth)
        self._pre = 0
        self._row_cells = 0
        self.title: list[str] = []
        self._in_title = False
        self.has_h1 = False

    # -- tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self._hidden in ([], ["head"]):
            self._in_title = True
            return
        self._in_title = False  # an unclosed <title> ends at the next element
        if self._hidden == ["head"] and tag not in _HEAD_TAGS:  # an unclosed <head> ends at <body>, <p>…
            self._hidden.clear()
            self._open.clear()
        if tag in _HIDDEN_TAGS:
            if tag not in _VOID_TAGS:
                self._hidden.append(tag)
                self._open[tag] += 1
            return
        if self._hidden:
            return
        if tag == "h1":
            self.has_h1 = True
        if tag in _CELL_TAGS:
            if self._row_cells:
                self._line.append(None)
            self._row_cells += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "tr":
                self._row_cells = 0
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            return  # <iframe/> etc.: nothing inside
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._hidden:
            if tag == self._hidden[-1] or tag == "head" or self._open[tag]:
                while self._hidden:
                    top = self._hidden.pop()
                    self._open[top] -= 1
                    if top == tag:
                        break
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre" and self._pre:
                self._pre -= 1
            if tag == "tr":
                self._row_cells = 0

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self._hidden:
            return
        if self._pre:
            first, *rest = data.split("\n")
            self._line.append(first)
            for part in rest:
                self._flush(keep_spaces=True)
                self._line.append(part)
            return
        self._line.append(data)

    # -- lines
    def _flush(self, keep_spaces: bool = False) -> None:
        if not self._line:
            return
        parts: list[list[str]] = [[]]
        for piece in self._line:
            if piece is None:
                parts.append([])
            else:
                parts[-1].append(piece)
        cells = ["".join(part) for part in parts]
        self._line = []
        if keep_spaces or self._pre:
            line = "\t".join(cells).rstrip(" \t\r\f")
        else:
            line = "\t".join(_collapse(cell) for cell in cells).strip("\t")
        if line.strip():
            self.lines.append(line)

    def close(self) -> None:
        super().close()
        self._flush()


def _collapse(text: str) -> str:
    """Collapse ASCII white space as a browser would; ideographic and no-break spaces stay."""
    text = _CJK_BREAK_RE.sub("", text)
    return _SPACE_RUN_RE.sub(" ", text).strip(" ")


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block a line. Scripts, styles, frames and <head> are dropped; the
    <title> becomes the first line when the page has no <h1>."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # very old parsers raised on some broken markup
        parser._flush()
    lines = parser.lines
    title = _collapse("".join(parser.title))
    if title and not parser.has_h1 and (not lines or lines[0] != title):
        lines = [title, *lines]
    return "\n".join(lines)
