"""The 31 provincial reports of 2026: the cross-report table's annual GDP-target row holds each province's
target for 2026 as its 主要预期目标 paragraph states it — never a 十五五 yearly average (广东 年均增长5%左右,
安徽/湖南/吉林 …) nor a result. Each value below was read by hand from the report's targets paragraph.

Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS

from core.figures import build_table
from core.report import load_report
from core.report_figures import report_figures

pytestmark = pytest.mark.corpus

#: file stem → the annual GDP target as written (…主要预期目标是：地区生产总值增长X…), read by hand.
GDP_TARGETS_2026: dict[str, str] = {
    "anhui": "5%—5.5%",  # 全省地区生产总值增长5%—5.5%
    "beijing": "5%左右",
    "chongqing": "5%以上",
    "fujian": "5%左右",
    "gansu": "5.5%左右",  # its plan part has no 一、: the outline's part tells the plan from the review
    "guangdong": "4.5%—5%",  # not 二、's 十五五 年均增长5%左右
    "guangxi": "5%左右",  # 经济增长5%左右
    "guizhou": "5%左右",
    "hainan": "6%左右",  # not 十五五 年均增长6%以上
    "hebei": "5%以上",
    "heilongjiang": "4.5-5%",
    "henan": "5%左右",  # 经济增长5%左右
    "hubei": "5.5%左右",  # 经济增长5.5%左右 (was lost: labelled 经济)
    "hunan": "5%左右",  # not 十五五 年均 5%—5.5%
    "jiangsu": "5%",  # 地区生产总值按增长5%安排
    "jiangxi": "5%-5.5%",
    "jilin": "5%左右",  # not 十五五 年均增长5%以上
    "liaoning": "4.5%左右",
    "neimenggu": "5%左右",  # the targets stand in the review part, before 一、: 主要预期目标是：…
    "ningxia": "5%左右",
    "qinghai": "4.5%左右",
    "shaanxi": "5％左右",  # full-width ％ as written
    "shandong": "5%以上",
    "shanghai": "5%左右",  # 全市生产总值增长5%左右
    "shanxi": "4.5%—5%",
    "sichuan": "5.5%左右",
    "tianjin": "4.5%",
    "xinjiang": "5.5%—6%",
    "xizang": "7%以上",
    "yunnan": "4.5%左右",
    "zhejiang": "5%—5.5%",  # 全省生产总值增长5%—5.5%
}


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    reports = [load_report(str(CORPUS / f"{stem}-2026.txt")) for stem in GDP_TARGETS_2026]
    return build_table([report_figures(r) for r in reports], list(GDP_TARGETS_2026))


def test_every_province_has_its_annual_gdp_target(table) -> None:  # type: ignore[no-untyped-def]
    rows = [
        r for r in table.rows
        if (r.indicator, r.scope, r.measure, r.horizon, r.period) == ("gdp", "", "growth", "annual", "target")
    ]  # fmt: skip
    assert len(rows) == 1
    got = {name: (c.text if c is not None else None) for name, c in zip(table.names, rows[0].cells, strict=True)}
    assert got == GDP_TARGETS_2026
    assert all(c is not None and not c.ambiguous for c in rows[0].cells)


def test_five_year_averages_stay_in_their_own_row(table) -> None:  # type: ignore[no-untyped-def]
    averages = next(
        r for r in table.rows
        if (r.indicator, r.measure, r.horizon, r.period) == ("gdp", "growth", "average", "target")
    )  # fmt: skip
    by_name = dict(zip(table.names, averages.cells, strict=True))
    assert by_name["guangdong"] is not None and by_name["guangdong"].text == "5%左右"
    assert "年均" in by_name["guangdong"].sentence
