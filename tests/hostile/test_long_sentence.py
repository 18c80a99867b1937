"""Figures on one very long sentence: extraction linear in its length, output that does not repeat it.

Bounded time is checked by work counters on the steps that were quadratic (the text each one scans), not by
the clock; bounded output and memory by sizes and tracemalloc on a scaled-down case.
"""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from core.export import figures_csv
from core.figures import extract, horizon
from core.figures.extract import MAX_SENTENCE_CHARS, SENTENCE_CONTEXT
from core.report import report_from_text
from core.report_figures import clear_cache, report_figures

LISTS: dict[str, Callable[[int], str]] = {
    "jobs": lambda i: f"新增就业{i}人",
    "money": lambda i: f"投资{i}.5亿元",
    "percent": lambda i: f"增长{i % 10}.{i % 7}%",
    "respectively": lambda i: f"工业和服务业分别增长{i % 10}%和{i % 9}%",
}


def sentence_of(n: int, item: Callable[[int], str], sep: str = "，") -> str:
    return "一、总体要求\n今年" + sep.join(item(i) for i in range(n)) + "。\n"


@contextmanager
def scanned() -> Iterator[dict[str, int]]:
    """Characters scanned by the steps that used to rescan a sentence up to each figure."""
    counts = {"chars": 0}
    originals: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, name: str, size: Callable[..., int]) -> None:
        original = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            counts["chars"] += size(*args, **kwargs)
            return original(*args, **kwargs)

        originals.append((owner, name, original))
        setattr(owner, name, counted)

    class CountedPattern:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
            end = len(text) if endpos is None else endpos
            counts["chars"] += max(0, end - pos)
            return self.pattern.search(text, pos, end)

    init = extract._WordsBefore.__init__

    def counted_init(self: Any, pattern: Any, longest: int) -> None:
        init(self, CountedPattern(pattern), longest)

    wrap(horizon, "_markers_in", lambda before, *a, **k: len(before))
    wrap(horizon, "_marker_horizon", lambda before, *a, **k: len(before))
    wrap(extract, "_list_items", lambda before, count: len(before))
    originals.append((extract._WordsBefore, "__init__", init))
    extract._WordsBefore.__init__ = counted_init  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


@pytest.mark.parametrize("kind", sorted(LISTS))
def test_extraction_work_grows_linearly_with_the_sentence(kind: str) -> None:
    work = []
    for n in (1_000, 4_000):
        report = report_from_text(sentence_of(n, LISTS[kind]))
        clear_cache()
        with scanned() as counts:
            figures = report_figures(report)
        assert len(figures) >= n
        work.append(counts["chars"] / len(report.text))
    # Scanned characters per character of text stay flat (they grew with n: 4× the figures, 16× the work).
    assert work[1] < 1.3 * work[0] + 2, work
    assert work[1] < 40, work


def test_a_long_sentence_is_carried_as_each_figure_s_clause_with_its_offsets() -> None:
    text = sentence_of(3_000, LISTS["jobs"])
    report = report_from_text(text)
    figures = report_figures(report)
    assert len(figures) == 3_000
    for fig in figures:
        assert report.text[fig.sentence_start : fig.sentence_end] == fig.sentence
        assert fig.text in fig.sentence
        assert len(fig.sentence) <= 2 * SENTENCE_CONTEXT + len(fig.text)
    # each figure's own clause: 新增就业1234人, not its neighbours
    fig = figures[1234]
    assert fig.sentence == "新增就业1234人" and fig.label == "新增就业"


def test_sentences_of_ordinary_length_stay_whole() -> None:
    clause = "全市地区生产总值增长5.2%，一般公共预算收入增长3.1%，城镇新增就业2.1万人"
    text = "一、工作回顾\n" + clause + "，" + "，".join(["持续优化营商环境"] * 40) + "。\n"
    assert len(text) < MAX_SENTENCE_CHARS
    report = report_from_text(text)
    figures = report_figures(report)
    assert {f.sentence for f in figures} == {text.split("\n")[1]}


def test_output_of_a_ten_thousand_figure_sentence_stays_near_its_size() -> None:
    text = sentence_of(10_000, LISTS["money"])
    report = report_from_text(text)
    figures = report_figures(report)
    size = len(text.encode())
    csv_bytes = len(figures_csv(figures).encode())
    json_bytes = len(json.dumps([f.to_dict() for f in figures], ensure_ascii=False, indent=2).encode())
    assert csv_bytes < 10 * size  # was 1,000× (the whole sentence in every row)
    # JSON: ~450 bytes of fields a figure, whatever the sentence; the sentence adds at most its clause.
    assert json_bytes < 10_000 * (500 + 3 * (2 * SENTENCE_CONTEXT))


def test_figures_json_of_a_long_sentence_streams_in_bounded_memory(tmp_path: Any) -> None:
    from tui.commands.figures_command import _stream_json

    path = tmp_path / "long.txt"
    path.write_text(sentence_of(2_000, LISTS["percent"]), encoding="utf-8")
    from core.batch import file_figures

    result = file_figures(str(path))
    out = io.StringIO()
    tracemalloc.start()
    try:
        _stream_json([result], out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert json.loads(out.getvalue())
    assert peak < 8 * 1024 * 1024  # the sentence (~30 KB) written 2,000 times would be 60 MB
