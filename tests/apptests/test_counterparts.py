"""r: the current row's section across a corpus index; marked counterparts open side by side."""

from __future__ import annotations

import pytest
from app_helpers import open_counterparts, seeds, settle
from textual.widgets import SelectionList

from core.corpus.indexer import run_index
from core.corpus.store import open_store
from tests.conftest import SEEDS
from tui.app import ReportDiffApp

SIZE = (120, 40)


@pytest.mark.asyncio
async def test_r_ranks_counterparts_and_opens_marked_ones(tmp_path, monkeypatch):
    store = open_store(tmp_path / "idx", create=True)
    run_index(store, [str(SEEDS)], jobs=1)
    store.close()
    monkeypatch.setenv("REPORTDIFF_INDEX", str(tmp_path / "idx"))
    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_counterparts(pilot)
        listing = app.screen.query_one(SelectionList)
        assert listing.option_count == 4  # the other four seeds, ranked
        result = app.screen.result
        assert result.counterparts[0].score >= result.counterparts[-1].score
        listing.highlighted = 0
        await pilot.pause()
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert len(listing.selected) == 2
        await pilot.press("o")
        await pilot.pause()
    assert app.reopen is not None and len(app.reopen) == 3
    assert app.reopen[0] == app.session.reports[app.session.pivot(app.current_row())].path


@pytest.mark.asyncio
async def test_r_without_an_index_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.delenv("REPORTDIFF_INDEX", raising=False)
    app = ReportDiffApp(seeds("000", "002"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert any("reportdiff index" in str(n.message) for n in app._notifications)
        assert app.reopen is None
