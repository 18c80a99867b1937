"""One way to a spreadsheet or a page: every CSV/TSV cell and every Markdown cell is made inert here.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel and
LibreOffice (``=HYPERLINK(…)`` from a crafted file name or label): it gets a leading apostrophe, which
the spreadsheet shows as text and hides. A cell holding a line break is quoted, whichever line end the file
uses. Markdown cells have HTML and Markdown syntax escaped, so a report's ``<img onerror=…>`` or
``[x](javascript:…)`` renders as the characters it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from .escapes import escape_surrogates

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"-\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def cell_value(value: Any) -> str:
    """A value as a cell shows it: integers without ``.0``, other floats in full, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return escape_surrogates(str(value))


def spreadsheet_cell(value: Any) -> str:
    """``value`` as an inert spreadsheet cell: a formula-like start gets an apostrophe (a negative number
    such as ``-2.5`` stays a number; ``-2%`` is text and is quoted)."""
    text = cell_value(value)
    if isinstance(value, float):
        return text
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def tsv_cell(value: Any) -> str:
    """A cell of tab-separated text (the clipboard): inert as :func:`spreadsheet_cell`, on one line and
    without tabs (TSV has no quoting a spreadsheet's paste honours)."""
    return spreadsheet_cell(" ".join(cell_value(value).split()) if value is not None else None)


def note_line(values: Iterable[Any]) -> str:
    """Values as one line of text for notes (地区生产总值 · 结果 · 7.4% · 6% · -1.4个百分点): joined with " · ",
    empty ones left out, no cell guarded (-1.4个百分点 is a difference, not a formula); only a line that as
    a whole starts like a formula gets the apostrophe, should it be pasted into a spreadsheet."""
    line = " · ".join(text for text in (" ".join(cell_value(v).split()) for v in values) if text)
    return spreadsheet_cell(line)


def tsv_line(values: Iterable[Any]) -> str:
    return "\t".join(tsv_cell(v) for v in values)


class CsvWriter:
    """``csv.writer`` with every cell made inert, and a cell holding CR or LF quoted whatever the line end
    (``csv`` quotes only the characters of its line terminator: with ``\\n`` a CR would break the row)."""

    def __init__(self, *, excel: bool = False) -> None:
        self.excel = excel
        self._buf = io.StringIO()
        terminator = "\r\n" if excel else "\n"
        self._writer = csv.writer(self._buf, lineterminator=terminator)
        # Quotes cells holding either line end; its CRLF is turned back into the file's line end.
        self._crlf = csv.writer(self._buf, lineterminator="\r\n")

    def writerow(self, values: Iterable[Any]) -> None:
        cells = [spreadsheet_cell(v) for v in values]
        if self.excel or not any("\r" in c for c in cells):
            self._writer.writerow(cells)
            return
        mark = self._buf.tell()
        self._crlf.writerow(cells)
        line = self._buf.getvalue()[mark:]
        self._buf.seek(mark)
        self._buf.truncate()
        self._buf.write(line[:-2] + "\n")

    def text(self) -> str:
        """The CSV so far; for Excel with a UTF-8 byte-order mark, so the Chinese text opens intact."""
        return ("\ufeff" if self.excel else "") + self._buf.getvalue()


_MARKDOWN_ESCAPES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
    **{c: "\\" + c for c in "\\|[]*_`~"},
}  # fmt: skip
_MARKDOWN_SPECIAL = re.compile(r"[&<>\\|\[\]*_`~]")


def markdown_cell(value: Any) -> str:
    """``value`` as a Markdown table cell: on one line, with HTML (``<``, ``>``, ``&``) written as entities
    and Markdown syntax (links, emphasis, code, the cell bar) escaped, so it shows as written."""
    text = " ".join(cell_value(value).split())
    return _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ESCAPES[m.group()], text)
