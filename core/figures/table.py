"""The cross-report metric table: one row an indicator, one column a report.

Figures are matched across reports by label similarity (rapidfuzz on characters and on jieba words, with a
bonus when one label is the other's core, as 新增就业 in 城镇新增就业) and by compatible base unit and kind:
新增就业: 东昌 2000人 · 建华 4000人 · 陵城 5000人以上 · 宽城 8000人.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from core import tokens

from .extract import is_starting_point
from .model import Figure

#: Scores (0–100) at or above this put two labels in one row.
MATCH_THRESHOLD = 78.0

#: Scope words that say where, not what: 全区新增就业 and 新增就业 are one indicator.
_SCOPE_PREFIXES = ("全国", "全省", "全市", "全区", "全县", "全州", "全旗", "全盟", "全年", "我国", "我省", "我市", "我区",
                   "我县", "年度")  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One report's figure for an indicator."""

    report: str
    text: str
    value: float
    value_high: float | None
    unit: str
    base_value: float
    base_unit: str
    qualifier: str
    label: str
    period: str
    section: str
    start: int
    end: int

    @classmethod
    def of(cls, fig: Figure, report: str) -> Cell:
        return cls(
            report=report,
            text=fig.text,
            value=fig.value,
            value_high=fig.value_high,
            unit=fig.unit,
            base_value=fig.base_value,
            base_unit=fig.base_unit,
            qualifier=fig.qualifier,
            label=fig.label,
            period=fig.period,
            section=fig.section,
            start=fig.start,
            end=fig.end,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "text": self.text,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "base_value": self.base_value,
            "base_unit": self.base_unit,
            "qualifier": self.qualifier,
            "label": self.label,
            "period": self.period,
            "section": self.section,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Change:
    """From the first report's figure to the second's, in base units."""

    difference: float  #: second − first (percentage points when the unit is %)
    base_unit: str
    ratio: float | None  #: second ÷ first, when both are positive
    percent: float | None  #: (second − first) ÷ first × 100, not for percentages and points

    def to_dict(self) -> dict[str, Any]:
        return {
            "difference": self.difference,
            "base_unit": self.base_unit,
            "ratio": self.ratio,
            "percent": self.percent,
        }


@dataclass(frozen=True)
class MetricRow:
    """An indicator across reports; ``cells[i]`` is report ``i``'s figure or None."""

    label: str
    kind: str
    base_unit: str
    dimension: str
    cells: tuple[Cell | None, ...]
    change: Change | None = None
    period: str = "unknown"  #: "result", "target" or "unknown" (figures of one row share it when known)

    @property
    def coverage(self) -> int:
        return sum(cell is not None for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": self.kind,
            "period": self.period,
            "base_unit": self.base_unit,
            "dimension": self.dimension,
            "cells": [None if cell is None else cell.to_dict() for cell in self.cells],
            "change": None if self.change is None else self.change.to_dict(),
        }


@dataclass(frozen=True)
class MetricTable:
    """Rows of indicators (most widely reported first), one column per report name."""

    names: tuple[str, ...]
    rows: tuple[MetricRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"names": list(self.names), "rows": [row.to_dict() for row in self.rows]}

    def to_records(self) -> list[dict[str, str]]:
        """Flat rows for CSV/Markdown: label, kind, unit, one column per report (figure text), change."""
        out: list[dict[str, str]] = []
        for row in self.rows:
            record = {"label": row.label, "kind": row.kind, "period": row.period, "base_unit": row.base_unit}
            for name, cell in zip(self.names, row.cells, strict=True):
                record[name] = "" if cell is None else cell_text(cell)
            if len(self.names) == 2:
                record["change"] = "" if row.change is None else format_change(row.change)
            out.append(record)
        return out


def cell_parts(cell: Cell) -> tuple[str, str]:
    """A report's figure for a table cell: (its leading qualifier such as 超过, 不到, 近, or "" when the
    qualifier is part of the text; the text as written, line breaks of the source (27.⏎3%) dropped)."""
    text = cell.text.replace("\n", "")
    return ("" if not cell.qualifier or cell.qualifier in text else cell.qualifier), text


def cell_text(cell: Cell) -> str:
    """``cell_parts`` as one string: 近600万人."""
    return "".join(cell_parts(cell))


def normalize_label(label: str) -> str:
    """The comparison key of a label: scope words (全区, 全年) dropped, quotes and spaces removed."""
    key = "".join(ch for ch in label if ch not in "“”\"'‘’《》 　")
    changed = True
    while changed:
        changed = False
        for prefix in _SCOPE_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                key = key[len(prefix) :]
                changed = True
    return key


def label_similarity(a: str, b: str) -> float:
    """0–100: how likely two labels name one indicator (新增就业 ~ 城镇新增就业 scores high)."""
    return _similarity(normalize_label(a), normalize_label(b))


@lru_cache(maxsize=1 << 16)
def _similarity(ka: str, kb: str) -> float:
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 100.0
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if len(short) >= 3 and (long_.endswith(short) or long_.startswith(short)):
        return 92.0 - min(10.0, 2.0 * (len(long_) - len(short)))
    chars = fuzz.ratio(ka, kb)
    words = fuzz.token_sort_ratio(" ".join(tokens.cut_cached(ka)), " ".join(tokens.cut_cached(kb)))
    return float(max(chars, 0.95 * words))


def _change(first: Cell, second: Cell, base_unit: str) -> Change:
    difference = float(f"{second.base_value - first.base_value:.12g}")
    ratio: float | None = None
    percent: float | None = None
    if first.base_value > 0 and second.base_value > 0:
        ratio = float(f"{second.base_value / first.base_value:.6g}")
        if base_unit not in ("%", "‰", "个百分点"):
            percent = float(f"{(second.base_value - first.base_value) / first.base_value * 100:.4g}")
    return Change(difference, base_unit, ratio, percent)


def compact(value: float, unit: str) -> str:
    """A value the way reports write it: 83万人, 14.2万亿元, 2000人, -0.1个百分点."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if unit not in ("%", "‰", "个百分点", "个千分点"):
        for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
            if v >= size:
                return f"{sign}{v / size:.4g}{word}{unit}"
    return f"{sign}{v:,.4g}{unit}"


def format_change(change: Change) -> str:
    """``+83万人 (+7.0%)``, ``-0.1个百分点``: the change as a short text for a table cell (a difference of
    two percentages is in percentage points)."""
    unit = {"%": "个百分点", "‰": "个千分点"}.get(change.base_unit, change.base_unit)
    text = compact(change.difference, unit)
    if change.difference > 0:
        text = "+" + text
    if change.percent is not None:
        text += f" ({change.percent:+.1f}%)"
    return text


class _Row:
    def __init__(self, fig: Figure, report: int, size: int) -> None:
        self.kind = fig.kind
        self.period = fig.period
        self.base_unit = fig.base_unit
        self.dimension = fig.dimension
        self.labels: list[str] = [normalize_label(fig.label)]
        self.figs: list[Figure | None] = [None] * size
        self.figs[report] = fig
        self.first_seen = (report, fig.start)
        self.values: list[float] = [fig.base_value] if fig.base_value > 0 else []

    def put(self, report: int, fig: Figure) -> None:
        self.figs[report] = fig
        if self.period == "unknown":
            self.period = fig.period
        if fig.base_value > 0 and len(self.values) < 8:
            self.values.append(fig.base_value)


def _grams(key: str) -> tuple[str, str]:
    """Blocking keys of a normalized label: its head (last two characters) and its first two.

    Labels naming one indicator share one of them (新增就业/城镇新增就业, 规上工业增加值/规模以上工业增加值),
    so only rows sharing a gram are scored — the table stays fast with hundreds of reports.
    """
    return ("<" + key[:2], ">" + key[-2:])


class _Index:
    """Rows by (kind, base unit, gram)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str, str], list[int]] = {}

    def add(self, row: _Row, number: int, key: str) -> None:
        for gram in _grams(key):
            bucket = self._rows.setdefault((row.kind, row.base_unit, gram), [])
            if not bucket or bucket[-1] != number:
                bucket.append(number)

    def candidates(self, fig: Figure, key: str) -> set[int]:
        out: set[int] = set()
        for gram in _grams(key):
            out.update(self._rows.get((fig.kind, fig.base_unit, gram), ()))
        return out


