"""The five seed reports, shipped as package data: the built-in demo and the test fixtures."""

from __future__ import annotations

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent

#: The seeds the app opens when started with no arguments: the same report in two scripts (000, 002)
#: and another district's plan (001), so a new user sees alignment, folding and content matching at once.
DEMO = ("000", "002", "001")


def seed_paths() -> list[Path]:
    """All seed report files, in name order."""
    return sorted(SEEDS_DIR.glob("[0-9][0-9][0-9]_*.txt"))


def seed_path(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` (e.g. ``"002"``)."""
    for path in seed_paths():
        if path.name.startswith(prefix):
            return path
    raise KeyError(prefix)


#: What each seed is, for the app's panes and rows when the text itself does not say (000 and 001 are
#: excerpts without a title or a year; see README.md): region, year when known, and that it is an excerpt.
SEED_NAMES = {
    "000": "东昌区 2023 节选",
    "001": "建华区 节选",
    "003": "陵城区 2021",
    "004": "宽城区 节选",
}


def seed_name(path: str | Path) -> str | None:
    """The name to show for a seed file (None for any other file)."""
    p = Path(path).resolve()
    if p.parent != SEEDS_DIR:
        return None
    return SEED_NAMES.get(p.name[:3])


def demo_paths() -> list[Path]:
    return [seed_path(p) for p in DEMO]
