"""Issue 3: align two consecutive national reports (chapters and topics) and diff every row with two sides,
against difflib.SequenceMatcher over the two whole texts (characters, autojunk=False) in the same run;
jieba's one-off dictionary load reported apart; 8 reports aligned in under a second."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

from .common import Context, Result, child_env, clear_caches, median, secs, skipped, times, verdict

NAME = "align"
TITLE = "align + diff vs difflib"
GOAL_RATIO = 10.0
GOAL_8 = 1.0  #: seconds to align 8 reports

_JIEBA_CHILD = (
    "import time; t = time.perf_counter(); from core import tokens; tokens.warm_up(); "
    "print(time.perf_counter() - t)"
)


def jieba_load() -> float:
    """jieba import + dictionary load, in a fresh process (this one may have loaded it already)."""
    out = subprocess.run(
        [sys.executable, "-c", _JIEBA_CHILD],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def structured(text_a: str, path_a: str, text_b: str, path_b: str, levels: tuple[str, ...]) -> dict[str, Any]:
    """Our whole structured result from the two texts: parse, align at ``levels``, diff each paired row."""
    from core.align import align
    from core.diff import diff_texts
    from core.report import report_from_text

    t0 = time.perf_counter()
    a, b = report_from_text(text_a, path_a), report_from_text(text_b, path_b)
    t1 = time.perf_counter()
    timing = {"parse": t1 - t0}
    diffs = rows = 0
    for level in levels:
        t = time.perf_counter()
        alignment = align([a, b], level)
        t_al = time.perf_counter()
        for row in alignment.rows:
            s, u = row.cells[0], row.cells[1]
            if s is None or u is None:
                continue
            diff_texts(
                a.folded,
                (s.start, s.end),
                b.folded,
                (u.start, u.end),
                damaged_a=a.damaged,
                damaged_b=b.damaged,
            )
            diffs += 1
        rows += len(alignment.rows)
        timing[f"align {level}"] = t_al - t
        timing[f"diff {level}"] = time.perf_counter() - t_al
    timing["total"] = time.perf_counter() - t0
    return {"timing": timing, "rows": rows, "diffs": diffs}


def run(ctx: Context) -> list[Result]:
    from core import tokens
    from core.align import align
    from core.report import load_report

    out: list[Result] = []
    t_jieba = jieba_load()
    out.append(
        Result(
            "jieba dictionary load (one-off)",
            secs(t_jieba),
            goal="reported apart",
            notes=["jieba: import + dictionary load, measured in a fresh process"],
            values={"seconds": t_jieba},
        )
    )
    tokens.warm_up()

    a_path, b_path = ctx.national(2021), ctx.national(2022)
    if ctx.quick or a_path is None or b_path is None:
        from .common import seed_files

        seeds = seed_files()
        a_path, b_path = seeds[0], seeds[1]
        label = "align+diff seeds 000/001"
        note = "quick or corpus absent: seeds 000 and 001 instead of national 2021/2022"
    else:
        label = "align+diff national 21/22"
        note = "national-2021 vs national-2022"
    text_a, text_b = a_path.read_text(encoding="utf-8"), b_path.read_text(encoding="utf-8")

    import difflib

    # Both sides are medians of several runs: on a shared machine one run can be off by a third.
    base_runs = []
    for _ in range(1 if ctx.quick else 3):
        t = time.perf_counter()
        difflib.SequenceMatcher(None, text_a, text_b, autojunk=False).get_opcodes()
        base_runs.append(time.perf_counter() - t)
    base = median(base_runs)
    # One row a level: what `reportdiff diff A B` does (chapters, the default) and `--level topics`.
    for levels in (("chapters",), ("topics",)):
        runs = []
        for _ in range(1 if ctx.quick else 5):
            clear_caches()
            runs.append(structured(text_a, str(a_path), text_b, str(b_path), levels))
        ours = median([r["timing"]["total"] for r in runs])
        mid = sorted(runs, key=lambda r: r["timing"]["total"])[len(runs) // 2]
        ratio = base / ours
        parts = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in mid["timing"].items() if k != "total")
        name = f"{label} ({levels[0]}, in-process)"
        out.append(
            Result(
                name,
                secs(ours),
                f"difflib {secs(base)}",
                times(ratio),
                f">= {GOAL_RATIO:.0f}x faster",
                verdict(ratio >= GOAL_RATIO),
                notes=[
                    f"{name}: {note}, {len(text_a):,}+{len(text_b):,} chars; parse, align {levels[0]}, "
                    f"{mid['diffs']} row diffs of {mid['rows']} rows (median of {len(runs)}, caches cleared): "
                    f"{parts}",
                    f"{name}: baseline SequenceMatcher(None, a, b, autojunk=False).get_opcodes() on the whole "
                    f"texts (median of {len(base_runs)}), jieba's dictionary already loaded (its one-off load is the row above)",
                ],
                values={"seconds": ours, "baseline_seconds": base, "ratio": ratio, "timing": mid["timing"]},
            )
        )

    n8 = 3 if ctx.quick else 8
    provinces = ctx.provinces()[:n8]
    name8 = f"align {n8} provinces (chapters)"
    if len(provinces) < n8:
        out.append(skipped(name8, "corpus absent"))
        return out
    reports = [load_report(p) for p in provinces]
    samples = []
    for _ in range(1 if ctx.quick else 3):
        clear_caches()
        t = time.perf_counter()
        alignment = align(reports, "chapters")
        samples.append(time.perf_counter() - t)
    t8 = median(samples)
    out.append(
        Result(
            name8,
            secs(t8),
            goal=f"< {GOAL_8:.0f} s (8 reports)",
            status="info" if ctx.quick else verdict(t8 < GOAL_8),
            notes=[
                f"{name8}: {', '.join(p.stem for p in provinces)} → {len(alignment.rows)} rows "
                f"(align only, reports parsed beforehand, word caches cleared; median of {len(samples)})"
            ],
            values={"seconds": t8, "rows": len(alignment.rows)},
        )
    )
    return out
