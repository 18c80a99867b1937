"""Running ``reportdiff`` as a user does, in a child process: bytes in, bytes out, the exit status."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: What may never reach a terminal from report text or a file name: ESC, BEL, C1 controls (CSI, OSC).
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


@dataclass
class Run:
    code: int
    out: bytes
    err: bytes

    @property
    def err_lines(self) -> list[str]:
        return self.err.decode("utf-8").splitlines()


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TMUX")}
    base.update({"PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""})
    base.update(extra)
    return base


def reportdiff(*args: Any, stdout: Any = subprocess.PIPE, timeout: float = 120, **env_extra: str) -> Run:
    """``reportdiff ARGS`` (str or bytes arguments: a name that is not UTF-8 is passed as its bytes)."""
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env(**env_extra),
        cwd=ROOT,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout or b"", proc.stderr)


def one_line_error(run: Run) -> str:
    """The single line a failing command wrote, checked to hold no control character."""
    assert run.code == 2, (run.code, run.err)
    lines = run.err_lines
    assert len(lines) == 1, lines
    assert not CONTROL_BYTES.search(run.err), run.err
    assert lines[0].startswith("reportdiff"), lines
    return lines[0]
