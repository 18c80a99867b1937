"""The text of a report as read from disk, before folding or parsing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """What reading a file produced.

    ``text`` is the report's text as the user will see and copy it (decoded, markup removed, PDF wraps
    joined, line ends as ``\\n``); every offset elsewhere in the core points into this string.
    """

    path: str  #: as given by the user ("-" for standard input)
    text: str
    encoding: str  #: e.g. "utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"
    format: str  #: "text", "html" or "docx"
    notes: tuple[str, ...] = field(default=())  #: what reading changed, e.g. "joined 12 wrapped lines"
