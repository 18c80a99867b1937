"""A decline keeps its sign everywhere the table goes: the cell as written (下降20.7%), the signed value of the
CSV, the change between two reports, a chart's value, and the figure CSV the app exports (review finding 6)."""

from __future__ import annotations

import csv
import io

from core.export import figures_csv, table_csv
from core.figures import build_table, extract_figures
from core.figures.series import row_values, sparkline
from core.figures.table import cell_text

A = "空气质量综合指数、PM2.5平均浓度分别下降16.6%和20.7%，全年优良天数达到236天。"
B = "空气质量综合指数、PM2.5浓度分别下降3.02%、2.17%，地区生产总值增长6%。"


def _table():  # type: ignore[no-untyped-def]
    return build_table([extract_figures(A), extract_figures(B)], ["甲 2022", "甲 2023"])


def _pm25(table):  # type: ignore[no-untyped-def]
    return next(r for r in table.rows if r.indicator == "pm25")


def test_a_decline_reads_as_written_and_is_negative() -> None:
    row = _pm25(_table())
    a, b = row.cells
    assert a is not None and b is not None
    assert (cell_text(a), cell_text(b)) == ("下降20.7%", "下降2.17%")
    assert (a.signed_value, b.signed_value) == (-20.7, -2.17)
    assert a.text == "20.7%"  # the figure itself is still the number as written
    # from a 20.7% fall to a 2.17% fall is +18.53 points, not -18.53
    assert row.change is not None and row.change.difference > 18


def test_the_wide_csv_has_the_verb_and_a_signed_value() -> None:
    rows = list(csv.DictReader(io.StringIO(table_csv(_table()))))
    pm = next(r for r in rows if r["indicator"] == "pm25")
    assert pm["甲 2022"] == "下降20.7%" and float(pm["甲 2022 value"]) == -20.7
    gdp = next(r for r in rows if r["indicator"] == "gdp")
    assert gdp["甲 2023"] == "6%" and float(gdp["甲 2023 value"]) == 6  # growth stays as it is


def test_the_long_csv_says_the_direction() -> None:
    rows = list(csv.DictReader(io.StringIO(table_csv(_table(), long=True))))
    pm = [r for r in rows if r["indicator"] == "pm25"]
    assert {r["direction"] for r in pm} == {"-1"}
    assert sorted(float(r["signed_value"]) for r in pm) == [-20.7, -2.17]
    assert {r["text"] for r in pm} == {"下降20.7%", "下降2.17%"}


def test_a_chart_of_declines_shows_the_larger_fall_lower() -> None:
    values = row_values(_pm25(_table()))
    assert values == [-20.7, -2.17]
    assert sparkline(values) == "▁█"  # a 20.7% fall is the lower point, not the higher bar


def test_the_figure_csv_carries_direction_and_a_signed_value() -> None:
    rows = list(csv.DictReader(io.StringIO(figures_csv(extract_figures(A)))))
    fall = next(r for r in rows if r["text"] == "20.7%")
    assert fall["direction"] == "-1" and float(fall["signed_value"]) == -20.7 and fall["kind"] == "change"
    days = next(r for r in rows if r["text"] == "236天")
    assert float(days["signed_value"]) == 236


def test_a_negative_number_is_not_given_a_verb() -> None:
    table = build_table([extract_figures("居民消费价格下降0.3%。"), extract_figures("居民消费价格增长-0.5%。")],
                        ["a", "b"])
    texts = {cell_text(c) for r in table.rows for c in r.cells if c is not None}
    assert "下降0.3%" in texts
    assert not any(t.startswith("下降-") or t.startswith("下降负") for t in texts)
