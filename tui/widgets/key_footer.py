"""The footer of main keys, rebuilt once per burst of binding changes.

Textual's Footer rebuilds all its keys (widgets with their own styles) on every binding change, and
opening a comparison makes several at once (focus moving to the row list, panes mounted, the highlighted
row set): eight rebuilds, ~40 ms, in the middle of the first paint. This one coalesces them.

It also fits the terminal: Textual's footer cuts keys off at the right edge (at 60 columns neither help nor
quit was on screen). Here help and quit always show; on a narrow terminal the footer goes compact and
drops the command-palette key, then the other keys from the right, so every key shown can be read and
pressed (`?` lists them all).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

#: Actions whose keys the footer always shows.
ESSENTIAL = ("help", "quit")
#: Below this width the keys go compact (no padding around the key).
COMPACT_BELOW = 100


def key_width(key: FooterKey, compact: bool) -> int:
    """Cells ``key`` takes in the footer (FooterKey's padding), with the gap after it."""
    pad = 1 if compact else 3
    return cell_len(key.key_display) + (cell_len(key.description) + pad if key.description else 0) + 1


def fit(keys: list[FooterKey], width: int, compact: bool) -> list[FooterKey]:
    """The keys to show in ``width`` cells: essential ones always, the palette key dropped first, then the
    others from the right."""
    kept = list(keys)
    droppable = [k for k in kept if "-command-palette" in k.classes]
    droppable += [k for k in reversed(kept) if k.action not in ESSENTIAL and k not in droppable]
    while droppable and sum(key_width(k, compact) for k in kept) > width:
        kept.remove(droppable.pop(0))
    return kept


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

    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        compact = width < COMPACT_BELOW
        self.compact = compact
        keys = list(super().compose())
        if not all(isinstance(k, FooterKey) for k in keys):  # groups: Textual's own layout
            yield from keys
            return
        shown = fit(keys, width, compact)  # type: ignore[arg-type]
        self.styles.grid_size_columns = len([k for k in shown if "-command-palette" not in k.classes])
        yield from shown

    def on_resize(self) -> None:
        if self._bindings_ready and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)
