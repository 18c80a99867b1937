"""Golden cases for the cross-report indicator table: tests/cases/figures/table/*.json, each {"why",
"reports": [{"file", "text"}], "rows": [{"label", "cells"}], "absent": [figure texts]}.

The reports are written to files and read as the app reads them (outline, figures, the table without
glossaries). Each expected row must be a row of the table with exactly these cells (the figures as
written, several joined with " | ", null for none), and no cell of the table may hold an ``absent`` figure: what these cases guard
is a row that mixes two things.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.figures.table import Cell
from core.report import load_report
from core.report_figures import indicator_table

CASES_DIR = Path(__file__).parent / "cases" / "figures" / "table"
CASE_FILES = sorted(CASES_DIR.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        case: dict[str, Any] = json.load(fh)
    return case


def _written(cell: Cell) -> str:
    """A cell's figures as written (several joined with " | ")."""
    return " | ".join(c.text for c in cell.candidates)


def test_cases_exist() -> None:
    assert len(CASE_FILES) >= 5


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_table_case(path: Path, tmp_path: Path) -> None:
    case = _load(path)
    assert case.get("why"), "every golden case says why"
    reports = []
    for report in case["reports"]:
        file = tmp_path / report["file"]
        file.write_text(report["text"], encoding="utf-8")
        reports.append(load_report(str(file)))
    table = indicator_table(reports)
    rows = {(row.label, tuple(None if c is None else _written(c) for c in row.cells)) for row in table.rows}
    for want in case["rows"]:
        assert (want["label"], tuple(want["cells"])) in rows, sorted(rows, key=str)
    texts = {c.text for row in table.rows for c in row.cells if c is not None for c in c.candidates}
    for gone in case.get("absent", []):
        assert gone not in texts, gone
