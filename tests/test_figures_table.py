"""The cross-report metric table."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.figures import build_table, extract_figures, label_similarity, pair_figures

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NAMES = {"000": "东昌", "001": "建华", "003": "陵城", "004": "宽城"}


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_new_jobs_across_four_districts() -> None:
    """The seeds are parts of plans without their headings: read as such, the four targets line up."""
    lists = [extract_figures(_seed(p), report=n, period_hint="target") for p, n in NAMES.items()]
    table = build_table(lists, list(NAMES.values()))
    row = next(r for r in table.rows if r.label == "城镇新增就业")
    assert [c.text if c else None for c in row.cells] == ["2000人", "4000人", "5000人以上", "8000人"]
    assert [c.qualifier if c else None for c in row.cells] == ["", "", "以上", ""]
    assert row.base_unit == "人" and row.kind == "level" and row.indicator == "new_urban_jobs"
    assert table.rows[0] is row  # the indicator all four report comes first
    assert table.to_dict()["rows"][0]["cells"][2]["report"] == "陵城"


def test_a_figure_of_unknown_period_joins_no_target() -> None:
    """Without headings or wording 东昌's and 建华's figures are of unknown period: they line up with each
    other, not with the targets of 陵城 and 宽城 (a result next to a target is a wrong row)."""
    lists = [extract_figures(_seed(p), report=n) for p, n in NAMES.items()]
    table = build_table(lists, list(NAMES.values()))
    jobs = [r for r in table.rows if r.indicator == "new_urban_jobs"]
    assert {r.period for r in jobs} == {"unknown", "target"}
    for row in jobs:
        assert {c.period for c in row.cells if c is not None} == {row.period}


def test_two_reports_get_a_change() -> None:
    a = extract_figures("力争全年新增市场主体2000户以上，城镇新增就业2000人，居民人均可支配收入增长6%。")
    b = extract_figures("力争新增市场主体3600户，实现新增就业4000人，居民人均可支配收入增长7.5%。")
    table = build_table([a, b], ["东昌", "建华"])
    rows = {row.label: row for row in table.rows}
    jobs = rows["城镇新增就业"].change
    assert jobs is not None and jobs.difference == 2000 and jobs.ratio == 2 and jobs.percent == 100
    income = rows["居民人均可支配收入"].change
    assert income is not None and income.difference == pytest.approx(1.5) and income.percent is None
    assert table.to_records()[0]["change"]


def test_units_and_kinds_keep_rows_apart() -> None:
    a = extract_figures("固定资产投资增长8%，固定资产投资120亿元。")
    b = extract_figures("固定资产投资增长10%，固定资产投资150亿元。")
    table = build_table([a, b], ["a", "b"])
    assert len(table.rows) == 2
    assert {(r.kind, r.base_unit) for r in table.rows} == {("change", "%"), ("level", "元")}
    assert all(r.coverage == 2 for r in table.rows)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("新增就业", "城镇新增就业", True),
        ("全区新增就业", "新增就业", True),
        ("国内生产总值", "地区生产总值", True),  # each report's GDP: a row across national and local reports
        ("人均地区生产总值", "地区生产总值", False),
        ("农村居民人均可支配收入", "居民人均可支配收入", False),
        ("北京输出到津冀技术合同成交额", "技术合同成交额", False),
        ("高新技术企业数量", "高新技术企业", True),
        ("城镇调查失业率", "城镇登记失业率", False),
        ("农村劳动力转移就业", "城镇新增就业", False),
        ("规上工业增加值", "规模以上工业增加值", True),
    ],
)
def test_label_similarity(a: str, b: str, same: bool) -> None:
    assert (label_similarity(a, b) >= 78) is same


def test_pair_figures_side_by_side() -> None:
    left = extract_figures("新增市场主体2000户，城镇新增就业2000人。")
    right = extract_figures("城镇新增就业2500人，新建学校3所。")
    pairs = pair_figures(left, right)
    texts = [(a.text if a else None, b.text if b else None) for a, b in pairs]
    assert texts == [("2000户", None), ("2000人", "2500人"), (None, "3所")]


def test_names_must_match_lists() -> None:
    with pytest.raises(ValueError):
        build_table([[]], ["a", "b"])


def test_closest_value_wins_among_same_labels() -> None:
    """A five-year target next to the annual one: the other report's annual figure joins the annual row."""
    a = extract_figures("今后五年城镇新增就业5500万人以上。今年城镇新增就业1100万人以上。")
    b = extract_figures("今年城镇新增就业1200万人以上。")
    table = build_table([a, b], ["2021", "2022"])
    row = next(r for r in table.rows if r.coverage == 2)
    assert [c.text if c else None for c in row.cells] == ["1100万人以上", "1200万人以上"]
    assert row.change is not None and row.change.difference == 1_000_000


