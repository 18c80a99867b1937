"""Issue 4: figure extraction throughput on the corpus against the peers a user would reach for, in the same
run: Microsoft Recognizers-Text (Chinese number-with-unit, models built once) and jionlp's money extraction;
and a 1,000-report directory through ``reportdiff figures DIR --json`` on two cores."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import (
    Context,
    Result,
    child_env,
    clear_caches,
    last_line,
    median,
    rate,
    run_module,
    secs,
    seed_files,
    skipped,
    times,
    verdict,
)

NAME = "figures"
TITLE = "figure extraction vs peers"
GOAL_RT = 20.0  #: at least 20x Recognizers-Text
GOAL_JIO = 1.0  #: no slower than jionlp
GOAL_DIR = 20.0  #: seconds for 1,000 reports on two cores (issue 16; issue 4 asked for 60)
DIR_REPORTS = 1000
RT_SAMPLE_CHARS = 100_000  #: Recognizers-Text runs ~20 k chars/s: a sample of the corpus, not all of it


def _ours(reports: list[Any]) -> tuple[float, int]:
    from core.report_figures import report_figures

    clear_caches()
    t = time.perf_counter()
    found = sum(len(report_figures(r)) for r in reports)
    return time.perf_counter() - t, found


def _peer_rt() -> tuple[Callable[[str], int], float]:
    t = time.perf_counter()
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    rec = NumberWithUnitRecognizer(Culture.Chinese)
    models = [
        rec.get_currency_model(),
        rec.get_dimension_model(),
        rec.get_age_model(),
        rec.get_temperature_model(),
    ]

    def extract(text: str) -> int:
        return sum(len(m.parse(text)) for m in models)

    extract("全年新增就业1269万人，投资3.75亿元。")
    return extract, time.perf_counter() - t


def _peer_jio() -> tuple[Callable[[str], int], float]:
    import contextlib
    import io

    t = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp as jio

        jio.ner.extract_money("投资3.75亿元。")

    def extract(text: str) -> int:
        return len(jio.ner.extract_money(text))

    return extract, time.perf_counter() - t


def _peer_run(extract: Callable[[str], int], texts: list[str]) -> tuple[float, int]:
    t = time.perf_counter()
    found = sum(extract(x) for x in texts)
    return time.perf_counter() - t, found


def _unavailable(exc: BaseException) -> str:
    return f"peer unavailable: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:90]


def run(ctx: Context) -> list[Result]:
    from core import tokens
    from core.report import load_report

    tokens.warm_up()
    out: list[Result] = []
    paths = ctx.corpus_files()
    if ctx.quick:
        paths = paths[:3]
    if not paths:
        paths = seed_files()
        where = "seeds (corpus absent)"
    else:
        where = f"{len(paths)} corpus reports"
    reports = [load_report(p) for p in paths]
    chars = sum(len(r.text) for r in reports)
    t_ours, n_ours = _ours(reports)
    ours_rate = chars / t_ours

    # Recognizers-Text on a sample (the same reports for both sides), models built once.
    stride = max(1, len(reports) // 8)
    sample = []
    for r in reports[::stride]:
        if sum(len(s.text) for s in sample) >= (8_000 if ctx.quick else RT_SAMPLE_CHARS):
            break
        sample.append(r)
    s_chars = sum(len(r.text) for r in sample)
    t_sample, n_sample = _ours(sample)
    name = "figures vs Recognizers-Text"
    try:
        rt, rt_setup = _peer_rt()
        t_rt, n_rt = _peer_run(rt, [r.text for r in sample])
    except Exception as exc:
        out.append(
            Result(name, rate(s_chars / t_sample), _unavailable(exc), goal=f">= {GOAL_RT:.0f}x", status="n/a")
        )
    else:
        ratio = (s_chars / t_sample) / (s_chars / t_rt)
        out.append(
            Result(
                name,
                rate(s_chars / t_sample),
                f"RT {rate(s_chars / t_rt)}",
                times(ratio),
                f">= {GOAL_RT:.0f}x",
                verdict(ratio >= GOAL_RT),
                notes=[
                    f"{name}: same {len(sample)} reports ({s_chars:,} chars); found: ours {n_sample} figures, "
                    f"Recognizers-Text {n_rt} (currency+dimension+age+temperature; models built once in "
                    f"{rt_setup:.2f} s, not timed)"
                ],
                values={
                    "ours_chars_per_s": s_chars / t_sample,
                    "peer_chars_per_s": s_chars / t_rt,
                    "ratio": ratio,
                    "chars": s_chars,
                    "ours_found": n_sample,
                    "peer_found": n_rt,
                },
            )
        )

    name = "figures vs jionlp money"
    try:
        jio, jio_setup = _peer_jio()
        t_jio, n_jio = _peer_run(jio, [r.text for r in reports])
    except Exception as exc:
        out.append(Result(name, rate(ours_rate), _unavailable(exc), goal=f">= {GOAL_JIO:.0f}x", status="n/a"))
    else:
        ratio = ours_rate / (chars / t_jio)
        out.append(
            Result(
                name,
                rate(ours_rate),
                f"jionlp {rate(chars / t_jio)}",
                times(ratio),
                f">= {GOAL_JIO:.0f}x (no slower)",
                verdict(ratio >= GOAL_JIO),
                notes=[
                    f"{name}: {where}, {chars:,} chars, jieba warm; found: ours {n_ours} figures, "
                    f"jionlp {n_jio} money amounts (import {jio_setup:.2f} s, not timed)"
                ],
                values={
                    "ours_chars_per_s": ours_rate,
                    "peer_chars_per_s": chars / t_jio,
                    "ratio": ratio,
                    "chars": chars,
                    "ours_found": n_ours,
                    "peer_found": n_jio,
                },
            )
        )
    out.append(_directory(ctx))
    out.append(_table(ctx))
    return out


GOAL_TABLE = 1.0  #: seconds in-process for the cross-report table of 4 national reports
TABLE_YEARS = (2019, 2020, 2021, 2022)


def _table(ctx: Context) -> Result:
    """Issue 11: the cross-report table of 4 national reports, in-process (read, outline, figures, table;
    jieba warm, caches cleared) against the whole command a user waits for (start-up and dictionary load
    included), each a median of alternating runs."""
    from core.figures import build_table
    from core.report import load_report
    from core.report_figures import report_figures

    name = "figures: table of 4 national reports"
    paths = [ctx.national(y) for y in TABLE_YEARS]
    if any(p is None for p in paths):
        return skipped(name, "corpus absent")
    files = [str(p) for p in paths if p is not None]

    def in_process() -> float:
        clear_caches()
        t = time.perf_counter()
        reports = [load_report(f) for f in files]
        build_table([report_figures(r) for r in reports], [r.name for r in reports])
        return time.perf_counter() - t

    def table_only() -> float:
        reports = [load_report(f) for f in files]
        lists = [report_figures(r) for r in reports]
        t = time.perf_counter()
        build_table(lists, [r.name for r in reports])
        return time.perf_counter() - t

    runs = 1 if ctx.quick else 5
    inside: list[float] = []
    whole: list[float] = []
    only: list[float] = []
    for _ in range(runs):  # alternating, so that load on the shared machine falls on both alike
        inside.append(in_process())
        only.append(table_only())
        child = run_module("tui.cli", ["figures", *files, "--table"], timeout=120)
        if child.returncode != 0:
            return Result(name, f"exit {child.returncode}", status="error", notes=[last_line(child.stderr)])
        whole.append(child.seconds)
    t_in, t_whole, t_only = median(inside), median(whole), median(only)
    return Result(
        name,
        secs(t_in),
        f"whole command {secs(t_whole)}",
        times(t_whole / t_in),
        f"< {GOAL_TABLE:.0f} s in-process",
        "info" if ctx.quick else verdict(t_in < GOAL_TABLE),
        notes=[
            f"{name}: national {', '.join(map(str, TABLE_YEARS))}: in-process read+outline+figures+table "
            f"(jieba warm) median of {runs}: {t_in:.3f} s, of which the table alone {t_only * 1000:.0f} ms; "
            f"`reportdiff figures … --table` whole process (start-up, jieba's dictionary) {t_whole:.2f} s"
        ],
        values={"in_process_s": t_in, "table_only_s": t_only, "whole_command_s": t_whole},
    )


def _figures_command() -> bool:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "figures", "--help"],
            capture_output=True,
            env=child_env(),
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _two_cores() -> None:
    """Child set-up: run on (at most) two cores of those this process may use."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) > 2:
            os.sched_setaffinity(0, cpus[:2])


