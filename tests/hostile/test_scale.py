"""Alignment of thousands of sections (issue 15, item 2: 2×5,000 sections took 182 s and 8.5 GB).

Scaled down: the dense-matrix threshold and the band are lowered so that a few hundred sections take the
path thousands do; the work (section pairs scored) and the scoring's memory are measured as they grow.
The whole 2×5,000 case is a benchmark row (``python -m bench --only limits``): goal < 10 s, < 500 MB.
"""

from __future__ import annotations

import random
import tracemalloc
from typing import Any

import pytest

from core.align import align, scores, units_of
from core.report import report_from_text

HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]


def sections_pair(n: int, seed: int = 1) -> tuple[str, str]:
    rnd = random.Random(seed)
    a, b = [], []
    for i in range(n):
        title = "".join(rnd.choice(HAN) for _ in range(6))
        body = "".join(rnd.choice(HAN) for _ in range(20))
        a.append(f"{i + 1}.{title}\n{body}。\n")
        if rnd.random() < 0.2:
            body = body[:10] + "".join(rnd.choice(HAN) for _ in range(10))
        b.append(f"{i + 1}.{title}\n{body}。\n")
    return "".join(a), "".join(b)


@pytest.fixture
def banded(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Thousands of sections' path at hundreds: whole matrices only up to 10,000 pairs, a band of 20."""
    monkeypatch.setattr(scores, "DENSE_CELLS", 10_000)
    monkeypatch.setattr(scores, "BAND_UNITS", 20)
    counts = {"pairs": 0, "peak": 0, "kept": 0}
    channels, score_rows = scores.channels, scores.score_rows

    def counted_channels(table: Any, cells: Any, cols: Any, **kw: Any) -> Any:
        counts["pairs"] += len(cells) * len(cols)
        return channels(table, cells, cols, **kw)

    def measured_score_rows(*args: Any, **kw: Any) -> Any:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        out = score_rows(*args, **kw)
        _, peak = tracemalloc.get_traced_memory()
        counts["peak"] = max(counts["peak"], peak - before)
        # what the scores keep for the pairing that follows
        counts["kept"] = max(counts["kept"], out.candidates.nbytes)
        return out

    monkeypatch.setattr(scores, "channels", counted_channels)
    monkeypatch.setattr(scores, "score_rows", measured_score_rows)
    import core.align.aligner as aligner

    if getattr(aligner, "score_rows", None) is score_rows:
        monkeypatch.setattr(aligner, "score_rows", measured_score_rows)
    return counts


def aligned(n: int, counts: dict[str, int]) -> tuple[int, int, int]:
    text_a, text_b = sections_pair(n)
    a, b = report_from_text(text_a, "a.txt"), report_from_text(text_b, "b.txt")
    counts["pairs"] = counts["peak"] = counts["kept"] = 0
    tracemalloc.start()
    try:
        al = align([a, b], "chapters")
    finally:
        tracemalloc.stop()
    for i, r in enumerate((a, b)):  # every section once
        ids = [row.cells[i].id for row in al.rows if row.cells[i] is not None]
        assert sorted(ids) == sorted(s.id for s in units_of(r, "chapters"))
    assert al.notes and "not with all" in al.notes[0]
    return counts["pairs"], counts["peak"], counts["kept"]


def test_pairs_scored_and_scoring_memory_grow_linearly_with_the_sections(banded: dict[str, int]) -> None:
    small, small_peak, _ = aligned(300, banded)
    large, large_peak, _ = aligned(900, banded)
    assert small > 0
    assert large < 3.6 * small, (small, large)  # 3× the sections: ~3× the pairs (all pairs: 9×)
    assert large_peak < 3.6 * small_peak, (small_peak, large_peak)  # the scoring's peak (tracemalloc)


def test_the_scores_kept_grow_linearly_with_the_sections(banded: dict[str, int]) -> None:
    _, _, kept = aligned(900, banded)
    # a band of 20 either side: at most 41 scored pairs a section kept, 16 bytes each (row, column, score, cell)
    assert kept < 2 * 8 * (2 * scores.BAND_UNITS + 1) * 900, kept
