"""Issue 6: N-way alignment time (chapters) for 2, 4, 8 and 31 reports (the provinces of 2026): how cost grows.
Issue 10: two national reports (chapters) and the 31 provinces (topics), against the previous aligner
(rebuilt from git, see previous_aligner) in the same run."""

from __future__ import annotations

import math
import time
from typing import Any

from .common import Context, Result, clear_caches, median, secs, skipped, times, verdict

NAME = "nway"
TITLE = "N-way alignment growth"


def run(ctx: Context) -> list[Result]:
    from core import tokens
    from core.align import align
    from core.report import load_report

    provinces = ctx.provinces()
    if len(provinces) < 2:
        return [skipped("align N-way", "corpus absent")]
    sizes = [n for n in ((2, 4) if ctx.quick else (2, 4, 8, 31)) if n <= len(provinces)]
    if not ctx.quick and len(provinces) not in sizes:
        sizes.append(len(provinces))
    tokens.warm_up()
    reports = [load_report(p) for p in provinces[: max(sizes)]]
    out: list[Result] = []
    prev: tuple[int, float] | None = None
    first: float | None = None
    for n in sizes:
        clear_caches()
        t = time.perf_counter()
        alignment = align(reports[:n], "chapters")
        dt = time.perf_counter() - t
        first = first if first is not None else dt
        units = sum(sum(1 for c in row.cells if c is not None) for row in alignment.rows)
        note = f"N={n}: {len(alignment.rows)} rows, {units} sections, {dt / n * 1000:.0f} ms per report"
        if prev is not None:
            k = math.log(dt / prev[1]) / math.log(n / prev[0]) if dt > 0 and prev[1] > 0 else float("nan")
            note += f"; from N={prev[0]}: time grows as N^{k:.2f}"
        out.append(
            Result(
                f"align N-way, N={n}",
                secs(dt),
                ratio=f"{dt / first:.1f}x N=2",
                goal="show growth",
                status="info",
                notes=[note],
                values={"n": n, "seconds": dt, "rows": len(alignment.rows)},
            )
        )
        prev = (n, dt)
    out += against_previous(ctx, reports)
    return out


GOAL_NATIONAL = 0.060  #: seconds to align two national reports (chapters), in-process


def against_previous(ctx: Context, provinces: list[Any]) -> list[Result]:
    """Today's aligner beside the previous one, in-process, reports parsed beforehand (median of runs)."""
    from core.align import align
    from core.report import load_report

    from . import previous_aligner

    old = previous_aligner.load()
    out: list[Result] = []
    a, b = ctx.national(2021), ctx.national(2022)
    cases = []
    if a is not None and b is not None:
        cases.append(("align national 21/22 (chapters)", [load_report(a), load_report(b)], "chapters",
                      GOAL_NATIONAL))
    if len(provinces) >= 31 and not ctx.quick:
        cases.append(("align 31 provinces (topics)", provinces[:31], "topics", None))
    for name, reports, level, goal in cases:
        runs = 1 if ctx.quick else 5
        ours = median([_time(align, reports, level) for _ in range(runs)])
        base = median([_time(old, reports, level) for _ in range(max(1, runs // 2))]) if old else None
        ratio = base / ours if base else None
        ok = (ours < goal) if goal is not None else (ratio is not None and ratio > 1)
        out.append(Result(
            name, secs(ours), f"previous {secs(base)}" if base else "previous: no git history",
            times(ratio) if ratio else "-", f"< {goal * 1000:.0f} ms" if goal else "faster than previous",
            "info" if ctx.quick else verdict(ok),
            notes=[f"{name}: in-process, reports parsed beforehand; previous = the aligner of commit "
                   f"{previous_aligner.COMMIT} rebuilt from git (median of {runs} and {max(1, runs // 2)} runs)"],
            values={"seconds": ours, "previous_seconds": base},
        ))
    return out


def _time(fn: Any, *args: Any) -> float:
    clear_caches()
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t
