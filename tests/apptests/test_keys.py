"""Each binding's effect, driven through Textual's Pilot."""

from __future__ import annotations

import random

import pytest
from app_helpers import demo, seeds, settle
from textual import events
from textual.widgets import Input

from tui.app import ReportDiffApp
from tui.widgets.metric_table import MetricTable
from tui.widgets.report_pane import ReportPane
from tui.widgets.row_list import RowList

SIZE = (120, 40)


def pane_plain(app: ReportDiffApp, i: int) -> str:
    return app.query_one(f"#pane-{i}", ReportPane)._text.plain


@pytest.mark.asyncio
async def test_opens_demo_with_three_panes():
    app = ReportDiffApp(demo())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.session.reports) == 3
        assert len(list(app.query(ReportPane))) == 3
        assert app.alignment is not None and len(app.alignment.rows) > 5
        assert app.focused is app.query_one(RowList)


@pytest.mark.asyncio
async def test_j_k_and_arrows_move_rows():
    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        start = app.current
        await pilot.press("j")
        assert app.current == start + 1
        await pilot.press("down")
        assert app.current == start + 2
        await pilot.press("k", "up")
        assert app.current == start
        row = app.current_row()
        first = next(i for i, c in enumerate(row.cells) if c is not None)
        section = row.cells[first]
        assert pane_plain(app, first).startswith(app.session.reports[first].text[section.start : section.start + 5])


