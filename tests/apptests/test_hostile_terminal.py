"""A hostile terminal (issue 14): at 60×20 every key in the footer or in `?` help can be seen and reached
(help pages down to its last line), and quit is on screen. Read from what the screen paints, in both
languages."""

from __future__ import annotations

import re

import pytest
from app_helpers import demo, settle
from textual.containers import VerticalScroll
from textual.widgets._footer import FooterKey

from tui import i18n
from tui.app import ReportDiffApp
from tui.screens.help import HelpScreen

SIZE = (60, 20)


def screen_lines(app: ReportDiffApp) -> list[str]:
    """The characters the current screen paints (a wide character once)."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def help_rows(app: ReportDiffApp) -> list[tuple[str, str]]:
    """(keys, what) as help lists them: the fixed ones and every binding of the app."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return [(k, w) for k, w in screen.rows()]


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_footer_keys_and_quit_are_painted(lang):
    app = ReportDiffApp(demo(), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        last = screen_lines(app)[-1]
        keys = [k for k in app.screen.query(FooterKey)]
        assert {"help", "quit"} <= {k.action for k in keys}
        for k in keys:  # whole: the key and its word, on the last line
            assert f"{k.key_display} {k.description}" in last, (k.key_display, last)
        assert f"q {i18n.t('key.quit')}" in last
        # Opening the figures table (m) takes room from the panes, not from the footer.
        await pilot.press("m")
        await settle(pilot)
        assert f"q {i18n.t('key.quit')}" in screen_lines(app)[-1]


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_help_pages_show_every_key(lang):
    app = ReportDiffApp(demo(), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
        bound = {b.key_display or b.key for b in app.BINDINGS_LIST}
        assert bound <= {k for k, _ in rows} | {"question_mark,f1"}
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0  # at 60×20 help is longer than a page: this test pages through it
        seen: list[str] = []
        for _ in range(40):
            seen += screen_lines(app)
            if scroll.scroll_y >= scroll.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
            await pilot.pause()
        else:
            pytest.fail("help never reached its end with pgdn")
        for keys, what in rows:
            start = re.escape(what.split()[0][:3])
            pattern = re.compile(rf"│\s+{re.escape(keys)}\s+│\s+{start}")
            assert any(pattern.search(line) for line in seen), (keys, what)
        # The last page ends with help's last words (the row labels), and the frame says how to leave.
        end = "".join(line.strip("│ ") for line in screen_lines(app)[-8:])
        tail = re.sub(r"\W", "", i18n.t("help.row_labels"))[-4:]
        assert tail in re.sub(r"\W", "", end), end
        assert any(i18n.t("help.how") in line for line in screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert f"q {i18n.t('key.quit')}" in screen_lines(app)[-1]
