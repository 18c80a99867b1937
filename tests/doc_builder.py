"""Build small Word 97–2003 files (.doc) for tests: an OLE compound file written by hand.

Only what a reader needs is written: the OLE header, FAT, directory, a ``WordDocument`` stream with a
file information block (FIB) and the text, and a ``1Table`` stream with the piece table (Clx). Streams are
padded to 4 KiB so that none lives in the mini stream. Pieces alternate between UTF-16 and "compressed"
cp1252 storage where the text allows, as Word writes them after edits.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

SECTOR = 512
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
TEXT_AT = 0x800  #: where the text starts in the WordDocument stream


def fib(ccp_text: int, lcb_clx: int, *, flags: int = 0x0200, nfib: int = 0x00C1, ccp_ftn: int = 0) -> bytes:
    """A Word 97 FIB: FibBase, 14 words, 22 longs (ccpText, ccpFtn), 93 (fc, lcb) pairs (fcClx at 0)."""
    base = struct.pack("<HHHHHHHHHIHH", 0xA5EC, nfib, 0, 0x0804, 0, flags, 0x00BF, 0, 0, 0, 0, 0)
    base = base.ljust(32, b"\0")
    rg_w = struct.pack("<H", 14) + b"\0" * 28
    longs = [0] * 22
    longs[0] = TEXT_AT + 2 * ccp_text  # cbMac
    longs[3] = ccp_text
    longs[4] = ccp_ftn
    rg_lw = struct.pack("<H", 22) + struct.pack("<22i", *longs)
    pairs = [0] * (93 * 2)
    pairs[33 * 2] = 0  # fcClx: the Clx starts the table stream
    pairs[33 * 2 + 1] = lcb_clx
    rg_fclcb = struct.pack("<H", 93) + struct.pack(f"<{93 * 2}I", *pairs)
    return base + rg_w + rg_lw + rg_fclcb + struct.pack("<H", 0)


def word_streams(text: str, *, split_pieces: bool = True, **fib_options: int) -> tuple[bytes, bytes]:
    """(WordDocument, 1Table) for ``text`` (Word's own marks: \\r paragraphs, \\x07 cells…)."""
    pieces = _pieces(text) if split_pieces else [(text, False)]
    body = bytearray()
    cps = [0]
    pcds = bytearray()
    for piece, compressed in pieces:
        fc = TEXT_AT + len(body)
        if compressed:
            body += piece.encode("cp1252")
            fc_field = (fc * 2) | 0x40000000
        else:
            body += piece.encode("utf-16-le")
            fc_field = fc
        cps.append(cps[-1] + len(piece))
        pcds += struct.pack("<HIH", 0, fc_field, 0)
    plc = struct.pack(f"<{len(cps)}I", *cps) + bytes(pcds)
    prc = b"\x01" + struct.pack("<h", 3) + b"\x00\x00\x00"  # a property block the reader must skip
    clx = prc + b"\x02" + struct.pack("<I", len(plc)) + plc
    head = fib(len(text), len(clx), **fib_options).ljust(TEXT_AT, b"\0")
    return head + bytes(body), clx


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Runs of cp1252-encodable characters are stored compressed, the rest as UTF-16."""
    out: list[tuple[str, bool]] = []
    for char in text:
        try:
            char.encode("cp1252")
            compressed = True
        except UnicodeEncodeError:
            compressed = False
        if out and out[-1][1] == compressed:
            out[-1] = (out[-1][0] + char, compressed)
        else:
            out.append((char, compressed))
    return out


def make_ole(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams`` at the root."""
    padded = [(name, data.ljust(max(len(data), 4096), b"\0")) for name, data in streams]
    counts = [-(-len(data) // SECTOR) for _, data in padded]
    dir_sectors = -(-(len(padded) + 1) // 4)
    n_fat = 1
    while True:
        total = n_fat + dir_sectors + sum(counts)
        if total <= n_fat * (SECTOR // 4):
            break
        n_fat += 1
    fat = [FREE] * (n_fat * SECTOR // 4)
    for i in range(n_fat):
        fat[i] = FAT_SECTOR
    sector = n_fat
    first_dir = sector
    for i in range(dir_sectors):
        fat[sector] = sector + 1 if i + 1 < dir_sectors else END_OF_CHAIN
        sector += 1
    starts = []
    for count in counts:
        starts.append(sector)
        for i in range(count):
            fat[sector] = sector + 1 if i + 1 < count else END_OF_CHAIN
            sector += 1
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, n_fat, first_dir, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    header += struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    # Directory: the root, then the streams as a chain of right siblings (a valid, if unbalanced, tree).
    entries = [_entry("Root Entry", 5, child=1 if padded else NO_STREAM, start=END_OF_CHAIN, size=0)]
    for i, ((name, data), start) in enumerate(zip(padded, starts, strict=True)):
        right = i + 2 if i + 1 < len(padded) else NO_STREAM
        entries.append(_entry(name, 2, right=right, start=start, size=len(data)))
    directory = b"".join(entries).ljust(dir_sectors * SECTOR, b"\0")
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for _, data in padded:
        body += data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\0")
    return bytes(header) + body


def _entry(name: str, kind: int, *, left: int = NO_STREAM, right: int = NO_STREAM, child: int = NO_STREAM,
           start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", left, right, child)
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16
        + struct.pack("<IQ", start, size)
    )


def make_doc(paragraphs: Sequence[str], **options: int) -> bytes:
    """A .doc whose main text is ``paragraphs`` (a tab in a paragraph is a tab; Word's marks as given)."""
    text = "\r".join(paragraphs) + "\r"
    split = bool(options.pop("split_pieces", 1))
    word, table = word_streams(text, split_pieces=split, **options)
    return make_ole([("WordDocument", word), ("1Table", table)])
