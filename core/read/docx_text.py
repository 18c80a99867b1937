"""The text of a .docx: paragraphs a line each, table rows as tab-separated cells.

Pure standard library (``zipfile`` + ``xml.etree``, no python-docx). A .docx is refused before expanding
when its ``word/document.xml`` is too large or compressed absurdly well (a zip bomb), and its XML is
refused when it declares a DOCTYPE (entity expansion).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from ..errors import ReadError

__all__ = ["MAX_DOCX_RATIO", "MAX_DOCX_XML_BYTES", "docx_to_text"]

#: Largest ``word/document.xml`` we expand (a 32 MB input limit still allows a highly compressed XML).
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
#: Above this compression ratio (for parts over 1 MB) the archive is treated as a zip bomb.
MAX_DOCX_RATIO = 100
_MB = 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCUMENT = "word/document.xml"
_DOCTYPE_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


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
