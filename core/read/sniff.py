"""Recognize a report's container format from its first bytes or characters.

Only detection lives here, so that reading a plain-text report loads no parser: the text of a .docx is
taken out by :mod:`core.read.docx_text`, of an HTML page by :mod:`core.read.html_text`.
"""

from __future__ import annotations

import re

from ..errors import ReadError

__all__ = ["binary_kind", "is_doc", "is_docx", "is_pdf", "is_url", "looks_like_html"]


def is_url(path: str) -> bool:
    """An http(s) address rather than a file name."""
    return path.lower().startswith(("http://", "https://"))

# ---------------------------------------------------------------------------------------------- binary kinds

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable"),
    (b"\xcf\xfa\xed\xfe", "an executable"),
    (b"\xca\xfe\xba\xbe", "an executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PK\x05\x06", "an empty zip archive"),
)


def binary_kind(data: bytes, path: str) -> None:
    """Raise ReadError with a helpful message when ``data`` is a known non-text format (RTF, images,
    archives, executables). PDFs, OLE files and zip files are told apart by ``is_pdf``, ``is_doc`` and
    ``is_docx`` and read by their own modules."""
    head = data[:16]
    if head.lstrip().startswith(b"{\\rtf"):
        raise ReadError(path, "is an RTF file; save it as .docx or .txt and open that")
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise ReadError(path, "looks like binary data (a WebP image), not text")
    if head.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        raise ReadError(path, "looks like binary data (a bzip2 archive), not text")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise ReadError(path, f"looks like binary data ({kind}), not text")


def is_pdf(data: bytes) -> bool:
    """A PDF: its header may follow a little junk (readers look for it in the first kilobyte)."""
    return b"%PDF-" in data[:1024]


def is_doc(data: bytes) -> bool:
    """An OLE compound file: an old Word file (.doc, also WPS's), or another Office 97–2003 file."""
    return data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def is_docx(data: bytes) -> bool:
    """Zip data (``PK\\x03\\x04``); ``docx_to_text`` decides whether it really is a .docx."""
    return data.startswith(b"PK\x03\x04")



# ---------------------------------------------------------------------------------------------------- HTML

_HTML_START_RE = re.compile(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_TAG_RE = re.compile(
    r"<(?:p|div|br|li|tr|td|h[1-6]|table|section|article|body|span|ul|ol)\b[^<>]*>|</(?:p|div|li|tr|td|h[1-6])>",
    re.I,
)
_HTML_SNIFF = 64 * 1024

def looks_like_html(text: str, path: str = "") -> bool:
    """An HTML page or fragment: starts with a doctype or <html>; or has several block tags and either starts
    with a tag or has a tag on about every other line (a Markdown report with a few <br> stays text). An
    .htm(l) name is a hint: one block tag is enough then."""
    head = text[:_HTML_SNIFF]
    if _HTML_START_RE.match(head[:4096]):
        return True
    tags = len(_HTML_TAG_RE.findall(head))
    if path.lower().endswith((".html", ".htm", ".xhtml")):
        return tags >= 1
    if tags < 3:
        return False
    if head.lstrip().startswith("<"):
        return True
    lines = sum(1 for line in head.split("\n") if line.strip())
    return tags * 2 >= lines
