"""Issue 5: the app. Process start → first painted comparison of two full national reports, against Textual
starting an empty App by the same method in the same run; row-change key press → painted panes (median);
peak memory with four full reports open. Each measurement runs in a fresh process (``bench.tui_child``)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .common import Context, Result, child_env, last_line, mb, median, secs, seed_files, times, verdict

NAME = "tui"
TITLE = "Textual app"
GOAL_PAINT = 1.0  #: seconds from process start to the first painted comparison
GOAL_PAINT_RATIO = 2.0  #: at most 2x an empty Textual app
GOAL_KEY = 0.050  #: seconds from a row-change key press to painted panes
GOAL_MEM_MB = 200.0  #: with four full reports open
GOAL_EARLY_KEY = 0.100  #: a key pressed 100 ms after first paint answers within this (issue 16)
EARLY_KEY_AFTER = 0.100


def _child(args: list[str], timeout: float = 120) -> dict[str, Any]:
    """Run ``bench.tui_child`` with ``args``; its events by name, times made relative to process start."""
    # Colour as most users have it: NO_COLOR makes Textual run every painted line through a Monochrome
    # filter, which is not what is being measured.
    env = child_env()
    env.pop("NO_COLOR", None)
    t_spawn = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "bench.tui_child", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    events: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            data = json.loads(line)
            events[data.pop("event")] = data
    if "first_paint" in events:
        fp = events["first_paint"]
        fp["seconds"] = fp["wall"] - t_spawn
        fp["interpreter"] = fp["start"] - t_spawn
        fp["marks"] = {k: v - t_spawn for k, v in fp.get("marks", {}).items()}
        if events.get("diff_paint", {}).get("wall"):
            events["diff_paint"]["seconds"] = events["diff_paint"]["wall"] - t_spawn
    if done.returncode != 0 or "error" in events or "first_paint" not in events:
        why = events.get("error", {}).get("message") or last_line(done.stderr) or f"exit {done.returncode}"
        raise RuntimeError(why)
    return events


def _pair(ctx: Context) -> tuple[list[Path], str]:
    a, b = ctx.national(2021), ctx.national(2022)
    if a and b and not ctx.quick:
        return [a, b], "national-2021 + national-2022"
    seeds = seed_files()
    return seeds[:2], "seeds 000 + 001 (quick or corpus absent)"


def _four(ctx: Context) -> tuple[list[Path], str]:
    full = sorted(ctx.full_national(), key=lambda p: p.stat().st_size, reverse=True)[:4]
    if len(full) == 4 and not ctx.quick:
        return full, "the 4 largest full national reports (" + ", ".join(p.stem for p in full) + ")"
    return seed_files()[:4], "seeds 000-003 (quick or corpus absent)"


def _eight(ctx: Context) -> tuple[list[Path], str] | None:
    """Issue 14's many reports: the first eight provinces of 2026 (a window of their panes is shown)."""
    eight = ctx.provinces()[:8]
    if len(eight) < 8 or ctx.quick:
        return None
    return eight, "8 provinces 2026 (" + ", ".join(p.stem.removesuffix("-2026") for p in eight) + ")"


def _eight_memory(paths: list[Path], label: str) -> Result:
    name = "TUI memory (8 reports)"
    try:
        m = _child(["app", "--settle", *map(str, paths)])
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        return Result(name, "error", status="error", notes=[f"{name}: {exc}"])
    peak = m.get("memory", {}).get("peak_kib", 0.0)
    return Result(
        name,
        mb(peak),
        goal=f"< {GOAL_MEM_MB:.0f} MB",
        status=verdict(peak / 1024 < GOAL_MEM_MB),
        notes=[f"{name}: {label}; peak RSS (VmHWM) after loading, aligning and the background diffs+figures "
               f"of every row"],
        values={"peak_kib": peak},
    )