def test_changes_read_as_reports_write_them():
    from core.figures.table import Change, format_change

    assert format_change(Change(-0.1, "%", None, None)) == "-0.1个百分点"  # rates differ in points
    assert format_change(Change(830_000, "人", 1.07, 7.0)) == "+83万人 (+7.0%)"
    assert format_change(Change(8e11, "元", 1.4, 40.0)) == "+8000亿元 (+40.0%)"
    assert format_change(Change(0.0, "人", 1.0, 0.0)) == "0人 (+0.0%)"


def test_table_cells_keep_leading_qualifiers_and_drop_source_line_breaks():
    from core.figures.table import Cell, cell_text

    def cell(text: str, qualifier: str) -> Cell:
        return Cell("r", text, 1.0, None, "人", 1.0, "人", qualifier, "特困供养", "result", "1", 0, len(text))

    assert cell_text(cell("600万人", "近")) == "近600万人"  # 近 leads the figure, outside its text
    assert cell_text(cell("5000人以上", "以上")) == "5000人以上"
    assert cell_text(cell("27.\n3%", "")) == "27.3%"


def test_sparkline_and_bars_leave_gaps_for_missing_and_several_values():
    from core.figures.series import bar_lengths, sparkline

    assert sparkline([1.0, None, 3.0, 2.0]) == "▁·█▅"
    assert sparkline([5.0, 5.0]) == "▄▄"
    assert bar_lengths([0.0, 5.0, None, 10.0], 10) == [0, 5, None, 10]


def test_one_indicator_has_one_name_in_a_table() -> None:
    """Each of two cities writes its result one way (新增城镇就业) and its target the other way (城镇新增就业):
    the result row and the target row are one indicator and carry one name, the catalogue's."""
    a = extract_figures("过去一年，新增城镇就业17.5万人。今年，全年城镇新增就业15万人以上。", period_hint=None)
    b = extract_figures("过去一年，新增城镇就业10.9万人。今年，城镇新增就业10万人以上。", period_hint=None)
    table = build_table([a, b], ["甲", "乙"])
    jobs = [r for r in table.rows if r.indicator == "new_urban_jobs"]
    assert len(jobs) >= 2 and {r.label for r in jobs} == {"城镇新增就业"}


def test_a_years_additions_never_share_a_row_with_the_stock() -> None:
    """新增高新技术企业300家 counts firms added in a year; 高新技术企业达到7800家 counts all of them. A 新增 that
    opens an enumeration counts its later items too (新增省级高新区2家、高新技术企业390家)."""
    a = extract_figures("今年，高新技术企业达到7800家。", period_hint="target")
    b = extract_figures("今年，新增高新技术企业300家以上。", period_hint="target")
    c = extract_figures("今年，新增省级高新区2家、高新技术企业390家。", period_hint="target")
    table = build_table([a, b, c], ["甲", "乙", "丙"])
    firms = {r.label: [x.text if x else None for x in r.cells] for r in table.rows if "高新技术企业" in r.label}
    assert firms["高新技术企业"] == ["7800家", None, None]
    assert firms["新增高新技术企业"] == [None, "300家以上", "390家"]
