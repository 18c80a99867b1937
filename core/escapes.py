"""File names that are not UTF-8, written so that every output stays valid UTF-8.

Python decodes such a name with ``surrogateescape``: the byte 0xFF becomes the lone surrogate U+DCFF,
which a strict UTF-8 stream refuses (``UnicodeEncodeError``) and a lenient one writes back as the raw,
invalid byte. Outputs write it as the escape ``\\xff`` instead (other lone surrogates as ``\\udxxx``), both
through :func:`escape_surrogates` and through the codec error handler registered here as
:data:`ERRORS`, for streams and files.
"""

from __future__ import annotations

import codecs
import re

#: The codec error handler name: ``text.encode("utf-8", ERRORS)``, ``stream.reconfigure(errors=ERRORS)``.
ERRORS = "reportdiff.escape"

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as an escape (``\\xff`` for the byte 0xFF of a name)."""
    if text.isascii() or not _SURROGATE.search(text):  # (no copy of a long text without any)
        return text
    return _SURROGATE.sub(lambda m: _escape(m.group()), text)


def escape_surrogates_in_json(text: str) -> str:
    """JSON text (from ``json.dumps(…, ensure_ascii=False)``) with lone surrogates as ``\\\\xff``: the
    string then decodes to the escape, and the document is valid UTF-8."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: "\\" + _escape(m.group()), text)


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_escape(c) if "\ud800" <= c <= "\udfff" else f"\\u{ord(c):04x}" for c in bad), error.end


codecs.register_error(ERRORS, _handler)
