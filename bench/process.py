"""Issue 16: what a user waits for, as whole processes (interpreter start, imports and jieba's dictionary
included): ``reportdiff diff`` of two national reports against a difflib character diff process, ``align``
of the 31 provinces, ``outline`` of the 31 provinces in one call. Medians of alternating runs."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .common import (
    Context,
    Result,
    child_env,
    last_line,
    median,
    run_module,
    secs,
    seed_files,
    times,
    verdict,
)

NAME = "process"
TITLE = "whole processes (start-up and dictionary included)"
GOAL_DIFF = 3.0  #: times faster than the difflib process
GOAL_OUTLINE_31 = 1.5  #: seconds for one `outline` call on 31 files

#: The baseline a user could run instead: both files read, one character diff (autojunk off: with it,
#: difflib ignores 的, 和, ，… in texts this long).
DIFFLIB = """\
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
print(len(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()))
"""


def _runs(ctx: Context) -> int:
    return 1 if ctx.quick else 7


def _diff(ctx: Context) -> Result:
    a, b = ctx.national(2021), ctx.national(2022)
    label = "national 21/22"
    if ctx.quick or a is None or b is None:
        a, b = seed_files()[:2]
        label = "seeds 000/001"
    name = f"diff {label} (process)"
    with tempfile.TemporaryDirectory(prefix="bench-process-") as tmp:
        script = Path(tmp) / "difflib_diff.py"
        script.write_text(DIFFLIB, encoding="utf-8")
        ours: list[float] = []
        base: list[float] = []
        for _ in range(_runs(ctx)):  # alternating, so that a change in load hits both sides
            run = run_module("tui.cli", ["diff", str(a), str(b), "--json"], timeout=120)
            if run.returncode not in (0, 1):  # 1: the reports differ, as diff(1)
                return Result(name, f"exit {run.returncode}", status="error", notes=[last_line(run.stderr)])
            ours.append(run.seconds)
            done = run_module(str(script), [str(a), str(b)], timeout=300, script=True)
            base.append(done.seconds)
    o, d = median(ours), median(base)
    ratio = d / o
    return Result(
        name,
        secs(o),
        f"difflib process {secs(d)}",
        times(ratio),
        f">= {GOAL_DIFF:.0f}x faster",
        verdict(ratio >= GOAL_DIFF) if not ctx.quick else "info",
        notes=[
            f"{name}: `reportdiff diff A B --json > /dev/null` from process start to exit, jieba's "
            f"dictionary (rjieba) included, against `python difflib_diff.py A B` (read both, "
            f"SequenceMatcher(autojunk=False) over the characters); median of {len(ours)} alternating runs: "
            f"ours {', '.join(secs(x) for x in ours)}; difflib {', '.join(secs(x) for x in base)}"
        ],
        values={"seconds": o, "baseline_seconds": d, "ratio": ratio, "runs": ours, "baseline_runs": base},
    )


def _many(ctx: Context, command: str) -> tuple[list[Path], str]:
    files = ctx.provinces()
    if ctx.quick or len(files) < 31:
        return seed_files(), "the 5 seeds"
    return files, f"the {len(files)} provinces of 2026"


def _align(ctx: Context) -> Result:
    files, what = _many(ctx, "align")
    name = f"align {len(files)} reports (process)"
    runs = [run_module("tui.cli", ["align", *map(str, files), "--json"], timeout=300) for _ in range(_runs(ctx) // 2 + 1)]
    bad = [r for r in runs if r.returncode != 0]
    if bad:
        return Result(name, f"exit {bad[0].returncode}", status="error", notes=[last_line(bad[0].stderr)])
    t = median([r.seconds for r in runs])
    return Result(
        name,
        secs(t),
        goal="report",
        notes=[f"{name}: `reportdiff align` of {what} --json, process start to exit (median of {len(runs)})"],
        values={"seconds": t},
    )


def _takes_many(command: str) -> bool:
    """Whether ``reportdiff COMMAND`` takes several files in one call (its usage says FILE …)."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", command, "--help"], capture_output=True, text=True, env=child_env(), timeout=60
    )
    usage = done.stdout.split("\n\n", 1)[0]
    return done.returncode == 0 and "..." in usage


def _outline(ctx: Context) -> Result:
    files, what = _many(ctx, "outline")
    name = f"outline {len(files)} files (process)"
    runs_n = _runs(ctx) // 2 + 1
    if _takes_many("outline"):
        label = f"one `reportdiff outline FILE… --json` call on {what}"
        times_ = []
        for _ in range(runs_n):
            run = run_module("tui.cli", ["outline", *map(str, files), "--json"], timeout=300)
            if run.returncode != 0:
                return Result(name, f"exit {run.returncode}", status="error", notes=[last_line(run.stderr)])
            times_.append(run.seconds)
        t = median(times_)
        status = verdict(t <= GOAL_OUTLINE_31) if not ctx.quick else "info"
    else:
        # `outline` takes one file on this branch: what a user has to do instead, one process a file.
        name += " (fallback: a process a file)"
        label = f"`outline` takes one file here: {len(files)} `reportdiff outline FILE --json` processes"
        totals = []
        for _ in range(max(1, runs_n // 2)):
            total = 0.0
            for f in files:
                run = run_module("tui.cli", ["outline", str(f), "--json"], timeout=120)
                total += run.seconds
            totals.append(total)
        t = median(totals)
        status = "FAIL" if not ctx.quick else "info"
    return Result(
        name,
        secs(t),
        goal=f"<= {GOAL_OUTLINE_31} s in one call",
        status=status,
        notes=[f"{name}: {label}, process start to exit (median of the runs)"],
        values={"seconds": t},
    )


def run(ctx: Context) -> list[Result]:
    return [_diff(ctx), _align(ctx), _outline(ctx)]
