"""The app's themes as data: which Textual theme paints the frame, and the colour of every mark.

Each mark keeps a sign that is not colour (strike for deleted, underline for inserted, italic for moved,
a gutter sign, reverse for damage), so a theme only changes hues. ``colour-blind`` follows Okabe and Ito's
palette: blue for deleted and orange for inserted instead of red and green, which deuteranopes and
protanopes (about 1 man in 12) cannot tell apart. Every mark's colour is checked against the backgrounds it
is drawn on (``contrast``; tests/apptests/test_themes.py): 4.5:1 for text, 3:1 for decoration.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rich.style import Style

#: Which marks are read as text (4.5:1 needed) and which only decorate (3:1).
TEXT_MARKS = ("delete", "insert", "move", "folded", "damage", "shared", "gutter_delete", "gutter_insert",
              "gutter_changed", "gutter_moved", "fold_line", "track", "row_close",
              "row_related", "row_loose", "row_pinned", "row_label", "row_same", "row_moved")
DECORATION = ("filler",)
#: Drawn on the change map's in-view background too (signs: 3:1).
ON_IN_VIEW = ("gutter_delete", "gutter_insert", "gutter_changed", "gutter_moved", "track")


@dataclass(frozen=True)
class Mark:
    """How a mark looks: a colour (hex), an optional background, and the attributes that carry it
    without colour."""

    color: str
    bgcolor: str | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False

    def style(self) -> Style:
        return Style(color=self.color, bgcolor=self.bgcolor, bold=self.bold or None, italic=self.italic or None,
                     underline=self.underline or None, strike=self.strike or None)


@dataclass(frozen=True)
class Theme:
    name: str
    textual: str  #: the Textual theme for the frame (backgrounds, borders, footer)
    backgrounds: tuple[str, ...]  #: what the marks are drawn on: the screen, and the surface of lists
    in_view: str  #: the change map's background for the lines on screen
    marks: dict[str, Mark]
    #: The cursor's background (the row list's highlighted row, the tables' cursor): the row marks are
    #: drawn on it too. Textual's own (its primary blue) left teal labels on navy at 2:1 in the light theme.
    cursor: str = "#1A3152"

    @property
    def frame(self) -> str:
        """The name of the Textual theme registered for this one (tui/controllers/theming.py)."""
        return f"reportdiff-{self.name}"


def _marks(delete: str, insert: str, move: str, folded: str, damage: tuple[str, str], shared: str,
           changed: str, fold_line: str, filler: str, rows: tuple[str, str, str, str, str]) -> dict[str, Mark]:
    close, related, loose, pinned, label = rows
    return {
        # The row list's marks (their signs ● ◐ ○ ✓ ↕ = carry them without colour).
        "row_close": Mark(close),
        "row_related": Mark(related),
        "row_loose": Mark(loose),
        "row_pinned": Mark(pinned, bold=True),
        "row_label": Mark(label, bold=True),
        "row_same": Mark(close),
        "row_moved": Mark(related),
        "delete": Mark(delete, strike=True),
        "insert": Mark(insert, underline=True),
        "move": Mark(move, italic=True),
        "folded": Mark(folded, italic=True),  # was dim magenta: 2.4:1 on the dark screen
        "damage": Mark(damage[0], bgcolor=damage[1]),  # black on yellow, not reverse: readable on both
        "shared": Mark(shared, bold=True, underline=True),
        "gutter_delete": Mark(delete, bold=True),
        "gutter_insert": Mark(insert, bold=True),
        "gutter_changed": Mark(changed, bold=True),
        "gutter_moved": Mark(move, bold=True),
        "fold_line": Mark(fold_line, italic=True),
        "filler": Mark(filler),
        "track": Mark(fold_line),  # the ┃ of the lines on screen, on the in-view background
    }


THEMES: dict[str, Theme] = {
    "dark": Theme(
        "dark", "textual-dark", ("#121212", "#1E1E1E"), "#3A3A3A",
        _marks(delete="#FF6B6B", insert="#4ADE80", move="#22D3EE", folded="#E879F9", damage=("#000000", "#FACC15"),
               shared="#B79CFF", changed="#FACC15", fold_line="#A8A8A8", filler="#6E6E6E",
               rows=("#4ADE80", "#FACC15", "#FF6B6B", "#E879F9", "#22D3EE")),
    ),
    "light": Theme(
        "light", "textual-light", ("#E0E0E0", "#D8D8D8"), "#B0B0B0",
        _marks(delete="#A00000", insert="#0A6628", move="#005A6E", folded="#84158A", damage=("#000000", "#FFD60A"),
               shared="#4B2A9E", changed="#6E4A00", fold_line="#3F3F3F", filler="#7A7A7A",
               rows=("#0A6628", "#6E4A00", "#A00000", "#84158A", "#005A6E")),
        cursor="#C4DDF5",
    ),
    "colour-blind": Theme(
        "colour-blind", "textual-dark", ("#121212", "#1E1E1E"), "#3A3A3A",
        _marks(delete="#56B4E9", insert="#E69F00", move="#2BB88F", folded="#CC79A7", damage=("#000000", "#F0E442"),
               shared="#F0E442", changed="#F0E442", fold_line="#A8A8A8", filler="#6E6E6E",
               rows=("#56B4E9", "#F0E442", "#E69F00", "#CC79A7", "#56B4E9")),
        cursor="#142842",
    ),
}
ORDER = tuple(THEMES)  #: T cycles in this order
DEFAULT = "dark"

_current = DEFAULT


def set_theme(name: str) -> Theme:
    global _current
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r} (choose: {', '.join(ORDER)})")
    _current = name
    return THEMES[name]


def current() -> Theme:
    return THEMES[_current]


def next_name(name: str) -> str:
    return ORDER[(ORDER.index(name) + 1) % len(ORDER)] if name in ORDER else DEFAULT


def style(role: str) -> Style:
    """The current theme's style for a mark (``delete``, ``insert``, ``gutter_moved``…)."""
    return _style(_current, role)


def in_view() -> Style:
    return Style(bgcolor=current().in_view)


@cache
def _style(theme: str, role: str) -> Style:
    return THEMES[theme].marks[role].style()


# --- contrast (WCAG 2.x) ----------------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    """Relative luminance of ``#RRGGBB``."""
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)
