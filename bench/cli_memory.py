"""Issue 6: peak memory of the command line on the largest corpus report (``outline --json``, ``diff --json``),
each in its own process (its own VmHWM, see :mod:`bench.peak`); the baseline is a bare interpreter.
Issue 16: every command on a 20 MB report (:mod:`bench.big_input`) under 250 MB."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .common import Context, Result, last_line, mb, run_module, secs, skipped, verdict

NAME = "cli_memory"
TITLE = "CLI peak memory"
GOAL_BIG_MB = 250.0  #: peak of any command on a 20 MB report (issue 16)
BIG_TIMEOUT = 600.0  #: seconds; a command still running then is reported as such


def run(ctx: Context) -> list[Result]:
    files = sorted(ctx.corpus_files(), key=lambda p: p.stat().st_size, reverse=True)
    if len(files) < 2:
        return [skipped("CLI peak memory", "corpus absent")]
    largest, second = (files[-1], files[-2]) if ctx.quick else (files[0], files[1])
    bare = run_module("-c", ["pass"], peak=True)
    cases = [
        (
            "CLI outline --json, " + ("smallest" if ctx.quick else "largest"),
            ["outline", str(largest), "--json"],
            f"{largest.name}",
        ),
        (
            "CLI diff --json, 2 " + ("smallest" if ctx.quick else "largest"),
            ["diff", str(largest), str(second), "--json"],
            f"{largest.name} vs {second.name}",
        ),
    ]
    out = []
    for name, args, what in cases:
        run = run_module("tui.cli", args, timeout=120, peak=True)
        # diff exits 1 when the reports differ (like diff(1)); 2 is trouble.
        ok = run.returncode in ((0, 1) if args[0] == "diff" else (0,))
        notes = [
            f"{name}: {what} ({largest.stat().st_size / 1024:.0f} KB), wall {secs(run.seconds)}, "
            f"exit {run.returncode}"
        ]
        if not ok:
            notes.append(f"{name}: {last_line(run.stderr)}")
        out.append(
            Result(
                name,
                mb(run.peak_kib) if ok else f"exit {run.returncode}",
                f"bare python {mb(bare.peak_kib)}",
                goal="report (issue 6)",
                status="info" if ok else "error",
                notes=notes,
                values={"peak_kib": run.peak_kib, "seconds": run.seconds, "baseline_peak_kib": bare.peak_kib},
            )
        )
    out.extend(_big(ctx, bare.peak_kib))
    return out


def _big(ctx: Context, bare_kib: float) -> list[Result]:
    """Every command on two reports of ~20 MB (5 MB with --quick)."""
    from .big_input import SIZE, big_pair, paragraphs

    a_base, b_base = ctx.national(2021), ctx.national(2022)
    if a_base is None or b_base is None or ctx.corpus is None:
        return [skipped("CLI peak memory, 20 MB", "corpus absent")]
    size = 300_000 if ctx.quick else SIZE  # quick: the smoke test must stay short (the differ is slow at MBs)
    pool = paragraphs(
        sorted(p for p in ctx.corpus_files() if not p.name.startswith("national"))
        + sorted(ctx.corpus.glob("local/*/*.txt"))
    )
    out = []
    with tempfile.TemporaryDirectory(prefix="bench-big-") as tmp:
        a, b = big_pair(a_base, b_base, pool, Path(tmp), size)
        what = f"{a.stat().st_size / 1e6:.1f} MB reports ({a_base.name}/{b_base.name} filled, bench/big_input.py)"
        cases = [
            ("outline --json", ["outline", str(a), "--json"]),
            ("figures --json", ["figures", str(a), "--json"]),
            ("align --json", ["align", str(a), str(b), "--json"]),
            ("align --level topics --json", ["align", str(a), str(b), "--level", "topics", "--json"]),
            ("diff --json", ["diff", str(a), str(b), "--json"]),
        ]
        for label, args in cases:
            name = f"CLI {label}, {size / 1e6:g} MB"
            run = run_module("tui.cli", args, timeout=BIG_TIMEOUT, peak=True)
            ok = run.returncode in ((0, 1) if args[0] == "diff" else (0,))
            notes = [f"{name}: {what}; wall {secs(run.seconds)}, exit {run.returncode}"]
            if not ok:
                notes.append(f"{name}: {last_line(run.stderr)}")
            out.append(
                Result(
                    name,
                    mb(run.peak_kib) if ok else ("timed out" if run.returncode == -9 else f"exit {run.returncode}"),
                    f"bare python {mb(bare_kib)}",
                    goal=f"< {GOAL_BIG_MB:.0f} MB",
                    status=("info" if ctx.quick else verdict(run.peak_kib / 1024 < GOAL_BIG_MB)) if ok else "FAIL",
                    notes=notes,
                    values={"peak_kib": run.peak_kib, "seconds": run.seconds, "exit": run.returncode},
                )
            )
    return out
