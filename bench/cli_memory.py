"""Issue 6: peak memory of the command line on the largest corpus report (``outline --json``, ``diff --json``),
each in its own process (its own VmHWM, see :mod:`bench.peak`); the baseline is a bare interpreter."""

from __future__ import annotations

from .common import Context, Result, last_line, mb, run_module, secs, skipped

NAME = "cli_memory"
TITLE = "CLI peak memory"


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
    return out
