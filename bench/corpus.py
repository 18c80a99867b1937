"""The corpus index: ``reportdiff index`` on 1,000 reports (time, size on disk, peak memory), the run again
with nothing changed, and the queries on that index (``similar``, ``phrase``, ``indicators``) in-process and
as whole commands. Goal (issue 13): queries answer in < 1 s on 1,000 reports.

The 1,000 reports are the corpus's own files (all of ``../shared/corpus``, local reports included) repeated
under other names, each copy with a line of its own, so every one is new content and really parsed."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Context, Result, child_env, median, secs, skipped, verdict

NAME = "corpus"
TITLE = "corpus index (issue 13)"
REPORTS = 1000
GOAL_QUERY = 1.0


def _sources(ctx: Context) -> list[Path]:
    assert ctx.corpus is not None
    suffixes = (".txt", ".docx")
    return sorted(p for p in ctx.corpus.rglob("*") if p.suffix in suffixes and p.is_file()
                  and p.stem.lower() != "sources" and "/raw/" not in str(p))


def _folder(ctx: Context, folder: Path, n: int) -> int:
    files = _sources(ctx)
    size = 0
    folder.mkdir()
    for i in range(n):
        src = files[i % len(files)]
        data = src.read_bytes()
        if src.suffix == ".txt":
            data += f"\n（副本{i}）\n".encode()
        elif i >= len(files):
            continue  # a .docx copy would be the same content: only the first round
        (folder / f"{i:04d}-{src.name}").write_bytes(data)
        size += len(data)
    return size


def _child(args: list[str], timeout: float = 900) -> tuple[float, str, str]:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, env=child_env(), timeout=timeout,
                          stdin=subprocess.DEVNULL)
    return time.perf_counter() - t, done.stdout.decode(), done.stderr.decode()


def run(ctx: Context) -> list[Result]:
    if ctx.corpus is None:
        return [skipped("corpus: index 1,000 reports", "corpus absent")]
    n = 40 if ctx.quick else REPORTS
    out: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        folder, idx = Path(tmp) / "reports", Path(tmp) / "idx"
        size = _folder(ctx, folder, n)
        files = len(list(folder.iterdir()))
        t, stdout, err = _child(["-m", "bench.corpus_child", str(folder), str(idx)])
        if "ERROR" in stdout or not stdout.strip():
            return [Result(f"corpus: index {files:,} reports", "error", status="error", notes=[err[-300:]])]
        fields = dict(line.split("=", 1) for line in stdout.split() if "=" in line)
        disk = sum(p.stat().st_size for p in idx.iterdir()) / 1e6
        out.append(Result(
            f"corpus: index {files:,} reports", secs(t), goal="report (issue 13)", status="info",
            notes=[f"index {files:,} reports ({size / 1e6:.0f} MB of files; {fields['reports']} reports, "
                   f"{fields['failed']} failed) on 2 workers: {t:.1f} s as a process, {disk:.0f} MB on disk, "
                   f"peak RSS {float(fields['parent_kib']) / 1024:.0f} MB (writer) + "
                   f"{float(fields['child_kib']) / 1024:.0f} MB (largest worker)"],
            values={"seconds": t, "files": files, "mb_disk": disk, "parent_kib": float(fields["parent_kib"]),
                    "worker_kib": float(fields["child_kib"]), "bytes": size}))
        t_again, _, _ = _child(["-m", "tui.cli", "index", str(folder), "--index", str(idx)])
        out.append(Result("corpus: index again, nothing changed", secs(t_again), goal="stat only", status="info",
                          values={"seconds": t_again}))
        out += _queries(ctx, idx)
    return out


def _queries(ctx: Context, idx: Path) -> list[Result]:
    from core.corpus.figures import Wanted, indicator_records
    from core.corpus.phrase import phrase_table
    from core.corpus.similar import similar
    from core.corpus.store import open_store
    from core.corpus.vectors import _cache

    national = ctx.national(2022)
    assert national is not None
    store = open_store(idx)
    runs = 3 if ctx.quick else 5
    cold, warm, phrase_t, fig_t = [], [], [], []
    for _ in range(runs):
        _cache.clear()
        t = time.perf_counter()
        similar(store, str(national), "(七)", phrases=False)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        similar(store, str(national), "(七)", phrases=False)
        warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        phrase_table(store, ["新质生产力", "放管服"])
        phrase_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        indicator_records(store, Wanted("gdp", "target"))
        fig_t.append(time.perf_counter() - t)
    reports = store.count("reports")
    store.close()
    proc_sim, _, _ = _child(["-m", "tui.cli", "similar", str(idx), "--to", str(national), "--section", "(七)"])
    proc_phr, _, _ = _child(["-m", "tui.cli", "phrase", str(idx), "新质生产力"])
    goal = f"< {GOAL_QUERY:.0f} s" if not ctx.quick else "(1,000: < 1 s)"

    def row(name: str, xs: list[float], process: float | None = None) -> Result:
        m = median(xs)
        note = f"{name}: median of {len(xs)} on {reports} reports in-process"
        if process is not None:
            note += f"; as a whole command {process:.2f} s (start-up, and jieba's dictionary for shared phrases)"
        return Result(name, secs(m), goal=goal, status=verdict(m < GOAL_QUERY) if not ctx.quick else "info",
                      notes=[note], values={"seconds": m, "process": process})

    return [
        row("corpus: similar, first query", cold, proc_sim),
        row("corpus: similar, next queries", warm),
        row("corpus: phrase (2 phrases)", phrase_t, proc_phr),
        row("corpus: indicators gdp target", fig_t),
    ]


def cpu_count() -> int:
    return os.cpu_count() or 1
