"""The app on a real pseudo-terminal with hostile file names and text, every key pressed: no escape
sequence reaches the terminal but the ones Textual itself writes (the allow-list below), and `q` quits at
once, even while a report is still being read."""

from __future__ import annotations

import base64
import os
import re
import time
from pathlib import Path

import pytest

from .names import NAMES, TEXT, hostile_file
from .terminal import Terminal

#: Every escape sequence Textual 8.2 writes for this app, by form.
ALLOWED = [
    re.compile(rb"\x1b\[[0-9;]*m"),  # SGR: colours and styles
    re.compile(rb"\x1b\[[0-9]+;[0-9]+H"),  # cursor position
    re.compile(rb"\x1b\[\?(?:1049|25|1000|1003|1015|1006|1016|1004|2004|2048|2026|7)[hl]"),  # modes on/off
    re.compile(rb"\x1b\[\?(?:2048|2026)\$p"),  # asking whether the terminal has a mode
    re.compile(rb"\x1b\[>[0-9]+u|\x1b\[<u"),  # kitty keyboard protocol: push, pop
    re.compile(rb"\x1b\]22;[a-z-]+\x07"),  # pointer shape
]
#: The clipboard (c, C): Textual's OSC 52, with what the user asked to copy.
CLIPBOARD = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")

KEYS = [
    b"j", b"j", b"k", b"n", b"N", b"m", b"\t", b"c", b"C", b"m", b"\r", b"g", b"\x1b", b"t", b"\x1b", b"m",
    b"l", b"o", b"o", b"s", b"f", b"p", b"\x1b", b"u", b"/", "增长".encode(), b"\r", b"e", b"\x1b", b"?",
    b"\x1b", b"\x10", b"\x1b", b"\t", b"\t", b"\r", b"j", b"l",
]  # fmt: skip


def test_no_escape_but_textual_s_own_reaches_the_terminal(tmp_path: Path) -> None:
    variant = TEXT.replace("5.2%", "6.1%").replace("2000人", "3000人")
    paths = [str(hostile_file(tmp_path, "osc52")), str(hostile_file(tmp_path, "title", variant)),
             str(hostile_file(tmp_path, "markup"))]  # fmt: skip
    term = Terminal(paths)
    try:
        assert term.wait_for("Next change"), term.text()[-2000:]
        term.quiet(1.0)
        term.press(*KEYS, settle=0.4)
        term.press(b"q", settle=0.2)
    finally:
        code = term.close()
    assert code == 0, term.text()[-2000:]
    screen = term.text()
    assert "␛]52;c;ZWNobyBwd25lZA==" in screen  # the names were shown, inert
    assert "[@click=app.quit]x[b]bold" in screen  # literally
    copied = []
    for seq in term.sequences():
        clip = CLIPBOARD.fullmatch(seq)
        if clip:
            text = base64.b64decode(clip.group(1)).decode("utf-8")
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), text
            copied.append(text)
            continue
        assert any(p.fullmatch(seq) for p in ALLOWED), seq
    assert copied and "echo pwned" not in copied
    assert term.stray_controls() == b""


def test_q_quits_at_once_while_a_report_cannot_be_read(tmp_path: Path) -> None:
    """A FIFO whose writer sends nothing: reading it waits (30 s before it gives up); q leaves at once,
    no process stays."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # a writer that never writes (O_RDWR: opening does not wait)
    other = hostile_file(tmp_path, "clear")
    term = Terminal([str(fifo), str(other)])
    try:
        assert term.wait_for("reading reports"), term.text()[-1000:]
        time.sleep(1.0)  # (the loading indicator moves: the screen is never still)
        start = time.monotonic()
        term.press(b"q", settle=0.1)
        code = term.close(timeout=10)
        waited = time.monotonic() - start
    finally:
        if term.proc.poll() is None:
            term.close(timeout=1)
        os.close(writer)
    assert code == 0 and waited < 10


@pytest.mark.parametrize("key", ["bidi", "cr"])
def test_names_that_reorder_or_return_are_shown_inert(tmp_path: Path, key: str) -> None:
    paths = [str(hostile_file(tmp_path, key)), str(hostile_file(tmp_path, "formula"))]
    term = Terminal(paths)
    try:
        assert term.wait_for("Next change"), term.text()[-2000:]
        term.quiet(0.8)
        term.press(b"q", settle=0.2)
    finally:
        term.close()
    output = b"".join(term.output.split(b"\r\n"))
    assert "\u202e".encode() not in output and b"a\rb" not in output
    assert term.stray_controls() == b"", NAMES[key]
