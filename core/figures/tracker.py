"""Targets against outcomes: one government's consecutive reports, the year-Y target (report Y, annual,
target) paired with the result the next report states for year Y (report Y+1, annual, result).

national 2017: 国内生产总值增长6.5%左右 → the 2018 report: 增长6.9% → met. A year without a target (2020's
GDP), a report that states no outcome (2008's five-year review gives no 2007 growth) or a missing report
says so; a report giving several values for one side gives no verdict (they are all shown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .catalog import catalog
from .extract import is_starting_point
from .identity import identify
from .model import Figure
from .table import Cell, candidate_text

#: The indicators a tracker shows unless asked for others: (catalogue id, measure).
HEADLINE: tuple[tuple[str, str], ...] = (
    ("gdp", "growth"),
    ("cpi", "growth"),
    ("new_urban_jobs", "level"),
    ("surveyed_unemployment", "share"),
    ("registered_unemployment", "share"),
    ("deficit_ratio", "share"),
    ("general_budget_revenue", "growth"),
    ("fixed_asset_investment", "growth"),
    ("retail_sales", "growth"),
    ("disposable_income", "growth"),
    ("grain_output", "level"),
    ("energy_intensity", "growth"),
)

#: How near a "左右" target an outcome on its worse side may be and still be called close (percentage
#: points for % targets, a share of the target otherwise).
CLOSE_POINTS = 0.5
CLOSE_SHARE = 0.05

MET, CLOSE, MISSED = "met", "close", "missed"
NO_TARGET, NO_OUTCOME, NO_REPORT, SEVERAL = "no target", "no outcome stated", "no report", "several values"

_FLOOR = ("以上", "不低于", "不少于", "超过", "高于", "多于", "至少")
_CEILING = ("以内", "以下", "不超过", "不高于", "低于", "之内", "少于", "最多")


@dataclass(frozen=True)
class Pair:
    """One indicator's target for ``year`` and the outcome the next report states for it."""

    indicator: str
    name: str
    measure: str
    base_unit: str
    year: int
    target_report: str | None  #: the report of ``year`` (None when the series lacks it)
    outcome_report: str | None  #: the report of ``year + 1``
    target: Cell | None
    outcome: Cell | None
    verdict: str  #: met, close, missed, or why there is none (no target, no outcome stated, …)
    difference: float | None = None  #: outcome − target (the nearer end of a range), base units

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "name": self.name,
            "measure": self.measure,
            "base_unit": self.base_unit,
            "year": self.year,
            "target_report": self.target_report,
            "outcome_report": self.outcome_report,
            "target": None if self.target is None else self.target.to_dict(),
            "outcome": None if self.outcome is None else self.outcome.to_dict(),
            "verdict": self.verdict,
            "difference": self.difference,
        }


def _cells(figs: Sequence[Figure], report: str, period: str) -> dict[tuple[str, str, str], Cell]:
    """Annual figures of ``period`` by (indicator, measure, base unit): one cell each, candidates kept."""
    found: dict[tuple[str, str, str], list[Figure]] = {}
    for fig in figs:
        if not fig.label or fig.period != period or fig.horizon != "annual" or is_starting_point(fig):
            continue  # 赤字率从去年的2.1%提高到2.3%: 2.1% is where the change starts, not this year's target
        ident = identify(fig)
        if not ident.indicator or ident.scope:
            continue
        bucket = found.setdefault((ident.indicator, ident.measure, ident.base_unit), [])
        if not any(f.base_value == fig.base_value and f.base_value_high == fig.base_value_high for f in bucket):
            bucket.append(fig)
    return {
        key: Cell.of(first, report, tuple(Cell.of(f, report) for f in rest))
        for key, (first, *rest) in found.items()
    }


def verdict(target: Cell, outcome: Cell, better: str) -> tuple[str, float]:
    """Met, close or missed, and outcome − target (the target's nearer end), for an indicator where
    ``better`` ("higher"/"lower") values are the good side."""
    low = target.base_value
    high = target.base_value_high if target.base_value_high is not None else low
    value = outcome.base_value
    q = target.qualifier
    if q in _FLOOR:
        return (MET if value >= low else MISSED), value - low
    if q in _CEILING:
        return (MET if value <= high else MISSED), value - high
    if high != low:  # a range: inside it, or beyond it on the good side
        if low <= value <= high:
            return MET, 0.0
        if value > high:
            return (MET if better == "higher" else MISSED), value - high
        return (MET if better == "lower" else MISSED), value - low
    diff = value - low
    good = diff >= 0 if better == "higher" else diff <= 0
    if good:
        return MET, diff
    if q == "左右":
        tolerance = CLOSE_POINTS if target.base_unit in ("%", "个百分点") else abs(low) * CLOSE_SHARE
        if abs(diff) <= tolerance + 1e-9:
            return CLOSE, diff
    return MISSED, diff


def track(
    reports: Sequence[tuple[int, str, Sequence[Figure]]],
    indicators: Sequence[tuple[str, str]] = HEADLINE,
) -> list[Pair]:
    """Pairs for each year of the series (``(year, report name, figures)``, one government's reports) and
    each indicator of ``indicators`` that some report gives a target or an outcome for."""
    by_year = {year: (name, figs) for year, name, figs in reports}
    if not by_year:
        return []
    targets = {y: _cells(figs, name, "target") for y, (name, figs) in by_year.items()}
    outcomes = {y: _cells(figs, name, "result") for y, (name, figs) in by_year.items()}
    cat = catalog()
    out: list[Pair] = []
    years = range(min(by_year), max(by_year) + 1)
    for ident, measure in indicators:
        ind = cat.by_id(ident)
        if ind is None:
            continue
        units = sorted(
            {k[2] for t in targets.values() for k in t if k[:2] == (ident, measure)}
            | {k[2] for o in outcomes.values() for k in o if k[:2] == (ident, measure)}
        )
        for unit in units:
            key = (ident, measure, unit)
            if not any(key in t for t in targets.values()):
                continue  # an indicator never set as a target in this unit is no row of a tracker
            for year in years:
                out.append(_pair(key, ind.name, ind.better, year, by_year, targets, outcomes))
    return out


def _pair(
    key: tuple[str, str, str],
    name: str,
    better: str,
    year: int,
    by_year: dict[int, tuple[str, Sequence[Figure]]],
    targets: dict[int, dict[tuple[str, str, str], Cell]],
    outcomes: dict[int, dict[tuple[str, str, str], Cell]],
) -> Pair:
    ident, measure, unit = key
    target_report = by_year[year][0] if year in by_year else None
    outcome_report = by_year[year + 1][0] if year + 1 in by_year else None
    target = targets.get(year, {}).get(key)
    outcome = outcomes.get(year + 1, {}).get(key)
    diff: float | None = None
    if target_report is None:
        why = NO_REPORT
    elif target is None:
        why = NO_TARGET
    elif outcome_report is None:
        why = NO_REPORT
    elif outcome is None:
        why = NO_OUTCOME
    elif target.ambiguous or outcome.ambiguous:
        why = SEVERAL
    else:
        why, d = verdict(target, outcome, better)
        diff = float(f"{d:.10g}")
    return Pair(ident, name, measure, unit, year, target_report, outcome_report, target, outcome, why, diff)


def pair_text(cell: Cell | None) -> str:
    """A side of a pair as a table shows it: the figure as written, several joined (⚠)."""
    if cell is None:
        return ""
    if not cell.ambiguous:
        return candidate_text(cell)
    return "⚠ " + " | ".join(candidate_text(c) for c in cell.candidates)
