"""Copying so that the text lands (tui/clipboard.py chooses how), and a notice saying where it went."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from .. import clipboard
from ..i18n import t as tr
from ..safety import sanitize

if TYPE_CHECKING:
    from ..app import ReportDiffApp


class Copier:
    def __init__(self, app: ReportDiffApp) -> None:
        self.app = app
        self.last: clipboard.CopyResult | None = None  #: where the latest copy went

    def copy(self, text: str, what: str) -> None:
        """Copy ``text`` (described as ``what``) where it lands here, in a thread: tmux and the desktop
        tools are processes, never run on the event loop (xclip may wait on a display)."""
        self.app._clipboard = text  # what Textual's App.clipboard reports: the app's last copy
        self.app.run_worker(lambda: self._copy_in_thread(text, what), thread=True, group="clipboard",
                            exit_on_error=False)

    def _copy_in_thread(self, text: str, what: str) -> None:
        app = self.app
        write = clipboard.driver_writer(app)
        to_terminal = (lambda seq: app.call_from_thread(write, seq)) if write is not None else None
        result = clipboard.copy_text(text, write_osc52=to_terminal)
        with contextlib.suppress(RuntimeError):  # the app has quit meanwhile
            app.call_from_thread(self.notify, what, result)

    def notify(self, what: str, result: clipboard.CopyResult) -> None:
        self.last = result
        what = sanitize(what, one_line=True)[:80]
        if not result.ok:
            why = "; ".join(f"{m}: {r}" for m, r in result.failures) or tr("clip.nowhere")
            self.app.notify(tr("clip.failed", why=sanitize(why, one_line=True), what=what),
                            title=tr("clip.title"), severity="error", markup=False, timeout=6)
            return

        def places(names: tuple[str, ...]) -> str:
            return tr("clip.and").join(tr(f"place.{p}") for p in names)

        lines = []
        if result.places:
            lines.append(tr("clip.copied", places=places(result.places), what=what))
        elif result.unconfirmed:
            lines.append(what)
        if result.unconfirmed:
            lines.append(tr("clip.sent", places=places(result.unconfirmed)))
        for m, r in result.failures:
            lines.append(tr("clip.method_failed", method=m, why=sanitize(r, one_line=True)))
        self.app.notify("\n".join(lines), title=tr("clip.title"), markup=False, timeout=5)
