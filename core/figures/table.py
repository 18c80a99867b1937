"""The cross-report metric table: one row an indicator, one column a report.

A row is one identity (identity.py): indicator × scope × measure × horizon × period × base unit. Indicators
of the reviewed catalogue join on it exactly (广东's annual GDP target 4.5%—5% and its 十五五 yearly average
5%左右 are two rows); other labels join by similarity (rapidfuzz on characters and on jieba words, with a
bonus when one label is the other's core, as 新增就业 in 城镇新增就业) within one identity:
新增就业: 东昌 2000人 · 建华 4000人 · 陵城 5000人以上 · 宽城 8000人. When a report gives several values for
one cell, the cell holds them all (``Cell.others``) and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from core import tokens

from .extract import is_starting_point
from .identity import Identity, catalogue_match, identify, normalize_label, row_words
from .indicator import CHANGE_DOWN, is_place
from .model import Figure

#: Scores (0–100) at or above this put two labels in one row.
MATCH_THRESHOLD = 78.0


@dataclass(frozen=True)
class Cell:
    """One report's figure for an indicator; ``others`` are the report's other candidates for the same cell
    (other values with the same identity), which the table shows rather than picks from."""

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
    horizon: str = "annual"
    sentence: str = ""
    sentence_start: int = -1
    sentence_end: int = -1
    base_value_high: float | None = None
    others: tuple[Cell, ...] = ()
    direction: int = 0  #: +1 增长, -1 下降 (the value is the size of the change), 0 for levels

    @classmethod
    def of(cls, fig: Figure, report: str, others: tuple[Cell, ...] = ()) -> Cell:
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
            horizon=fig.horizon,
            sentence=fig.sentence,
            sentence_start=fig.sentence_start,
            sentence_end=fig.sentence_end,
            base_value_high=fig.base_value_high,
            others=others,
            direction=fig.direction,
        )

    @property
    def signed_value(self) -> float:
        """The value in base units with its sign: a decline (下降20.7%) is negative, -20.7."""
        return -self.base_value if self.declines else self.base_value

    @property
    def signed_value_high(self) -> float | None:
        """The high end of a range, signed as :attr:`signed_value` (None for a single value)."""
        if self.base_value_high is None:
            return None
        return -self.base_value_high if self.declines else self.base_value_high

    @property
    def declines(self) -> bool:
        """A change downwards written as a size (下降20.7%: value 20.7, direction −1), not as a negative
        number (-0.3%, whose value already carries the sign)."""
        return self.direction < 0 and self.base_value > 0

    @property
    def candidates(self) -> tuple[Cell, ...]:
        """Every value the report gives for this cell, in reading order (one in most cells)."""
        return (self, *self.others)

    @property
    def ambiguous(self) -> bool:
        """Whether the report gives several values for the cell (none is picked: all are shown)."""
        return bool(self.others)

    def source_dict(self) -> dict[str, Any]:
        """This candidate alone, with where it stands: section, offsets, the sentence."""
        return {
            "report": self.report,
            "text": self.text,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "base_value": self.base_value,
            "base_value_high": self.base_value_high,
            "base_unit": self.base_unit,
            "qualifier": self.qualifier,
            "direction": self.direction,
            "signed_value": self.signed_value,
            "signed_value_high": self.signed_value_high,
            "label": self.label,
            "period": self.period,
            "horizon": self.horizon,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.source_dict()
        data["candidates"] = len(self.candidates)
        data["others"] = [c.source_dict() for c in self.others]
        return data


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
    """An indicator across reports; ``cells[i]`` is report ``i``'s figure (with any other candidates) or None.

    Every cell of a row has the same identity: indicator, scope, measure, horizon, period and base unit."""

    label: str
    kind: str
    base_unit: str
    dimension: str
    cells: tuple[Cell | None, ...]
    change: Change | None = None
    period: str = "unknown"  #: "result", "target" or "unknown"
    indicator: str = ""  #: catalogue id ("gdp"), "" for an indicator matched by its label
    scope: str = ""  #: "" for the whole; 城镇, 农村, 人均, 规上工业…
    measure: str = "level"  #: "level", "growth" or "share"
    horizon: str = "annual"  #: "annual", "average", "multi-year", "year:2030"

    @property
    def coverage(self) -> int:
        return sum(cell is not None for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "indicator": self.indicator,
            "scope": self.scope,
            "measure": self.measure,
            "horizon": self.horizon,
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
        """Flat rows for CSV/Markdown: label, measure, horizon, period, unit, one column per report (the
        figure as written; several candidates joined with " | "), and the change for two reports."""
        out: list[dict[str, str]] = []
        for row in self.rows:
            record = {
                "label": row.label,
                "measure": row.measure,
                "horizon": row.horizon,
                "period": row.period,
                "base_unit": row.base_unit,
            }
            for name, cell in zip(self.names, row.cells, strict=True):
                record[name] = "" if cell is None else cell_text(cell)
            if len(self.names) == 2:
                record["change"] = "" if row.change is None else format_change(row.change)
            out.append(record)
        return out


#: Between the candidates of a cell where a report gives several values for one indicator.
CANDIDATE_SEPARATOR = " | "
#: Marks a cell with several candidates (the table never picks one silently).
SEVERAL_MARK = "⚠"


def horizon_text(horizon: str) -> str:
    """A horizon as a column shows it: annual, average (年均), multi-year, 2030."""
    return horizon.removeprefix("year:")


#: Where a clause ends: a decline's verb is looked for only in the figure's own clause.
_CLAUSE_END_RE = re.compile(r"[，,；;。！？：:\n]")
#: Longest first, so that 下降了 is found before 下降.
_DOWN_WORDS = tuple(sorted(CHANGE_DOWN, key=len, reverse=True))


def decline_word(cell: Cell) -> str:
    """The verb a decline is written with (下降, 降低, 减少…), from the figure's clause; "" for a cell that
    is no decline. A cell's text is the number alone (20.7%), so without it 下降20.7% would read as growth."""
    if not cell.declines:
        return ""
    at = cell.start - cell.sentence_start
    clause = ""
    if cell.sentence_start >= 0 and 0 <= at <= len(cell.sentence):
        before = cell.sentence[:at]
        clause = before[max((m.end() for m in _CLAUSE_END_RE.finditer(before)), default=0) :]
    best = (-1, "")  # the word ending last, the longest of those (下降, not its 降)
    for word in _DOWN_WORDS:
        k = clause.rfind(word)
        if k >= 0 and k + len(word) > best[0]:
            best = (k + len(word), word)
    return best[1] or "下降"


