"""Golden cases for targets against outcomes: tests/cases/figures/targets/*.json, each {"why", "reports":
[{"file", "text"}], "expected": [pairs], "absent": [...]}.

The reports are written to files and read as the command line reads them (outline, metadata, figures),
grouped by government and tracked; each expected pair (indicator, year, optionally government) must have
the target and outcome texts (null: none) and the verdict given, and an ``absent`` indicator no pair with
a target. A wrong pairing is what these cases guard: a verdict where there should be none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.figures.tracker import by_government, track
from core.report import load_report
from core.report_figures import tracked_report

CASES_DIR = Path(__file__).parent / "cases" / "figures" / "targets"
CASE_FILES = sorted(CASES_DIR.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        case: dict[str, Any] = json.load(fh)
    return case


def test_cases_exist() -> None:
    assert len(CASE_FILES) >= 7


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_pairing_case(path: Path, tmp_path: Path) -> None:
    case = _load(path)
    assert case.get("why"), "every golden case says why"
    tracked = []
    for report in case["reports"]:
        file = tmp_path / report["file"]
        file.write_text(report["text"], encoding="utf-8")
        tracked.append(tracked_report(load_report(str(file))))
    groups, _ = by_government(tracked)
    pairs = [p for government, members in groups for p in track(members, government=government)]
    for want in case["expected"]:
        hits = [
            p
            for p in pairs
            if p.indicator == want["indicator"]
            and p.year == want["year"]
            and want.get("government", p.government) == p.government
        ]
        assert len(hits) == 1, f"{want}: {[(p.government, p.verdict) for p in hits]}"
        p = hits[0]
        got = {
            "target": p.target.text if p.target is not None else None,
            "outcome": p.outcome.text if p.outcome is not None else None,
            "verdict": p.verdict,
        }
        assert got == {k: want[k] for k in got}, want
    for gone in case.get("absent", []):
        assert not [p for p in pairs if p.indicator == gone["indicator"] and p.target is not None], gone
