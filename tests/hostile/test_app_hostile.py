"""The app with hostile file names and text: no markup read, no escape shown, a clipboard that is inert,
a dialog that refuses at once what it cannot write, caches that stay bounded."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from conftest import seed_file
from textual.widgets import Input, Label

from core.align import units_of
from tui.app import ReportDiffApp
from tui.session import MAX_ALIGNMENTS, MIN_DIFFS, Session
from tui.widgets.metric_table import MetricTable
from tui.widgets.row_list import RowList

from .names import NAMES, hostile_file

SIZE = (120, 40)
CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n", "\t"}


async def settle(pilot: Any) -> None:
    app = pilot.app
    for _ in range(400):
        await pilot.pause()
        if app.loaded:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(text: str) -> None:
    assert not CONTROLS & set(text), repr(text)


@pytest.mark.asyncio
async def test_markup_and_escapes_in_names_are_shown_as_text(tmp_path: Path) -> None:
    paths = [str(hostile_file(tmp_path, key)) for key in ("markup", "osc52", "title")]
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:  # a [@click=…] name raised MarkupError here
        await settle(pilot)
        assert len(app.session.reports) == 3
        rows = app.query_one(RowList)
        title = rows._border_title.plain  # type: ignore[union-attr]
        assert "[@click=app.quit]x[b]bold" in title  # literally, not bold, not a link
        assert not rows._border_title.spans  # type: ignore[union-attr]
        shown(title)
        shown(app.sub_title)
        assert "␛]52;c;" in app.sub_title
        for label in app.query(Label):
            shown(str(label.render()))
        assert app.is_running


@pytest.mark.asyncio
async def test_the_clipboard_gets_inert_cells_and_c_copies_the_figure(tmp_path: Path) -> None:
    paths = [str(hostile_file(tmp_path, key)) for key in ("formula", "cr")]
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = next(i for i, r in enumerate(app.alignment.rows) if r.cells[0] is not None and r.cells[0].label == "一、")
        app.query_one(RowList).highlighted = row
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = app.query_one(MetricTable)
        table.focus()
        await pilot.pause()
        await pilot.press("c")
        figure = table.selected_figure()
        assert figure is not None and app.clipboard == figure[1].text  # the figure, not its whole row
        await pilot.press("C")
        lines = app.clipboard.split("\n")
        assert lines[-1] == "" and len(lines) == len(table.rows_tsv) + 2
        for line in lines[:-1]:
            cells = line.split("\t")
            assert len(cells) == len(table.header_tsv)
            for cell in cells:
                assert not cell.startswith(("=", "+", "-", "@")) or cell.lstrip("-").replace(".", "").isdigit(), cell
        assert any(cell.startswith("'=HYPERLINK") for line in lines for cell in line.split("\t"))


@pytest.mark.asyncio
async def test_the_export_dialog_refuses_at_once_what_it_may_not_write(tmp_path: Path) -> None:
    paths = [str(seed_file("000")), str(seed_file("001"))]
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        warning = app.screen.query_one("#export-warning", Label)
        for path, said in [
            (str(tmp_path), "is a directory"),
            (paths[0], "refusing to overwrite an input report"),
            (str(tmp_path / ("长" * 300 + ".csv")), "the file name is too long"),
            ("/dev/null", "not a regular file"),
            (str(tmp_path / "missing" / "x.csv"), "no such directory"),
        ]:
            field.value = path
            await pilot.pause()
            await pilot.click("#export-ok")
            await pilot.pause()
            text = str(warning.render())
            assert said in text and "press Export again" not in text, (path, text)
            await pilot.click("#export-ok")  # a second press does not overwrite either
            await pilot.pause()
            assert said in str(warning.render())
        assert Path(paths[0]).read_text(encoding="utf-8").startswith(seed_file("000").read_text(encoding="utf-8")[:20])
        existing = tmp_path / "old.csv"
        existing.write_text("keep")
        field.value = str(existing)
        await pilot.pause()
        await pilot.click("#export-ok")
        await pilot.pause()
        assert "press Export again to overwrite it" in str(warning.render())


@pytest.mark.asyncio
async def test_an_export_error_naming_a_hostile_path_is_an_inert_notification(tmp_path: Path) -> None:
    paths = [str(seed_file("000")), str(seed_file("001"))]
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = tmp_path / NAMES["title"]
        target.symlink_to(tmp_path / "elsewhere.csv")
        app.export("csv", str(target), True)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("symbolic link" in m for m in messages), messages
        for m in messages:
            shown(m.replace("\n", " "))


def test_pins_and_unpins_keep_the_caches_bounded() -> None:
    session = Session([str(seed_file("000")), str(seed_file("002"))])
    session.load()
    rnd = random.Random(5)
    ua, ub = units_of(session.reports[0], "chapters"), units_of(session.reports[1], "chapters")

    def step(k: int) -> None:
        if k % 2 == 0:
            session.pin(0, rnd.choice(ua).id, 1, rnd.choice(ub).id)
        else:
            session.unpin(rnd.choice(session.alignment().rows))
        for row in session.alignment().rows:
            session.row_diffs(row)

    for k in range(20):
        step(k)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for k in range(20, 120):
            step(k)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rows = len(session.alignment().rows)
    assert len(session._alignments) <= MAX_ALIGNMENTS  # was one a pin or unpin (300 of them: 62 → 343)
    assert len(session._diffs) <= 2 * rows + MIN_DIFFS
    assert after - before < 2 * 1024 * 1024


@pytest.mark.asyncio
async def test_a_fifo_is_shown_as_a_report_that_could_not_be_read(tmp_path: Path) -> None:
    import os

    from textual.widgets import Static

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    app = ReportDiffApp([str(fifo), str(seed_file("000")), str(seed_file("001"))])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.session.reports) == 2
        problems = str(app.query_one("#problems", Static).render())
        assert "is a named pipe (FIFO) that nothing writes to" in problems