def cell_parts(cell: Cell) -> tuple[str, str]:
    """A report's figure for a table cell: (what is written before the number — a decline's verb, a leading
    qualifier such as 超过, 不到, 近 — or "" when the qualifier is part of the text; the text as written,
    line breaks of the source (27.⏎3%) dropped). 下降20.7% reads 下降20.7%, never 20.7%."""
    text = cell.text.replace("\n", "")
    qualifier = "" if not cell.qualifier or cell.qualifier in text else cell.qualifier
    verb = decline_word(cell)
    if not verb or not qualifier:
        return verb + qualifier, text
    # 力争下降5% / 下降近20%: the two in the order the sentence has them
    at = cell.start - cell.sentence_start
    before = cell.sentence[: max(at, 0)]
    first_qualifier = 0 <= before.rfind(qualifier) < before.rfind(verb)
    return (qualifier + verb if first_qualifier else verb + qualifier), text


def candidate_text(cell: Cell) -> str:
    """One candidate as a cell shows it: 近600万人."""
    return "".join(cell_parts(cell))


def cell_text(cell: Cell) -> str:
    """The cell as text: 近600万人; with several candidates all of them, marked: ⚠ 5.4% | 5.5%."""
    if not cell.others:
        return candidate_text(cell)
    return SEVERAL_MARK + " " + CANDIDATE_SEPARATOR.join(candidate_text(c) for c in cell.candidates)


def label_similarity(a: str, b: str) -> float:
    """0–100: how likely two labels name one indicator (新增就业 ~ 城镇新增就业 scores high). Labels the
    catalogue knows are one indicator exactly when their indicator and scope agree."""
    ka, kb = normalize_label(a), normalize_label(b)
    ca, cb = catalogue_match(ka, False), catalogue_match(kb, False)
    if ca is not None and cb is not None:
        return 100.0 if ca[:2] == cb[:2] else 0.0
    return _similarity(ka, kb)


#: Words that make a label a narrower scope of another (城镇 of 居民收入, 人均 of 生产总值): two labels
#: outside the catalogue match only when they carry the same ones.
_SCOPE_MARKERS = ("人均", "城镇", "农村", "城市", "乡村", "农民", "规上", "规模以上", "中央", "地方")


def _markers(key: str) -> frozenset[str]:
    """The scope words and denominators (日均, 每千人口: rows.toml) a label carries."""
    return frozenset(m for m in (*_SCOPE_MARKERS, *row_words().per) if m in key)


def _added_scope(extra: str) -> bool:
    """Whether the words one label has beyond the other narrow it (a place, a scope word, more than a word)."""
    if len(extra) > 2 or any(m in extra for m in _SCOPE_MARKERS):
        return True
    return is_place(extra)


def _head(key: str) -> str:
    """The measured thing a label ends with (保有量, 产量, 产值…), the longest that fits; "" for none."""
    return next((h for h in row_words().heads if key.endswith(h)), "")