def _key(fig: Figure) -> tuple[str, str, str]:
    return (normalize_label(fig.label), fig.base_unit, fig.kind)


def _candidates(figs: Sequence[Figure]) -> list[Figure]:
    """The labelled figures of a report, exact repeats (same label, unit, kind and value) dropped."""
    seen: set[tuple[str, str, str, float]] = set()
    out: list[Figure] = []
    for fig in figs:
        if not fig.label or is_starting_point(fig):
            continue  # 从不到70万亿元增加到…: a starting point is no report's level of its indicator
        key = (*_key(fig), fig.base_value)
        if key not in seen:
            seen.add(key)
            out.append(fig)
    return out


def _distance(fig: Figure, row: _Row) -> float:
    """How far ``fig``'s value is from the row's values (orders of magnitude); 0 when nothing to compare."""
    if not row.values or fig.base_value <= 0:
        return 0.0
    return min(abs(math.log10(fig.base_value / v)) for v in row.values)


def _drop_repeats(rows: list[_Row]) -> list[_Row]:
    """One row an indicator: a report's second figure with a label already in the table (a five-year
    target next to the annual one) stays only when it matched figures of other reports."""
    covered: set[tuple[int, tuple[str, str, str]]] = set()
    ranked = sorted(rows, key=lambda row: (-sum(f is not None for f in row.figs), row.first_seen))
    keep: set[int] = set()
    for row in ranked:
        keys = {(i, _key(f)) for i, f in enumerate(row.figs) if f is not None}
        if sum(f is not None for f in row.figs) > 1 or not keys <= covered:
            keep.add(id(row))
        covered |= keys
    return [row for row in rows if id(row) in keep]


