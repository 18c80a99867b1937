"""The dialogs and their notices speak the interface's language too (issue 14): counterparts (r), the
folder picker (reportdiff DIR), export (e), search (/), targets (t) and the app's notices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_helpers import open_counterparts, seeds, settle
from textual.widgets import Button, Input, Label, SelectionList, Static

from core.corpus.indexer import run_index
from core.corpus.store import open_store
from tests.conftest import SEEDS
from tui import i18n
from tui.app import ReportDiffApp
from tui.screens.folder_picker import FolderPickerApp

SIZE = (120, 40)
CJK = re.compile(r"[\u4e00-\u9fff]")


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def words(widget) -> str:
    return str(widget.render())


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("idx") / "idx"
    store = open_store(folder, create=True)
    run_index(store, [str(SEEDS)], jobs=1)
    store.close()
    return folder


@pytest.mark.asyncio
@pytest.mark.parametrize(("lang", "title", "status"), [("zh", "的对应部分", "索引中"), ("en", "counterparts of", "indexed reports")])
async def test_counterparts_screen(index, monkeypatch, lang, title, status):
    monkeypatch.setenv("REPORTDIFF_INDEX", str(index))
    app = ReportDiffApp(seeds("000", "002"), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_counterparts(pilot)
        assert title in words(app.screen.query_one("#counterparts-title", Static))
        said = words(app.screen.query_one("#counterparts-status", Static))
        assert status in said and (CJK.search(said) is not None) == (lang == "zh"), said
        listing = app.screen.query_one(SelectionList)
        listing.highlighted = 0
        for _ in range(4):  # one too many
            await pilot.press("space", "down")
        await pilot.press("o")
        await pilot.pause()
        assert any(i18n.t("cp.too_many", most=3, all=4) == n for n in notices(app))


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_app_notices(monkeypatch, lang):
    monkeypatch.delenv("REPORTDIFF_INDEX", raising=False)
    app = ReportDiffApp(seeds("000", "002"), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "g")
        await pilot.pause()
        said = notices(app)
        for key in ("note.no_index", "note.plot_first"):
            assert i18n.t(key) in said, (key, said)
        assert all((CJK.search(n) is not None) == (lang == "zh") for n in said), said


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_export_and_search_dialogs(lang):
    app = ReportDiffApp(seeds("000", "002"), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        labels = " ".join(words(w) for w in app.screen.query(Label)) + " ".join(
            str(b.label) for b in app.screen.query(Button))
        assert i18n.t("ex.heading") in labels and i18n.t("ex.export") in labels
        app.screen.query_one("#export-path", Input).value = ""
        await pilot.click("#export-ok")
        await pilot.pause()
        assert i18n.t("ex.no_name") in words(app.screen.query_one("#export-warning", Label))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == i18n.t("search.placeholder")


@pytest.mark.asyncio
@pytest.mark.parametrize(("lang", "marked", "warn"), [("zh", "已选 0 份", "请用空格选"), ("en", "0 marked", "mark 2 to 8")])
async def test_folder_picker(tmp_path, lang, marked, warn):
    for name in ("000", "002"):
        (tmp_path / f"{name}.txt").write_text(Path(seeds(name)[0]).read_text(encoding="utf-8"), encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.iterdir())
    app = FolderPickerApp(str(tmp_path), files, lang=lang)
    async with app.run_test(size=(100, 20)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if len(app.screen.entries) == 2:
                break
        await pilot.pause()
        assert marked in words(app.screen.query_one("#picker-status", Static))
        await pilot.press("enter")
        await pilot.pause()
        assert any(warn in n for n in notices(app))
        await pilot.press("q")


@pytest.mark.parametrize(("lang", "said"), [("zh", "2 个值中的第 1 个"), ("en", "1 of 2 values")])
def test_source_note_of_several_values(lang, said):
    from types import SimpleNamespace

    from tui.figure_source import source_note

    cell = SimpleNamespace(section="1.2", text="5.2万亿元", sentence="地区生产总值5.2万亿元。")
    try:
        i18n.set_language(lang)
        assert said in source_note("北京市 2026", cell, 0, 2, "一、")
    finally:
        i18n.set_language("en")


@pytest.mark.asyncio
@pytest.mark.parametrize(("lang", "theme", "key"), [("zh", "主题：浅色", "按键：n"), ("en", "Theme: light", "key: n")])
async def test_command_palette_speaks_the_language(lang, theme, key):
    app = ReportDiffApp(seeds("000", "001"), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(app.screen))
        assert theme in [c.title for c in commands]
        nxt = next(c for c in commands if c.title == i18n.t("key.change_next"))
        assert nxt.help == key
