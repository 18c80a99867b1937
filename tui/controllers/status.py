"""The status line: where you are (row, change), the modes, then how the row was matched."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from ..i18n import t as tr
from ..safety import sanitize

if TYPE_CHECKING:
    from core.alignment import Row

    from ..app import ReportDiffApp


class StatusLine:
    def __init__(self, app: ReportDiffApp) -> None:
        self.app = app

    def update(self, row: Row, diffs: dict[int, Any], ready: bool) -> None:
        """Parts are dropped from the end (how the row was matched first) so that the modes always fit; on
        a narrow centre the modes take a second line rather than being cut."""
        app = self.app
        head = [tr("status.row", n=app.current + 1, total=len(app.alignment.rows) if app.alignment else 0)]
        if panes := app.pane_window.note(row):
            head.append(panes)
        if app.changes.note:
            head.append(app.changes.note)
        note = []
        if not ready:
            note.append(tr("status.diffing"))
        elif any(d.mode == "shared" for d in diffs.values()):
            note.append(tr("status.shared"))
        modes = [
            tr(f"level.{app.session.level}"),
            tr("status.normalized") if app.normalized else tr("status.original"),
            tr("status.sync_on") if app.sync else tr("status.sync_off"),
        ]
        # The toggles that are off by default say so while on (z, f): their notices last 2 s.
        if app.fold_unchanged:
            modes.append(tr("status.fold"))
        if app.session.show_folded:
            modes.append(tr("status.folded"))
        score = tr("status.score", score=row.score) if row.score else tr("status.unmatched")
        # An unmatched row's only reason is "unmatched": said once.
        tail = [score + (" (" + ", ".join(row.reasons) + ")" if row.reasons and row.score else ""), score]
        order = tr("status.series") if app.alignment and app.alignment.series else tr("status.by_content")
        # The line's room is the centre's (the Static itself is as wide as its text), less its padding.
        width = (app.query_one("#centre", Vertical).content_size.width - 2) or 10**6
        candidates = [head + note + modes + [tail[0], order], head + note + modes + [tail[0]],
                      head + note + modes + [tail[1]], head + note + modes, head + modes]
        parts = next((c for c in candidates if cell_len(" · ".join(c)) <= width), None)
        widget = app.query_one("#status", Static)
        if parts is not None:
            status = sanitize(" · ".join(parts), one_line=True)  # reasons name sections (→ labels from the text)
            widget.styles.height = 1
        else:
            status = sanitize(" · ".join(head + note), one_line=True) + "\n" + " · ".join(modes)
            widget.styles.height = 2
        # The line is as wide as the centre (app.tcss) and its height is set above: no layout of the screen
        # for its text (a layout per row change was much of a row change's time with 8 reports).
        widget.update(Text(status, no_wrap=True, overflow="ellipsis"), layout=False)

    def refresh(self) -> None:
        """Say the current row's state again (after a mode changed or the terminal was resized)."""
        app = self.app
        row = app.current_row()
        if row is not None:
            ready = app._diffs_ready(row)
            self.update(row, app.session.row_diffs(row) if ready else {}, ready)