@pytest.mark.asyncio
async def test_l_switches_chapters_and_topics():
    app = ReportDiffApp(seeds("000", "004"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chapters = len(app.alignment.rows)
        await pilot.press("l")
        await settle(pilot)
        assert app.session.level == "topics"
        assert len(app.alignment.rows) > chapters
        titles = {(r.cells[0].title if r.cells[0] else None, r.cells[1].title if r.cells[1] else None)
                  for r in app.alignment.rows}
        assert ("全力保障就业", "实施更高质量就业") in titles
        await pilot.press("l")
        await settle(pilot)
        assert app.session.level == "chapters" and len(app.alignment.rows) == chapters


@pytest.mark.asyncio
async def test_m_cycles_figures_and_indicator_table_and_c_copies():
    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.query(MetricTable)  # mounted when first opened
        # Go to the row of 000's (六): its figures include 城镇新增就业 2000人.
        target = next(i for i, r in enumerate(app.alignment.rows) if r.cells[0] is not None and r.cells[0].label == "(六)")
        app.query_one(RowList).highlighted = target
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = app.query_one(MetricTable)
        assert table.has_class("-shown") and table.mode == "row"
        texts = [r[2] for r in table.rows_tsv]
        assert "2000人" in texts
        table.focus()
        await pilot.pause()
        idx = texts.index("2000人")
        table.move_cursor(row=idx)
        await pilot.pause()
        await pilot.press("c")
        assert "2000人" in (app.clipboard or "")
        await pilot.press("C")
        assert app.clipboard.count("\n") == len(table.rows_tsv) + 1
        await pilot.press("m")
        await settle(pilot)
        assert table.mode == "table"
        await pilot.press("m")
        assert not table.has_class("-shown")


@pytest.mark.asyncio
async def test_o_shows_normalized_text():
    app = ReportDiffApp(seeds("002", "000"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one(RowList).highlighted = next(
            i for i, r in enumerate(app.alignment.rows) if r.cells[0] is not None and r.cells[0].label == "一、"
        )
        await settle(pilot)
        assert "工作回顧" in pane_plain(app, 0)
        await pilot.press("o")
        assert "工作回顾" in pane_plain(app, 0) and "(qū)" not in pane_plain(app, 0)
        await pilot.press("o")
        assert "工作回顧" in pane_plain(app, 0)


@pytest.mark.asyncio
async def test_s_toggles_sync_and_f_toggles_folded():
    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.sync
        await pilot.press("s")
        assert not app.sync
        assert not app.session.show_folded
        await pilot.press("f")
        assert app.session.show_folded


@pytest.mark.asyncio
async def test_n_goes_to_next_change():
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.current
        await pilot.press("n")
        await settle(pilot)
        row = app.current_row()
        assert app.current >= before
        assert app.session.row_changed(row)


@pytest.mark.asyncio
async def test_search_jumps_to_row():
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        inp = app.screen.query_one(Input)
        inp.value = "创业担保贷款"
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        row = app.current_row()
        assert row.cells[0] is not None and row.cells[0].label == "(六)"


@pytest.mark.asyncio
async def test_pin_and_unpin():
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the third section of 001: (四)
        await settle(pilot)
        assert len(app.session.pins) == 1
        assert any(r.pinned for r in app.alignment.rows)
        pinned_index = next(i for i, r in enumerate(app.alignment.rows) if r.pinned)
        assert app.current == pinned_index  # the cursor followed the pinned section to its new row
        await pilot.press("u")
        await settle(pilot)
        assert app.session.pins == [] and not any(r.pinned for r in app.alignment.rows)


@pytest.mark.asyncio
async def test_export_csv(tmp_path):
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        path = tmp_path / "figs.csv"
        app.screen.query_one("#export-path", Input).value = str(path)
        await pilot.pause()
        await pilot.click("#export-ok")
        await settle(pilot)
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and "2000人".encode() in data


@pytest.mark.asyncio
async def test_help_lists_every_binding_and_closes():
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "HelpScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


@pytest.mark.asyncio
async def test_tab_moves_focus_and_q_quits():
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.focused
        await pilot.press("tab")
        assert app.focused is not first
        await pilot.press("shift+tab")
        assert app.focused is first
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.asyncio
async def test_bad_file_opens_with_the_rest(tmp_path):
    missing = tmp_path / "missing.txt"
    app = ReportDiffApp([*seeds("000"), str(missing), *seeds("001")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.session.reports) == 2
        assert len(app.session.failures) == 1 and "missing.txt" in app.session.failures[0].message
        assert app.query_one("#problems").has_class("-shown")
        # One pane per readable report (the failed file's pane is gone), each showing its report's text.
        panes = list(app.query(ReportPane))
        assert [p.index for p in panes] == [0, 1]
        assert [p.report_name for p in panes] == [r.name for r in app.session.reports]
        row = app.current_row()
        for pane in panes:
            section = row.cells[pane.index]
            if section is not None:
                body = app.session.reports[pane.index].folded.original[section.start : section.end]
                assert body.strip()[:20] in pane._text.plain


@pytest.mark.asyncio
async def test_markup_in_report_is_shown_as_text(tmp_path):
    p = tmp_path / "evil.txt"
    p.write_text("(一)[bold red]加强管理[/] \x1b]52;c;ZXZpbA==\x07 推进工作。全年新增就业2000人。", encoding="utf-8")
    app = ReportDiffApp([str(p), *seeds("000")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one(RowList).highlighted = next(i for i, r in enumerate(app.alignment.rows) if r.cells[0])
        await settle(pilot)
        shown = pane_plain(app, 0)
        assert "[bold red]" in shown and "\x1b" not in shown and "\x07" not in shown


@pytest.mark.asyncio
async def test_thousand_random_keys_neither_crash_nor_hang():
    keys = [*list("jknNlmosfpuC/?"), "up", "down", "tab", "shift+tab", "enter", "escape", "pageup", "pagedown"]
    rng = random.Random(1234)
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for n in range(1000):
            key = rng.choice(keys)
            char = key if len(key) == 1 else None
            # Posted without waiting for each to be handled: a user typing fast, not a polite script.
            app.post_message(events.Key(key, char))
            if n % 25 == 24:
                await pilot.pause()
        await settle(pilot)
        assert app.is_running
        # Still responsive: back to the main screen, then a key moves the row.
        for _ in range(5):
            if len(app.screen_stack) == 1:
                break
            await pilot.press("escape")
        app.query_one(RowList).focus()
        app.query_one(RowList).highlighted = 0
        await pilot.pause()
        await pilot.press("j")
        assert app.current == 1


@pytest.mark.asyncio
async def test_panes_scroll_in_sync_by_aligned_text():
    from core.folding import fold

    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        target = next(i for i, r in enumerate(app.alignment.rows) if r.cells[0] is not None and r.cells[0].label == "(六)")
        app.query_one(RowList).highlighted = target
        await settle(pilot)
        row = app.current_row()
        left, right = app.query_one("#pane-0", ReportPane), app.query_one("#pane-1", ReportPane)
        left.scroller.scroll_to(y=12, animate=False)
        await settle(pilot)
        top_left = row.cells[0].start + left.scroller.top_offset()
        top_right = row.cells[1].start + right.scroller.top_offset()
        a = fold(app.session.reports[0].text[top_left : top_left + 40]).normalized
        b = fold(app.session.reports[1].text[top_right : top_right + 80]).normalized
        assert right.scroller.scroll_y > 0 and a[:6] in b  # the right pane shows the same sentence
        await pilot.press("s")
        right.scroller.scroll_to(y=0, animate=False)
        left.scroller.scroll_to(y=3, animate=False)
        await settle(pilot)
        assert right.scroller.scroll_y == 0  # sync off


@pytest.mark.asyncio
async def test_reports_read_before_start_show_in_the_first_frame():
    # As after `reportdiff A B`, when the loader is done by the time the app has mounted: the comparison
    # is shown from on_mount, with the panes' text in the first screen, not after a "loading" screen.
    from tui.session import Session

    paths = seeds("000", "001")
    session = Session(paths)
    session.start_loading()
    session.wait_loaded()
    app = ReportDiffApp(paths, session=session)
    async with app.run_test(size=SIZE) as pilot:
        assert app.loaded and not app.query("#loading")
        await pilot.pause()
        bodies = [p._text.plain for p in app.query(ReportPane)]
        assert len(bodies) == 2 and all(bodies)
        # The text is wrapped at the panes' laid-out width, not a guess made before layout.
        for pane in app.query(ReportPane):
            view = pane.scroller
            assert view._lines and view._wrapped_width == view._content_width() > 8
        await settle(pilot)
        assert app._diffs_started and app.session._diffs  # the diffs followed the first screen


@pytest.mark.asyncio
async def test_pane_text_fills_the_pane_and_never_runs_under_the_scrollbar():
    from rich.cells import cell_len

    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for pane in app.query(ReportPane):
            view = pane.scroller
            usable = view.scrollable_content_region.width  # without padding and scrollbar
            if view.group is not None:  # sentence-aligned: the gutter's mark and space come first
                from tui.aligned import GUTTER

                usable -= GUTTER
                assert all(view.render_line(y).cell_length == usable + GUTTER for y in range(5))
            widths = [cell_len(line.plain) for line in view._lines]
            assert max(widths) <= usable
            assert max(widths) >= usable - 1  # a CJK character may not fit in the last cell


@pytest.mark.asyncio
async def test_shift_n_visits_the_changes_n_visits_in_reverse():
    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one(RowList).highlighted = 0
        await settle(pilot)
        forward = []
        for _ in range(12):
            await pilot.press("n")
            await pilot.pause()
            forward.append((app.current, app.changes.index))
        backward = []
        for _ in range(30):
            await pilot.press("N")
            await pilot.pause()
            backward.append((app.current, app.changes.index))
        # The changes inside rows (index >= 0 and below the "end of row" mark) are the same both ways.
        inside = lambda states: {s for s in states if 0 <= s[1] < 10**6}  # noqa: E731
        assert inside(forward) and inside(forward) <= inside(backward)


@pytest.mark.asyncio
async def test_export_format_choice_is_said_in_words_and_names_the_file():
    from textual.widgets import RadioButton

    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        labels = lambda: {b.id: str(b.label) for b in app.screen.query(RadioButton)}  # noqa: E731
        assert labels()["fmt-csv"].endswith("← chosen") and "chosen" not in labels()["fmt-html"]
        app.screen.query_one("#fmt-html", RadioButton).value = True
        await pilot.pause()
        assert labels()["fmt-html"].endswith("← chosen") and "chosen" not in labels()["fmt-csv"]
        assert app.screen.query_one("#export-path", Input).value.endswith("reportdiff-diff.html")


def test_row_list_label_columns_line_up():
    from rich.cells import cell_len

    from core.align import align
    from core.report import load_report
    from tui.widgets.row_list import label_widths, row_prompt

    reports = [load_report(p) for p in seeds("000", "001", "003")]
    al = align(reports, "chapters")
    widths = label_widths(al)
    names = [r.name for r in reports]
    positions = set()
    for row in al.rows:
        plain = row_prompt(row, names, width=200, widths=widths).plain
        cuts = [i for i, ch in enumerate(plain) if ch == "│"][:2]
        positions.add(tuple(cell_len(plain[:i]) for i in cuts))
    assert len(positions) == 1  # every row's separators at the same cells


def test_a_row_with_one_report_is_never_marked_unchanged():
    """`=` says two sections read the same; a section with no counterpart (or a report opened alone, the
    other file missing) has nothing to be the same as."""
    from core.align import align
    from core.report import load_report
    from tui.widgets.row_list import row_prompt

    reports = [load_report(p) for p in seeds("000", "003")]
    al = align(reports, "chapters")
    names = [r.name for r in reports]
    alone = next(r for r in al.rows if len(r.present()) == 1)
    both = next(r for r in al.rows if len(r.present()) == 2)
    assert not row_prompt(alone, names, changed=False, width=200).plain.endswith(" =")
    assert row_prompt(both, names, changed=False, width=200).plain.endswith(" =")
