"""Copy that lands (issue 14): inside tmux the text goes through `tmux load-buffer -w -`, outside it OSC 52,
and a desktop tool when there is a display; the result names where the text went."""

from __future__ import annotations

import ast
import base64
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui import clipboard

ROOT = Path(__file__).resolve().parents[1]
TEXT = "地区生产总值增长5.2%\t目标"


def test_outside_tmux_osc52_goes_to_the_terminal_unconfirmed() -> None:
    written: list[str] = []
    result = clipboard.copy_text(TEXT, write_osc52=written.append, env={}, which=lambda _: None)
    assert written == [clipboard.osc52(TEXT)]
    assert base64.b64decode(written[0][len("\x1b]52;c;") : -1]).decode() == TEXT
    assert result.places == () and result.unconfirmed == ("terminal (OSC 52)",) and result.ok


def test_nothing_to_copy_to_is_a_failure_not_a_success() -> None:
    result = clipboard.copy_text(TEXT, write_osc52=None, env={}, which=lambda _: None)
    assert not result.ok


def test_tmux_missing_inside_tmux_is_said() -> None:
    written: list[str] = []
    result = clipboard.copy_text(TEXT, write_osc52=written.append, env={"TMUX": "/tmp/x,1,0"}, which=lambda _: None)
    assert written == []  # tmux would swallow an application's OSC 52 under its defaults
    assert not result.ok and result.failures[0][0] == "tmux"


@pytest.mark.parametrize(
    "env, tools, expected",
    [
        ({"DISPLAY": ":0"}, {"xclip", "wl-copy"}, "xclip"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, {"xclip", "wl-copy"}, "wl-copy"),
        ({"DISPLAY": ":0"}, {"xsel"}, "xsel"),
        ({}, {"xclip", "wl-copy"}, None),  # installed, but no display to hold the selection
    ],
)
def test_desktop_tool_needs_a_display(env, tools, expected) -> None:
    if sys.platform == "darwin":
        pytest.skip("pbcopy comes first on macOS")
    tool = clipboard.desktop_tool(env, lambda name: f"/usr/bin/{name}" if name in tools else None)
    assert (os.path.basename(tool[0]) if tool else None) == expected


def test_a_desktop_tool_that_fails_is_reported(tmp_path: Path) -> None:
    fake = tmp_path / "xclip"
    fake.write_text('#!/bin/sh\necho "Error: Can\'t open display: :9" >&2\nexit 1\n')
    fake.chmod(0o755)
    result = clipboard.copy_text(TEXT, env={"DISPLAY": ":9", "PATH": str(tmp_path)},
                                 which=lambda name: str(fake) if name == "xclip" else None)
    assert not result.ok and result.failures == (("xclip", "Error: Can't open display: :9"),)


def test_a_desktop_tool_receives_the_text(tmp_path: Path) -> None:
    out = tmp_path / "got"
    fake = tmp_path / "wl-copy"
    fake.write_text(f"#!/bin/sh\nexec /bin/cat > {out}\n")
    fake.chmod(0o755)
    result = clipboard.copy_text(TEXT, env={"WAYLAND_DISPLAY": "w-0", "PATH": str(tmp_path)},
                                 which=lambda name: str(fake) if name == "wl-copy" else None)
    assert result.places == ("wl-copy",) and out.read_text(encoding="utf-8") == TEXT


SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tui import clipboard
r = clipboard.copy_text({text!r}, write_osc52=lambda s: (sys.stdout.write(s), sys.stdout.flush()))
open({report!r}, "w").write(repr((r.places, r.unconfirmed, r.failures)))
"""


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_inside_tmux_the_text_reaches_tmux_and_the_outer_terminal(tmp_path: Path) -> None:
    """tmux in a pty plays the outer terminal (xterm, so tmux knows it can set the clipboard); a script
    inside copies with tmux's defaults: the text must be in tmux's buffer and in the OSC 52 tmux writes out."""
    socket = f"rd-clip-{os.getpid()}"
    report = tmp_path / "result"
    script = tmp_path / "copy_probe.py"
    script.write_text(SCRIPT.format(root=str(ROOT), text=TEXT, report=str(report)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    argv = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-x", "80", "-y", "24",
            f"{sys.executable} {script} 2>{tmp_path}/err; sleep 30"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: tmux's client on the pty
        os.execvpe("tmux", argv, env)
    seen = b""
    try:
        deadline = time.monotonic() + 20
        want = base64.b64encode(TEXT.encode()).decode().encode()
        while time.monotonic() < deadline and not (report.exists() and want in seen):
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        assert report.exists(), (tmp_path / "err").read_text()
        places, unconfirmed, failures = ast.literal_eval(report.read_text())
        assert places == ("tmux",) and failures == ()
        assert unconfirmed == ("terminal via tmux",)
        buffer = subprocess.run(["tmux", "-L", socket, "show-buffer"], capture_output=True, env=env, check=True)
        assert buffer.stdout.decode("utf-8") == TEXT
        assert b"\x1b]52;" in seen and want in seen, seen[-500:]  # what tmux told the outer terminal
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, env=env, check=False)
        os.close(fd)
        os.waitpid(pid, 0)
