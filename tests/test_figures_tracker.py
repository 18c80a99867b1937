"""Targets against outcomes on the national reports 2003–2022 and the partial 2024–2026, every year of GDP,
CPI, 城镇新增就业 and 赤字率 checked by hand against the texts (targets from each report's 预期目标 passage,
outcomes from the next report's review of the year; a year the next report gives no annual figure for —
the 2009/2010/2012/2016 reports on CPI — is 'no outcome stated'; one whose next report states it only on
another horizon — 2008's five-year review of GDP, 2018's five-year 年均上涨1.9% of CPI — is 'no comparable
outcome').

Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS

from core.figures.table import Cell
from core.figures.tracker import track, verdict
from core.report import load_report
from core.report_figures import report_figures

pytestmark = pytest.mark.corpus

# year: (target as written, outcome as written in the next report, verdict)
GDP = {
    2003: ("７％左右", "９．１％", "met"),
    2004: ("７％左右", "9．5％", "met"),
    2005: ("8％左右", "9.9%", "met"),
    2006: ("8%左右", "10.7%", "met"),
    2007: ("8%左右", None, "no comparable outcome"),  # the 2008 report reviews five years, not 2007
    2008: ("8%左右", "９％", "met"),
    2009: ("８％左右", "８．７％", "met"),
    2010: ("８％左右", "10.3%", "met"),  # stated in 2011's 三、2011年的工作 after 过去一年
    2011: ("8%左右", "9．2%", "met"),
    2012: ("7．5%", "7.8%", "met"),
    2013: ("7.5%左右", "7.7%", "met"),
    2014: ("7.5%左右", "7.4%", "close"),
    2015: ("7%左右", "6.9%", "close"),
    2016: ("6.5%－7%", "6.7%", "met"),
    2017: ("6.5%左右", "6.9%", "met"),
    2018: ("6.5%左右", "6.6%", "met"),
    2019: ("6%－6.5%", "6.1%", "met"),
    2020: (None, "2.3%", "no target"),  # 2020 set no GDP target
    2021: ("6%以上", "8.1%", "met"),
    2022: ("5.5%左右", None, "no report"),  # no 2023 report in the series
    2024: ("5%左右", None, "no outcome stated"),  # the 2025 text lacks its review figures
    2025: ("5%左右", "5%", "met"),
}
CPI = {
    2005: ("4％", "1.8%", "met"),
    2006: ("3%", "1.5%", "met"),
    2007: ("3%以内", "4.8%", "missed"),
    2008: ("4.8%左右", None, "no outcome stated"),
    2009: ("４％左右", None, "no outcome stated"),
    2010: ("３％左右", "3.3%", "close"),
    2011: ("4%左右", None, "no outcome stated"),
    2012: ("4%左右", "2.6%", "met"),
    2013: ("3.5%左右", "2.6%", "met"),
    2014: ("3.5%左右", "2%", "met"),
    2015: ("3%左右", None, "no outcome stated"),
    2016: ("3%左右", "2%", "met"),
    2017: ("3%左右", None, "no comparable outcome"),  # 2018 gives only a five-year 年均上涨1.9%
    2018: ("3%左右", "2.1%", "met"),
    2019: ("3%左右", "2.9%", "met"),
    2020: ("3.5%左右", "2.5%", "met"),
    2021: ("3%左右", "0.9%", "met"),
    2025: ("2%左右", None, "no outcome stated"),
}
JOBS = {
    2004: ("９００万人", "980万人", "met"),
    2005: ("900万人", "970万人", "met"),
    2006: ("900万人", "1184万人", "met"),
    2008: ("1000万人", "１１１３万人", "met"),
    2009: ("９００万人以上", "１１０２万人", "met"),
    2010: ("９００万人以上", "1168万人", "met"),
    2011: ("900万人以上", "1221万人", "met"),
    2012: ("900万人以上", "1266万人", "met"),
    2013: ("900万人以上", "1310万人", "met"),
    2014: ("1000万人以上", "1322万人", "met"),
    2015: ("1000万人以上", "1312万人", "met"),
    2016: ("1000万人以上", "1314万人", "met"),
    2017: ("1100万人以上", "1351万人", "met"),
    2018: ("1100万人以上", "1361万人", "met"),
    2019: ("1100万人以上", "1352万人", "met"),
    2020: ("900万人以上", "1186万人", "met"),
    2021: ("1100万人以上", "1269万人", "met"),
}
# The deficit ratio is budgeted each year; no next report states the outcome as a ratio (2015's 从去年的2.1%
# is where the change starts, not a target of 2015).
DEFICIT = {
    2011: ("2%左右", None, "no outcome stated"),
    2012: ("1．5%左右", None, "no outcome stated"),
    2013: ("2%左右", None, "no outcome stated"),
    2014: ("2.1%", None, "no outcome stated"),
    2015: ("2.3%", None, "no outcome stated"),
    2016: ("3%", None, "no outcome stated"),
    2017: ("3%", None, "no outcome stated"),
    2018: ("2.6%", None, "no outcome stated"),
    2019: ("2.8%", None, "no outcome stated"),
    2020: ("3.6%以上", None, "no outcome stated"),
    2021: ("3.2%左右", None, "no outcome stated"),
    2024: ("3%", None, "no outcome stated"),
    2025: ("4%左右", None, "no outcome stated"),
}


@pytest.fixture(scope="module")
def pairs():  # type: ignore[no-untyped-def]
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    series = []
    for path in sorted(CORPUS.glob("national-*.txt")):
        report = load_report(str(path))
        assert report.meta.year is not None
        series.append((report.meta.year, report.name, report_figures(report)))
    return track(series, [("gdp", "growth"), ("cpi", "growth"), ("new_urban_jobs", "level"), ("deficit_ratio", "share")])


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [("gdp", GDP), ("cpi", CPI), ("new_urban_jobs", JOBS), ("deficit_ratio", DEFICIT)],
)
def test_national_targets_against_outcomes(pairs, indicator, expected) -> None:  # type: ignore[no-untyped-def]
    by_year = {p.year: p for p in pairs if p.indicator == indicator}
    for year, (target, outcome, want) in expected.items():
        p = by_year[year]
        got = (
            p.target.text if p.target is not None else None,
            p.outcome.text if p.outcome is not None else None,
            p.verdict,
        )
        assert got == (target, outcome, want), year
    assert len(expected) >= 10


def _cell(value: float, qualifier: str = "", high: float | None = None, unit: str = "%", direction: int = 0) -> Cell:
    return Cell(
        "r", "x", value, high, unit, value, unit, qualifier, "l", "target", "", 0, 1, base_value_high=high,
        direction=direction,
    )


@pytest.mark.parametrize(
    ("target", "outcome", "better", "want"),
    [
        (_cell(6.5, "左右"), _cell(6.9), "higher", "met"),
        (_cell(7.5, "左右"), _cell(7.4), "higher", "close"),  # within 0.5 point of an "about" target
        (_cell(7.5, "左右"), _cell(6.8), "higher", "missed"),
        (_cell(3.0, "以内"), _cell(4.8), "lower", "missed"),
        (_cell(3.0, "左右"), _cell(2.0), "lower", "met"),
        (_cell(6.0, "", 6.5), _cell(6.1), "higher", "met"),  # inside a range
        (_cell(6.0, "", 6.5), _cell(5.9), "higher", "missed"),
        (_cell(9e6, "以上", unit="人"), _cell(1.1e7, unit="人"), "higher", "met"),
        # a decline is compared with its sign: 能耗下降3% met by 下降6.5%, missed by 下降2%
        (_cell(3.0, direction=-1), _cell(6.5, direction=-1), "lower", "met"),
        (_cell(3.0, direction=-1), _cell(2.0, direction=-1), "lower", "missed"),
        (_cell(3.1, "以上", direction=-1), _cell(5.6, direction=-1), "lower", "met"),  # at least 3.1 down
        (_cell(3.1, "以上", direction=-1), _cell(2.9, direction=-1), "lower", "missed"),
        (_cell(3.0, "左右", direction=-1), _cell(2.8, direction=-1), "lower", "close"),
        (_cell(3.0, "左右"), _cell(0.1, direction=-1), "lower", "met"),  # CPI 上涨3%左右, prices fell 0.1%
    ],
)
def test_verdicts(target: Cell, outcome: Cell, better: str, want: str) -> None:
    assert verdict(target, outcome, better)[0] == want


def test_reports_without_a_region_pair_only_with_files_named_like_them() -> None:
    """Two cities whose texts name neither (我代表市人民政府) are two governments, not one."""
    from core.figures.tracker import TrackedReport, by_government

    def tracked(path: str, year: int, region: str | None = None) -> TrackedReport:
        return TrackedReport(year=year, name=path, figures=(), region=region, path=path)

    groups, warnings = by_government([tracked("city-chizhou-2023.txt", 2023), tracked("city-hefei-2024.txt", 2024)])
    assert sorted(len(members) for _, members in groups) == [1, 1] and len(warnings) == 2
    groups, _ = by_government([tracked("yixian-2020.txt", 2020, "易县"), tracked("city-hefei-2024.txt", 2024)])
    assert sorted(len(members) for _, members in groups) == [1, 1]  # not joined to the only named government
    groups, _ = by_government([tracked("a/yixian-2020.txt", 2020, "易县"), tracked("b/yixian-2021.txt", 2021)])
    assert [len(members) for _, members in groups] == [2]  # the same name without its year