@lru_cache(maxsize=1 << 16)
def _similarity(ka: str, kb: str) -> float:
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 100.0
    if _markers(ka) != _markers(kb):
        return 0.0  # 农村居民人均可支配收入 is not 居民人均可支配收入
    if ka.startswith(row_words().added) != kb.startswith(row_words().added):
        return 0.0  # 新增高新技术企业300家 are a year's additions, 高新技术企业达到7800家 the stock
    ha, hb = _head(ka), _head(kb)
    if ha and hb and ha != hb:
        return 0.0  # 新能源汽车保有量 is a stock, 新能源汽车产量 a year's output
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if len(short) >= 3 and (long_.endswith(short) or long_.startswith(short)):
        extra = long_[: len(long_) - len(short)] if long_.endswith(short) else long_[len(short) :]
        if _added_scope(extra):
            return 0.0  # 北京输出到津冀技术合同成交额 is a part of 技术合同成交额
        return 92.0 - min(10.0, 2.0 * (len(long_) - len(short)))
    chars = fuzz.ratio(ka, kb)
    words = fuzz.token_sort_ratio(" ".join(tokens.cut_cached(ka)), " ".join(tokens.cut_cached(kb)))
    return float(max(chars, 0.95 * words))


def _change(first: Cell, second: Cell, base_unit: str) -> Change:
    # signed: from 下降20.7% to 下降2.17% is +18.53 points, not −18.53
    a, b = first.signed_value, second.signed_value
    difference = float(f"{b - a:.12g}")
    ratio: float | None = None
    percent: float | None = None
    if a > 0 and b > 0:
        ratio = float(f"{b / a:.6g}")
        if base_unit not in ("%", "‰", "个百分点"):
            percent = float(f"{(b - a) / a * 100:.4g}")
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


class _Group:
    """One report's figures of one identity (one cell, with its candidates in reading order)."""

    def __init__(self, ident: Identity, fig: Figure) -> None:
        self.ident = ident
        self.figs = [fig]
        self.labels = [normalize_label(fig.label)]

    def add(self, fig: Figure) -> None:
        if any(f.base_value == fig.base_value and f.base_value_high == fig.base_value_high for f in self.figs):
            return  # the same value again (a summary repeating a figure) is no second candidate
        self.figs.append(fig)
        label = normalize_label(fig.label)
        if label not in self.labels:
            self.labels.append(label)


class _Row:
    def __init__(self, group: _Group, report: int, size: int) -> None:
        self.ident = group.ident
        self.groups: list[_Group | None] = [None] * size
        self.groups[report] = group
        self.labels: list[str] = list(group.labels)
        self.first_seen = (report, group.figs[0].start)

    def put(self, report: int, group: _Group) -> None:
        self.groups[report] = group
        for label in group.labels:
            if label not in self.labels and len(self.labels) < 12:
                self.labels.append(label)


def _grams(key: str) -> tuple[str, str]:
    """Blocking keys of a normalized label: its head (last two characters) and its first two.

    Labels naming one indicator share one of them (新增就业/城镇新增就业, 规上工业增加值/规模以上工业增加值),
    so only rows sharing a gram are scored — the table stays fast with hundreds of reports.
    """
    return ("<" + key[:2], ">" + key[-2:])


def _candidates(figs: Sequence[Figure]) -> list[Figure]:
    """The labelled figures of a report, starting points of changes (从X提高到Y's X) left out."""
    return [fig for fig in figs if fig.label and not is_starting_point(fig)]


def _cell(group: _Group, name: str) -> Cell:
    first, *rest = group.figs
    return Cell.of(first, name, tuple(Cell.of(f, name) for f in rest))


def _row_label(row: _Row, written: set[str]) -> str:
    """A catalogue row is named as its reports name it when they all agree (国内生产总值 in national
    reports; ``written``: the labels of every cell of the indicator, in all its rows), else by the
    catalogue; a row matched by labels takes the shortest of them. A rate says so (每千人口 + 婴幼儿托位数),
    and so do a zone's figures: 实际利用外资（开发区）."""
    ident = row.ident
    label = _written_label(row, written)
    if ident.per:
        label = ident.per + label
    zone = ident.sub_scope
    return f"{label}（{zone}）" if zone and zone not in label else label


def _written_label(row: _Row, written: set[str]) -> str:
    ident = row.ident
    if not ident.indicator:
        labels = row.labels
        if ident.name.startswith(row_words().added):
            # a row of additions keeps its 新增 even where a cell's label lost it to an enumeration
            labels = [lab for lab in labels if lab.startswith(row_words().added)] or [ident.name]
        return min(labels, key=lambda lab: (len(lab), lab))
    if len(written) == 1:
        only = next(iter(written))
        if catalogue_match(only, ident.measure == "growth") is not None and len(only) >= len(ident.name) - 2:
            return only
    return ident.name


