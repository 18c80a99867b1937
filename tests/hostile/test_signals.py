"""^C and SIGTERM during `reportdiff figures DIR` on worker processes: one line, and no worker left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import seed_file

from .cli import ROOT, env

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["TERM", "INT", "KILL"])
def test_a_signal_during_a_directory_run_leaves_no_worker(tmp_path: Path, sig: signal.Signals) -> None:
    for i in range(40):
        shutil.copy(seed_file(f"00{i % 5}"), tmp_path / f"r{i:02}.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "figures", str(tmp_path), "--jobs", "2", "--json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env(), cwd=ROOT,
    )  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers |= children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers did not start"
    os.kill(proc.pid, sig)
    code = proc.wait(timeout=60)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    expected = {signal.SIGTERM: (143, "reportdiff: terminated\n"), signal.SIGINT: (130, "reportdiff: interrupted\n"),
                signal.SIGKILL: (-9, "")}[sig]  # fmt: skip
    assert (code, err) == expected
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if alive(w)]
