"""Issue 14 in the app: copy that says where the text went, predictable change navigation, the status line."""

from __future__ import annotations

import pytest
from app_helpers import demo, seeds, settle

from tui.app import ReportDiffApp

SIZE = (120, 40)


def notices(app: ReportDiffApp) -> list[str]:
    """Every notice the app gave (recorded: Textual drops a notice once its time is up)."""
    if not hasattr(app, "_said"):
        app._said = []
        notify = app.notify

        def record(message, *args, **kwargs):
            app._said.append(str(message))
            return notify(message, *args, **kwargs)

        app.notify = record
    return app._said


@pytest.mark.asyncio
async def test_c_says_where_the_text_went(monkeypatch):
    for name in ("TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    app = ReportDiffApp(seeds("000", "002"))
    notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert app.clipboard.count("\n") >= 1
        assert app.last_copy is not None and app.last_copy.unconfirmed == ("terminal (OSC 52)",)
        said = notices(app)[-1]
        assert "OSC 52" in said and "rows as tab-separated text" in said


@pytest.mark.asyncio
async def test_c_inside_tmux_without_tmux_says_it_failed(monkeypatch, tmp_path):
    monkeypatch.setenv("TMUX", "/nonexistent/socket,1,0")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tmux, no xclip
    monkeypatch.delenv("DISPLAY", raising=False)
    app = ReportDiffApp(seeds("000", "002"))
    notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert app.last_copy is not None and not app.last_copy.ok
        assert notices(app)[-1].startswith("not copied (tmux")


def status(app: ReportDiffApp) -> str:
    from textual.widgets import Static

    return str(app.query_one("#status", Static).render())


async def walk(app: ReportDiffApp, pilot, presses: int, key: str = "n") -> list[tuple[int, int, str]]:
    path = []
    for _ in range(presses):
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        path.append((app.current, app.changes.index, app.changes.note))
    return path


def three_versions(tmp_path) -> list[str]:
    """Seed 000 and two edited copies: each copy changes other sentences, so both pairs have changes."""
    from pathlib import Path

    text = Path(seeds("000")[0]).read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    long = [i for i, p in enumerate(paragraphs) if len(p) > 80]
    copies = []
    for k, name in enumerate(("b", "c")):
        edited = list(paragraphs)
        for i in long[k::2]:
            edited[i] = edited[i][:30] + "进一步" + edited[i][30:]
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(edited), encoding="utf-8")
        copies.append(str(path))
    return seeds("000") + copies


@pytest.mark.asyncio
async def test_n_walks_every_report_against_the_pivot_in_text_order(tmp_path):
    from tui.changes import change_stops

    app = ReportDiffApp(three_versions(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        path = await walk(app, pilot, 40)
        # Every stop is a change of a pair where both reports have text, numbered within its row.
        seen_pairs = set()
        for current, index, note in path:
            row = app.alignment.rows[current]
            assert len(row.present()) >= 2, "a row only one report has is not a change"
            stops = change_stops(row.cells, app.session.row_diffs(row), app.session.pivot(row))
            assert note.startswith(f"change {index + 1}/{len(stops)} · ")
            seen_pairs.add(note.split(" · ")[1])
            offsets = [s.pivot_offset for s in stops]
            assert offsets == sorted(offsets)
        assert len(seen_pairs) >= 2, seen_pairs  # the third report's changes are walked too
        # Rows only grow: n moves forward through the text.
        rows = [c for c, _, _ in path]
        assert rows == sorted(rows)
        assert "change " in status(app) and " vs " in status(app)


@pytest.mark.asyncio
async def test_n_and_n_back_are_deterministic_and_retrace():
    paths = []
    for _ in range(2):
        app = ReportDiffApp(demo())
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            forward = await walk(app, pilot, 12)
            back = await walk(app, pilot, 11, "N")
            paths.append((forward, back))
    assert paths[0] == paths[1]
    forward, back = paths[0]
    assert back == forward[-2::-1]  # N retraces n's steps


@pytest.mark.asyncio
async def test_l_keeps_the_current_section_in_view():
    app = ReportDiffApp(seeds("000", "004"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        row = app.current_row()
        pivot = app.session.pivot(row)
        chapter = row.cells[pivot]
        await pilot.press("l")
        await settle(pilot)
        assert app.session.level == "topics" and app.current > 0
        topic = app.current_row().cells[pivot]
        assert topic is not None and chapter.start <= topic.start < chapter.end
        await pilot.press("l")
        await settle(pilot)
        back = app.current_row().cells[pivot]
        assert app.session.level == "chapters" and back.id == chapter.id


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
async def test_the_status_line_shows_the_modes_uncut(size):
    app = ReportDiffApp(demo())
    notices(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        from rich.cells import cell_len
        from textual.containers import Vertical

        width = app.query_one("#centre", Vertical).content_size.width - 2
        line = status(app)
        assert "chapters" in line and "original text" in line and "sync on" in line
        assert all(cell_len(part) <= width for part in line.split("\n")) and "…" not in line
        await pilot.press("o")
        await pilot.pause()
        assert "normalized" in status(app) and "normalized text" in notices(app)[-1]
        await pilot.press("s")
        await pilot.pause()
        assert "sync off" in status(app)
        await pilot.press("n")
        await pilot.pause()
        line = status(app)
        assert "change 1/" in line and "sync off" in line
        assert all(cell_len(part) <= width for part in line.split("\n"))  # the modes on a line of their own


def test_a_section_only_one_report_has_is_no_change():
    from types import SimpleNamespace as NS

    from tui.changes import change_stops

    op = NS(tag="delete", a_start=5, b_start=0)
    whole = NS(mode="diff", ops=[op])
    cell = NS(start=0, end=10)
    assert change_stops([cell, None], {1: whole}, 0) == []  # everything "deleted" against nothing
    assert change_stops([cell, cell], {1: NS(mode="shared", ops=[op])}, 0) == []
    assert [s.pivot_offset for s in change_stops([cell, cell, cell], {
        2: NS(mode="diff", ops=[NS(tag="insert", a_start=3, b_start=3)]),
        1: NS(mode="diff", ops=[NS(tag="replace", a_start=7, b_start=7), NS(tag="equal", a_start=0, b_start=0)]),
    }, 0)] == [3, 7]


def test_row_labels_carry_their_parent_where_a_label_repeats():
    from core.align import align
    from core.report import report_from_text
    from tui.widgets.row_list import label_widths, qualified_labels, row_prompt

    body = "推进各项工作，取得新的成效。" * 3
    text = (f"政府工作报告\n一、过去一年工作回顾\n（一）经济运行稳中向好。{body}\n（二）改革开放持续深化。{body}\n"
            f"二、今年工作安排\n（一）着力扩大有效需求。{body}\n（二）加快建设现代化产业体系。{body}\n")
    other = text.replace("稳中向好", "回升向好")
    reports = [report_from_text(text, "a.txt"), report_from_text(other, "b.txt")]
    alignment = align(reports, level="topics")
    qualified = qualified_labels(alignment)
    widths = label_widths(alignment, qualified)
    plains = [row_prompt(r, ["a", "b"], width=80, widths=widths, qualified=qualified).plain for r in alignment.rows]
    assert any("一、(一)" in p or "一、（一）" in p for p in plains), plains
    assert any("二、(一)" in p or "二、（一）" in p for p in plains), plains