def _directory(ctx: Context) -> Result:
    n = 4 if ctx.quick else DIR_REPORTS
    name = f"figures: {n:,}-report dir (process)"
    files = ctx.corpus_files()
    if not files:
        return skipped(name, "corpus absent")
    with tempfile.TemporaryDirectory(prefix="bench-figures-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        chars = 0
        for i in range(n):
            src = files[i % len(files)]
            dst = folder / f"{i:04d}-{src.name}"
            try:
                dst.symlink_to(src)
            except OSError:
                dst.write_bytes(src.read_bytes())
            chars += src.stat().st_size
        if _figures_command():
            label, module, args = (
                "reportdiff figures DIR --json > /dev/null",
                "tui.cli",
                ["figures", str(folder), "--json"],
            )
        else:
            name += " (fallback)"
            label = (
                "fallback: `figures` subcommand absent; core read+outline+figures in ProcessPoolExecutor(2)"
            )
            module, args = "bench.figures_pool", [str(folder), "2"]
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = run_module(module, args, timeout=120 if ctx.quick else 300, preexec=_two_cores, peak=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # the command and its workers (waited for by it): CPU seconds in all
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cores = min(2, os.cpu_count() or 1)
    goal = f"<= {GOAL_DIR:.0f} s, 2 cores" if not ctx.quick else f"(1,000 in <= {GOAL_DIR:.0f} s)"
    notes = [
        f"{name}: {label}; {n} files (the corpus repeated, {chars / 1e6:.1f} MB of text) on {cores} cores, "
        f"main process peak RSS {run.peak_kib / 1024:.0f} MB; CPU {cpu:.1f} s in all, "
        f"{cpu / n * 1000:.0f} ms a report (goal <= 20 ms)"
    ]
    if run.returncode != 0:
        notes.append(f"{name}: exit {run.returncode}: {last_line(run.stderr)}")
        return Result(
            name,
            f"exit {run.returncode}",
            goal=goal,
            status="FAIL" if not ctx.quick else "error",
            notes=notes,
        )
    status = "info" if ctx.quick else verdict(run.seconds <= GOAL_DIR)
    return Result(
        name,
        secs(run.seconds),
        goal=goal,
        status=status,
        notes=notes,
        values={
            "seconds": run.seconds,
            "cpu_seconds": cpu,
            "reports": n,
            "peak_kib": run.peak_kib,
            "fallback": "fallback" in name,
        },
    )
