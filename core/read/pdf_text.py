"""The text of a PDF: its text layer, page by page, in reading order, one paragraph a line.

PDFium (``pypdfium2``, Apache-2.0/BSD) reads the text layer: it is fast (~200 pages/s) and gives each
character's box, so the page's geometry decides what a text-only repair can only guess:

- **paragraphs**: a line continues into the next when it reaches the column's right margin and the next
  one is not indented (nor a heading); a short or sentence-final line ends its paragraph;
- **two columns**: a page whose lines leave a common vertical gutter is read left column, then right
  column (between the full-width lines above and below them);
- **running headers, footers and page numbers**: the first and last lines of the pages that repeat
  (digits aside) on most pages, or that are only a page number, are dropped;
- **fonts the PDF does not embed** (most Chinese PDFs): the geometry uses only what the PDF fixes (glyph
  advances, baselines), never a substitute font's glyph heights, so the text read is the same whatever
  fonts the machine has;
- **spaces**: the spaces PDFium *generates* for a gap between glyphs are kept between Latin words and
  dropped next to Chinese (word processors widen the gap between 2023 and 年; the text has no space).

A page whose text layer is unusable (no text: a scan; U+FFFD, private-use code points, ``(cid:…)``,
Latin-1 mojibake, or hardly any Han characters in a Chinese report) is tried with ``pypdf`` (BSD, pure
Python, imported only then), which maps some CID fonts differently; pages neither reads are named in a
note. No OCR.

"The text as read" for a PDF is this extracted text: every offset the core reports points into it.

Why PDFium first: on the 13-page WPS export of Beijing's 2024 report, PDFium reads the text in 0.06 s,
pypdf in 0.76 s; both give the text of the published .txt (whitespace aside), but only PDFium gives the
glyph boxes the repairs above need. PyMuPDF (AGPL) is not an option for a required dependency.

Known limits: PDFium drops a text object it takes for a repeat of the one before (fake bold); with
fonts that are not embedded (no glyph boxes) a lone character or an identical line drawn right after
another can be lost that way. In a file whose paragraphs are not indented, a full line that ends a
sentence is taken as a paragraph's end.

Hostile files are refused in bounded time and memory: the compressed streams a text extraction must
inflate (page contents, fonts, object streams; not images) are measured before PDFium sees the file,
the page count is capped, and the extraction has a deadline.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError
from .unwrap import is_page_number, starts_heading

__all__ = ["MAX_INFLATED_BYTES", "MAX_PDF_PAGES", "MAX_PDF_SECONDS", "PdfText", "pdf_to_text"]

#: More pages than any report has (the longest national reports print on ~60 pages).
MAX_PDF_PAGES = 2000
#: What the compressed streams a text extraction inflates may expand to, in all.
MAX_INFLATED_BYTES = 256 * 1024 * 1024
#: A real report reads in well under a second; a file that takes this long is refused.
MAX_PDF_SECONDS = 30.0
_MB = 1024 * 1024

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_CJK_RE = re.compile(f"[{_CJK}]")
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BAD_RE = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00c0-\u00ff]")
_CID_RE = re.compile(r"\(cid:\d+\)")
_NO_TEXT = "no text"
_SCAN = "a scanned image without a text layer"
_SENTENCE_END = frozenset("。！？；：!?;:…")
_CLOSERS = "”’」』）)】》〉\"'"
_DIGITS_RE = re.compile(r"[0-9０-９]+|[一二三四五六七八九十〇]+(?=\s*页)")


@dataclass(frozen=True)
class PdfText:
    """A PDF's text (one paragraph a line) and notes on what reading it did."""

    text: str
    notes: tuple[str, ...]
    pages: int


@dataclass
class _Line:
    """A line of a page as PDFium placed it, with its box in PDF points (y grows upwards): left and right
    from the glyphs' advances, top its baseline plus its size (see ``_Glyphs``)."""

    text: str
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    size: float = 0.0  #: about the font size (its Han characters' advance)
    column: int = 0  #: 0 full width or single column, 1 left, 2 right
    margins: tuple[float, float] | None = None  #: (left, right) of its column; None: no geometry
    after_gap: bool = False  #: the first line after a page that could not be read: never a continuation


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)
    problem: str | None = None  #: why the page could not be read
    images: bool = False  #: little text but images: a scanned page (with a typed header, perhaps)
    columns: bool = False
    fallback: bool = False  #: read by pypdf


