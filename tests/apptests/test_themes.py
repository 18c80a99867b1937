"""Themes (tui/themes.py): T cycles, the palette names each, the choice is remembered; every mark is
readable on the backgrounds it is drawn on; colour-blind marks are blue/orange and keep their signs."""

from __future__ import annotations

import pytest
from app_helpers import seeds, settle

from tui import keep, themes
from tui.app import ReportDiffApp
from tui.widgets.report_pane import ReportPane

SIZE = (120, 40)


@pytest.mark.parametrize("name", themes.ORDER)
def test_every_mark_has_contrast(name):
    theme = themes.THEMES[name]
    for role, mark in theme.marks.items():
        need = 3.0 if role in themes.DECORATION else 4.5
        grounds = (mark.bgcolor,) if mark.bgcolor else theme.backgrounds
        for ground in grounds:
            ratio = themes.contrast(mark.color, ground)
            assert ratio >= need, f"{name} {role}: {mark.color} on {ground} is {ratio:.2f}:1"
        if role in themes.ON_IN_VIEW:  # the change map's signs on the lines-on-screen background
            assert themes.contrast(mark.color, theme.in_view) >= 3.0, (name, role)


@pytest.mark.parametrize("name", themes.ORDER)
def test_row_marks_are_readable_on_the_cursor(name):
    """The highlighted row keeps its marks readable (Textual's primary blue left the light theme's teal
    labels at 2:1); the frame's text too."""
    theme = themes.THEMES[name]
    for role, mark in theme.marks.items():
        if role.startswith("row_"):
            ratio = themes.contrast(mark.color, theme.cursor)
            assert ratio >= 4.5, f"{name} {role}: {mark.color} on the cursor {theme.cursor} is {ratio:.2f}:1"
    text = "#000000" if name == "light" else "#E0E0E0"
    assert themes.contrast(text, theme.cursor) >= 7


def test_folded_marks_were_unreadable_and_are_not():
    # Before: Rich's magenta, dim, on the dark screen (Textual's ANSI magenta #9d65ff halved by dim).
    assert themes.contrast("#4e3280", "#121212") < 3
    assert themes.contrast(themes.THEMES["dark"].marks["folded"].color, "#121212") >= 4.5


def test_marks_keep_their_signs_in_every_theme():
    for theme in themes.THEMES.values():
        m = theme.marks
        assert m["delete"].strike and m["insert"].underline and m["move"].italic and m["shared"].underline
        assert m["damage"].bgcolor  # a background, not only a hue


def test_colour_blind_theme_uses_blue_and_orange():
    m = themes.THEMES["colour-blind"].marks
    r, g, b = (int(m["delete"].color[i : i + 2], 16) for i in (1, 3, 5))
    assert b > r and b > g  # blue
    r, g, b = (int(m["insert"].color[i : i + 2], 16) for i in (1, 3, 5))
    assert r > g > b  # orange


def _span_colours(app: ReportDiffApp) -> set[str]:
    out = set()
    for pane in app.query(ReportPane):
        for line in pane.scroller._lines:  # the lines on screen (sentence-aligned, with filler)
            for span in line.spans:
                out |= _colour(span.style)
    return out


def _colour(style) -> set[str]:
    if not isinstance(style, str) and style.color is not None and style.color.triplet is not None:
        return {style.color.triplet.hex.upper()}
    return set()


@pytest.mark.asyncio
async def test_t_cycles_the_themes_repaints_and_is_remembered():
    app = ReportDiffApp(seeds("000", "002"))  # one government's reports: a word diff
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the first change after the opening row
        await settle(pilot)
        assert app.theming.name == "dark" and app.theme == "reportdiff-dark"
        assert themes.THEMES["dark"].marks["delete"].color in _span_colours(app)
        await pilot.press("T")
        await settle(pilot)  # the repaint, before its colours are read (a loaded machine is slow to it)
        assert app.theming.name == "light" and app.theme == "reportdiff-light"
        assert themes.THEMES["light"].marks["delete"].color in _span_colours(app)
        await pilot.press("T")
        await settle(pilot)
        assert app.theming.name == "colour-blind"
        colours = _span_colours(app)
        assert themes.THEMES["colour-blind"].marks["delete"].color in colours
        assert themes.THEMES["dark"].marks["delete"].color not in colours
        assert any("colour-blind" in str(n.message) for n in app._notifications)
    assert keep.read_prefs()["theme"] == "colour-blind"
    themes.set_theme("dark")
    again = ReportDiffApp(seeds("000", "001"))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theming.name == "colour-blind" and themes.current().name == "colour-blind"


@pytest.mark.asyncio
async def test_palette_offers_each_theme_and_not_textuals_picker():
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert "Theme" not in titles
        light = next(c for c in commands if c.title == "Theme: light")
        light.callback()
        await pilot.pause()
        assert app.theming.name == "light"


@pytest.mark.asyncio
async def test_a_broken_prefs_file_opens_dark():
    where = keep.state_dir() / "prefs.json"
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_text('{"theme": "nonesuch"', encoding="utf-8")
    app = ReportDiffApp(seeds("000", "001"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theming.name == "dark"
