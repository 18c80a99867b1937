"""Recognize a report's container format from its content and take the text out of HTML and .docx.

Pure standard library: ``html.parser`` for HTML, ``zipfile`` + ``xml.etree`` for .docx (no python-docx).
A .docx is refused before expanding when its ``word/document.xml`` is too large or compressed absurdly
well (a zip bomb), and its XML is refused when it declares a DOCTYPE (entity expansion).
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree

from core.errors import ReadError

__all__ = [
    "MAX_DOCX_RATIO",
    "MAX_DOCX_XML_BYTES",
    "binary_kind",
    "docx_to_text",
    "html_to_text",
    "is_docx",
    "looks_like_html",
]

#: Largest ``word/document.xml`` we expand (a 32 MB input limit still allows a highly compressed XML).
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
#: Above this compression ratio (for parts over 1 MB) the archive is treated as a zip bomb.
MAX_DOCX_RATIO = 100
_MB = 1024 * 1024

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
    """Raise ReadError with a helpful message when ``data`` is a known non-text format (PDF, old Word,
    images, archives, executables). Zip files are handled by ``is_docx``/``docx_to_text``."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        raise ReadError(path, "is a PDF; copy its text into a .txt file and open that")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReadError(
            path,
            "is an old Word file (.doc) or a password-protected one; save it as .docx or .txt and open that",
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise ReadError(path, "is an RTF file; save it as .docx or .txt and open that")
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise ReadError(path, "looks like binary data (a WebP image), not text")
    if head.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        raise ReadError(path, "looks like binary data (a bzip2 archive), not text")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise ReadError(path, f"looks like binary data ({kind}), not text")


# ---------------------------------------------------------------------------------------------------- docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCUMENT = "word/document.xml"
_DOCTYPE_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


def is_docx(data: bytes) -> bool:
    """Zip data (``PK\\x03\\x04``); ``docx_to_text`` decides whether it really is a .docx."""
    return data.startswith(b"PK\x03\x04")


def docx_to_text(data: bytes, path: str) -> str:
    """Paragraph text of a .docx, one paragraph a line, table rows as tab-separated cells."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, EOFError, ValueError, struct.error…: any damage means the same
        if b"word/" in data or path.lower().endswith((".docx", ".docm")):
            raise ReadError(path, "corrupt .docx (not a valid zip)") from None
        raise ReadError(path, "looks like binary data (a damaged zip archive), not text") from None
    with archive:
        try:
            info = archive.getinfo(_DOCUMENT)
        except KeyError:
            raise ReadError(path, _not_docx_message(archive, path)) from None
        if info.file_size > MAX_DOCX_XML_BYTES:
            raise ReadError(
                path,
                f"refused .docx: {_DOCUMENT} would expand to {info.file_size / _MB:.1f} MB, "
                f"the limit is {MAX_DOCX_XML_BYTES // _MB} MB",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _MB and ratio > MAX_DOCX_RATIO:
            raise ReadError(path, f"refused .docx: {_DOCUMENT} is compressed {ratio:.0f}:1 (a zip bomb?)")
        if info.flag_bits & 0x1:
            raise ReadError(path, "is an encrypted .docx; save an unprotected copy and open that")
        try:
            with archive.open(info) as member:
                xml = member.read(MAX_DOCX_XML_BYTES + 1)  # bounded: the declared size may lie
        except Exception as e:  # BadZipFile (bad CRC), zlib.error, EOFError, NotImplementedError…
            raise ReadError(path, f"corrupt .docx ({_short(e)})") from None
    if len(xml) > MAX_DOCX_XML_BYTES:
        raise ReadError(path, f"refused .docx: {_DOCUMENT} is larger than {MAX_DOCX_XML_BYTES // _MB} MB")
    return _document_text(xml, path)


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _not_docx_message(archive: zipfile.ZipFile, path: str) -> str:
    names = set(archive.namelist())
    word_parts = any(n.startswith("word/") for n in names)
    if path.lower().endswith((".docx", ".docm")) or ("[Content_Types].xml" in names and word_parts):
        return f"corrupt .docx (no {_DOCUMENT})"
    if "xl/workbook.xml" in names:
        return "is an Excel workbook, not a report; save the report as .docx or .txt"
    if "ppt/presentation.xml" in names:
        return "is a PowerPoint file, not a report; save the report as .docx or .txt"
    if "mimetype" in names or "content.xml" in names:
        return "is an OpenDocument file; save it as .docx or .txt and open that"
    return "looks like binary data (a zip archive), not text"


def _document_text(xml: bytes, path: str) -> str:
    if _DOCTYPE_RE.search(xml):
        raise ReadError(path, f"corrupt .docx ({_DOCUMENT} declares a DOCTYPE; refused)")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise ReadError(path, f"corrupt .docx (bad XML in {_DOCUMENT}: {_short(e)})") from None
    body = root.find(f"{_W}body")
    lines: list[str] = []
    _blocks(body if body is not None else root, lines)
    return "\n".join(lines)


def _blocks(element: ElementTree.Element, lines: list[str]) -> None:
    """Paragraphs and tables in document order; content controls, tracked insertions etc. are looked into."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}p":
            extra: list[str] = []
            lines.append(_paragraph(child, extra))
            lines.extend(extra)
        elif tag == f"{_W}tbl":
            _table(child, lines)
        elif tag in (f"{_W}sectPr", f"{_W}del", f"{_W}moveFrom", _MC_FALLBACK):
            continue
        else:  # w:sdt, w:sdtContent, w:customXml, w:ins, mc:AlternateContent…
            _blocks(child, lines)