def pdf_to_text(data: bytes, path: str) -> PdfText:
    """The text of a PDF; raises ReadError (one line) for an encrypted, damaged, hostile or textless file."""
    _check_streams(data, path)
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ReadError(path, "is a PDF, and reading PDFs needs pypdfium2 (pip install pypdfium2)") from None
    deadline = time.monotonic() + MAX_PDF_SECONDS
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReadError(path, _open_problem(str(e))) from None
    try:
        count = len(document)
        if count > MAX_PDF_PAGES:
            raise ReadError(path, f"refused PDF: {count:,} pages, the limit is {MAX_PDF_PAGES:,}")
        if count == 0:
            raise ReadError(path, "is a PDF without pages")
        pages = [_read_page(document, i, deadline, path) for i in range(count)]
    finally:
        document.close()
    return _assemble(pages, data, path)


def _open_problem(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered or "security" in lowered:
        return "is a password-protected PDF; open it with its password and save an unprotected copy"
    if "format" in lowered or "file" in lowered:
        return "corrupt PDF (PDFium cannot parse it)"
    return f"corrupt PDF ({message})"


# --------------------------------------------------------------------------------------- hostile files


def _check_streams(data: bytes, path: str) -> None:
    """Inflate (and discard) every Flate stream that text extraction would inflate, within a budget: a
    stream bomb is refused here, before PDFium would expand it in memory. Images are skipped (text
    extraction does not decode them), damaged streams too (PDFium will say what it makes of them)."""
    budget = MAX_INFLATED_BYTES
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        if start >= len(data) or data[start] != 0x78:  # not a zlib stream (or not a stream at all)
            continue
        if m.start() >= 3 and data[m.start() - 3 : m.start()] == b"end":
            continue
        head = data[max(0, m.start() - 2048) : m.start()]
        head = head[head.rfind(b" obj") + 1 :] if b" obj" in head else head
        if b"/Image" in head:
            continue
        budget -= _inflated_size(data, start, budget + 1)
        if budget < 0:
            raise ReadError(
                path,
                f"refused PDF: its compressed streams expand to more than {MAX_INFLATED_BYTES // _MB} MB "
                "(a decompression bomb?)",
            )


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to (at most ``limit``), in bounded memory."""
    inflater = zlib.decompressobj()
    total = 0
    pos = start
    chunk = 1 << 20
    pending = b""
    try:
        while not inflater.eof and total < limit:
            if not pending:
                if pos >= len(data):
                    break
                pending = data[pos : pos + chunk]
                pos += chunk
            out = inflater.decompress(pending, chunk)
            total += len(out)
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return total


# ----------------------------------------------------------------------------------------------- pages


def _read_page(document: Any, index: int, deadline: float, path: str) -> _Page:
    if time.monotonic() > deadline:
        raise ReadError(path, f"refused PDF: reading it took longer than {MAX_PDF_SECONDS:.0f} s")
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        page = document[index]
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        return _Page(problem="damaged page")
    try:
        width = float(page.get_width())
        lines = _page_lines(textpage, raw, width)
        images = sum(len("".join(line.text.split())) for line in lines) < 40 and _has_images(page, raw)
    finally:
        textpage.close()
        page.close()
    result = _Page(lines=lines, images=images)
    result.columns = any(line.column for line in lines)
    result.problem = _unreadable("\n".join(line.text for line in lines))
    if result.problem == _NO_TEXT and images:
        result.problem = _SCAN
    return result


def _has_images(page: Any, raw: Any) -> bool:
    try:
        return next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4)), None) is not None
    except Exception:  # an odd object tree: no evidence either way
        return False


def _page_lines(textpage: Any, raw: Any, width: float) -> list[_Line]:
    """The page's lines in reading order, generated spaces next to Chinese removed."""
    handle = textpage.raw
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the BMP: index by PDFium's own characters
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 0xFFFD) for i in range(count))
    generated = {i for i, c in enumerate(text) if c == " " and raw.FPDFText_IsGenerated(handle, i) == 1}

    def box(i: int) -> tuple[float, float, float, float]:
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        return left, bottom, right, top

    def baseline(i: int) -> float:
        x, y = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
        return float(y.value)

    glyphs = _Glyphs(text, box, baseline)
    pieces: list[_Piece] = []
    for start, end in _line_spans(text):
        pieces.extend(_split_at_gaps(text, start, end, glyphs, generated))
    pieces = [p for p in pieces if p.end > p.start]
    if not pieces:
        return []
    ordered = _reading_order(pieces, width, text, box)
    return [_finish(p, text, generated) for p in ordered]


