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


# --- the matrix of issue 14: sizes × languages × themes ------------------------------------------------

SIZES = {"120x40": (120, 40), "80x24": (80, 24), "60x20": (60, 20)}
LANGS = ("zh", "en")
THEMES = ("dark", "light")


def themed(theme: str, *keys: str):
    """Open in ``theme`` (applied without its notice: a toast's 2 s on screen depend on timing), then press
    ``keys``. T itself is tested in test_themes."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.theming.apply(theme, remember=False, say=False)
        await run_keys(*keys)(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


MATRIX = [(s, lang, theme) for s in SIZES for lang in LANGS for theme in THEMES]
MATRIX_IDS = [f"{s}-{lang}-{theme}" for s, lang, theme in MATRIX]
SMALLER = [m for m in MATRIX if m[0] != "60x20"]
SMALLER_IDS = [f"{s}-{lang}-{theme}" for s, lang, theme in SMALLER]
HELP = [*SMALLER, ("60x20", "zh", "dark"), ("60x20", "en", "light")]  # 60×20: see test_hostile_terminal too
HELP_IDS = [f"{s}-{lang}-{theme}" for s, lang, theme in HELP]


@pytest.mark.parametrize(("size", "lang", "theme"), MATRIX, ids=MATRIX_IDS)
def test_matrix_main(snap_compare, size, lang, theme):
    """The main view: three reports, a changed row."""
    app = ReportDiffApp(seeds("000", "002", "001"), lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=themed(theme, "j", "j", "j", "j"))


@pytest.mark.parametrize(("size", "lang", "theme"), HELP, ids=HELP_IDS)
def test_matrix_help(snap_compare, size, lang, theme):
    app = ReportDiffApp(seeds("000", "001"), lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=themed(theme, "question_mark"))


@pytest.mark.parametrize(("size", "lang", "theme"), SMALLER, ids=SMALLER_IDS)
def test_matrix_figures(snap_compare, size, lang, theme):
    """The figures table of a row with figures (m), two reports."""
    app = ReportDiffApp(seeds("000", "004"), lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=themed(theme, "j", "j", "j", "m"))
