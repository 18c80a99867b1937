"""Snapshots of the main screens at fixed terminal sizes (Textual pinned in pyproject.toml).

Update after a deliberate change of the look: pytest tests/apptests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from app_helpers import seeds, settle

from tui.app import ReportDiffApp


def app_of(*prefixes: str) -> ReportDiffApp:
    return ReportDiffApp(seeds(*prefixes))


async def loaded(pilot) -> None:
    await settle(pilot)


def run_keys(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen(snap_compare, size):
    assert snap_compare(app_of("000", "002", "001"), terminal_size=size, run_before=run_keys("j", "j", "j", "j"))


def test_topic_level(snap_compare):
    assert snap_compare(app_of("000", "004"), terminal_size=(120, 40), run_before=run_keys("l", "j", "j"))


def test_metric_table(snap_compare):
    assert snap_compare(app_of("000", "004"), terminal_size=(120, 40), run_before=run_keys("j", "j", "j", "m"))


def test_cross_report_table(snap_compare):
    assert snap_compare(app_of("000", "001", "003", "004"), terminal_size=(120, 40), run_before=run_keys("m", "m"))


def test_help(snap_compare):
    assert snap_compare(app_of("000", "001"), terminal_size=(120, 40), run_before=run_keys("question_mark"))


def test_picker(snap_compare):
    assert snap_compare(app_of("000", "001"), terminal_size=(80, 24), run_before=run_keys("p"))


@pytest.mark.parametrize("size", [(120, 40), (60, 20)], ids=["120x40", "60x20"])
def test_main_screen_in_chinese(snap_compare, size):
    app = ReportDiffApp(seeds("000", "002", "001"), lang="zh")
    assert snap_compare(app, terminal_size=size, run_before=run_keys("j", "j", "j", "j"))


def test_help_in_chinese(snap_compare):
    app = ReportDiffApp(seeds("000", "001"), lang="zh")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_keys("question_mark"))


@pytest.mark.parametrize("presses", [0, 1, 2], ids=["dark", "light", "colour-blind"])
def test_themes(snap_compare, presses):
    """Each theme (T cycles) on a word diff of one government's reports, folded differences shown (f)."""
    keys = ["n", "f", *["T"] * presses]

    async def run_before(pilot) -> None:
        await run_keys(*keys)(pilot)
        pilot.app.clear_notifications()  # the keys' notices last 2 s: on screen or not depends on timing
        await pilot.pause()

    assert snap_compare(app_of("000", "002"), terminal_size=(120, 40), run_before=run_before)
