"""Golden cases for figure extraction: tests/cases/figures/*.json, each {"text", "expected", "why"}.

``expected`` lists every figure of ``text`` in order, each with the fields that matter for the case;
an optional ``period_hint`` and ``year`` (the report's) are passed through, and ``xfail`` marks a known
failure (strict).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.figures import extract_figures

CASES_DIR = Path(__file__).parent / "cases" / "figures"
CASE_FILES = sorted(CASES_DIR.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        case: dict[str, Any] = json.load(fh)
    return case


def _params() -> list[Any]:
    out = []
    for path in CASE_FILES:
        case = _load(path)
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        out.append(pytest.param(case, id=path.stem, marks=marks))
    return out


def test_cases_exist() -> None:
    assert len(CASE_FILES) >= 20


@pytest.mark.parametrize("case", _params())
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("why"), "every golden case says why"
    figures = extract_figures(case["text"], period_hint=case.get("period_hint"), year=case.get("year"))
    got = [fig.to_dict() for fig in figures]
    texts = [g["text"] for g in got]
    assert len(got) == len(case["expected"]), f"figures found: {texts}"
    for want, have in zip(case["expected"], got, strict=True):
        for key, value in want.items():
            if isinstance(value, float | int) and not isinstance(value, bool) and have[key] is not None:
                assert have[key] == pytest.approx(value), f"{have['text']}: {key}"
            else:
                assert have[key] == value, f"{have['text']}: {key}"
        assert case["text"][have["start"] : have["end"]] == have["text"]
