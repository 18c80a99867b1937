"""Run the benchmarks and print one table (plus the notes that explain each row)."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
import traceback
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import BENCHMARKS
from .common import Context, Result, compile_project

COLUMNS = ("benchmark", "ours", "baseline (same run)", "ratio", "goal", "result")


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = "?"
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu": cpu,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "textual": textual,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def header(info: dict[str, Any], quick: bool, corpus: Path | None) -> str:
    lines = [
        f"machine: {info['cores']} cores ({info['usable_cores']} usable), {info['cpu'] or '?'}"
        + (f"; load average {info['load_average'][0]:.2f} at start" if info["load_average"] else ""),
        f"python {info['python']} ({info['implementation']}) on {info['platform']}; textual {info['textual']}",
        f"corpus: {corpus if corpus else 'absent (corpus rows skipped)'}"
        + ("; QUICK sizes" if quick else ""),
    ]
    return "\n".join(lines)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def table(results: Sequence[Result]) -> str:
    rows = [COLUMNS] + [(r.name, r.ours, r.baseline, r.ratio, r.goal, r.status) for r in results]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(COLUMNS))]
    out = []
    for k, row in enumerate(rows):
        out.append(" | ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def run(
    names: Sequence[str] | None = None,
    *,
    quick: bool = False,
    json_path: str | None = None,
    out: TextIO = sys.stdout,
    log: TextIO = sys.stderr,
) -> tuple[list[Result], int]:
    """Run the benchmarks ``names`` (all by default); print the table to ``out``. Returns (results, status)."""
    ctx = Context(quick=quick)
    compile_project()
    info = machine()
    print(header(info, quick, ctx.corpus), file=out, flush=True)
    results: list[Result] = []
    timings: dict[str, float] = {}
    t_all = time.perf_counter()
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        print(f"… {name}: {module.TITLE}", file=log, flush=True)
        t = time.perf_counter()
        try:
            got = module.run(ctx)
        except Exception as exc:
            tb = traceback.format_exc().strip().splitlines()
            got = [
                Result(
                    name, "error", status="error", notes=[f"{name}: {type(exc).__name__}: {exc}", *tb[-3:]]
                )
            ]
        timings[name] = time.perf_counter() - t
        if quick:  # small sizes: the goals do not apply
            for r in got:
                if r.status in ("pass", "FAIL"):
                    r.status = "quick"
        results.extend(got)
    total = time.perf_counter() - t_all
    if hasattr(os, "getloadavg"):
        info["load_average_end"] = os.getloadavg()
    print(file=out)
    print(table(results), file=out)
    notes = [n for r in results for n in r.notes]
    if notes:
        print("\nnotes:", file=out)
        for n in notes:
            print(f"  {n}", file=out)
    load = f"; load average {info['load_average_end'][0]:.2f} at end" if "load_average_end" in info else ""
    print(
        f"\nbench time {total:.1f} s ("
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        + ")"
        + load,
        file=out,
        flush=True,
    )
    if json_path:
        data = {
            "machine": info,
            "quick": quick,
            "corpus": str(ctx.corpus) if ctx.corpus else None,
            "seconds": total,
            "benchmark_seconds": timings,
            "results": [r.to_dict() for r in results],
        }
        Path(json_path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    status = 2 if any(r.status == "error" for r in results) else 0
    return results, status
