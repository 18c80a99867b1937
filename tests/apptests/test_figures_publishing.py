"""The app's figures for a journalist (review of issue 11): a decline reads as one, no value is cut at the
table's edge at 80×24, c copies text for notes, the figure list's number column says something, and the
export dialog's Enter exports the format marked as chosen."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from app_helpers import settle
from conftest import CORPUS
from rich.cells import cell_len
from textual.coordinate import Coordinate
from textual.widgets import Input, RadioButton

from tui.app import ReportDiffApp
from tui.export import export_comparison
from tui.widgets.metric_table import FIRST_REPORT_COLUMN, MetricTable

A = """甲县2022年政府工作报告
一、2021年工作回顾
全年地区生产总值增长7.4%，固定资产投资增长7.8%。空气质量综合指数、PM2.5平均浓度分别下降16.6%和20.7%。
二、2022年工作安排
主要预期目标是：地区生产总值增长8%以上，城镇新增就业一万五千人。
"""
B = """甲县2023年政府工作报告
一、2022年工作回顾
全年地区生产总值增长6%，固定资产投资增长10%。空气质量综合指数、PM2.5浓度分别下降3.02%、2.17%。
二、2023年工作安排
主要预期目标是：地区生产总值增长7%左右，城镇新增就业2000人。
"""


def _reports(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("jia-2022.txt", A), ("jia-2023.txt", B)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


async def _indicators(pilot) -> MetricTable:  # type: ignore[no-untyped-def]
    for _ in range(2):
        await pilot.press("m")
        await settle(pilot)
    table = pilot.app.query_one(MetricTable)
    assert table.mode == "table" and table.table is not None
    return table


def _row(table: MetricTable, indicator: str) -> int:
    return next(i for i, r in enumerate(table.table.rows) if r.indicator == indicator)


@pytest.mark.asyncio
async def test_a_decline_reads_as_one_in_the_table_its_trend_and_the_export(tmp_path: Path) -> None:
    app = ReportDiffApp(_reports(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = await _indicators(pilot)
        cells = table.rows_tsv[_row(table, "pm25")]
        assert cells[FIRST_REPORT_COLUMN : FIRST_REPORT_COLUMN + 2] == ["下降20.7%", "下降2.17%"]
        assert cells[FIRST_REPORT_COLUMN - 1] == "▁█"  # the 20.7% fall is the low point, not a taller bar
        out = tmp_path / "figs.csv"
        export_comparison(app.session, "csv", out)  # what e → CSV writes
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        fall = next(r for r in rows if r["text"] == "20.7%")
        assert fall["direction"] == "-1" and float(fall["signed_value"]) == -20.7


@pytest.mark.asyncio
async def test_c_on_an_indicator_copies_text_for_notes(tmp_path: Path) -> None:
    app = ReportDiffApp(_reports(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = await _indicators(pilot)
        table.focus()
        table.cursor_coordinate = Coordinate(_row(table, "gdp"), 0)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        copied = app.clipboard or ""
        assert copied.startswith("地区生产总值 · 结果 · 7.4% · 6%"), copied
        assert "-1.4个百分点" in copied and "'" not in copied
        assert not any(ch in copied for ch in "▁▂▃▄▅▆▇█")


@pytest.mark.asyncio
async def test_the_number_column_only_says_what_the_figure_does_not(tmp_path: Path) -> None:
    app = ReportDiffApp(_reports(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        plan = next(i for i, r in enumerate(app.alignment.rows) if r.cells[0] is not None and r.cells[0].label == "二、")
        app.query_one("RowList").highlighted = plan  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = app.query_one(MetricTable)
        assert table.mode == "row" and table.header_tsv[3] == "as number"
        numbers = {r[2]: r[3] for r in table.rows_tsv}
        assert numbers["8%以上"] == ""  # 8% again would repeat the figure
        assert numbers["一万五千人"] == "1.5万人"


@pytest.mark.asyncio
async def test_at_80x24_no_value_is_cut_at_the_tables_edge() -> None:
    """顺平 2022/2023: the second report's 10% was shown as "1" (review finding 21)."""
    county = CORPUS / "local" / "county"
    files = [county / "baoding-shunping-2022.txt", county / "baoding-shunping-2023.txt"]
    if not all(f.exists() for f in files):
        pytest.skip("local corpus absent")
    app = ReportDiffApp([str(f) for f in files])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = await _indicators(pilot)
        await pilot.pause()
        columns = list(table.columns.values())
        used = sum(c.width + 2 * table.cell_padding for c in columns)
        assert used <= table.size.width  # every column whole on screen: nothing runs past the edge
        r = _row(table, "fixed_asset_investment")
        assert table.rows_tsv[r][FIRST_REPORT_COLUMN + 1] == "10%"
        assert columns[FIRST_REPORT_COLUMN + 1].width >= cell_len("10%")
        assert all(cell_len(c.label.plain) <= c.width for c in columns[FIRST_REPORT_COLUMN:])  # 顺平县 2023 whole


@pytest.mark.asyncio
async def test_export_marks_only_the_chosen_format_and_enter_exports_it(tmp_path: Path) -> None:
    app = ReportDiffApp(_reports(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        marks = lambda: {b.id: b._button.plain[1] for b in app.screen.query(RadioButton)}  # noqa: E731
        assert marks() == {"fmt-csv": "●", "fmt-html": "○"}
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "reportdiff-figures.csv")
        app.screen.query_one("#export-format").focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "reportdiff-figures.csv").exists()  # Enter exported the chosen CSV
        # ↓ moves to the HTML page; Enter chooses it and exports it
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "reportdiff-figures.csv")
        app.screen.query_one("#export-format").focus()
        await pilot.pause()
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "reportdiff-diff.html").read_text(encoding="utf-8").lstrip().startswith("<!")
