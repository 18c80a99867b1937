"""Export formats: figures as CSV / Markdown / JSON rows, and aligned rows as DiffRow for the HTML page."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from .alignment import Alignment, Row
from .diff import SectionDiff
from .diff_html import DiffRow
from .figures import Figure

#: Columns of the figure CSV (and JSON keys) in spreadsheet order.
FIGURE_COLUMNS = (
    "report", "section", "label", "text", "number", "value", "unit", "base_value", "base_unit",
    "qualifier", "kind", "period", "start", "end", "sentence",
)  # fmt: skip


def spreadsheet_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = str(value)
    # A cell starting with = + - @ is a formula to Excel: quote it so that a figure like "-2%" stays text.
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def figures_csv(figures: Sequence[Figure], *, excel: bool = False) -> str:
    """CSV of ``figures``; with ``excel`` a UTF-8 BOM so Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if excel else "\n")
    writer.writerow(FIGURE_COLUMNS)
    for f in figures:
        d = f.to_dict()
        writer.writerow([spreadsheet_cell(d.get(c)) for c in FIGURE_COLUMNS])
    return ("\ufeff" if excel else "") + buf.getvalue()


def figures_markdown(figures: Sequence[Figure]) -> str:
    cols = ("report", "section", "label", "text", "base_value", "base_unit", "qualifier", "kind", "period")
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for f in figures:
        d = f.to_dict()
        lines.append("| " + " | ".join(spreadsheet_cell(d.get(c)).replace("|", "\\|").replace("\n", " ") for c in cols) + " |")
    return "\n".join(lines) + "\n"


def diff_rows(
    alignment: Alignment,
    diff_of: Callable[[Row], SectionDiff | None],
    a: int = 0,
    b: int = 1,
) -> list[DiffRow]:
    """Rows of two reports (``a``, ``b``) of an alignment, with their diffs, for the HTML page."""
    ra, rb = alignment.reports[a], alignment.reports[b]
    out = []
    for row in alignment.rows:
        ca, cb = row.cells[a], row.cells[b]
        if ca is None and cb is None:
            continue
        out.append(
            DiffRow(
                label_a=ca.label if ca else None,
                title_a=ca.title if ca else None,
                label_b=cb.label if cb else None,
                title_b=cb.title if cb else None,
                score=row.score if ca and cb else None,
                diff=diff_of(row) if ca and cb else None,
                text_a=ra.text[ca.start : ca.end] if ca else "",
                text_b=rb.text[cb.start : cb.end] if cb else "",
                moved=row.moved() if ca and cb else "",
            )
        )
    return out
