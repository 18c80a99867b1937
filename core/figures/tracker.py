"""Targets against outcomes: one government's consecutive reports, the year-Y target (report Y, annual,
target, in its plan part) paired with the result the next report states for year Y (report Y+1, annual,
result).

national 2017: 国内生产总值增长6.5%左右 → the 2018 report: 增长6.9% → met. A year without a target (2020's
GDP), a report that states no outcome (2008's five-year review gives no 2007 growth) or a missing report
says so; a report giving several values for one side gives no verdict (they are all shown).

A verdict is given only when both sides are one measure over one span of one government: annual against
annual (a 十四五 or 年均 target is no year's target), the same indicator, scope, measure, unit and basis
(可比增长 is not 增长), and reports of the same region and level (:func:`by_government`). Targets come from
the plan part only (a review's 预计/力争 speaks of the past); a report whose outline has no plan part
gives none. Words the pairing reads are in pairing.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
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
    ("value_added", "growth"),  # 规模以上工业增加值 (its scope: pairing.toml [headline_scope])
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
#: The report has no plan part in its outline (a review alone, a truncated copy): it gives no targets.
NO_PLAN = "no plan part"
#: Both sides were found but measure different things (basis 可比 against none; an annual target against
#: the next report's five-year outcome 年均增长…): no verdict.
NOT_COMPARABLE = "no comparable outcome"
VERDICTS = (MET, CLOSE, MISSED)

PAIRING_FILE = Path(__file__).with_name("pairing.toml")


@dataclass(frozen=True)
class _Pairing:
    basis: tuple[str, ...]
    always_comparable: frozenset[str]
    restated_after: tuple[str, ...]
    five_year_part_words: tuple[str, ...]
    plan_sentence_leads: tuple[str, ...]
    plan_sentence_years: tuple[str, ...]
    headline_scope: dict[str, str]


@lru_cache(maxsize=1)
def _pairing() -> _Pairing:
    with PAIRING_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return _Pairing(
        tuple(sorted(data.get("basis", []), key=len, reverse=True)),
        frozenset(data.get("always_comparable", [])),
        tuple(data.get("restated_after", [])),
        tuple(data.get("five_year_part_words", [])),
        tuple(data.get("plan_sentence_leads", [])),
        tuple(data.get("plan_sentence_years", [])),
        dict(data.get("headline_scope", {})),
    )


def headline_scope(indicator: str) -> str:
    """The scope an indicator is tracked in: "" (the government's whole), 规上工业 for 增加值."""
    return _pairing().headline_scope.get(indicator, "")


def five_year_part(heading: str | None, year: int | None = None) -> bool:
    """Whether a plan part's heading is about a five-year plan's goals (二、“十五五”时期主要目标任务) rather
    than the year's work: several years named, no single one, and goals or tasks."""
    if not heading:
        return False
    from .horizon import MULTI_YEAR, heading_horizon

    if heading_horizon(heading, year) != MULTI_YEAR:
        return False
    return any(word in heading for word in _pairing().five_year_part_words)


@dataclass(frozen=True)
class TrackedReport:
    """One report as the tracker reads it."""

    year: int
    name: str
    figures: tuple[Figure, ...]
    #: where the plan parts stand (offsets of the text as read); () for none, None when not known (every
    #: target figure counts)
    plan_spans: tuple[tuple[int, int], ...] | None = None
    region: str | None = None  #: the government's region from the report's metadata (None: not stated)
    path: str = ""  #: the file read, whose name may tell the government when the text does not
    #: where the report's parts stand (not front matter, closing or an appendix copy); None: not known
    part_spans: tuple[tuple[int, int], ...] | None = None

    def in_plan(self, fig: Figure) -> bool:
        """Whether a target figure stands in the year's plan: a plan part, or a sentence setting the
        year's targets in another part (the outline may have read that part as a review)."""
        if self.plan_spans is None:
            return True
        if any(start <= fig.start < end for start, end in self.plan_spans):
            return True
        in_part = self.part_spans is None or any(start <= fig.start < end for start, end in self.part_spans)
        return in_part and sets_year_targets(fig, self.year)


def sets_year_targets(fig: Figure, year: int) -> bool:
    """Whether the figure's sentence, before it, sets the year's targets: 今年…主要预期目标是：… (a lead and a
    word naming the year)."""
    if fig.sentence_start < 0 or not fig.sentence:
        return False
    before = fig.sentence[: max(0, fig.start - fig.sentence_start)]
    pairing = _pairing()
    if not any(lead in before for lead in pairing.plan_sentence_leads):
        return False
    return any(word.replace("{year}", str(year)) in before for word in pairing.plan_sentence_years)


def _as_tracked(item: TrackedReport | tuple[int, str, Sequence[Figure]]) -> TrackedReport:
    if isinstance(item, TrackedReport):
        return item
    year, name, figs = item
    return TrackedReport(year, name, tuple(figs))

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
    government: str = ""  #: whose reports: region (level), "" when the series was not grouped

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
            "government": self.government,
        }


