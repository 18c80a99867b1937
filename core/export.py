"""Export formats: figures as CSV / Markdown / JSON rows, and aligned rows as DiffRow for the HTML page."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .alignment import Alignment, Row
from .diff import SectionDiff
from .diff_html import DiffRow
from .figures import Figure
from .figures.table import Cell, MetricTable, candidate_text, cell_text, format_change
from .spreadsheet import CsvWriter, markdown_cell, spreadsheet_cell

__all__ = ["figures_csv", "figures_markdown", "spreadsheet_cell", "table_csv", "table_markdown"]

#: Columns of the figure CSV (and JSON keys) in spreadsheet order.
FIGURE_COLUMNS = (
    "report", "section", "label", "text", "number", "value", "value_high", "unit", "base_value",
    "base_value_high", "base_unit", "signed_value", "qualifier", "kind", "direction", "period", "horizon",
    "start", "end", "sentence", "sentence_start", "sentence_end",
)  # fmt: skip

#: Columns that describe a row of the indicator table (then the reports' columns).
TABLE_ROW_COLUMNS = ("label", "indicator", "scope", "measure", "horizon", "period", "base_unit")
#: With ``long``: one line a candidate of a cell, every field apart.
TABLE_LONG_COLUMNS = (
    *TABLE_ROW_COLUMNS, "report", "candidate", "candidates", "text", "value", "value_high", "unit",
    "base_value", "base_value_high", "direction", "signed_value", "signed_value_high", "qualifier", "section", "start", "end", "sentence",
    "sentence_start", "sentence_end",
)  # fmt: skip


def signed_value(fig: Figure) -> float:
    """A figure's base value with its sign: a decline written as a size (下降20.7%) is -20.7."""
    return -fig.base_value if fig.direction < 0 and fig.base_value > 0 else fig.base_value


def figures_csv(figures: Sequence[Figure], *, excel: bool = False) -> str:
    """CSV of ``figures``; with ``excel`` a UTF-8 BOM so Excel opens the Chinese text correctly. Beside the
    value as written, ``signed_value`` and ``direction`` say a decline is one (下降20.7%: -20.7, -1)."""
    writer = CsvWriter(excel=excel)
    writer.writerow(FIGURE_COLUMNS)
    for f in figures:
        d = f.to_dict()
        d["signed_value"] = signed_value(f)
        writer.writerow([d.get(c) for c in FIGURE_COLUMNS])
    return writer.text()


def figures_markdown(figures: Sequence[Figure]) -> str:
    cols = ("report", "section", "label", "text", "base_value", "base_unit", "qualifier", "kind", "period")
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for f in figures:
        d = f.to_dict()
        lines.append("| " + " | ".join(markdown_cell(d.get(c)) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def source_text(cell: Cell) -> str:
    """Where a candidate stands, for a spreadsheet cell: ``三、(一) 1234–1240: 全市地区生产总值5.2万亿元…``."""
    where = f"{cell.section} {cell.start}–{cell.end}".strip()
    return f"{where}: {' '.join(cell.sentence.split())}"


def _several(cell: Cell, pick: Callable[[Cell], str]) -> str:
    """One field of every candidate of a cell, one line each (a spreadsheet shows them in the cell)."""
    return "\n".join(pick(c) for c in cell.candidates)


def table_columns(table: MetricTable) -> list[str]:
    """Header of the wide table CSV: the row's identity, then per report the figure as written (下降20.7%),
    its value in base units signed (a decline negative: -20.7), the high end of a range, the qualifier and the source; the change for two reports."""
    cols = list(TABLE_ROW_COLUMNS)
    for name in table.names:
        cols += [name, f"{name} value", f"{name} high", f"{name} qualifier", f"{name} source"]
    if len(table.names) == 2:
        cols.append("change")
    return cols


def table_csv(table: MetricTable, *, excel: bool = False, long: bool = False) -> str:
    """CSV of the indicator table. Wide (default): one line an indicator, per report the text as written
    (several candidates: all of them, marked ⚠) beside numeric columns, empty when a report gives several
    values, so no number is picked silently. ``long``: one line a candidate with every field."""
    writer = CsvWriter(excel=excel)
    if long:
        writer.writerow(TABLE_LONG_COLUMNS)
        for row in table.rows:
            head = [row.label, row.indicator, row.scope, row.measure, row.horizon, row.period, row.base_unit]
            for cell in row.cells:
                if cell is None:
                    continue
                for k, c in enumerate(cell.candidates, 1):
                    d = c.source_dict()
                    values = [d["report"], k, len(cell.candidates), candidate_text(c)]
                    values += [d[key] for key in TABLE_LONG_COLUMNS[len(head) + 4 :]]
                    writer.writerow(head + values)
        return writer.text()
    writer.writerow(table_columns(table))
    for row in table.rows:
        line: list[object] = [row.label, row.indicator, row.scope, row.measure, row.horizon, row.period, row.base_unit]
        for cell in row.cells:
            if cell is None:
                line += ["", "", "", "", ""]
            elif cell.ambiguous:
                line += [cell_text(cell), "", "", _several(cell, lambda c: c.qualifier), _several(cell, source_text)]
            else:
                line += [
                    cell_text(cell), cell.signed_value, cell.signed_value_high, cell.qualifier,
                    source_text(cell),
                ]  # fmt: skip
        if len(table.names) == 2:
            line.append("" if row.change is None else format_change(row.change))
        writer.writerow(line)
    return writer.text()


def table_markdown(table: MetricTable) -> str:
    """The indicator table in Markdown: each figure with a footnote giving its report, section, offsets
    and sentence (several candidates in one cell: each with its own note). Every piece of report text is
    escaped (:func:`markdown_cell`) before the footnote marks are added."""
    esc = markdown_cell
    cols = ["label", "measure", "horizon", "period", "base_unit", *(esc(name) for name in table.names)]
    if len(table.names) == 2:
        cols.append("change")
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    notes: list[str] = []
    for row in table.rows:
        cells = [esc(v) for v in (row.label, row.measure, row.horizon, row.period, row.base_unit)]
        for cell in row.cells:
            if cell is None:
                cells.append("")
                continue
            marks = []
            for c in cell.candidates:
                notes.append(f"[^{len(notes) + 1}]: {esc(c.report)} · {esc(source_text(c))}")
                marks.append(f"{esc(candidate_text(c))}[^{len(notes)}]")
            text = " \\| ".join(marks)
            cells.append(("⚠ " + text) if cell.ambiguous else text)
        if len(table.names) == 2:
            cells.append("" if row.change is None else esc(format_change(row.change)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else "")


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
