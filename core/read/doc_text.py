"""The text of an old Word file (.doc, Word 97–2003; also what WPS saves as .doc): pure Python.

``olefile`` (BSD) opens the OLE container; the text is then assembled from the Word piece table
([MS-DOC] 2.8.35, the Clx in the table stream): each piece is a run of character positions stored either
as UTF-16 or "compressed" as one byte a character (cp1252). Only the main document is read (the
footnote, header and comment stories that follow it are not the report's body). Word's special
characters become text: paragraph marks and soft line breaks end lines, table cells are separated by tabs
and rows end lines, a field keeps its shown result and drops its code (PAGE, HYPERLINK …), object anchors
and footnote reference marks are dropped.

Every damage (broken FAT, truncated streams, an impossible piece table) is a one-line ReadError;
encrypted files and Word 6/95 files are refused by name.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import Any

from ..errors import ReadError

__all__ = ["DocText", "doc_to_text"]

_WORD_MAGIC = 0xA5EC
#: nFib of Word 97 and later (Word 6/95 store their text differently).
_WORD97_NFIB = 0x00C1
_F_WHICH_TABLE = 0x0200
_F_ENCRYPTED = 0x0100
_F_OBFUSCATED = 0x8000
_F_COMPRESSED = 0x40000000
_FC_CLX_PAIR = 33  #: fcClx is the 34th (fc, lcb) pair of FibRgFcLcb97

#: What other Office 97–2003 files hold, to name them in the refusal.
_OTHER_OLE = (
    ("Workbook", "an Excel 97–2003 workbook"),
    ("Book", "an Excel 5/95 workbook"),
    ("PowerPoint Document", "a PowerPoint 97–2003 presentation"),
    ("EncryptedPackage", "a password-protected Office file (.docx/.xlsx inside an encrypted container)"),
)


@dataclass(frozen=True)
class DocText:
    """A .doc's main text (one paragraph a line) and notes on what reading it left out."""

    text: str
    notes: tuple[str, ...]


def doc_to_text(data: bytes, path: str) -> DocText:
    """The main document text of a Word 97–2003 file; raises ReadError (one line) on anything else."""
    try:
        import olefile
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ReadError(path, "is an old Word file (.doc), and reading it needs olefile (pip install olefile)") from None
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as e:  # OSError, struct.error, IndexError…: a damaged container, whatever the detail
        raise ReadError(path, f"corrupt .doc (its OLE container is damaged: {_short(e)})") from None
    try:
        return _read(ole, data, path)
    except ReadError:
        raise
    except Exception as e:
        raise ReadError(path, f"corrupt .doc ({_short(e)})") from None
    finally:
        ole.close()


def _short(error: BaseException) -> str:
    text = " ".join((str(error) or type(error).__name__).split())
    return text if len(text) <= 80 else text[:77] + "..."


def _stream(ole: object, name: str, data: bytes, path: str) -> bytes:
    # A stream cannot be larger than the file holding it; a FAT loop with a huge declared size would
    # otherwise be read round and round (olefile bounds it only by the FAT's length).
    size = ole.get_size(name)  # type: ignore[attr-defined]
    if size > len(data):
        raise ReadError(path, f"corrupt .doc (its {name} stream claims {size:,} bytes, more than the file)")
    stream = bytes(ole.openstream(name).read())  # type: ignore[attr-defined]
    _check_chain(ole, name, size, path)
    return stream