def build_table(
    figure_lists: Sequence[Sequence[Figure]],
    names: Sequence[str],
    *,
    threshold: float = MATCH_THRESHOLD,
    min_reports: int = 1,
) -> MetricTable:
    """Line up the figures of several reports (``figure_lists[i]`` from report ``names[i]``) by indicator.

    A row is one identity (indicator × scope × measure × horizon × period × base unit, see identity.py):
    indicators of the catalogue join on it exactly, others by label similarity within it. A report with
    several values for one row gives one cell holding all of them. Rows keep only indicators found in at
    least ``min_reports`` reports and are ordered by how many reports have them, catalogue indicators first,
    then by where they first appear. With two reports each row carries the change between them (when both
    cells hold one value).
    """
    if len(figure_lists) != len(names):
        raise ValueError("one name per figure list")
    size = len(names)
    rows: list[_Row] = []
    exact: dict[tuple[str, ...], int] = {}  # identity key → row (catalogue indicators)
    by_block: dict[tuple[tuple[str, ...], str], list[int]] = {}  # (key without name, gram) → label rows
    for index, figs in enumerate(figure_lists):
        groups: dict[tuple[str, ...], _Group] = {}
        for fig in _candidates(figs):
            ident = identify(fig)
            key: tuple[str, ...] = ident.key if ident.comparable else (*ident.key, f"report:{index}")
            group = groups.get(key)
            if group is None:
                groups[key] = _Group(ident, fig)
            else:
                group.add(fig)
        # label rows: score (row, group) pairs sharing a block and assign greedily, best first
        pairs: list[tuple[float, int, int]] = []
        pending: list[tuple[tuple[str, ...], _Group]] = []
        for key, group in groups.items():
            if group.ident.indicator or not group.ident.comparable:
                r = exact.get(key)
                if r is not None and rows[r].groups[index] is None:
                    rows[r].put(index, group)
                else:
                    rows.append(_Row(group, index, size))
                    exact[key] = len(rows) - 1
                continue
            k = len(pending)
            pending.append((key, group))
            label = group.ident.name
            seen: set[int] = set()
            for gram in _grams(label):
                for r in by_block.get((key[1:], gram), ()):
                    if r in seen or rows[r].groups[index] is not None:
                        continue
                    seen.add(r)
                    score = max(_similarity(label, other) for other in rows[r].labels)
                    if score >= threshold:
                        pairs.append((score, r, k))
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        used_rows: set[int] = set()
        used: set[int] = set()
        for _score, r, k in pairs:
            if r in used_rows or k in used:
                continue
            used_rows.add(r)
            used.add(k)
            key, group = pending[k]
            rows[r].put(index, group)
            for gram in _grams(group.ident.name):
                block = by_block.setdefault((key[1:], gram), [])
                if r not in block:
                    block.append(r)
        for k, (key, group) in enumerate(pending):
            if k in used:
                continue
            rows.append(_Row(group, index, size))
            r = len(rows) - 1
            for gram in _grams(group.ident.name):
                by_block.setdefault((key[1:], gram), []).append(r)
    built: list[tuple[int, int, tuple[int, int], MetricRow]] = []
    row_cells = [tuple(None if g is None else _cell(g, names[i]) for i, g in enumerate(row.groups)) for row in rows]
    # One indicator, one name in a table: its target row and its result row are named alike (新增城镇就业
    # written in every cell of one and 城镇新增就业 in the other would read as two indicators).
    written: dict[str, set[str]] = {}
    for row, cells in zip(rows, row_cells, strict=True):
        if row.ident.indicator:
            written.setdefault(row.ident.indicator, set()).update(
                normalize_label(c.label) for c in cells if c is not None)
    for row, cells in zip(rows, row_cells, strict=True):
        coverage = sum(cell is not None for cell in cells)
        if coverage < min_reports:
            continue
        change = None
        a, b = (cells[0], cells[1]) if size == 2 else (None, None)
        if a is not None and b is not None and not a.ambiguous and not b.ambiguous:
            change = _change(a, b, row.ident.base_unit)
        ident = row.ident
        first = next(g for g in row.groups if g is not None).figs[0]
        metric = MetricRow(
            label=_row_label(row, written.get(row.ident.indicator, set())),
            kind="change" if ident.measure == "growth" else "level",
            base_unit=ident.base_unit,
            dimension=first.dimension,
            cells=cells,
            change=change,
            period=ident.period,
            indicator=ident.indicator,
            scope=ident.scope,
            measure=ident.measure,
            horizon=ident.horizon,
        )
        built.append((coverage, 0 if ident.indicator else 1, row.first_seen, metric))
    built.sort(key=lambda item: (-item[0], item[1], item[2]))
    return MetricTable(tuple(names), tuple(item[3] for item in built))


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