def build_table(
    figure_lists: Sequence[Sequence[Figure]],
    names: Sequence[str],
    *,
    threshold: float = MATCH_THRESHOLD,
    min_reports: int = 1,
) -> MetricTable:
    """Line up the figures of several reports (``figure_lists[i]`` from report ``names[i]``) by indicator.

    Rows keep only indicators found in at least ``min_reports`` reports and are ordered by how many reports
    have them, then by where they first appear. With two reports each row carries the change between them.
    """
    if len(figure_lists) != len(names):
        raise ValueError("one name per figure list")
    size = len(names)
    rows: list[_Row] = []
    index_ = _Index()
    for index, figs in enumerate(figure_lists):
        reps = _candidates(figs)
        # score (row, figure) pairs that share a blocking gram and assign greedily, best first, one figure
        # per row and report; among figures with one label (a five-year and a one-year target) the
        # closest value wins
        pairs: list[tuple[float, float, int, int]] = []
        for k, fig in enumerate(reps):
            key = normalize_label(fig.label)
            for r in index_.candidates(fig, key):
                row = rows[r]
                if row.figs[index] is not None:
                    continue
                if "unknown" not in (fig.period, row.period) and fig.period != row.period:
                    continue  # last year's result and this year's target are two rows, not one
                score = max(_similarity(key, label) for label in row.labels)
                if score >= threshold:
                    pairs.append((score, _distance(fig, row), r, k))
        pairs.sort(key=lambda p: (-p[0], p[1], p[2], p[3]))
        used_rows: set[int] = set()
        used_figs: set[int] = set()
        for _score, _dist, r, k in pairs:
            if r in used_rows or k in used_figs:
                continue
            used_rows.add(r)
            used_figs.add(k)
            row = rows[r]
            row.put(index, reps[k])
            key = normalize_label(reps[k].label)
            if key not in row.labels and len(row.labels) < 12:
                row.labels.append(key)
                index_.add(row, r, key)
        for k, fig in enumerate(reps):
            if k not in used_figs:
                row = _Row(fig, index, size)
                rows.append(row)
                index_.add(row, len(rows) - 1, row.labels[0])
    rows = _drop_repeats(rows)
    built: list[tuple[int, tuple[int, int], MetricRow]] = []
    for row in rows:
        cells = tuple(None if fig is None else Cell.of(fig, names[i]) for i, fig in enumerate(row.figs))
        coverage = sum(cell is not None for cell in cells)
        if coverage < min_reports:
            continue
        change = None
        if size == 2 and cells[0] is not None and cells[1] is not None:
            change = _change(cells[0], cells[1], row.base_unit)
        label = min(row.labels, key=lambda lab: (len(lab), lab))
        built.append(
            (
                coverage,
                row.first_seen,
                MetricRow(label, row.kind, row.base_unit, row.dimension, cells, change, row.period),
            )
        )
    built.sort(key=lambda item: (-item[0], item[1]))
    return MetricTable(tuple(names), tuple(item[2] for item in built))


def pair_figures(
    left: Sequence[Figure], right: Sequence[Figure]
) -> list[tuple[Figure | None, Figure | None]]:
    """The figures of two aligned sections side by side: matched by indicator, the rest alone, in order."""
    table = build_table([left, right], ["left", "right"])
    by_cell: dict[tuple[int, int], Figure] = {}
    for fig in left:
        by_cell[(0, fig.start)] = fig
    for fig in right:
        by_cell[(1, fig.start)] = fig
    out: list[tuple[Figure | None, Figure | None]] = []
    placed: set[tuple[int, int]] = set()
    for row in table.rows:
        a, b = row.cells
        fa = by_cell.get((0, a.start)) if a is not None else None
        fb = by_cell.get((1, b.start)) if b is not None else None
        if fa is not None:
            placed.add((0, fa.start))
        if fb is not None:
            placed.add((1, fb.start))
        out.append((fa, fb))
    out.extend((fig, None) for fig in left if (0, fig.start) not in placed)
    out.extend((None, fig) for fig in right if (1, fig.start) not in placed)
    out.sort(key=_pair_order)
    return out


def _pair_order(pair: tuple[Figure | None, Figure | None]) -> tuple[int, int]:
    """Left figures in their order, then right-only figures in theirs."""
    left, right = pair
    if left is not None:
        return (0, left.start)
    return (1, right.start if right is not None else 0)