def _clause_after(fig: Figure) -> str:
    """The figure's clause after it (to the next ，；。)."""
    if fig.sentence_start < 0 or not fig.sentence:
        return ""
    at = fig.end - fig.sentence_start
    rest = fig.sentence[at:] if 0 <= at <= len(fig.sentence) else ""
    m = re.search(r"[，,；;。！？!?]", rest)
    return rest[: m.start()] if m else rest


def _clause_before(fig: Figure) -> str:
    """The figure's clause before it (from the last ，；。 or the sentence's start)."""
    if fig.sentence_start < 0 or not fig.sentence:
        return ""
    at = fig.start - fig.sentence_start
    head = fig.sentence[: max(0, at)]
    cut = max(head.rfind(c) for c in "，,；;。：:")
    return head[cut + 1 :]


def restates_target(fig: Figure) -> bool:
    """Whether an outcome's figure names a target again (没有实现年初确定的…能耗降低4%左右…的目标)."""
    after = _clause_after(fig)
    return any(word in after for word in _pairing().restated_after)


def basis_of(fig: Figure) -> frozenset[str]:
    """The basis words of the figure's clause before it (可比, 现价…): a change measured on another basis."""
    before = _clause_before(fig)
    found: set[str] = set()
    for word in _pairing().basis:
        if word in before and not any(word in f for f in found):
            found.add(word)
    return frozenset("可比" if w in ("按可比价格", "同口径") else w for w in found)


def _other_horizons(report: TrackedReport) -> set[tuple[str, str, str]]:
    """(indicator, measure, base unit) of the outcomes the report states on another horizon than the year's
    (a five-year review's 年均增长…): the indicator has an outcome there, only not one to set against a year's
    target."""
    keys = set()
    for fig in report.figures:
        if not fig.label or fig.period != "result" or fig.horizon == "annual" or restates_target(fig):
            continue
        ident = identify(fig)
        if ident.indicator and ident.scope == headline_scope(ident.indicator) and not ident.per:
            keys.add((ident.indicator, ident.measure, ident.base_unit))
    return keys


def _cells(
    report: TrackedReport, period: str
) -> dict[tuple[str, str, str], tuple[Cell, tuple[Figure, ...]]]:
    """Annual figures of ``period`` by (indicator, measure, base unit): one cell each, candidates kept,
    with the figures behind it. Targets only from the plan part; outcomes never a restated target."""
    found: dict[tuple[str, str, str], list[Figure]] = {}
    for fig in report.figures:
        if not fig.label or fig.period != period or fig.horizon != "annual" or is_starting_point(fig):
            continue  # 赤字率从去年的2.1%提高到2.3%: 2.1% is where the change starts, not this year's target
        if period == "target" and not report.in_plan(fig):
            continue  # a review's 预计/力争 is about the past: no target
        if period == "result" and restates_target(fig):
            continue
        ident = identify(fig)
        if not ident.indicator or ident.scope != headline_scope(ident.indicator) or ident.per:
            continue  # 农村居民…, 日均…, 开发区…: not the headline indicator itself
        bucket = found.setdefault((ident.indicator, ident.measure, ident.base_unit), [])
        if not any(f.base_value == fig.base_value and f.base_value_high == fig.base_value_high for f in bucket):
            bucket.append(fig)
    return {
        key: (Cell.of(first, report.name, tuple(Cell.of(f, report.name) for f in rest)), (first, *rest))
        for key, (first, *rest) in found.items()
    }


def verdict(target: Cell, outcome: Cell, better: str) -> tuple[str, float]:
    """Met, close or missed, and outcome − target (the target's nearer end), for an indicator where
    ``better`` ("higher"/"lower") values are the good side.

    A change is compared with its sign: 能耗下降3% is −3, so 下降6.5% (−6.5) meets it where lower is better,
    and 下降3.1%以上 (at least 3.1 down) is at most −3.1."""
    low = target.base_value
    high = target.base_value_high if target.base_value_high is not None else low
    value = -outcome.base_value if outcome.direction < 0 else outcome.base_value
    q = target.qualifier
    if target.direction < 0:
        low, high = -high, -low
        q = _CEILING[0] if q in _FLOOR else _FLOOR[0] if q in _CEILING else q
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
    reports: Sequence[TrackedReport | tuple[int, str, Sequence[Figure]]],
    indicators: Sequence[tuple[str, str]] = HEADLINE,
    government: str = "",
) -> list[Pair]:
    """Pairs for each year of the series (one government's reports: :class:`TrackedReport`, or
    ``(year, report name, figures)`` when plan parts and region are not known) and each indicator of
    ``indicators`` that some report gives a target for."""
    by_year = {r.year: r for r in map(_as_tracked, reports)}
    if not by_year:
        return []
    targets = {y: _cells(r, "target") for y, r in by_year.items()}
    outcomes = {y: _cells(r, "result") for y, r in by_year.items()}
    elsewhere = {y: _other_horizons(r) for y, r in by_year.items()}
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
                name = headline_scope(ident) + ind.name  # 规上工业增加值
                out.append(_pair(key, name, ind.better, year, by_year, targets, outcomes, government, elsewhere))
    return out


_Cells = dict[int, dict[tuple[str, str, str], tuple[Cell, tuple[Figure, ...]]]]


