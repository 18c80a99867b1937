"""The footer of main keys, rebuilt once per burst of binding changes.

Textual's Footer rebuilds all its keys (widgets with their own styles) on every binding change, and
opening a comparison makes several at once (focus moving to the row list, panes mounted, the highlighted
row set): eight rebuilds, ~40 ms, in the middle of the first paint. This one coalesces them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        # As Footer.bindings_changed (Textual is pinned), with at most one rebuild waiting.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
