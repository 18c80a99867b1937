"""One way to a spreadsheet and one way to the terminal, on any text (property tests)."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from core.escapes import ERRORS, escape_surrogates, escape_surrogates_in_json
from core.spreadsheet import FORMULA_STARTS, CsvWriter, markdown_cell, spreadsheet_cell, tsv_line
from tui.safety import sanitize

TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


def test_formula_starts_are_quoted_and_numbers_are_not() -> None:
    assert spreadsheet_cell("=1+2") == "'=1+2"
    assert spreadsheet_cell('=HYPERLINK("http://x","y")') == "'=HYPERLINK(\"http://x\",\"y\")"
    assert spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_cell("\t=1") == "'\t=1"
    assert spreadsheet_cell("\r=1") == "'\r=1"
    assert spreadsheet_cell("-2%") == "'-2%"
    assert spreadsheet_cell("-2.5") == "-2.5"
    assert spreadsheet_cell(-2.5) == "-2.5"
    assert spreadsheet_cell(10000000.0) == "10000000"
    assert spreadsheet_cell(None) == ""


@given(st.lists(TEXT, min_size=1, max_size=6), st.booleans())
def test_csv_rows_round_trip_and_no_cell_is_a_formula(cells: list[str], excel: bool) -> None:
    writer = CsvWriter(excel=excel)
    writer.writerow(cells)
    writer.writerow(["after"])
    text = writer.text().removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and rows[1] == ["after"]  # no CR or LF in a cell breaks its row
    assert len(rows[0]) == len(cells)
    for written, cell in zip(rows[0], cells, strict=True):
        assert not written.startswith(FORMULA_STARTS) or written == cell  # (a plain negative number)
        quoted = cell.startswith(FORMULA_STARTS) and written != cell
        assert (written[1:] if quoted else written) == escape_surrogates(cell)


@given(st.lists(TEXT, min_size=1, max_size=6))
def test_tsv_lines_keep_their_shape(cells: list[str]) -> None:
    line = tsv_line(cells)
    assert line.count("\t") == len(cells) - 1 and "\n" not in line and "\r" not in line
    for cell in line.split("\t"):
        assert not cell.startswith(FORMULA_STARTS) or cell.lstrip("-").replace(".", "").isdigit()


@given(TEXT)
def test_markdown_cells_hold_no_html_no_link_and_no_bar(text: str) -> None:
    cell = markdown_cell(text)
    assert "<" not in cell and ">" not in cell and "\n" not in cell
    unescaped = cell.replace("\\\\", "").replace("\\|", "").replace("\\[", "").replace("\\]", "")
    assert "|" not in unescaped and "[" not in unescaped and "]" not in unescaped


@given(TEXT)
def test_sanitized_text_holds_no_control_and_encodes_as_utf8(text: str) -> None:
    for one_line in (False, True):
        shown = sanitize(text, one_line=one_line)
        shown.encode("utf-8")  # no lone surrogate left
        assert not any(ord(c) < 0x20 and c not in "\t\n" for c in shown)
        assert not any(0x7F <= ord(c) <= 0x9F for c in shown)
        if one_line:
            assert "\n" not in shown and "\t" not in shown and "\u2028" not in shown


def test_undecodable_bytes_of_a_name_are_written_as_escapes() -> None:
    name = b"\xff\xfe-\xe5\xb9\xb4.txt".decode("utf-8", "surrogateescape")  # 0xFF 0xFE then 年
    assert escape_surrogates(name) == "\\xff\\xfe-年.txt"
    assert name.encode("utf-8", ERRORS) == "\\xff\\xfe-年.txt".encode()
    assert escape_surrogates_in_json('"' + name + '"') == '"\\\\xff\\\\xfe-年.txt"'
    assert sanitize(name) == "\\xff\\xfe-年.txt"
