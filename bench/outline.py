"""Issue 2: read + normalize + outline throughput (characters per second, one core) on seeds and corpus."""

from __future__ import annotations

import time
from pathlib import Path

from .common import Context, Result, rate, skipped, verdict

NAME = "outline"
TITLE = "read+normalize+outline throughput"
GOAL = 300_000  #: characters per second on one core (issue 2)


def _throughput(paths: list[Path], rounds: int) -> tuple[float, int]:
    from core.report import load_report

    load_report(paths[0])  # imports and first-use set-up are not throughput
    best = 0.0
    chars = 0
    for _ in range(rounds):
        t = time.perf_counter()
        chars = sum(len(load_report(p).text) for p in paths)
        best = max(best, chars / (time.perf_counter() - t))
    return best, chars


def run(ctx: Context) -> list[Result]:
    from .common import seed_files

    out = []
    goal = f">= {GOAL // 1000} k chars/s"
    cases = [("outline: seeds", seed_files(), 3 if ctx.quick else 20)]
    corpus = ctx.corpus_files()
    if ctx.quick:
        corpus = corpus[:4]
    cases.append(("outline: corpus", corpus, 1 if ctx.quick else 3))
    for name, paths, rounds in cases:
        if not paths:
            out.append(skipped(name, "corpus absent"))
            continue
        speed, chars = _throughput(paths, rounds)
        out.append(
            Result(
                name,
                rate(speed),
                goal=goal,
                status=verdict(speed >= GOAL),
                notes=[f"{name}: {len(paths)} files, {chars:,} chars, best of {rounds} rounds (load_report)"],
                values={"chars_per_s": speed, "chars": chars, "files": len(paths)},
            )
        )
    return out
