"""Copy to the system clipboard through the terminal (OSC 52), also inside tmux."""

from __future__ import annotations

import base64
import os
from typing import Any


def osc52(text: str, *, tmux: bool | None = None) -> str:
    """The OSC 52 sequence that sets the clipboard; wrapped in tmux's passthrough when inside tmux."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    seq = f"\x1b]52;c;{payload}\a"
    if tmux is None:
        tmux = bool(os.environ.get("TMUX"))
    if tmux:
        # tmux forwards a sequence to the outer terminal only inside its DCS passthrough, with every ESC
        # doubled (and `set -g allow-passthrough on` in tmux ≥ 3.3).
        seq = "\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return seq


def copy(app: Any, text: str) -> None:
    """Put ``text`` on the clipboard: Textual's own OSC 52, or the tmux-wrapped one inside tmux."""
    if os.environ.get("TMUX"):
        driver = getattr(app, "_driver", None)
        if driver is not None:
            driver.write(osc52(text, tmux=True))
            driver.flush()
            app._clipboard = text  # what Textual's copy_to_clipboard records too
            return
    app.copy_to_clipboard(text)
