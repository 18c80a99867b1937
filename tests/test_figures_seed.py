"""Seed 000, section (六): the figures the issue lists, and none of its non-figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.figures import Figure, extract_figures

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _section_six() -> tuple[str, int]:
    path = next(SEEDS.glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    start = text.index("(六)")
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)], start


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    section, start = _section_six()
    return extract_figures(section, section="(六)", report="东昌", period_hint="target", offset=start)


def _find(figures: list[Figure], label: str) -> Figure:
    for fig in figures:
        if fig.label == label:
            return fig
    raise AssertionError(f"no figure labelled {label}: {[(f.text, f.label) for f in figures]}")


@pytest.mark.parametrize(
    ("label", "text", "base_value", "base_unit"),
    [
        ("城镇新增就业", "2000人", 2000, "人"),
        ("农村劳动力转移就业", "2000人", 2000, "人"),
        ("登记失业人员再就业", "1000人", 1000, "人"),
        ("创业担保贷款", "1000万元以上", 10_000_000, "元"),
        ("专项债", "1亿元", 100_000_000, "元"),
        ("基层医疗卫生服务机构", "13所", 13, "所"),
        ("城乡双低住房困难家庭", "4000户", 4000, "户"),
    ],
)
def test_issue_figures(
    figures: list[Figure], label: str, text: str, base_value: float, base_unit: str
) -> None:
    fig = _find(figures, label)
    assert fig.text == text
    assert fig.base_value == base_value
    assert fig.base_unit == base_unit
    assert fig.kind == "level"
    assert fig.period == "target"
    assert fig.section == "(六)"
    assert fig.report == "东昌"


def test_loan_qualifier(figures: list[Figure]) -> None:
    loan = _find(figures, "创业担保贷款")
    assert (loan.number, loan.value, loan.unit, loan.qualifier) == ("1000", 1000, "万元", "以上")


def test_offsets_point_into_the_file(figures: list[Figure]) -> None:
    path = next(SEEDS.glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    for fig in figures:
        assert text[fig.start : fig.end] == fig.text
        assert fig.text in fig.sentence


def test_no_ordinals_or_titles(figures: list[Figure]) -> None:
    texts = [fig.text for fig in figures]
    assert not any("七" in t or "十" in t for t in texts), texts
    assert [t for t in texts if not t[0].isdigit()] == []


def test_every_figure_of_the_section(figures: list[Figure]) -> None:
    # 20人 (硕士研究生人才) and 2户 (返乡人才创业基地) are figures too
    assert [fig.text for fig in figures] == [
        "2000人", "2000人", "1000人", "20人", "2户", "1000万元以上", "1亿元", "13所", "4000户",
    ]  # fmt: skip
