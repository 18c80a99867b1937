"""The text of a report as read from disk, before folding or parsing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """What reading a file produced.

    ``text`` is the report's text as the user will see and copy it (decoded, markup removed, PDF wraps
    joined, line ends as ``\\n``); every offset elsewhere in the core points into this string. For a PDF
    or a Word file that is the text extracted from it (one paragraph a line), not the file's bytes. When
    ``repaired``, the repairs the notes name (literal ``\\r\\n`` escapes, hard wraps, run-on lines, stray
    NUL or BOM characters, a site's navigation) changed it, so offsets into it are not offsets into the
    file's decoded (or extracted) text: what points into ``text`` must be read against ``text``.
    """

    path: str  #: as given by the user ("-" for standard input)
    text: str
    encoding: str  #: e.g. "utf-8", "gb18030", "big5"; "unicode" for a PDF's text layer, "word-97" for a .doc
    format: str  #: "text", "html", "docx", "doc" or "pdf"
    notes: tuple[str, ...] = field(default=())  #: what reading changed, e.g. "joined 12 wrapped lines"
    repaired: bool = False  #: ``text`` is not the decoded (or extracted) text: a repair changed it
