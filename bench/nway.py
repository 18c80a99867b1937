"""Issue 6: N-way alignment time (chapters) for 2, 4, 8 and 31 reports (the provinces of 2026): how cost grows."""

from __future__ import annotations

import math
import time

from .common import Context, Result, clear_caches, secs, skipped

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
    return out