def _table(table: ElementTree.Element, lines: list[str]) -> None:
    """One line per row, cells joined by a tab (a cell's paragraphs by a space; nested tables flattened)."""
    for row in _children(table, f"{_W}tr"):
        cells: list[str] = []
        for cell in _children(row, f"{_W}tc"):
            parts: list[str] = []
            _blocks(cell, parts)
            cells.append(" ".join(p.replace("\t", " ") for p in parts if p.strip()))
        if cells:
            lines.append("\t".join(cells))


def _children(element: ElementTree.Element, tag: str) -> list[ElementTree.Element]:
    """Children with ``tag``, also those wrapped in content controls or custom XML (not nested tables)."""
    found: list[ElementTree.Element] = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            found.extend(_children(child, tag))
    return found


def _paragraph(paragraph: ElementTree.Element, extra: list[str]) -> str:
    """A paragraph's visible text: w:t, tabs and breaks; deleted text and the fallback copies of drawings
    are skipped; paragraphs inside text boxes go to ``extra`` (lines after this one)."""
    out: list[str] = []
    _runs(paragraph, out, extra)
    return "".join(out)


_SKIPPED_IN_RUNS = frozenset(
    f"{_W}{name}" for name in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "footnoteReference")
) | {_MC_FALLBACK}


def _runs(element: ElementTree.Element, out: list[str], extra: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}txbxContent":
            _blocks(child, extra)
        elif tag in _SKIPPED_IN_RUNS:
            continue
        else:  # w:r, w:hyperlink, w:ins, w:smartTag, w:fldSimple, drawings…
            _runs(child, out, extra)


# ---------------------------------------------------------------------------------------------------- HTML


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
_HTML_START_RE = re.compile(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_TAG_RE = re.compile(
    r"<(?:p|div|br|li|tr|td|h[1-6]|table|section|article|body|span|ul|ol)\b[^<>]*>|</(?:p|div|li|tr|td|h[1-6])>",
    re.I,
)
_HTML_SNIFF = 64 * 1024
# A line break between two CJK characters in HTML source is layout, not a space (CSS Text 3 segment breaks).
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK_RE = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACE_RUN_RE = re.compile(r"[ \t\n\r\f]+")


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


class _TextExtractor(HTMLParser):
    """Collects visible text: one line per block element, cells separated by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str | None] = []  # pieces of the current line; None separates table cells
        self._hidden: list[str] = []  # stack of open hidden elements
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
        if self._hidden:
            if tag in _HIDDEN_TAGS and tag not in _VOID_TAGS:
                self._hidden.append(tag)
            return
        if tag in _HIDDEN_TAGS:
            if tag not in _VOID_TAGS:
                self._hidden.append(tag)
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
            if tag == self._hidden[-1]:
                self._hidden.pop()
            elif tag == "head" or tag in self._hidden:
                while self._hidden and self._hidden.pop() != tag:
                    pass
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
