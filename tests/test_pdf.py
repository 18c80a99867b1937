"""Reading PDFs: the same report as a PDF and as a .txt gives the same outline, figures and alignment."""

from __future__ import annotations

import io
import re
import zlib

import pytest
from conftest import CORPUS, seed_text
from pdf_builder import embedded_cjk_font, image_only_pdf, make_pdf, pages_pdf

from core.errors import ReadError
from core.read import pdf_text
from core.read.files import read_bytes, read_source
from core.report import report_from_source, report_from_text

BEIJING_PDF = CORPUS / "formats" / "city-beijing-2024.pdf"
BEIJING_TXT = CORPUS / "local" / "city-2024" / "city-beijing-2024.txt"


def outline_of(report):
    return [(s.kind, s.level, s.label, s.title, len(s.children)) for s in report.walk()]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


LAYOUTS = {
    "one column": {},
    "a two-column page": {"two_column_pages": [1]},
    "columns drawn row by row": {"two_column_pages": [0, 1, 2], "interleave": True},
    "a scanned page between": {"scanned_pages": [1]},
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("prefix", ["003", "004"])
def test_pdf_gives_the_outline_and_paragraphs_of_the_text(prefix, layout):
    text = seed_text(prefix)
    source = read_bytes(make_pdf(text.split("\n"), **LAYOUTS[layout]), f"{prefix}.pdf")
    assert source.format == "pdf"
    assert paragraphs(source.text) == paragraphs(text)  # wraps joined, headers and page numbers gone
    assert outline_of(report_from_source(source)) == outline_of(report_from_text(text))


class _OtherFontBoxes:
    """A PDFium text page whose loose glyph boxes are as another font would give them: the same advances
    (the PDF's widths), another ascent and descent. A font that is not embedded is drawn with whatever
    the machine has, so these heights are all that changes when a CJK font is installed or removed."""

    def __init__(self, textpage, taller: float):
        self._textpage, self._taller = textpage, taller
        self.raw = textpage.raw

    def count_chars(self):
        return self._textpage.count_chars()

    def get_text_range(self):
        return self._textpage.get_text_range()

    def get_charbox(self, index, loose=False):
        left, bottom, right, top = self._textpage.get_charbox(index, loose=loose)
        height = top - bottom
        return left, bottom - 0.2 * self._taller * height, right, top + 0.8 * self._taller * height


@pytest.mark.parametrize("taller", [-0.1, 0.0, 0.08, 0.25])
@pytest.mark.parametrize("layout", ["a two-column page", "columns drawn row by row"])
def test_columns_do_not_depend_on_the_fonts_glyph_heights(layout, taller):
    """The reader must not depend on the system's fonts (the test PDF's STSong-Light is not embedded):
    glyph boxes 10% shorter or 8% or 25% taller read as the same lines, in the same order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(make_pdf(seed_text("003").split("\n"), **LAYOUTS[layout]))
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            width = float(page.get_width())
            lines = [line.text for line in pdf_text._page_lines(textpage, raw, width)]
            other = [line.text for line in pdf_text._page_lines(_OtherFontBoxes(textpage, taller), raw, width)]
            textpage.close()
            page.close()
            assert other == lines
    finally:
        document.close()
    source = read_bytes(make_pdf(seed_text("003").split("\n"), **LAYOUTS[layout]), "x.pdf")
    assert paragraphs(source.text) == paragraphs(seed_text("003"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_pdf_that_embeds_its_font_reads_as_its_text(layout):
    """The same layouts set in a font the PDF carries (its own glyph boxes, not the machine's), where one
    Chinese TrueType font is installed to take it from."""
    font = embedded_cjk_font()
    if font is None:
        pytest.skip("no Chinese TrueType font on this machine to embed")
    text = seed_text("003")
    data = make_pdf(text.split("\n"), font=font, **LAYOUTS[layout])
    assert b"/FontFile2" in data  # the font is in the file
    source = read_bytes(data, "x.pdf")
    assert paragraphs(source.text) == paragraphs(text)


def test_running_header_and_page_numbers_are_dropped_and_said():
    source = read_bytes(make_pdf(seed_text("003").split("\n"), header="德州市陵城区人民政府工作报告"), "x.pdf")
    assert "德州市陵城区人民政府工作报告" not in source.text
    assert not re.search(r"^- \d+ -$", source.text, re.M)
    assert any(re.fullmatch(r"dropped \d+ running header, footer and page-number lines", n) for n in source.notes)


def test_two_columns_are_said():
    source = read_bytes(make_pdf(seed_text("003").split("\n"), two_column_pages=[1]), "x.pdf")
    assert "page 2 of 5 read as two columns, left then right" in source.notes


def test_a_scanned_page_is_named():
    source = read_bytes(make_pdf(seed_text("004").split("\n"), scanned_pages=[0]), "x.pdf")
    assert source.notes[0] == (
        "page 1 of 3 could not be read (a scanned image without a text layer): that text is missing"
    )


def test_a_paragraph_does_not_run_on_across_an_unreadable_page():
    lines = [  # each fills the line and ends mid-sentence
        "过去一年经济运行稳中有进，发展质量稳步提升，民生福祉持续增进，社会大",
        "局保持稳定。全年地区生产总值增长百分之五，一般公共预算收入增长百分之",
        "八，城镇调查失业率保持在较低水平，居民消费价格总体平稳，居民收入增长",
        "与经济增长同步，人均地区生产总值、全员劳动生产率保持在全国前列水平，",
    ]
    data = pages_pdf([[(24.0, lines[0][2:]), (0.0, lines[1]), (0.0, lines[2])], None, [(0.0, lines[3]), (0.0, "努力。")]])
    source = read_bytes(data, "x.pdf")
    assert source.notes[0] == "page 2 of 3 could not be read (a scanned image without a text layer): that text is missing"
    # What follows the scan starts a paragraph: the text in between is missing.
    assert source.text.split("\n") == [lines[0][2:] + lines[1] + lines[2], lines[3] + "努力。"]


def test_a_scan_is_refused_in_one_line():
    with pytest.raises(ReadError) as excinfo:
        read_bytes(image_only_pdf(3), "scan.pdf")
    assert str(excinfo.value) == (
        "scan.pdf: has no readable text (a scanned image without a text layer on all 3 pages); it needs OCR first"
    )


def test_latin_words_wrapped_across_lines_keep_their_space():
    words = ("The Report on the Work of the Government sets targets for growth and jobs " * 4).strip()
    source = read_bytes(make_pdf([words], header=None, page_numbers=False, indent=False), "en.pdf")
    assert source.text.replace(" ", "") == words.replace(" ", "")
    # No two words glued where a line wrapped (PDFium may see a gap inside a word of this built-in font).
    assert source.text.count(" ") >= words.count(" ")


def test_spaces_pdfium_generates_next_to_chinese_are_dropped():
    from pdf_builder import FONT, _font
    from reportlab.pdfgen import canvas

    _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setFont(FONT, 12)
    # A word processor widens the gap between Chinese and digits: three separate runs, gaps between.
    pdf.drawString(72, 700, "地区生产总值增长")
    pdf.drawString(72 + 8 * 12 + 4, 700, "5.2%")
    pdf.drawString(72 + 8 * 12 + 4 + 30, 700, "左右。")
    pdf.save()
    assert read_bytes(buffer.getvalue(), "x.pdf").text == "地区生产总值增长5.2%左右。"


def test_pages_pdfium_garbles_are_read_with_pypdf(monkeypatch):
    text = seed_text("004")
    data = make_pdf(text.split("\n"))
    real = pdf_text._unreadable
    calls = []

    def garble_first_page(page_text: str) -> str | None:
        calls.append(page_text)
        return "garbled text layer (fonts without a Unicode map)" if len(calls) == 1 else real(page_text)

    monkeypatch.setattr(pdf_text, "_unreadable", garble_first_page)
    source = read_bytes(data, "x.pdf")
    assert "page 1 of 2 read with pypdf (PDFium's text was unusable)" in source.notes
    assert outline_of(report_from_source(source)) == outline_of(report_from_text(text))


def test_encrypted_pdf_is_refused_in_one_line():
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ReadError) as excinfo:
        read_bytes(buffer.getvalue(), "secret.pdf")
    assert excinfo.value.problem == (
        "is a password-protected PDF; open it with its password and save an unprotected copy"
    )


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"


def _stream_bomb() -> bytes:
    squeeze = zlib.compressobj(9)
    chunk = b"0 0 m\n" * 100_000
    body = b"".join(squeeze.compress(chunk) for _ in range(500)) + squeeze.flush()  # 300 MB of operators
    stream = f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode() + body + b"\nendstream"
    return _pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE, stream])


def _many_pages(count: int) -> bytes:
    kids = " ".join(f"{i + 3} 0 R" for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * count
    return _pdf([CATALOG, f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(), *pages])


def _deep_nesting() -> bytes:
    deep = b"[" * 200_000 + b"]" * 200_000
    return _pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE, deep])


def _deep_page_tree(depth: int) -> bytes:
    objects = [CATALOG]
    objects += [f"<< /Type /Pages /Kids [{i + 3} 0 R] /Count 1 >>".encode() for i in range(depth)]
    objects.append(b"<< /Type /Page /MediaBox [0 0 595 842] >>")
    return _pdf(objects)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (_stream_bomb, "refused PDF: its compressed streams expand to more than 256 MB (a decompression bomb?)"),
        (lambda: _many_pages(2500), "refused PDF: 2,500 pages, the limit is 2,000"),
        (_deep_nesting, "has no readable text (no text on its only page)"),
        (lambda: _deep_page_tree(5000), "has no readable text (damaged page on its only page)"),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 50, "corrupt PDF (PDFium cannot parse it)"),
        (lambda: make_pdf(["正文。" * 50])[:2000], "corrupt PDF (PDFium cannot parse it)"),
    ],
    ids=["stream bomb", "huge page count", "deep object nesting", "deep page tree", "garbage", "truncated"],
)
def test_hostile_pdfs_are_refused_in_one_line(build, message):
    with pytest.raises(ReadError) as excinfo:
        read_bytes(build(), "hostile.pdf")
    assert excinfo.value.problem == message
    assert "\n" not in str(excinfo.value)


def test_a_page_tree_claiming_a_billion_pages_reads_what_is_there():
    data = _pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>", PAGE, b"<< /Length 0 >>\nstream\n\nendstream"])
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data, "count.pdf")
    assert excinfo.value.problem == "has no readable text (no text on its only page)"


needs_beijing = pytest.mark.skipif(
    not (BEIJING_PDF.is_file() and BEIJING_TXT.is_file()), reason="the Beijing 2024 PDF and text are absent"
)


@pytest.fixture(scope="module")
def beijing():
    from core.report import load_report

    return load_report(BEIJING_PDF), load_report(BEIJING_TXT)


@needs_beijing
def test_real_pdf_reads_as_its_text(beijing):
    pdf, txt = beijing
    assert pdf.format == "pdf" and pdf.notes == ()
    assert paragraphs(pdf.text) == paragraphs(txt.text)  # "2023 年" of the WPS export is "2023年"
    assert outline_of(pdf) == outline_of(txt)
    assert (pdf.meta.region, pdf.meta.year) == (txt.meta.region, txt.meta.year)


@needs_beijing
def test_real_pdf_gives_the_figures_of_its_text(beijing):
    from core.report_figures import report_figures

    def figures(report):
        return [(f.section, f.text, f.value, f.unit, f.kind, f.period, f.label) for f in report_figures(report)]

    pdf, txt = beijing
    assert figures(pdf) == figures(txt)
    assert len(figures(pdf)) > 100


@needs_beijing
@pytest.mark.parametrize("level", ["chapters", "topics"])
def test_real_pdf_aligns_with_its_text_section_for_section(beijing, level):
    from core.align import align

    pdf, txt = beijing

    def rows(a, b):
        return [([c.id if c else None for c in row.cells], round(row.score, 3)) for row in align([a, b], level).rows]

    assert rows(pdf, txt) == rows(txt, txt)  # each section with its own counterpart, scored as the text itself


@needs_beijing
def test_real_pdf_aligns_with_another_report_as_its_text_does(beijing):
    from core.align import align
    from core.report import load_report

    pdf, txt = beijing
    other = load_report(CORPUS / "local" / "city-2024" / "city-hefei-2024.txt")
    with_pdf = [tuple(c.id if c else None for c in row.cells) for row in align([pdf, other], "chapters").rows]
    with_txt = [tuple(c.id if c else None for c in row.cells) for row in align([txt, other], "chapters").rows]
    assert with_pdf == with_txt


@needs_beijing
def test_real_pdf_through_read_source():
    source = read_source(str(BEIJING_PDF))
    assert (source.format, source.encoding) == ("pdf", "unicode")
