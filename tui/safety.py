"""One way to the terminal: every string from a report or a file name is neutralized here before display.

Report text and file names are data. A name holding ``ESC]52;c;…`` would set the clipboard through the
app's header, ``ESC]0;`` the window title, ``ESC[2J`` clear the screen; Textual strips only a few
controls. So whatever reaches a terminal or a title goes through :func:`sanitize` (text) and, where a
widget would parse markup, :func:`plain` (a Content that is never markup); CSV, Markdown and JSON written
to a terminal go through :class:`TerminalStream`.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from core.escapes import escape_surrogates

# C0 controls except tab and newline, DEL, C1 controls (0x80-0x9f, which include CSI 0x9b and OSC 0x9d),
# bidirectional marks, embeddings, overrides and isolates that could reorder what the user sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same on one line (a title, a header, a table cell): line breaks and tabs become visible too.
_CONTROL_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    code = ord(c)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ␊ for a line feed: visible, inert
    if code == 0x7F:
        return "\u2421"
    if code in (0x2028, 0x2029):
        return " "
    return "\ufffd"


def sanitize(text: str, *, one_line: bool = False) -> str:
    """``text`` safe for a terminal: control characters (ESC, BEL, C1, bidi controls) become visible inert
    symbols, bytes of a file name that is not UTF-8 become ``\\xff``. ``one_line``: line breaks and tabs too
    (for titles, headers and messages that must stay one line)."""
    text = escape_surrogates(text)
    return (_CONTROL_ONE_LINE if one_line else _CONTROL).sub(_visible, text)


def plain(text: str) -> Any:
    """A Textual ``Content`` of ``text``, sanitized and on one line, never read as markup: for border
    titles and the like, which parse a str as markup (``[@click=…]`` in a file name, ``[b]``)."""
    from textual.content import Content

    return Content(sanitize(text, one_line=True))


class TerminalStream:
    """A text stream for data (CSV, Markdown, JSON) written to a terminal: what is written is sanitized
    (line breaks and tabs kept). Only used when the output is a terminal; into a file or a pipe the data
    goes unchanged."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        # CRLF (CSV for Excel) stays a line end; a lone CR, which would overwrite the line, is shown.
        self._out.write(sanitize(text.replace("\r\n", "\n")))
        return len(text)

    def flush(self) -> None:
        self._out.flush()

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)
