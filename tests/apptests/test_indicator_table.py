"""The cross-report indicator table in the app: Enter on a cell shows its figure's sentence in its pane,
g draws the indicator, c copies without doubling a unit."""

from __future__ import annotations

import pytest
from app_helpers import seeds, settle
from textual.coordinate import Coordinate

from tui.app import ReportDiffApp
from tui.screens.plot import PlotScreen
from tui.widgets.metric_table import FIRST_REPORT_COLUMN, MetricTable, base_text
from tui.widgets.report_pane import ReportPane
from tui.widgets.row_list import RowList

SIZE = (120, 40)


async def _open_table(pilot) -> MetricTable:  # type: ignore[no-untyped-def]
    await pilot.press("m")
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    table = pilot.app.query_one(MetricTable)
    assert table.mode == "table" and table.table is not None
    return table


@pytest.mark.asyncio
async def test_enter_on_a_cell_highlights_its_sentence_in_its_pane():
    app = ReportDiffApp(seeds("000", "004"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await _open_table(pilot)
        # a 宽城 (004) figure outside the row the app opened on
        first = app.current_row()
        r = next(
            i for i, row in enumerate(table.table.rows)
            if row.cells[1] is not None
            and not (first.cells[1] and first.cells[1].start <= row.cells[1].start < first.cells[1].end)
        )  # fmt: skip
        cell = table.table.rows[r].cells[1]
        table.focus()
        table.cursor_coordinate = Coordinate(r, FIRST_REPORT_COLUMN + 1)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        row = app.current_row()
        assert row is not None and row.cells[1] is not None
        assert row.cells[1].start <= cell.start < row.cells[1].end  # the row list moved to the figure's row
        assert app.query_one(RowList).highlighted == app.current
        pane = app.query_one("#pane-1", ReportPane)
        section = row.cells[1]
        spans = [(s.start + section.start, s.end + section.start) for s in pane._text.spans]
        assert (cell.sentence_start, cell.sentence_end) in spans  # the sentence is marked
        assert cell.text in app.session.reports[1].text[cell.sentence_start : cell.sentence_end]
        assert table.mode == "table" and table.cursor_coordinate.row == r  # the table kept its place
        from core.batch import section_labels

        label = section_labels(app.session.reports[1])[cell.section]
        assert label != cell.section  # a label such as 二、(三), not the section's id
        assert any(f" · {label} · {cell.text}" in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_g_draws_the_indicator_across_reports():
    app = ReportDiffApp(seeds("000", "004"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await _open_table(pilot)
        table.focus()
        table.cursor_coordinate = Coordinate(0, FIRST_REPORT_COLUMN)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PlotScreen)
        assert app.screen.row is table.table.rows[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlotScreen)


def test_base_values_keep_one_magnitude():
    """5575万 has base value 55,750,000 and no base unit: the table shows 5575万, not 5575万万."""
    from core.figures import extract_figures

    figs = extract_figures("5575万农村贫困人口实现脱贫，960多万建档立卡贫困人口搬迁，投资1000万元。")
    assert [base_text(f) for f in figs] == ["5575万", "960万", "1000万元"]


@pytest.mark.asyncio
async def test_t_shows_targets_against_outcomes(tmp_path):
    from tui.screens.tracker import TrackerScreen

    paths = []
    for year, result, target in ((2025, "5.1%", "5.5%左右"), (2026, "5.6%", "5%以上")):
        path = tmp_path / f"x-{year}.txt"
        path.write_text(
            f"{year}年东昌区人民政府工作报告\n一、{year - 1}年工作回顾\n过去一年，地区生产总值增长{result}。\n"
            f"二、{year}年工作安排\n今年的主要预期目标是：地区生产总值增长{target}。\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
        pair = next(p for p in app.screen.pairs if p.indicator == "gdp" and p.year == 2025)
        assert (pair.target.text, pair.outcome.text, pair.verdict) == ("5.5%左右", "5.6%", "met")
