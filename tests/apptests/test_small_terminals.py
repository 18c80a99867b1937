"""Small terminals (issue 14): help and quit stay in the footer, every key shown fits and works."""

from __future__ import annotations

import pytest
from app_helpers import demo, settle
from textual.widgets._footer import FooterKey

from tui.app import ReportDiffApp
from tui.screens.help import HelpScreen


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_every_footer_key_is_on_screen_and_help_and_quit_are_there(size):
    app = ReportDiffApp(demo())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert {"help", "quit"} <= {k.action for k in keys}
        for k in keys:
            assert k.region.width > 0 and k.region.right <= size[0], (k.key_display, k.region)
            assert k.region.y == size[1] - 1  # whole, on the last line


@pytest.mark.asyncio
async def test_at_60x20_every_footer_key_works():
    """Each key in the footer does what it says, at 60×20."""
    app = ReportDiffApp(demo())
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        actions = [(k.key, k.action) for k in app.screen.query(FooterKey)]
        for key, action in actions:
            if action == "quit":
                continue
            before = (app.current, app.changes.index, app.session.level, len(app.screen_stack))
            await pilot.press(key)
            await settle(pilot)
            if action == "help":
                assert isinstance(app.screen, HelpScreen)
                await pilot.press("escape")
                await pilot.pause()
            elif action == "search":
                assert len(app.screen_stack) == before[3] + 1
                await pilot.press("escape")
                await pilot.pause()
            elif action == "toggle_level":
                assert app.session.level != before[2]
            elif action == "toggle_metrics":
                assert app.query_one("#metrics").has_class("-shown")
            elif action.startswith("change"):
                assert (app.current, app.changes.index) != before[:2]
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code is not None or not app.is_running
