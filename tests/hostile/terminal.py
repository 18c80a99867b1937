"""Play the terminal for the app: run it on a pseudo-terminal, type keys, keep every byte it writes, and
read those bytes as a terminal would (escape sequences apart from text)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cli import ROOT, env

#: ECMA-48 syntax: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/APC/PM/SOS strings, two-byte escapes.
SEQUENCE = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[P_^X][^\x1b]*\x1b\\"
    rb"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)


@dataclass
class Terminal:
    """A running app on a pseudo-terminal of ``size`` (columns, rows)."""

    args: list[str]
    size: tuple[int, int] = (120, 40)
    output: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        master, slave = pty.openpty()
        cols, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", *self.args],
            stdin=slave, stdout=slave, stderr=slave, env=env(TERM="xterm-256color", COLORTERM="truecolor"),
            cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.2)
            except (OSError, ValueError):
                return
            if not ready:
                if self.proc.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def text(self) -> str:
        """What was written so far, sequences removed (to wait for something on screen)."""
        with self._lock:
            data = bytes(self.output)
        return SEQUENCE.sub(b"", data).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text():
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.1)
        return False

    def quiet(self, seconds: float = 0.6, timeout: float = 20) -> None:
        """Wait until nothing has been written for ``seconds`` (the app has painted)."""
        deadline = time.monotonic() + timeout
        last, since = len(self.output), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = len(self.output)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= seconds:
                return

    def press(self, *keys: bytes, settle: float = 0.6) -> None:
        for key in keys:
            os.write(self.master, key)
            self.quiet(settle)

    def close(self, timeout: float = 20) -> int:
        """Wait for the app to end (after q); kill it if it will not."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            code = -9
        self._reader.join(timeout=5)
        os.close(self.master)
        return code

    def sequences(self) -> list[bytes]:
        with self._lock:
            return SEQUENCE.findall(bytes(self.output))

    def stray_controls(self) -> bytes:
        """Control bytes outside any well-formed sequence (a lone ESC, BEL, C1 in UTF-8), which a terminal
        would act on: there must be none."""
        with self._lock:
            rest = SEQUENCE.sub(b"", bytes(self.output))
        return b"".join(re.findall(rb"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", rest))


def write_report(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
