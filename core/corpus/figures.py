"""One indicator across an index: the figures table's rows over hundreds of reports, one line a value.

The rows are the figures table's own (:func:`core.figures.table.build_table`: indicator × scope × measure ×
horizon × period × base unit, catalogue indicators exactly, other labels by similarity), built from the
figures the index holds for the reports that mention the indicator; each cell becomes a record with its
report's region, level and year, its numbers as numbers, and where it stands (section, offsets, sentence).
A report that gives several values for one row keeps them all (``candidates``), never one picked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ReportError
from ..figures import Figure
from .store import Store

#: Columns of a record, in order (numbers are numbers in JSON, CSV and Parquet).
COLUMNS = (
    "indicator", "row", "scope", "measure", "horizon", "period", "base_unit", "report", "region", "gov_level",
    "year", "value", "value_high", "unit", "base_value", "base_value_high", "qualifier", "text", "candidates",
    "others", "label", "section", "start", "end", "sentence", "path", "report_id",
)  # fmt: skip
NUMERIC = {"year": "int", "value": "float", "value_high": "float", "base_value": "float",
           "base_value_high": "float", "candidates": "int", "start": "int", "end": "int", "report_id": "int"}

_FIGURE_COLUMNS = ("section_id", "section_label", "text", "number", "value", "value_high", "unit", "base_value",
                   "base_value_high", "base_unit", "qualifier", "kind", "direction", "period", "horizon", "label",
                   "start", "end", "sentence", "sentence_start", "sentence_end", "dimension")


@dataclass(frozen=True)
class Wanted:
    """What the user asks for; None or empty means any."""

    indicator: str | None = None  #: a catalogue id (gdp) or name (地区生产总值, 国内生产总值), or label words
    period: str | None = None
    measure: str | None = None
    horizon: str | None = None
    scope: str | None = None  #: "" for the whole (no scope), None for any


def resolve_indicator(text: str) -> tuple[str | None, str]:
    """(catalogue id or None, the text): 地区生产总值, 国内生产总值, GDP and gdp all name the catalogue's gdp."""
    from ..figures.catalog import catalog
    from ..figures.identity import catalogue_match, normalize_label

    cat = catalog()
    if cat.by_id(text) is not None:
        return text, text
    hit = catalogue_match(normalize_label(text), False)
    if hit is not None and not hit[1]:
        return hit[0], text
    return None, text


