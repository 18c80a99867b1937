"""Report text is data: neutralize terminal control characters and escape sequences before display."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (0x80-0x9f, which include CSI 0x9b and OSC 0x9d),
# and bidirectional overrides that could reorder what the user sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    code = ord(c)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL: visible, inert
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def sanitize(text: str) -> str:
    """Replace control characters (ESC, BEL, C1, bidi overrides) with visible inert symbols."""
    return _CONTROL.sub(_visible, text)
