"""Build PDFs with Chinese text for tests (reportlab's STSong-Light CID font: no font file needed).

Paragraphs are set as a word processor sets them: hard-wrapped at the column width, first lines indented
by two characters, a running header and a page number on every page. Pages can be one or two columns,
or an image without text (a scan).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

FONT = "STSong-Light"
PAGE = (595.0, 842.0)  # A4 in points
MARGIN = 72.0
SIZE = 12.0
LEADING = 18.0


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont(FONT)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


#: Chinese TrueType fonts a Linux machine may have (file names as Debian/Ubuntu packages install them).
_CJK_FONT_FILES = ("wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc", "DroidSansFallbackFull.ttf")


@functools.cache
def embedded_cjk_font() -> str | None:
    """The name of a Chinese font this machine has, registered to be embedded in the PDFs made with it
    (so PDFium draws the PDF's own glyphs, whatever fonts the reading machine has); None without one."""
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for root in ("/usr/share/fonts", "/usr/local/share/fonts"):
        for name in _CJK_FONT_FILES:
            for path in sorted(Path(root).rglob(name)) if Path(root).is_dir() else []:
                try:
                    pdfmetrics.registerFont(TTFont("EmbeddedCJK", str(path), subfontIndex=0))
                except Exception:  # a font reportlab cannot embed: try the next one
                    continue
                return "EmbeddedCJK"
    return None


#: Characters a Chinese typesetter never puts at a line's start (避头): they hang on the line before.
NO_LINE_START = set("，。、；：？！”’）》」』】…")


def wrap(paragraph: str, width: float, indent: float, font: str = FONT) -> list[tuple[float, str]]:
    """(x offset, text) lines of a paragraph set in ``width`` points, the first line indented; closing
    punctuation hangs at a line's end and no last line is a single character (as typesetters do; PDFium
    also drops a lone character set in a font it has no glyph boxes for)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[tuple[float, str]] = []
    line = ""
    offset = indent
    for char in paragraph:
        if line and char not in NO_LINE_START and stringWidth(line + char, font, SIZE) > width - offset:
            lines.append((offset, line))
            line, offset = "", 0.0
        line += char
    if len(line) == 1 and lines:
        previous_offset, previous = lines.pop()
        line = previous[-1] + line
        lines.append((previous_offset, previous[:-1]))
    if line or not lines:
        lines.append((offset, line))
    return lines


def make_pdf(
    paragraphs: Sequence[str],
    *,
    header: str | None = "某某市人民政府工作报告",
    page_numbers: bool = True,
    columns: int = 1,
    two_column_pages: Sequence[int] = (),
    interleave: bool = False,
    scanned_pages: Sequence[int] = (),
    indent: bool = True,
    font: str = FONT,
) -> bytes:
    """A PDF of ``paragraphs``. Pages listed in ``two_column_pages`` (0-based) are set in two columns
    (drawn row by row across both columns when ``interleave``); pages in ``scanned_pages`` are inserted
    as an image-only page before that page's text (once a paragraph ends there). ``font``: STSong-Light,
    not embedded, or a name ``embedded_cjk_font`` registered."""
    from reportlab.pdfgen import canvas

    _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE, invariant=True)
    width_all = PAGE[0] - 2 * MARGIN
    top, bottom = PAGE[1] - MARGIN, MARGIN + 24
    rows_per_page = int((top - bottom) // LEADING)
    page_no = 0
    queue = [(para, i) for i, para in enumerate(paragraphs) if para.strip()]
    pending: list[tuple[float, str]] = []

    def finish_page() -> None:
        nonlocal page_no
        if header:
            pdf.setFont(font, 9)
            pdf.drawString(MARGIN, PAGE[1] - 40, header)
        if page_numbers:
            pdf.setFont(font, 9)
            pdf.drawCentredString(PAGE[0] / 2, 36, f"- {page_no + 1} -")
        pdf.showPage()
        page_no += 1

    def take(column_width: float, rows: int) -> list[tuple[float, str]]:
        """Lines for one column: the rest of the paragraph under way is wrapped to this column's width."""
        out: list[tuple[float, str]] = []
        while len(out) < rows and (pending or queue):
            if not pending:
                para, _ = queue.pop(0)
                pending.append((2 * SIZE if indent else 0.0, para.strip()))
            offset, rest = pending.pop()
            lines = wrap(rest, column_width, offset, font)
            out.append(lines[0])
            remainder = rest[len(lines[0][1]) :]
            if remainder:
                pending.append((0.0, remainder))
        return out

    while queue or pending:
        if page_no in scanned_pages and not pending:  # a scan between paragraphs: no text goes missing
            pdf.drawImage(_scan(), MARGIN, bottom, width_all, top - bottom)  # an image, no text layer
            finish_page()
            continue
        pdf.setFont(font, SIZE)
        if page_no in two_column_pages or columns == 2:
            gap = 2 * SIZE
            col_width = (width_all - gap) / 2
            left = take(col_width, rows_per_page)
            right = take(col_width, rows_per_page)
            if interleave:
                for row in range(max(len(left), len(right))):
                    y = top - row * LEADING
                    if row < len(left):
                        pdf.drawString(MARGIN + left[row][0], y, left[row][1])
                    if row < len(right):
                        pdf.drawString(MARGIN + col_width + gap + right[row][0], y, right[row][1])
            else:
                for column, lines in ((0, left), (1, right)):
                    x0 = MARGIN + column * (col_width + gap)
                    for row, (dx, text) in enumerate(lines):
                        pdf.drawString(x0 + dx, top - row * LEADING, text)
        else:
            for row, (dx, text) in enumerate(take(width_all, rows_per_page)):
                pdf.drawString(MARGIN + dx, top - row * LEADING, text)
        finish_page()
    pdf.save()
    return buffer.getvalue()


def _scan() -> object:
    """A small grey image standing for a scanned page."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("L", (60, 80), 200))


def image_only_pdf(pages: int = 1) -> bytes:
    """A PDF whose pages hold only an image: no text layer at all (a scan)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE, invariant=True)
    for _ in range(pages):
        pdf.drawImage(_scan(), MARGIN, MARGIN, 200, 300)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pages_pdf(pages: Sequence[Sequence[tuple[float, str]] | None]) -> bytes:
    """A PDF drawn line by line: each page a list of (x offset from the margin, text), or None for a
    scanned page (an image, no text)."""
    from reportlab.pdfgen import canvas

    _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE, invariant=True)
    for lines in pages:
        if lines is None:
            pdf.drawImage(_scan(), MARGIN, MARGIN, PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN)
        else:
            pdf.setFont(FONT, SIZE)
            for row, (dx, text) in enumerate(lines):
                pdf.drawString(MARGIN + dx, PAGE[1] - MARGIN - row * LEADING, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
