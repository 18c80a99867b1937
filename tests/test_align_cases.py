"""Labelled alignment cases (tests/cases/align/*.json, made by reading real reports): every anchor resolves,
precision and recall by kind (series, cross) and level hold what was reached, known misses stay known.

The scores are printed at the end of the run (see conftest's terminal summary). Skipped when
../shared/corpus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from align_cases import CASES_DIR, Score, case_files, check_case, load_case, score_case
from conftest import needs_corpus

pytestmark = [pytest.mark.corpus, needs_corpus]

#: What the cases reached (precision, recall) by "kind/level": a drop below fails the suite.
FLOORS: dict[str, dict[str, float]] = json.loads((CASES_DIR / "floors.json").read_text(encoding="utf-8"))
CASES = [p for p in case_files() if p.name != "floors.json"]


def _group(case: Any) -> str:
    """National reports and the seeds, or the local reports (city, county, district, province)."""
    national = all(p.startswith(("national-", "seeds:")) for p in (case.a, case.b))
    return "national" if national else "local"


def test_there_are_enough_cases() -> None:
    cases = [load_case(p) for p in CASES]
    series = {(c.a, c.b) for c in cases if c.kind == "series"}
    cross = {(c.a, c.b) for c in cases if c.kind == "cross"}
    assert len(series) >= 10 and len(cross) >= 6
    assert {c.level for c in cases} == {"chapters", "topics"}
    assert sum(len(c.pairs) for c in cases) >= 200


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_resolves(path: Path) -> None:
    case = load_case(path)
    assert case.note or all(p.why for p in case.pairs), "a case says why"
    assert check_case(case) == []


def test_scores_hold(record_property: Any) -> None:
    totals: dict[str, Score] = {}
    for path in CASES:
        case = load_case(path)
        s = score_case(case)
        for key in (f"{_group(case)}/{case.kind}/{case.level}", f"all/{case.level}"):
            totals.setdefault(key, Score()).add(s)
    table = {k: (round(s.precision, 3), round(s.recall, 3), s.right, s.predicted, s.found, s.labelled,
                 round(s.precision_primary, 3), round(s.recall_primary, 3))
             for k, s in sorted(totals.items())}
    record_property("alignment_scores", table)
    low = [f"{k}: precision {p} (floor {FLOORS[k]['precision']}), recall {r} (floor {FLOORS[k]['recall']})"
           for k, (p, r, *_) in table.items()
           if k in FLOORS and (p < FLOORS[k]["precision"] or r < FLOORS[k]["recall"])]
    # The primary-pair measure (each label's first-listed pair, see align_cases), where a floor names it.
    low += [f"{k}: primary precision {pp} (floor {FLOORS[k]['primary_precision']}), primary recall {pr} "
            f"(floor {FLOORS[k]['primary_recall']})"
            for k, (*_, pp, pr) in table.items()
            if "primary_precision" in FLOORS.get(k, {})
            and (pp < FLOORS[k]["primary_precision"] or pr < FLOORS[k]["primary_recall"])]
    assert not low, "alignment scores dropped:\n" + "\n".join(low)
    assert set(FLOORS) <= set(table)


def _known_misses() -> list[Any]:
    out = []
    for path in CASES:
        case = load_case(path)
        for k, pair in enumerate(case.pairs):
            if pair.known_miss:
                out.append(pytest.param(path, k, id=f"{path.stem}-{k}",
                                        marks=pytest.mark.xfail(reason=pair.known_miss, strict=True)))
    return out


@pytest.mark.parametrize(("path", "index"), _known_misses())
def test_known_miss(path: Path, index: int) -> None:
    case = load_case(path)
    only = case.pairs[index]
    only.known_miss = ""
    case.pairs = [only]
    case.alone_a, case.alone_b = [], []
    assert score_case(case).found == 1
