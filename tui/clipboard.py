"""Copy text so that it lands, and say truthfully where it went.

Which way works depends on where the app runs:

- inside tmux (``$TMUX`` set): ``tmux load-buffer -w -`` fills tmux's paste buffer and, with tmux's
  defaults (``set-clipboard external``), makes tmux send the outer terminal its own OSC 52; an application's
  OSC 52 is ignored under those defaults and passthrough is off, so writing one would say "copied" and copy
  nothing;
- a desktop clipboard tool (``wl-copy`` on Wayland, ``xclip``/``xsel`` on X11, ``pbcopy`` on macOS) when it is
  installed and a display is there;
- otherwise plain OSC 52 to the terminal, which the app cannot confirm (many terminals ignore it).

:func:`copy_text` tries them in that order (tmux and a desktop tool both, when both are there) and returns a
:class:`CopyResult` naming every place the text reached. No Textual here: the app passes a function that
writes OSC 52 through its driver.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: Seconds a clipboard command may take; xclip forks a server and returns at once, tmux answers in ms.
TIMEOUT = 3.0


@dataclass(frozen=True)
class CopyResult:
    """Where a copy went: ``places`` that surely hold the text, ``unconfirmed`` ones that may
    (a terminal asked by OSC 52), ``failures`` (method, reason)."""

    places: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.places or self.unconfirmed)


def osc52(text: str) -> str:
    """The OSC 52 sequence that asks a terminal to set its clipboard."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\a"


def desktop_tool(env: Mapping[str, str], which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command line of a desktop clipboard tool usable here, or None (no display, or none installed)."""
    candidates: list[list[str]] = []
    if sys.platform == "darwin":
        candidates.append(["pbcopy"])
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard", "-in"], ["xsel", "--clipboard", "--input"]]
    for argv in candidates:
        path = which(argv[0])
        if path:
            return [path, *argv[1:]]
    return None


def _run(argv: list[str], text: str, env: Mapping[str, str]) -> str | None:
    """Run ``argv`` with ``text`` on its standard input; None when it succeeded, else the reason."""
    try:
        proc = subprocess.run(
            argv, input=text.encode("utf-8"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            timeout=TIMEOUT, env=dict(env), check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc) or type(exc).__name__
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return said[-1] if said else f"exit status {proc.returncode}"
    return None


def _tmux_reaches_terminal(env: Mapping[str, str]) -> bool:
    """Whether tmux forwards its buffers to the outer terminal (``set-clipboard`` not ``off``)."""
    try:
        proc = subprocess.run(
            ["tmux", "show-options", "-gv", "set-clipboard"], capture_output=True, timeout=TIMEOUT,
            env=dict(env), check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0 and proc.stdout.decode().strip() != "off"


def copy_text(
    text: str,
    *,
    write_osc52: Callable[[str], None] | None = None,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> CopyResult:
    """Put ``text`` on every clipboard that works here; see the module docstring for the order.

    ``write_osc52`` writes a sequence to the terminal (the app's driver); without it OSC 52 is not tried.
    Place names: "tmux" (its paste buffer), "terminal via tmux", a tool's name, "terminal (OSC 52)"."""
    env = os.environ if env is None else env
    places: list[str] = []
    unconfirmed: list[str] = []
    failures: list[tuple[str, str]] = []
    if env.get("TMUX"):
        if which("tmux"):
            reason = _run(["tmux", "load-buffer", "-w", "-"], text, env)
            if reason is None:
                places.append("tmux")
                if _tmux_reaches_terminal(env):
                    unconfirmed.append("terminal via tmux")
            else:
                failures.append(("tmux", reason))
        else:
            failures.append(("tmux", "tmux is not on PATH"))
    tool = desktop_tool(env, which)
    if tool is not None:
        name = os.path.basename(tool[0])
        reason = _run(tool, text, env)
        if reason is None:
            places.append(name)
        else:
            failures.append((name, reason))
    if not env.get("TMUX") and write_osc52 is not None:
        # Outside tmux the terminal itself reads OSC 52 (inside, tmux would swallow it: see above).
        try:
            write_osc52(osc52(text))
        except OSError as exc:
            failures.append(("OSC 52", str(exc)))
        else:
            unconfirmed.append("terminal (OSC 52)")
    return CopyResult(tuple(places), tuple(unconfirmed), tuple(failures))


def driver_writer(app: object) -> Callable[[str], None] | None:
    """A function writing to the app's terminal, or None when the app has no driver (headless tests)."""
    driver = getattr(app, "_driver", None)
    if driver is None:
        return None

    def write(seq: str) -> None:
        driver.write(seq)
        driver.flush()

    return write