def _comparable(ident: str, targets: Sequence[Figure], outcomes: Sequence[Figure]) -> bool:
    """Whether target and outcome are measured on one basis (可比增长 against 增长 is not)."""
    if ident in _pairing().always_comparable:
        return True
    bases = {basis_of(f) for f in (*targets, *outcomes)}
    return len(bases) == 1


def _pair(
    key: tuple[str, str, str],
    name: str,
    better: str,
    year: int,
    by_year: dict[int, TrackedReport],
    targets: _Cells,
    outcomes: _Cells,
    government: str = "",
    elsewhere: dict[int, set[tuple[str, str, str]]] | None = None,
) -> Pair:
    ident, measure, unit = key
    target_report = by_year[year].name if year in by_year else None
    outcome_report = by_year[year + 1].name if year + 1 in by_year else None
    t_hit = targets.get(year, {}).get(key)
    o_hit = outcomes.get(year + 1, {}).get(key)
    target = t_hit[0] if t_hit else None
    outcome = o_hit[0] if o_hit else None
    diff: float | None = None
    if target_report is None:
        why = NO_REPORT
    elif target is None:
        why = NO_PLAN if by_year[year].plan_spans == () else NO_TARGET
    elif outcome_report is None:
        why = NO_REPORT
    elif outcome is None:
        # the next report states it only on another horizon (a five-year 年均): found, but not comparable
        why = NOT_COMPARABLE if elsewhere and key in elsewhere.get(year + 1, set()) else NO_OUTCOME
    elif target.ambiguous or outcome.ambiguous:
        why = SEVERAL
    elif t_hit is not None and o_hit is not None and not _comparable(ident, t_hit[1], o_hit[1]):
        why = NOT_COMPARABLE
    else:
        why, d = verdict(target, outcome, better)
        diff = float(f"{d:.10g}")
    return Pair(
        ident, name, measure, unit, year, target_report, outcome_report, target, outcome, why, diff, government
    )


#: The level a region's unit word gives (a 直辖市 is a province); a county-level 市 reads as city.
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


def government_level(region: str | None) -> str | None:
    """national, province, city or county, read from the region's unit word (a county-level 市 such as
    安国市 cannot be told from a prefecture-level one by its name: it reads as city)."""
    if not region:
        return None
    if region == "全国":
        return "national"
    if region in _MUNICIPALITIES or region.endswith(("省", "自治区", "特别行政区")):
        return "province"
    if region.endswith(("市", "自治州", "州", "盟", "地区")):
        return "city"
    if region.endswith(("区", "县", "旗")):
        return "county"
    return None


def government_name(region: str | None) -> str:
    """How a government is named in the output: 易县 (county); "" when the region is not known."""
    if not region:
        return ""
    level = government_level(region)
    return f"{region} ({level})" if level else region


_YEAR_IN_NAME = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def _file_stem(path: str) -> str:
    """A file's name without its folder, suffix and year: baoding-yixian-2018.txt → baoding-yixian."""
    stem = Path(path).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return _YEAR_IN_NAME.sub("", stem).strip("-_ .")


def by_government(
    reports: Sequence[TrackedReport],
) -> tuple[list[tuple[str, list[TrackedReport]]], list[str]]:
    """The reports grouped by government (region and level from their metadata), each group in year order,
    and warnings. A report that names no region joins the government whose files share its name without
    the year (baoding-yixian-2018.txt with baoding-yixian-2019.txt); else it stands alone, with the reports
    named like it: never with another government because it is the only other one (city-chizhou-2023.txt
    and city-hefei-2024.txt, both without a region in their text, are two cities). A second report of one
    government's year is left out (warned)."""
    warnings: list[str] = []
    groups: dict[str, list[TrackedReport]] = {}
    stems: dict[str, set[str]] = {}
    unknown: list[TrackedReport] = []
    for r in reports:
        if r.region:
            key = government_name(r.region)
            groups.setdefault(key, []).append(r)
            if r.path:
                stems.setdefault(_file_stem(r.path), set()).add(key)
        else:
            unknown.append(r)
    for r in unknown:
        owners = stems.get(_file_stem(r.path), set()) if r.path else set()
        if len(owners) == 1:
            key = next(iter(owners))
        else:
            key = f"? {_file_stem(r.path) or r.name}"
            warnings.append(f"{r.path or r.name}: no region in its title or opening; paired only with files named like it")
        groups.setdefault(key, []).append(r)
    out: list[tuple[str, list[TrackedReport]]] = []
    for key, members in groups.items():
        kept: list[TrackedReport] = []
        for r in sorted(members, key=lambda m: m.year):
            if any(k.year == r.year for k in kept):
                warnings.append(f"{r.path or r.name}: a second report of {key} {r.year}; left out")
                continue
            kept.append(r)
        out.append((key, kept))
    return out, warnings


def pair_text(cell: Cell | None) -> str:
    """A side of a pair as a table shows it: the figure as written, several joined (⚠)."""
    if cell is None:
        return ""
    if not cell.ambiguous:
        return candidate_text(cell)
    return "⚠ " + " | ".join(candidate_text(c) for c in cell.candidates)
