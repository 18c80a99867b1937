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
