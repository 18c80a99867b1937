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


def demo_paths() -> list[Path]:
    return [seed_path(p) for p in DEMO]