def indicator_records(store: Store, wanted: Wanted, reports: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """One record a value of the rows that match ``wanted``, over ``reports`` (ids; default all)."""
    from ..figures.table import build_table, candidate_text

    sql = "SELECT report_id, " + ", ".join(f'"{c}"' for c in _FIGURE_COLUMNS) + " FROM figures WHERE 1"
    params: list[Any] = []
    catalogue_id = None
    if wanted.indicator:
        catalogue_id, text = resolve_indicator(wanted.indicator)
        if catalogue_id is not None:
            sql += " AND indicator = ?"
            params.append(catalogue_id)
        else:
            sql += " AND (label LIKE ? OR indicator_name LIKE ?)"
            params += [f"%{text}%", f"%{text}%"]
    for col, value in (("period", wanted.period), ("measure", wanted.measure), ("horizon", wanted.horizon)):
        if value:
            sql += f" AND {col} = ?"
            params.append(value)
    if wanted.scope is not None:
        sql += " AND scope = ?"
        params.append(wanted.scope)
    if reports is not None:
        ids = sorted(set(reports))
        if not ids:
            return []
        sql += f" AND report_id IN ({', '.join('?' * len(ids))})"
        params += ids
    by_report: dict[int, list[Figure]] = {}
    for row in store.conn.execute(sql + " ORDER BY report_id, idx", params):
        data = dict(zip(_FIGURE_COLUMNS, row[1:], strict=True))
        # cells name their section as the report labels it (三、(一)), as `figures --table` does
        data["section"] = data.pop("section_label") or data.pop("section_id")
        data.pop("section_id", None)
        by_report.setdefault(int(row[0]), []).append(Figure(**data))
    if not by_report:
        return []
    by_report = _without_glossaries(store, by_report)
    if not by_report:
        return []
    meta = {int(r[0]): r[1:] for r in store.conn.execute(
        f"SELECT id, name, region, level, year, path FROM reports WHERE id IN ({', '.join('?' * len(by_report))})",
        list(by_report))}
    ids = sorted(by_report, key=lambda r: (meta[r][3] or 0, meta[r][1] or "", r))
    table = build_table([by_report[r] for r in ids], [str(r) for r in ids])
    out = []
    for row in table.rows:
        if catalogue_id is not None and row.indicator != catalogue_id:
            continue
        if wanted.period and row.period != wanted.period:
            continue
        for rid, cell in zip(ids, row.cells, strict=True):
            if cell is None:
                continue
            name, region, level, year, path = meta[rid]
            out.append({
                "indicator": row.indicator, "row": row.label, "scope": row.scope, "measure": row.measure,
                "horizon": row.horizon, "period": row.period, "base_unit": row.base_unit, "report": name,
                "region": region, "gov_level": level, "year": year, "value": cell.value,
                "value_high": cell.value_high, "unit": cell.unit,
                # signed, as the cross-report table and its CSV are: 下降18% is -18, so --min/--max, --sort
                # value and a spreadsheet never read a decline as a rise
                "base_value": cell.signed_value, "base_value_high": cell.signed_value_high, "qualifier": cell.qualifier, "text": candidate_text(cell),
                "candidates": len(cell.candidates), "others": " | ".join(candidate_text(c) for c in cell.others),
                "label": cell.label, "section": cell.section, "start": cell.start, "end": cell.end,
                "sentence": cell.sentence, "path": path, "report_id": rid,
            })
    return out


def _without_glossaries(store: Store, by_report: dict[int, list[Figure]]) -> dict[int, list[Figure]]:
    """The figures but those of a glossary or annex (附：名词解释, 附件, 短语说明): they explain terms or list
    tasks and are no values of the indicator, the same rule as the CLI table's and the app's."""
    from ..report_figures import is_glossary

    spans: dict[int, list[tuple[int, int]]] = {}
    marks = ", ".join("?" * len(by_report))
    for rid, kind, title, start, end in store.conn.execute(
        f'SELECT report_id, kind, title, start, "end" FROM sections WHERE kind = ? AND report_id IN ({marks})',
        ["appendix", *by_report],
    ):
        if is_glossary(kind, title):
            spans.setdefault(int(rid), []).append((int(start), int(end)))
    out = {}
    for rid, figures in by_report.items():
        kept = [f for f in figures if not any(a <= f.start < b for a, b in spans.get(rid, ()))]
        if kept:
            out[rid] = kept
    return out


SORT_KEYS = ("row", "value", "year", "region", "report")


def sort_records(records: list[dict[str, Any]], key: str, *, descending: bool = False) -> list[dict[str, Any]]:
    """Records sorted by ``key`` (rows keep the table's order; missing values last either way)."""
    if key not in SORT_KEYS:
        raise ReportError(f"--sort: one of {', '.join(SORT_KEYS)}")
    if key == "row":
        return records
    present = [r for r in records if r.get(key if key != "value" else "base_value") is not None]
    missing = [r for r in records if r.get(key if key != "value" else "base_value") is None]
    field = "base_value" if key == "value" else key
    present.sort(key=lambda r: (r[field], r["report"]), reverse=descending)
    if key == "value":
        # Values compare within one unit only (5% against 高于全省1个百分点 or 翻两番 says nothing): each
        # unit's records together, the most common unit first, each sorted as asked.
        counts = Counter(r.get("base_unit") or "" for r in present)
        present.sort(key=lambda r: (-counts[r.get("base_unit") or ""], r.get("base_unit") or ""))
    return present + missing