def run(ctx: Context) -> list[Result]:
    out: list[Result] = []
    pair, pair_label = _pair(ctx)
    runs = 1 if ctx.quick else 5
    presses = 5 if ctx.quick else 30
    empty: list[float] = []
    ours: list[float] = []
    diffs: list[float] = []
    interp: list[float] = []
    keys: list[float] = []
    mounted: list[float] = []
    loaded: list[float] = []
    rss_pair = empty_peak = 0.0
    pair_memory: dict[str, float] = {}
    try:
        for i in range(runs):
            e = _child(["empty"])
            empty_peak = max(empty_peak, e.get("memory", {}).get("peak_kib", 0.0))
            empty.append(e["first_paint"]["seconds"])
            interp.append(e["first_paint"]["interpreter"])
            args = ["app", *map(str, pair)] + (["--presses", str(presses), "--settle"] if i == 0 else [])
            o = _child(args)
            ours.append(o["first_paint"]["seconds"])
            marks = o["first_paint"]["marks"]
            if "mounted" in marks and "loaded" in marks:
                mounted.append(marks["mounted"])
                loaded.append(marks["loaded"])
            if "seconds" in o.get("diff_paint", {}):
                diffs.append(o["diff_paint"]["seconds"])
            keys.extend(o.get("keys", {}).get("latencies", []))
            if "memory" in o:
                pair_memory = o["memory"]
                rss_pair = o["memory"].get("peak_kib", 0.0)
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        return [Result("TUI first paint", "error", status="error", notes=[f"TUI: {exc}"])]

    paint, base = median(ours), median(empty)
    ratio = paint / base
    ok = paint < GOAL_PAINT and ratio <= GOAL_PAINT_RATIO
    out.append(
        Result(
            "TUI first paint (2 reports)",
            secs(paint),
            f"empty App {secs(base)}",
            f"{ratio:.1f}x slower" if ratio >= 1 else times(ratio),
            f"< {GOAL_PAINT:.0f} s, <= {GOAL_PAINT_RATIO:.0f}x empty",
            verdict(ok),
            notes=[
                f"TUI first paint: {pair_label}, process start → first screen update with both panes' text "
                f"(median of {runs}; runs {', '.join(secs(x) for x in ours)}); diffs painted at "
                f"{secs(median(diffs)) if diffs else '?'}; interpreter start ≈ {secs(median(interp))}; "
                + (
                    f"app mounted at {secs(median(mounted))}, reports in at {secs(median(loaded))} (medians); "
                    if mounted
                    else ""
                )
                + "headless App.run_test for both apps",
            ],
            values={
                "seconds": paint,
                "baseline_seconds": base,
                "ratio": ratio,
                "runs": ours,
                "empty_runs": empty,
                "diff_paint": median(diffs) if diffs else None,
            },
        )
    )
    if keys:
        k = median(keys)
        out.append(
            Result(
                "TUI row change (j/k)",
                secs(k),
                goal=f"< {GOAL_KEY * 1000:.0f} ms",
                status=verdict(k < GOAL_KEY),
                notes=[
                    f"TUI row change: {len(keys)} presses after the background diffs finished, key → first "
                    f"screen update with every pane's new text: median {secs(k)}, max {secs(max(keys))}"
                ],
                values={"seconds": k, "latencies": keys},
            )
        )
    out.append(_early_key(ctx, pair, pair_label))
    four, four_label = _four(ctx)
    out.append(_aligned_row_change(ctx, pair, pair_label, "2 reports"))
    if not ctx.quick:
        out.append(_aligned_row_change(ctx, four, four_label, "4 reports"))
    eight = _eight(ctx)
    if eight is not None:  # with 8 reports 2-4 panes are shown, the others a key away (issue 14)
        out.append(_aligned_row_change(ctx, eight[0], eight[1], "8 reports"))
        out.append(_eight_memory(*eight))
    if ctx.quick:  # one process fewer: the two-report app's memory stands in
        m, four_label = (
            {"memory": pair_memory},
            f"quick: the 2-report app ({pair_label}) instead of 4 reports",
        )
    else:
        try:
            m = _child(["app", "--settle", *map(str, four)])
        except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
            out.append(
                Result("TUI memory (4 reports)", "error", status="error", notes=[f"TUI memory: {exc}"])
            )
            return out
    peak = m.get("memory", {}).get("peak_kib", 0.0)
    empty_rss = empty_peak
    out.append(
        Result(
            "TUI memory (4 reports)",
            mb(peak),
            f"empty App {mb(empty_rss)}" if empty_rss else "-",
            goal=f"< {GOAL_MEM_MB:.0f} MB",
            status=verdict(peak / 1024 < GOAL_MEM_MB),
            notes=[
                f"TUI memory: {four_label}; peak RSS (VmHWM) after loading, aligning and the background "
                f"diffs+figures of every row; now {mb(m['memory'].get('rss_kib', 0.0))}; "
                f"2-report app peak {mb(rss_pair)}"
            ],
            values={"peak_kib": peak, "empty_peak_kib": empty_rss},
        )
    )
    return out


