"""Issue 15: inputs at the limits, built in a temporary folder (no corpus needed).

- two files of 5,000 short sections each: ``reportdiff diff A B --json`` as a whole process (wall time, its
  own peak RSS), and the alignment alone in this process; goal < 10 s and < 500 MB;
- one sentence of 10,000 figures: the extraction in this process (median of 3) and what ``figures --csv``
  and ``--json`` write for it, against the input's size; goal < 5 s and CSV < 10× the input;
- 900 KB of hostile HTML (``<svg>`` × n then ``</x>`` × n, unmatched end tags inside a hidden element):
  reading it, median of 3; goal < 2 s.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from .common import Context, Result, clear_caches, last_line, mb, median, run_module, secs, verdict

NAME = "limits"
TITLE = "inputs at the limits"
GOAL_ALIGN_S, GOAL_ALIGN_MB = 10.0, 500
GOAL_FIGURES_S, GOAL_FIGURES_RATIO = 5.0, 10.0
GOAL_HTML_S = 2.0

_HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]


def sections_pair(n: int, seed: int = 1) -> tuple[str, str]:
    """Two texts of ``n`` numbered sections (a title, one sentence), a fifth of the sentences changed."""
    rnd = random.Random(seed)
    a, b = [], []
    for i in range(n):
        title = "".join(rnd.choice(_HAN) for _ in range(6))
        body = "".join(rnd.choice(_HAN) for _ in range(20))
        a.append(f"{i + 1}.{title}\n{body}。\n")
        if rnd.random() < 0.2:
            body = body[:10] + "".join(rnd.choice(_HAN) for _ in range(10))
        b.append(f"{i + 1}.{title}\n{body}。\n")
    return "".join(a), "".join(b)


def figure_sentence(n: int) -> str:
    """One sentence of ``n`` amounts."""
    return "一、总体要求\n今年" + "，".join(f"投资{i}.5亿元" for i in range(n)) + "。\n"


def hostile_html(size: int) -> str:
    """``<svg>`` × n then ``</x>`` × n: a hidden element full of end tags that match nothing."""
    n = size // 9  # len("<svg>") + len("</x>")
    return "<html><body><p>各位代表：</p>" + "<svg>" * n + "</x>" * n + "</body></html>"


def _align_rows(ctx: Context, tmp: Path) -> list[Result]:
    from core.align import align
    from core.report import report_from_text

    n = 500 if ctx.quick else 5_000
    text_a, text_b = sections_pair(n)
    pa, pb = tmp / "a.txt", tmp / "b.txt"
    pa.write_text(text_a, encoding="utf-8")
    pb.write_text(text_b, encoding="utf-8")
    kb = (len(text_a.encode()) + len(text_b.encode())) / 2 / 1024
    run = run_module("tui.cli", ["diff", str(pa), str(pb), "--json"], timeout=600, peak=True)
    ok = run.returncode in (0, 1)
    a, b = report_from_text(text_a, str(pa)), report_from_text(text_b, str(pb))
    seconds, rows = [], 0
    for _ in range(1 if ctx.quick else 3):
        t = time.perf_counter()
        al = align([a, b], "chapters")
        seconds.append(time.perf_counter() - t)
        rows = len(al.rows)
    inproc = median(seconds)
    peak_mb = run.peak_kib / 1024
    met = ok and run.seconds < GOAL_ALIGN_S and peak_mb < GOAL_ALIGN_MB
    sections = f"{len(a.sections):,} × {len(b.sections):,}"
    notes = [
        f"limits align: {sections} sections ({kb:.0f} KB a file); reportdiff diff --json, whole process: "
        f"{secs(run.seconds)}, peak {mb(run.peak_kib)}, exit {run.returncode}; the alignment alone in "
        f"process: {secs(inproc)} (median of {len(seconds)}), {rows:,} rows",
    ]
    if not ok:
        notes.append(f"limits align: {last_line(run.stderr)}")
    return [
        Result(
            f"diff 2×{n:,} sections (process)",
            f"{secs(run.seconds)}, {mb(run.peak_kib)}" if ok else f"exit {run.returncode}",
            f"align alone {secs(inproc)}",
            goal=f"< {GOAL_ALIGN_S:.0f} s, < {GOAL_ALIGN_MB} MB",
            status=verdict(met) if not ctx.quick else "info",
            notes=notes,
            values={"seconds": run.seconds, "peak_kib": run.peak_kib, "align_seconds": inproc, "sections": n},
        )
    ]


def _figure_rows(ctx: Context) -> list[Result]:
    from core.export import figures_csv
    from core.report import report_from_text
    from core.report_figures import report_figures

    n = 1_000 if ctx.quick else 10_000
    text = figure_sentence(n)
    size = len(text.encode())
    report = report_from_text(text)
    report_figures(report)  # jieba's dictionary, loaded once
    seconds = []
    figures: list = []
    for _ in range(3):
        clear_caches()
        t = time.perf_counter()
        figures = report_figures(report)
        seconds.append(time.perf_counter() - t)
    took = median(seconds)
    csv_bytes = len(figures_csv(figures).encode())
    json_bytes = len(json.dumps([f.to_dict() for f in figures], ensure_ascii=False, indent=2).encode())
    met = took < GOAL_FIGURES_S and csv_bytes < GOAL_FIGURES_RATIO * size
    return [
        Result(
            f"figures: {n:,}-figure sentence",
            f"{secs(took)}, CSV {csv_bytes / size:.1f}x input",
            f"JSON {json_bytes / size:.0f}x input",
            goal=f"< {GOAL_FIGURES_S:.0f} s, < {GOAL_FIGURES_RATIO:.0f}x",
            status=verdict(met) if not ctx.quick else "info",
            notes=[
                f"limits figures: one sentence of {n:,} amounts ({size / 1024:.0f} KB), {len(figures):,} figures "
                f"in {secs(took)} (median of 3); figures --csv writes {csv_bytes / 1024:.0f} KB, --json "
                f"{json_bytes / 1024:.0f} KB (each figure carries its clause, not the sentence; the JSON's "
                f"~450 bytes of fields a figure outweigh a dense sentence's ~15 bytes a figure)"
            ],
            values={"seconds": took, "input_bytes": size, "csv_bytes": csv_bytes, "json_bytes": json_bytes},
        )
    ]


def _html_rows(ctx: Context) -> list[Result]:
    from core.read.files import read_bytes

    size = 90_000 if ctx.quick else 900_000
    data = hostile_html(size).encode()
    seconds = []
    for _ in range(3):
        t = time.perf_counter()
        source = read_bytes(data, "hostile.html")
        seconds.append(time.perf_counter() - t)
    took = median(seconds)
    return [
        Result(
            f"HTML: {len(data) / 1024:.0f} KB hostile markup",
            secs(took),
            goal=f"< {GOAL_HTML_S:.0f} s",
            status=verdict(took < GOAL_HTML_S) if not ctx.quick else "info",
            notes=[
                f"limits html: <svg>×n then </x>×n, {len(data) / 1024:.0f} KB read in {secs(took)} "
                f"(median of 3), {len(source.text)} characters of text"
            ],
            values={"seconds": took, "bytes": len(data)},
        )
    ]


def run(ctx: Context) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp:
        return [*_align_rows(ctx, Path(tmp)), *_figure_rows(ctx), *_html_rows(ctx)]