def _check_chain(ole: Any, name: str, size: int, path: str) -> None:
    """A stream's sector chain visits no sector twice: olefile reads a looping chain round and round
    up to the declared size, which gives garbage, not an error."""
    entry = ole.direntries[ole._find(name)]
    mini = size < ole.minisectorcutoff
    fat = ole.minifat if mini else ole.fat
    sector_size = ole.minisectorsize if mini else ole.sectorsize
    sector = entry.isectStart
    seen: set[int] = set()
    for _ in range(-(-size // sector_size)):
        if sector in seen or not 0 <= sector < len(fat):
            raise ReadError(path, f"corrupt .doc (the sector chain of its {name} stream is broken)")
        seen.add(sector)
        sector = fat[sector]


def _read(ole: object, data: bytes, path: str) -> DocText:
    if not ole.exists("WordDocument"):  # type: ignore[attr-defined]
        for stream, kind in _OTHER_OLE:
            if ole.exists(stream):  # type: ignore[attr-defined]
                raise ReadError(path, f"is {kind}, not a Word document; save the report as .docx or .txt")
        raise ReadError(path, "is an OLE file without a Word document in it; save the report as .docx or .txt")
    word = _stream(ole, "WordDocument", data, path)
    if len(word) < 0x1AA:
        raise ReadError(path, "corrupt .doc (its file information block is truncated)")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if ident != _WORD_MAGIC:
        raise ReadError(path, "corrupt .doc (not a Word file information block)")
    if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise ReadError(path, "is a password-protected .doc; open it with its password and save an unprotected copy")
    if nfib < _WORD97_NFIB:
        raise ReadError(path, "is a Word 6/95 file; save it as .docx (or Word 97–2003 .doc) and open that")
    table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
    if not ole.exists(table_name):  # type: ignore[attr-defined]
        raise ReadError(path, f"corrupt .doc (no {table_name} stream)")
    table = _stream(ole, table_name, data, path)

    csw = struct.unpack_from("<H", word, 32)[0]
    lw_at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    rg_lw = lw_at + 2
    if cslw < 4 or rg_lw + 4 * cslw + 2 > len(word):
        raise ReadError(path, "corrupt .doc (its file information block is truncated)")
    ccp_text, ccp_ftn = struct.unpack_from("<ii", word, rg_lw + 12)
    fc_lcb_at = rg_lw + 4 * cslw + 2
    cb_fc_lcb = struct.unpack_from("<H", word, rg_lw + 4 * cslw)[0]
    if cb_fc_lcb <= _FC_CLX_PAIR or fc_lcb_at + 8 * (_FC_CLX_PAIR + 1) > len(word):
        raise ReadError(path, "corrupt .doc (no piece table in its file information block)")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fc_lcb_at + 8 * _FC_CLX_PAIR)
    if lcb_clx == 0 or fc_clx + lcb_clx > len(table):
        raise ReadError(path, "corrupt .doc (its piece table lies outside the table stream)")
    if ccp_text < 0 or ccp_text > len(word):
        raise ReadError(path, "corrupt .doc (impossible text length)")
    raw = _pieces(word, table[fc_clx : fc_clx + lcb_clx], ccp_text, path)
    text = _visible(raw)
    notes: list[str] = []
    if ccp_ftn > 0:
        notes.append("the document's footnotes were left out (only the main text is read)")
    return DocText(text, tuple(notes))


def _pieces(word: bytes, clx: bytes, ccp_text: int, path: str) -> str:
    """The first ``ccp_text`` characters of the document, assembled from its piece table."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        if pos + 3 > len(clx):
            break
        pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        raise ReadError(path, "corrupt .doc (its piece table is damaged)")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    if len(plc) < lcb or (lcb - 4) % 12:
        raise ReadError(path, "corrupt .doc (its piece table is damaged)")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out: list[str] = []
    got = 0
    for i in range(n):
        start, end = cps[i], cps[i + 1]
        if end < start:
            raise ReadError(path, "corrupt .doc (its piece table is out of order)")
        if start >= ccp_text:
            break
        count = min(end, ccp_text) - start
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        if fc & _F_COMPRESSED:
            offset = (fc & ~_F_COMPRESSED) // 2
            chunk = word[offset : offset + count]
            text = chunk.decode("cp1252", "replace")
        else:
            chunk = word[fc : fc + 2 * count]
            text = chunk.decode("utf-16-le", "replace")
        if len(text) < count:
            raise ReadError(path, "corrupt .doc (its text is truncated)")
        out.append(text)
        got += count
    if got < min(ccp_text, cps[-1]) * 0.5:
        raise ReadError(path, "corrupt .doc (its piece table does not cover the text)")
    return "".join(out)


_CELL = "\x07"
#: Word's control characters: paragraph mark, soft line break, page/section and column breaks end lines;
#: a non-breaking hyphen is a hyphen; the rest (object anchors, footnote marks, optional hyphens) go.
_MARKS: dict[int, str | None] = {c: None for c in (*range(0x00, 0x09), *range(0x0B, 0x20))}
_MARKS.update({0x0D: "\n", 0x0B: "\n", 0x0C: "\n", 0x0E: "\n", 0x1E: "-"})


def _visible(raw: str) -> str:
    """Word's marks as text: fields show their result, table cells are tab-separated, rows end lines."""
    out: list[str] = []
    depth_code: list[bool] = []  # per open field: still in its code part?
    for char in raw:
        if char == "\x13":  # field begin
            depth_code.append(True)
            continue
        if char == "\x14":  # field separator: the result follows
            if depth_code:
                depth_code[-1] = False
            continue
        if char == "\x15":  # field end
            if depth_code:
                depth_code.pop()
            continue
        if any(depth_code):
            continue
        out.append(char)
    text = "".join(out)
    text = text.replace(_CELL + _CELL, "\n").replace(_CELL, "\t")
    text = text.translate(_MARKS)
    lines = [line.rstrip("\t ") if "\t" in line else line for line in text.split("\n")]
    return "\n".join(lines).rstrip("\n")