@dataclass
class _Piece:
    """Characters start..end of the page's text on one line (or one column's part of a line)."""

    start: int
    end: int
    left: float
    right: float
    top: float
    size: float
    column: int = 0


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


class _Glyphs:
    """Where a page's characters stand, measured only in what the PDF itself fixes.

    A font that is not embedded (common in Chinese PDFs: 宋体, STSong-Light) is drawn with whatever font
    the reading machine has, and its glyph boxes' heights (the substitute's ascent and descent) change with
    it: a CJK font installed or not moved a gutter and broke a column. The advances (a box's left and
    right: the PDF's own widths) and the baselines (each character's origin) do not depend on the
    substitute, so the line's size is its Han characters' advance (a Han glyph is one em wide in every
    font) and its top is its baseline plus that size."""

    def __init__(self, text: str, box: Callable[[int], tuple[float, float, float, float]],
                 baseline: Callable[[int], float]) -> None:
        self.text, self.box, self.baseline = text, box, baseline

    def size(self, start: int, end: int) -> float:
        """About the font size of characters start..end: the median advance of (at most 24 of) its Han
        characters; the height of its end characters' boxes when it has none (Latin or digits only)."""
        advances = []
        for i in range(start, end):
            if _HAN_RE.match(self.text[i]):
                left, _, right, _ = self.box(i)
                if right > left:
                    advances.append(right - left)
                    if len(advances) >= 24:
                        break
        if advances:
            return max(sorted(advances)[len(advances) // 2], 1.0)
        first, last = self.box(start), self.box(end - 1)
        return max(first[3] - first[1], last[3] - last[1], 1.0)

    def top(self, start: int, end: int, size: float) -> float:
        return max(self.baseline(start), self.baseline(end - 1)) + size


def _split_at_gaps(text: str, start: int, end: int, glyphs: _Glyphs, generated: set[int]) -> list[_Piece]:
    """One line as pieces: split where a space stands for a gap wider than one and a half characters (two
    columns on one baseline: PDFium joins them with a generated space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    box = glyphs.box
    size = glyphs.size(start, end)
    cuts: list[tuple[int, int]] = []  # (end of a piece, start of the next)
    i = text.find(" ", start, end)
    while i >= 0:
        j = i
        while j < end and text[j] == " ":
            j += 1
        before, after = box(i - 1), box(j)
        if after[0] - before[2] > 1.5 * size:
            cuts.append((i, j))
        i = text.find(" ", j, end)
    bounds = [start] + [c for cut in cuts for c in cut] + [end]
    pieces = []
    for a, b in zip(bounds[0::2], bounds[1::2], strict=True):
        left, right = box(a), box(b - 1)
        pieces.append(_Piece(a, b, left[0], right[2], glyphs.top(a, b, size), size))
    return pieces


def _reading_order(pieces: list[_Piece], width: float, text: str, box: Any) -> list[_Piece]:
    """Pieces in reading order: two columns (when the page has them) read one after the other between the
    full-width lines; otherwise PDFium's order."""
    gutter = _gutter(pieces, width)
    if gutter is None:
        return pieces
    pieces = [part for piece in pieces for part in _split_at_gutter(piece, gutter, text, box)]
    full = sorted((p for p in pieces if p.left < gutter < p.right), key=lambda p: -p.top)
    tops = [p.top for p in full]
    sections: list[list[_Piece]] = [[] for _ in range(len(full) + 1)]
    for piece in pieces:
        if piece.left < gutter < piece.right:
            continue
        piece.column = 1 if piece.right <= gutter else 2
        above = sum(1 for t in tops if t > piece.top)
        sections[above].append(piece)
    out: list[_Piece] = []
    for i, section in enumerate(sections):
        if i:
            out.append(full[i - 1])
        # Top to bottom within a column, whatever order the content stream drew the lines in.
        out.extend(sorted((p for p in section if p.column == 1), key=lambda p: -p.top))
        out.extend(sorted((p for p in section if p.column == 2), key=lambda p: -p.top))
    return out


def _split_at_gutter(piece: _Piece, gutter: float, text: str, box: Any) -> list[_Piece]:
    """A piece that crosses the gutter with a blank at it is two lines (PDFium joined a left and a right
    column line, with or without a space): split it there. One that runs through the gutter is full
    width."""
    if not piece.left < gutter < piece.right:
        return [piece]
    lo, hi = piece.start, piece.end - 1  # the first character that starts right of the gutter
    while lo < hi:
        mid = (lo + hi) // 2
        if box(mid)[0] >= gutter:
            hi = mid
        else:
            lo = mid + 1
    k = lo
    while k < piece.end - 1 and text[k].isspace():  # a space PDFium put in the gap is not the right column
        k += 1
    left_end = k  # after the last character of the left column
    while left_end > piece.start and text[left_end - 1].isspace():
        left_end -= 1
    if left_end <= piece.start or box(k)[0] < gutter or box(k)[0] - box(left_end - 1)[2] < 0.5 * piece.size:
        return [piece]
    first, last = box(k), box(piece.end - 1)
    return [
        _Piece(piece.start, left_end, piece.left, box(left_end - 1)[2], piece.top, piece.size),
        _Piece(k, piece.end, first[0], last[2], piece.top, piece.size),
    ]


def _gutter(pieces: list[_Piece], width: float) -> float | None:
    """The x of a vertical gap between two columns of text, or None. Text columns are mostly full lines
    up to the gap (a table's cells are not), with enough lines on both sides."""
    if len(pieces) < 8:
        return None
    middle = (width * 0.45, width * 0.55)
    if sum(1 for p in pieces if p.left < middle[0] and p.right > middle[1]) * 2 > len(pieces):
        return None  # most lines run across the middle: one column (the common case, decided at once)
    size = sorted(p.size for p in pieces)[len(pieces) // 2]
    crossings: list[tuple[int, float]] = []
    x = width * 0.3
    while x <= width * 0.7:
        crossings.append((sum(1 for p in pieces if p.left < x < p.right), x))
        x += max(size / 2, 1.0)
    fewest = min(c for c, _ in crossings)
    if fewest > max(2, len(pieces) // 10):
        return None
    band = [x for c, x in crossings if c == fewest]
    x = band[len(band) // 2]  # the middle of the emptiest band
    left = [p for p in pieces if p.right <= x]
    right = [p for p in pieces if p.left >= x]
    if len(left) < 4 or not right or len(left) * 5 < len(pieces):
        return None
    # The middle of the blank between the columns, not a point of the grid: a grid step (half a character)
    # can land in the last glyph of a left-column line, and a line joined across the gutter would not split.
    x = (max(p.right for p in left) + min(p.left for p in right)) / 2
    # Left-column lines reach (nearly) one right margin: text, not a column of table labels.
    rights = sorted(p.right for p in left)
    margin = rights[int(len(rights) * 0.8)]
    full = sum(1 for p in left if abs(p.right - margin) <= 2 * size)
    if full * 2 < len(left):
        return None
    return x


def _finish(piece: _Piece, text: str, generated: set[int]) -> _Line:
    chars = []
    for i in range(piece.start, piece.end):
        c = text[i]
        if c == " " and i in generated:
            before = text[i - 1] if i > piece.start else ""
            after = text[i + 1] if i + 1 < piece.end else ""
            if _CJK_RE.match(before) or _CJK_RE.match(after):
                continue  # a gap the word processor left next to Chinese, not a space of the text
        chars.append(c)
    return _Line("".join(chars), piece.left, piece.right, piece.top, piece.size, piece.column)


def _unreadable(text: str) -> str | None:
    """Why a page's text layer cannot be used, or None."""
    visible = "".join(text.split())
    if not visible:
        return _NO_TEXT
    bad = len(_BAD_RE.findall(visible)) + 5 * len(_CID_RE.findall(visible))
    if bad * 10 >= len(visible):
        return "garbled text layer (fonts without a Unicode map)"
    return None


# ------------------------------------------------------------------------------------ the whole document


def _assemble(pages: list[_Page], data: bytes, path: str) -> PdfText:
    notes: list[str] = []
    _low_han_pages(pages)
    failed = [i for i, page in enumerate(pages) if page.problem]
    if failed:
        rescued = _fallback(data, pages, failed)
        if rescued:
            notes.append(f"{_pages(rescued, len(pages))} read with pypdf (PDFium's text was unusable)")
    dropped = _drop_running_lines(pages)
    for page in pages:
        if page.images and not page.problem and not _body(page):
            page.problem = _SCAN
    unreadable = [i for i, page in enumerate(pages) if page.problem]
    if len(unreadable) == len(pages):
        problem = Counter(page.problem for page in pages).most_common(1)[0][0]
        where = "its only page" if len(pages) == 1 else f"all {len(pages)} pages"
        ocr = "; it needs OCR first" if problem == _SCAN else ""
        raise ReadError(path, f"has no readable text ({problem} on {where}){ocr}")
    if unreadable:
        kinds = "; ".join(sorted({str(pages[i].problem) for i in unreadable}))
        notes.append(f"{_pages(unreadable, len(pages))} could not be read ({kinds}): that text is missing")
    if dropped:
        notes.append(f"dropped {dropped} running header, footer and page-number lines")
    columns = [i for i, page in enumerate(pages) if page.columns and not page.problem]
    if columns:
        notes.append(f"{_pages(columns, len(pages))} read as two columns, left then right")
    _set_margins(pages)
    lines: list[_Line] = []
    gap = False
    for page in pages:
        if page.problem:
            gap = True
            continue
        for line in page.lines:
            if line.text.strip():
                line.after_gap, gap = gap, False
                lines.append(line)
    if not lines:
        raise ReadError(path, "has no text (only running headers and page numbers)")
    return PdfText(_paragraphs(lines), tuple(notes), len(pages))


def _body(page: _Page) -> bool:
    return any(line.text.strip() for line in page.lines)


def _pages(indexes: list[int], total: int) -> str:
    """"page 3", "pages 2, 5–7 of 13"."""
    numbers = [i + 1 for i in indexes]
    runs: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        runs.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    shown = ", ".join(runs[:12]) + (" …" if len(runs) > 12 else "")
    return f"page {shown} of {total}" if len(numbers) == 1 else f"pages {shown} of {total}"


def _low_han_pages(pages: list[_Page]) -> None:
    """In a Chinese report (most pages mostly Han), a page with hardly any Han characters but many letters
    is mis-mapped text (fonts whose codes are not Unicode), not an English page."""
    shares = []
    for page in pages:
        if page.problem:
            continue
        visible = "".join("".join(line.text for line in page.lines).split())
        letters = sum(1 for c in visible if c.isalpha())
        han = len(_HAN_RE.findall(visible))
        shares.append((page, han, letters))
    chinese = sum(1 for _, han, letters in shares if letters and han * 2 >= letters)
    if chinese * 2 < len(shares):
        return
    for page, han, letters in shares:
        if letters >= 40 and han * 10 < letters:
            page.problem = "garbled text layer (hardly any Chinese characters)"


def _fallback(data: bytes, pages: list[_Page], failed: list[int]) -> list[int]:
    """Read the failed pages with pypdf; return those it could read. Never raises."""
    try:
        import io
        import logging

        import pypdf

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        rescued = []
        for i in failed:
            if not pages[i].lines:
                # PDFium found no characters at all: a scan; pypdf will not find more.
                continue
            text = reader.pages[i].extract_text() or ""
            if _unreadable(text) is None and len(_HAN_RE.findall(text)) * 10 >= len("".join(text.split())):
                pages[i] = _Page(lines=[_Line(line) for line in text.split("\n")], fallback=True)
                rescued.append(i)
        return rescued
    except Exception:  # a fallback must never turn a read into a crash
        return []


def _running_key(text: str) -> str:
    return _DIGITS_RE.sub("#", "".join(text.split()))


def _edges(page: _Page) -> set[int]:
    """Indexes of the page's two top-most and two bottom-most lines (by position when there is no
    geometry): where running headers, footers and page numbers stand, whatever the reading order."""
    n = len(page.lines)
    order = list(range(n)) if page.fallback else sorted(range(n), key=lambda i: -page.lines[i].top)
    return set(order[:2] + order[-2:])


def _drop_running_lines(pages: list[_Page]) -> int:
    """Drop page numbers and running headers/footers among the first and last two lines of each page:
    a line that is only a page number, or whose text (digits aside) repeats there on most pages."""
    readable = [page for page in pages if not page.problem and page.lines]
    edges: Counter[str] = Counter()
    for page in readable:
        for key in {_running_key(page.lines[i].text) for i in _edges(page)}:
            edges[key] += 1
    need = max(2, (len(readable) + 1) // 2)
    dropped = 0
    for page in readable:
        at_edge = _edges(page)
        keep = []
        body = max(line.right for line in page.lines) - min(line.left for line in page.lines)
        for i, line in enumerate(page.lines):
            # A running line is shorter than the text lines (a body line repeated at a page's edge is not).
            short = len(line.text) < 30 if page.fallback else line.right - line.left < 0.8 * body
            if i in at_edge and (
                is_page_number(line.text)
                or (short and len(readable) >= 2 and edges[_running_key(line.text)] >= need)
            ):
                dropped += 1
                continue
            keep.append(line)
        page.lines = keep
    return dropped


def _set_margins(pages: list[_Page]) -> None:
    """Each line's column margins, over the whole document (its pages share one layout): the smallest left
    edge several lines start at, and the right edge full lines reach."""
    by_column: dict[int, list[_Line]] = {}
    for page in pages:
        if page.problem or page.fallback:
            continue
        for line in page.lines:
            if line.text.strip():
                by_column.setdefault(line.column, []).append(line)
    for lines in by_column.values():
        lefts = Counter(round(line.left) for line in lines)
        size = sorted(line.size for line in lines)[len(lines) // 2]
        frequent = [x for x, n in lefts.items() if n >= 2] or list(lefts)  # a lone line further left is an outlier
        left = float(min(frequent))
        rights = sorted(line.right for line in lines)
        upper = rights[len(rights) // 2 :]
        right = upper[len(upper) // 2]  # the median of the longer half: where full lines end
        for line in lines:
            line.margins = (left, max(right, left + size))


def _paragraphs(lines: list[_Line]) -> str:
    """Join lines into paragraphs, one a line."""
    indented = _indented_style(lines)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        text = line.text.strip()
        if previous is not None and out and not line.after_gap and _continues(previous, line, text, indented):
            tail = out[-1]
            joiner = " " if _latin_letter(tail[-1:]) and _latin_letter(text[:1]) else ""  # English words
            out[-1] = tail + joiner + text
        else:
            out.append(text)
        previous = line
    return "\n".join(out)


def _latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_full(line: _Line) -> bool:
    if line.margins is None:
        return False
    return line.right >= line.margins[1] - 1.5 * line.size


def _is_indented(line: _Line) -> bool:
    return line.margins is not None and line.left >= line.margins[0] + 0.8 * line.size


def _indented_style(lines: list[_Line]) -> bool:
    """Whether paragraphs start indented: most lines after a short line are indented."""
    starts = [b for a, b in itertools.pairwise(lines) if a.margins and b.margins and not _is_full(a)]
    indented = sum(1 for line in starts if _is_indented(line))
    return len(starts) >= 2 and indented * 5 >= len(starts) * 3


def _continues(previous: _Line, line: _Line, text: str, indented: bool) -> bool:
    if previous.margins is None or line.margins is None:
        return _continues_text(previous.text, text)
    if not _is_full(previous) or starts_heading(text):
        return False
    if _is_indented(line):
        return False
    if indented:
        return True
    return not _ends_sentence(previous.text)


def _continues_text(previous: str, text: str) -> bool:
    """Without geometry (a page read by pypdf): a line runs on unless it ends a sentence or the next one
    opens a heading."""
    return bool(previous.strip()) and not _ends_sentence(previous) and not starts_heading(text) and len(previous) >= 20


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return not stripped or stripped[-1] in _SENTENCE_END
