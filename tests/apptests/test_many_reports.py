"""Issue 14, many reports: with 5-8 reports a window of 2-4 readable panes, `[`/`]` to switch which."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import seeds, settle

from tui.app import ReportDiffApp
from tui.changes import change_stops
from tui.widgets.report_pane import ReportPane
from tui.widgets.row_list import RowList

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def eight_versions(tmp_path: Path) -> list[str]:
    """Seed 000 and seven copies, each edited in other paragraphs: every pair has changes of its own."""
    text = Path(seeds("000")[0]).read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    long = [i for i, p in enumerate(paragraphs) if len(p) > 80]
    out = seeds("000")
    for k in range(7):
        edited = list(paragraphs)
        for i in long[k::7]:
            edited[i] = edited[i][:20 + 3 * k] + "进一步" + edited[i][20 + 3 * k:]
        path = tmp_path / f"v{k + 1}.txt"
        path.write_text("\n".join(edited), encoding="utf-8")
        out.append(str(path))
    return out


def provinces() -> list[str]:
    files = sorted(CORPUS.glob("*-2026.txt"))[:8]
    if len(files) < 8:
        pytest.skip("corpus absent (../shared/corpus/*-2026.txt)")
    return [str(p) for p in files]


def shown(app: ReportDiffApp) -> list[int]:
    return [p.index for p in app.query(ReportPane) if p.display]


def status(app: ReportDiffApp) -> str:
    from textual.widgets import Static

    return str(app.query_one("#status", Static).render())


async def check_window(app: ReportDiffApp, pilot) -> None:
    """2-4 panes, the pivot among them, readable where the terminal allows; `]` pages through every report."""
    await settle(pilot)
    n = len(app.session.reports)
    assert n == 8
    first = shown(app)
    assert 2 <= len(first) <= 4
    row = app.current_row()
    assert app.session.pivot(row) in first
    panes = [p for p in app.query(ReportPane) if p.display]
    if app.size.width >= 120:
        assert all(p.size.width >= 36 for p in panes), [p.size.width for p in panes]
    assert f"of {n}" in status(app)
    assert f"/{n})" in str(app.query_one(RowList).border_title)
    assert str(panes[1].query_one("Label").render()).startswith(f"{panes[1].index + 1}/{n} ")
    seen = set(first)
    for _ in range(8):
        await pilot.press("right_square_bracket")
        await pilot.pause()
        now = shown(app)
        assert 2 <= len(now) <= 4 and app.session.pivot(app.current_row()) in now
        # Every shown pane got this row's text (hidden ones are not painted).
        for p in app.query(ReportPane):
            if p.display:
                assert "/8 " in str(p.query_one("Label").render())
        seen |= set(now)
    assert seen == set(range(n))
    # The row list lists the shown reports' labels (its title names them).
    cols = app.query_one(RowList).columns
    assert cols is not None and set(cols) <= set(range(n)) and len(cols) == len(first)
    await pilot.press("left_square_bracket")
    await pilot.pause()
    assert shown(app) != []


@pytest.mark.asyncio
async def test_eight_reports_show_a_window_of_panes_and_page_through(tmp_path):
    app = ReportDiffApp(eight_versions(tmp_path), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await check_window(app, pilot)


@pytest.mark.asyncio
async def test_eight_reports_at_80x24_still_two_panes(tmp_path):
    app = ReportDiffApp(eight_versions(tmp_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(shown(app)) == 2


@pytest.mark.asyncio
async def test_wider_terminal_shows_more_panes(tmp_path):
    app = ReportDiffApp(eight_versions(tmp_path), lang="en")
    async with app.run_test(size=(220, 40)) as pilot:
        await settle(pilot)
        assert len(shown(app)) == 4
        assert all(p.size.width >= 36 for p in app.query(ReportPane) if p.display)


async def check_n_reveals(app: ReportDiffApp, pilot, presses: int) -> set[int]:
    """n walks the changes of every report against the pivot; the change's pane is always on screen."""
    await settle(pilot)
    reports = set()
    for _ in range(presses):
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        if app.changes.index < 0:
            continue
        row = app.current_row()
        stops = change_stops(row.cells, app.session.row_diffs(row), app.session.pivot(row))
        stop = stops[app.changes.index]
        assert stop.report in shown(app), (stop.report, shown(app))
        assert app.session.pivot(row) in shown(app)
        reports.add(stop.report)
    return reports


