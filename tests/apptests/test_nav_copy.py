"""Issue 14 in the app: copy that says where the text went, predictable change navigation, the status line."""

from __future__ import annotations

import pytest
from app_helpers import seeds, settle

from tui.app import ReportDiffApp

SIZE = (120, 40)


def notices(app: ReportDiffApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.asyncio
async def test_c_says_where_the_text_went(monkeypatch):
    for name in ("TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    app = ReportDiffApp(seeds("000", "002"))
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
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert app.last_copy is not None and not app.last_copy.ok
        assert notices(app)[-1].startswith("not copied (tmux")