def _early_key(ctx: Context, pair: list[Path], pair_label: str) -> Result:
    """j pressed 100 ms after the first paint, while the dictionary loads and the first diffs run."""
    name = "TUI key 100 ms after first paint"
    latencies: list[float] = []
    freezes: list[float] = []
    try:
        for _ in range(1 if ctx.quick else 5):
            o = _child(["app", "--key-after", str(EARLY_KEY_AFTER), *map(str, pair)])
            early = o.get("early_key")
            if early is None:
                raise RuntimeError("no early key event")
            latencies.append(early["latency"])
            freezes.append(early["worst_freeze"])
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        return Result(name, "error", status="error", notes=[f"{name}: {exc}"])
    k = median(latencies)
    return Result(
        name,
        secs(k),
        goal=f"<= {GOAL_EARLY_KEY * 1000:.0f} ms",
        status=verdict(k <= GOAL_EARLY_KEY),
        notes=[
            f"{name}: {pair_label}; j pressed {EARLY_KEY_AFTER * 1000:.0f} ms after the first paint, key → "
            f"first screen update with every pane's new row (median of {len(latencies)}: "
            f"{', '.join(secs(x) for x in latencies)}); the event loop's longest freeze in that time "
            f"(a 5 ms timer's lateness): {', '.join(secs(x) for x in freezes)}"
        ],
        values={"seconds": k, "latencies": latencies, "freezes": freezes},
    )


def _aligned_row_change(ctx: Context, paths: list[Path], label: str, what: str) -> Result:
    """Issue 14: a row change with sentence-aligned panes against the same app with plain panes (each
    wrapping its section on its own, as before), in the same run, alternating which goes first."""
    name = f"TUI row change, aligned panes ({what})"
    presses = 5 if ctx.quick else 30
    aligned: list[float] = []
    plain: list[float] = []
    try:
        for k in range(1 if ctx.quick else 2):
            order = [False, True] if k % 2 == 0 else [True, False]
            for unaligned in order:
                args = ["app", "--presses", str(presses), "--settle", *(["--unaligned"] if unaligned else [])]
                o = _child([*args, *map(str, paths)])
                (plain if unaligned else aligned).extend(o.get("keys", {}).get("latencies", []))
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        return Result(name, "error", status="error", notes=[f"{name}: {exc}"])
    if not aligned or not plain:
        return Result(name, "error", status="error", notes=[f"{name}: no key presses timed"])
    a, p = median(aligned), median(plain)
    return Result(
        name,
        secs(a),
        f"plain panes {secs(p)}",
        f"{a / p:.2f}x" if p else "-",
        f"< {GOAL_KEY * 1000:.0f} ms",
        verdict(a < GOAL_KEY),
        notes=[
            f"{name}: {label}; j/k key → first screen update with every pane's new text, after the "
            f"background diffs; {len(aligned)} presses aligned (max {secs(max(aligned))}), {len(plain)} "
            f"plain (max {secs(max(plain))}), each app in its own process, alternating which runs first"
        ],
        values={"seconds": a, "plain_seconds": p, "latencies": aligned, "plain_latencies": plain},
    )
