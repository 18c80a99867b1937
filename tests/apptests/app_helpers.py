from __future__ import annotations

from typing import Any

from seeds import demo_paths, seed_path


def demo() -> list[str]:
    return [str(p) for p in demo_paths()]


def seeds(*prefixes: str) -> list[str]:
    return [str(seed_path(p)) for p in prefixes]


async def settle(pilot: Any) -> None:
    """Wait until loading, aligning and the background diffs are done and the screen has caught up."""
    app = pilot.app
    for _ in range(400):
        await pilot.pause()
        if app.loaded:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_counterparts(pilot: Any) -> None:
    """Press r and wait until the counterparts screen lists its ranking (it reads the index in a worker)."""
    from textual.widgets import SelectionList

    await pilot.press("r")
    for _ in range(200):
        await pilot.pause()
        listing = pilot.app.screen.query(SelectionList)
        if listing and listing.first().option_count:
            break
