"""The modes say themselves (issue 14 review): o gives the row list the normalized titles too; z and f,
off by default, are named in the status line while on; the fold line speaks the interface's language."""

from __future__ import annotations

import pytest
from app_helpers import seeds, settle
from textual.widgets import Static

from tui import i18n
from tui.aligned import fold_label
from tui.app import ReportDiffApp
from tui.widgets.row_list import RowList

SIZE = (160, 40)


def prompts(app: ReportDiffApp) -> list[str]:
    rows = app.query_one(RowList)
    return [rows.get_option_at_index(i).prompt.plain for i in range(rows.option_count)]


def status(app: ReportDiffApp) -> str:
    return str(app.query_one("#status", Static).render())


@pytest.mark.asyncio
async def test_o_shows_normalized_row_titles():
    app = ReportDiffApp(seeds("000", "002", "001"), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("擴(kuò)" in p for p in prompts(app))  # 001 writes traditional script with pinyin
        await pilot.press("o")
        await settle(pilot)
        assert not any("(kuò)" in p for p in prompts(app)) and any("扩大" in p for p in prompts(app))
        await pilot.press("o")
        await settle(pilot)
        assert any("擴(kuò)" in p for p in prompts(app))


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_z_and_f_are_in_the_status_line_while_on(lang):
    app = ReportDiffApp(seeds("000", "002"), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert i18n.t("status.fold") not in status(app) and i18n.t("status.folded") not in status(app)
        await pilot.press("z")
        await settle(pilot)
        assert i18n.t("status.fold") in status(app)
        await pilot.press("f")
        await settle(pilot)
        assert i18n.t("status.fold") in status(app) and i18n.t("status.folded") in status(app)
        assert any(i18n.t("note.folded_shown") in str(n.message) for n in app._notifications)
        await pilot.press("z", "f")
        await settle(pilot)
        assert i18n.t("status.fold") not in status(app) and i18n.t("status.folded") not in status(app)


def test_fold_line_in_both_languages():
    try:
        i18n.set_language("zh")
        assert "3 句未改动" in fold_label(3) and "z" in fold_label(3)
        i18n.set_language("en")
        assert "1 unchanged sentence " in fold_label(1) and "3 unchanged sentences" in fold_label(3)
    finally:
        i18n.set_language("en")
