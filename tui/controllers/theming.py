"""Themes: T cycles them, the command palette names each; the choice is remembered in the state dir."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import keep, themes
from ..i18n import t as tr

if TYPE_CHECKING:
    from textual.theme import Theme as TextualTheme

    from ..app import ReportDiffApp


class Theming:
    def __init__(self, app: ReportDiffApp) -> None:
        self.app = app

    @property
    def name(self) -> str:
        return themes.current().name

    def start(self, name: str | None = None) -> None:
        """The theme to open with: ``name`` (a session's), else the remembered one, else dark."""
        for theme in themes.THEMES.values():
            self.app.register_theme(frame_theme(theme))
        chosen = name if name in themes.THEMES else keep.read_prefs().get("theme")
        self.apply(chosen if chosen in themes.THEMES else themes.DEFAULT, remember=False, say=False)

    def cycle(self) -> None:
        self.apply(themes.next_name(self.name))

    def apply(self, name: str, *, remember: bool = True, say: bool = True) -> None:
        theme = themes.set_theme(name)
        app = self.app
        app.theme = theme.frame
        if remember:
            with contextlib.suppress(OSError):  # a read-only home: the theme holds for this run
                keep.write_prefs({"theme": name})
        rows = app.query("#rows")
        if rows and app.alignment is not None:  # the row list's marks too
            rows.first().show(app.alignment, [r.name for r in app.session.reports])  # type: ignore[attr-defined]
        row = app.current_row() if app.loaded else None
        if row is not None:  # the marks are baked into the panes' text: paint them again
            app._paint_row(row, with_diff=app._diffs_ready(row))
        if say:
            app.notify(tr("note.theme", theme=tr(f"theme.{name}")), timeout=2)

    def commands(self) -> Iterable[tuple[str, str, str]]:
        """(title, help, theme) for the command palette, one a theme."""
        for name in themes.ORDER:
            yield tr("palette.theme", theme=tr(f"theme.{name}")), tr("palette.theme_help"), name


def frame_theme(theme: themes.Theme) -> TextualTheme:
    """Textual's theme ``theme.textual`` with our cursor: the row marks stay readable on the highlighted row."""
    from textual.theme import BUILTIN_THEMES

    base = BUILTIN_THEMES[theme.textual]
    cursor = {"block-cursor-background": theme.cursor, "block-cursor-blurred-background": theme.cursor,
              "block-cursor-text-style": "bold"}
    return dataclasses.replace(base, name=theme.frame, variables={**base.variables, **cursor})