@pytest.mark.asyncio
async def test_n_shows_the_pane_of_a_hidden_reports_change(tmp_path):
    app = ReportDiffApp(eight_versions(tmp_path), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        reports = await check_n_reveals(app, pilot, 40)
        assert len(reports) >= 3, reports  # reports beyond the first window were walked (and shown)


def outlined(tmp_path: Path) -> list[str]:
    """Eight made-up reports with parts 一、二、 each holding (一)(二): the same label twice in a report."""
    out = []
    for k in range(8):
        lines = ["政府工作报告", ""]
        for part, name in (("一", "回顾"), ("二", "安排")):
            lines.append(f"{part}、{name}第{k}稿")
            for sub in ("一", "二"):
                lines.append(f"（{sub}）关于{name}{sub}的工作")
                lines.append(f"我们坚持推进{name}{sub}的各项工作，取得明显成效，第{k}次修改。" * 3)
        path = tmp_path / f"r{k}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        out.append(str(path))
    return out


async def check_parent_labels(app: ReportDiffApp) -> int:
    """Every listed label of a section under a labelled part reads with its parent (二、(一))."""
    rows = app.query_one(RowList)
    checked = 0
    for k in rows.columns or []:
        by_id = {s.id: s for s in app.session.reports[k].walk()}
        for i, row in enumerate(app.alignment.rows):
            c = row.cells[k]
            parent = by_id.get(c.id.rpartition(".")[0]) if c is not None and "." in c.id else None
            if parent is None or not parent.label or not c.label or parent.label == c.label:
                continue
            assert parent.label + c.label in rows.get_option_at_index(i).prompt.plain
            checked += 1
    return checked


@pytest.mark.asyncio
async def test_row_list_labels_carry_their_parent_with_many_reports(tmp_path):
    app = ReportDiffApp(outlined(tmp_path), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if not await check_parent_labels(app):
            await pilot.press("l")
            await settle(pilot)
        assert await check_parent_labels(app)
        assert "一、(一)" in rows_text(app) and "二、(一)" in rows_text(app)


def rows_text(app: ReportDiffApp) -> str:
    rows = app.query_one(RowList)
    return "\n".join(rows.get_option_at_index(i).prompt.plain for i in range(rows.option_count))


@pytest.mark.asyncio
async def test_scroll_sync_between_the_shown_panes(tmp_path):
    app = ReportDiffApp(eight_versions(tmp_path), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # a long row: the pivot's pane scrolls
        for _ in range(len(app.alignment.rows)):
            pivot = app.session.pivot(app.current_row())
            pane = app.query_one(f"#pane-{pivot}", ReportPane)
            if pane.scroller.max_scroll_y > 5:
                break
            await pilot.press("j")
            await settle(pilot)
        pane.scroller.scroll_to(y=4, animate=False)
        await pilot.pause()
        await pilot.pause()
        others = [p for p in app.query(ReportPane) if p.display and p is not pane]
        assert others and all(p.scroller.scroll_y > 0 for p in others)


@pytest.mark.asyncio
async def test_eight_provinces(tmp_path):
    app = ReportDiffApp(provinces(), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await check_window(app, pilot)
        reports = await check_n_reveals(app, pilot, 30)
        assert len(reports) >= 2
        await check_parent_labels(app)  # each listed label under a labelled part reads with it
        await pilot.press("m")  # the figures table with 8 reports
        await settle(pilot)
        table = app.figures.table()
        assert table is not None and table.has_class("-shown")
