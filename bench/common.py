"""What every benchmark shares: the run context, result rows, formatting, corpus files, child processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path | None:
    """The real reports: ``$REPORTDIFF_CORPUS`` or ``../shared/corpus`` next to the project; None if absent."""
    env = os.environ.get("REPORTDIFF_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if path.is_dir() and any(path.glob("*.txt")) else None


@dataclass
class Context:
    quick: bool = False
    corpus: Path | None = field(default_factory=corpus_dir)

    def corpus_files(self, pattern: str = "*.txt") -> list[Path]:
        return sorted(self.corpus.glob(pattern)) if self.corpus else []

    def provinces(self) -> list[Path]:
        """The 31 provincial reports of 2026 (sorted by name)."""
        return [p for p in self.corpus_files("*-2026.txt") if not p.name.startswith("national")]

    def national(self, year: int) -> Path | None:
        path = self.corpus / f"national-{year}.txt" if self.corpus else None
        return path if path is not None and path.is_file() else None

    def full_national(self) -> list[Path]:
        """National reports that are whole (not ``-partial``)."""
        return [p for p in self.corpus_files("national-*.txt") if "partial" not in p.name]


def seed_files() -> list[Path]:
    from seeds import seed_paths

    return seed_paths()


@dataclass
class Result:
    """One row of the table. ``status``: pass, FAIL, info, n/a, skip or error."""

    name: str
    ours: str
    baseline: str = "-"
    ratio: str = "-"
    goal: str = "-"
    status: str = "info"
    notes: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  #: raw numbers for --json

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ours": self.ours,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "goal": self.goal,
            "status": self.status,
            "notes": self.notes,
            "values": self.values,
        }


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("pass" if ok else "FAIL")


def skipped(name: str, why: str) -> Result:
    return Result(name, "-", status="skip", notes=[why])


# --- formatting -------------------------------------------------------------------------------------


def rate(chars_per_s: float) -> str:
    if chars_per_s >= 1e6:
        return f"{chars_per_s / 1e6:.2f} M chars/s"
    return f"{chars_per_s / 1e3:.1f} k chars/s"


def secs(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 0.1 else f"{s:.2f} s"


def mb(kib: float) -> str:
    return f"{kib / 1024:.0f} MB"


def times(x: float) -> str:
    return f"{x:.1f}x" if x < 100 else f"{x:.0f}x"


# --- measuring --------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def median(xs: Sequence[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def clear_caches() -> None:
    """Forget what earlier work cached (jieba cuts of sentences, word indexes), so timings are cold."""
    from core import report_figures, tokens

    tokens.cut_cached.cache_clear()
    report_figures.clear_cache()


def compile_project() -> None:
    """Write the project's bytecode, as ``pip install`` does for an installed copy.

    Child processes time start-up; without this, an environment with PYTHONDONTWRITEBYTECODE (or a fresh
    checkout) compiles our modules from source on every run (~40 ms for the app) while the libraries we
    are compared with load from their installed bytecode.
    """
    import compileall

    for package in ("core", "tui", "seeds", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)


def child_env() -> dict[str, str]:
    """Environment for child processes: ``bench`` and the project importable, no colour, quiet."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["NO_COLOR"] = "1"
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    peak_kib: float  #: the child's own peak RSS (VmHWM), NaN when not measured
    stderr: str


def run_module(
    module: str,
    args: Sequence[str],
    *,
    timeout: float = 300,
    peak: bool = False,
    preexec: Callable[[], None] | None = None,
    script: bool = False,
) -> ChildRun:
    """``python -m module args`` (``python module args`` with ``script``: a file) with standard output to
    /dev/null: wall time, and with ``peak`` the child's own peak RSS (through :mod:`bench.peak`;
    ``wait4``'s ru_maxrss would include ours)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, tempfile.TemporaryFile() as err:
        peak_file = Path(tmp) / "peak"
        argv = [sys.executable, *(() if script and not peak else ("-m",))]
        argv += [*(("bench.peak", str(peak_file)) if peak else ()), module, *args]
        t = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=child_env(),
            preexec_fn=preexec,
        )
        try:
            code = proc.wait(timeout)
            message = ""
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            code, message = -9, f"timed out after {timeout:.0f} s"
        seconds = time.perf_counter() - t
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace") + message
        try:
            kib = float(peak_file.read_text()) if peak else float("nan")
        except (OSError, ValueError):
            kib = float("nan")
    return ChildRun(code, seconds, kib, stderr)


def last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:160] if lines else ""
