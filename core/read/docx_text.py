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
    """Paragraph text of a .docx, one paragraph a line, table rows as tab-separated cells; numbers that
    Word's list numbering shows (一、 （一） 1.) are written out before their paragraphs."""
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
        numbering = _numbering(archive)
    if len(xml) > MAX_DOCX_XML_BYTES:
        raise ReadError(path, f"refused .docx: {_DOCUMENT} is larger than {MAX_DOCX_XML_BYTES // _MB} MB")
    return _document_text(xml, path, numbering)


def _small_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """A part of the package (numbering, styles) as XML, or None when absent, too large or damaged: list
    numbers are worth showing, not worth refusing a report for."""
    try:
        info = archive.getinfo(name)
        if info.file_size > 8 * _MB or info.file_size > max(info.compress_size, 1) * MAX_DOCX_RATIO:
            return None
        with archive.open(info) as member:
            xml = member.read(8 * _MB + 1)
        if len(xml) > 8 * _MB or _declares_doctype(xml):
            return None
        return ElementTree.fromstring(xml)
    except Exception:
        return None


def _numbering(archive: zipfile.ZipFile) -> _Numbering | None:
    root = _small_part(archive, "word/numbering.xml")
    if root is None:
        return None
    return _Numbering(root, _small_part(archive, "word/styles.xml"))


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


def _declares_doctype(xml: bytes) -> bool:
    """Whether the XML declares a DOCTYPE or an entity (their expansion is the billion-laughs bomb), also
    when it is UTF-16 or UTF-32, which the XML parser reads as well: their ASCII is the same bytes with
    NULs between them."""
    return bool(_DOCTYPE_RE.search(xml) or (b"\x00" in xml[:4096] and _DOCTYPE_RE.search(xml.replace(b"\x00", b""))))


def _document_text(xml: bytes, path: str, numbering: _Numbering | None = None) -> str:
    if _declares_doctype(xml):
        raise ReadError(path, f"corrupt .docx ({_DOCUMENT} declares a DOCTYPE; refused)")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise ReadError(path, f"corrupt .docx (bad XML in {_DOCUMENT}: {_short(e)})") from None
    body = root.find(f"{_W}body")
    lines: list[str] = []
    _blocks(body if body is not None else root, lines, numbering)
    return "\n".join(lines)


def _blocks(element: ElementTree.Element, lines: list[str], numbering: _Numbering | None = None) -> None:
    """Paragraphs and tables in document order; content controls, tracked insertions etc. are looked into."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}p":
            extra: list[str] = []
            label = numbering.label(child) if numbering is not None else ""
            lines.append(label + _paragraph(child, extra, numbering))
            lines.extend(extra)
        elif tag == f"{_W}tbl":
            _table(child, lines, numbering)
        elif tag in (f"{_W}sectPr", f"{_W}del", f"{_W}moveFrom", _MC_FALLBACK):
            continue
        else:  # w:sdt, w:sdtContent, w:customXml, w:ins, mc:AlternateContent…
            _blocks(child, lines, numbering)


def _table(table: ElementTree.Element, lines: list[str], numbering: _Numbering | None = None) -> None:
    """One line per row, cells joined by a tab (a cell's paragraphs by a space; nested tables flattened)."""
    for row in _children(table, f"{_W}tr"):
        cells: list[str] = []
        for cell in _children(row, f"{_W}tc"):
            parts: list[str] = []
            _blocks(cell, parts, numbering)
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


def _paragraph(paragraph: ElementTree.Element, extra: list[str], numbering: _Numbering | None = None) -> str:
    """A paragraph's visible text: w:t, tabs and breaks; deleted text and the fallback copies of drawings
    are skipped; paragraphs inside text boxes go to ``extra`` (lines after this one)."""
    out: list[str] = []
    _runs(paragraph, out, extra, numbering)
    return "".join(out)


_SKIPPED_IN_RUNS = frozenset(
    f"{_W}{name}" for name in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "footnoteReference")
) | {_MC_FALLBACK}


def _runs(
    element: ElementTree.Element, out: list[str], extra: list[str], numbering: _Numbering | None = None
) -> None:
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
            _blocks(child, extra, numbering)
        elif tag in _SKIPPED_IN_RUNS:
            continue
        else:  # w:r, w:hyperlink, w:ins, w:smartTag, w:fldSimple, drawings…
            _runs(child, out, extra, numbering)


# ------------------------------------------------------------------------------------------ list numbering

_CN_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _chinese(rest) if rest < 10 else _chinese(rest).replace("十", "一十", 1) if rest < 20 else _chinese(rest))
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
              (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "none":
        return ""
    return str(n)  # decimal, decimalZero… and anything unknown


class _Numbering:
    """Word's list numbering (numbering.xml, and numbering set by paragraph styles): the label each
    numbered paragraph shows, counted as Word counts (a level restarts after a higher level)."""

    def __init__(self, root: ElementTree.Element, styles: ElementTree.Element | None) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → ilvl → (fmt, text, start)
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"))] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _int(_val(lvl, "start"), 1),
                )
            self._levels[abstract.get(f"{_W}abstractNumId") or ""] = levels
        self._abstract: dict[str, str] = {}  # numId → abstractNumId
        self._starts: dict[tuple[str, int], int] = {}  # (numId, ilvl) → startOverride
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId") or ""
            self._abstract[num_id] = _val(num, "abstractNumId") or ""
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    self._starts[(num_id, _int(override.get(f"{_W}ilvl")))] = _int(start, 1)
        self._styles: dict[str, tuple[str, int]] = {}
        if styles is not None:
            for style in styles.iter(f"{_W}style"):
                ppr = style.find(f"{_W}pPr")
                num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
                if num_pr is not None:
                    self._styles[style.get(f"{_W}styleId") or ""] = (_val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl")))
        self._counters: dict[str, list[int]] = {}

    def label(self, paragraph: ElementTree.Element) -> str:
        ppr = paragraph.find(f"{_W}pPr")
        if ppr is None:
            return ""
        num_pr = ppr.find(f"{_W}numPr")
        num_id, ilvl = "", 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"))
        else:
            style = _val(ppr, "pStyle")
            if style in self._styles:
                num_id, ilvl = self._styles[style]
        if not num_id or num_id == "0":
            return ""
        levels = self._levels.get(self._abstract.get(num_id, ""), {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        if not 0 <= ilvl < 9:
            return ""
        start = self._starts.get((num_id, ilvl), levels[ilvl][2])
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return ""  # a bullet glyph (often a Symbol-font private-use character) is no number

        def number(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            if not 0 <= level <= ilvl:
                return ""
            value = counters[level] or self._starts.get((num_id, level), levels.get(level, ("", "", 1))[2])
            return _format(value, levels.get(level, ("decimal", "", 1))[0])

        return re.sub(r"%(\d)", number, text)


def _val(element: ElementTree.Element, name: str) -> str | None:
    child = element.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
