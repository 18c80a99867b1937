"""The sentence-aligned layout of a row (core.aligned): blocks from the diff's rows, lines from counts."""

from __future__ import annotations

from itertools import pairwise

from core.aligned import CHANGED, DELETED, INSERTED, MOVED, UNCHANGED, Block, aligned_blocks, stack
from core.diff import diff_texts
from core.folding import fold

PIVOT = "今年要稳增长。我们要扩大内需。坚持创新驱动。加强生态保护。\n总之要实干。"


def _diff(a: str, b: str):
    return diff_texts(fold(a), (0, len(a)), fold(b), (0, len(b)))


def _texts(blocks, texts):
    return [tuple(None if s is None else texts[i][s[0]:s[1]] for i, s in enumerate(b.spans)) for b in blocks]


def _tiles(blocks, i, text):
    spans = [b.spans[i] for b in blocks]
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(x[1] == y[0] for x, y in pairwise(spans))


def test_two_reports_kept_sentences_share_a_block_and_a_gap_marks_the_missing_side():
    other = "今年要稳增长。我们要大力扩大国内需求。加强生态保护。\n总之要实干。新增的一句话。"
    blocks = aligned_blocks(2, 0, {1: _diff(PIVOT, other)})
    _tiles(blocks, 0, PIVOT)
    _tiles(blocks, 1, other)
    pairs = _texts(blocks, [PIVOT, other])
    assert pairs[0] == ("今年要稳增长。", "今年要稳增长。") and blocks[0].marks == (UNCHANGED, UNCHANGED)
    assert ("我们要扩大内需。", "我们要大力扩大国内需求。") in pairs
    k = pairs.index(("我们要扩大内需。", "我们要大力扩大国内需求。"))
    assert blocks[k].marks == (CHANGED, CHANGED)
    deleted = pairs.index(("坚持创新驱动。", ""))
    assert blocks[deleted].marks == (DELETED, DELETED)
    assert pairs[-1] == ("", "新增的一句话。") and blocks[-1].marks == (INSERTED, INSERTED)
    assert ("加强生态保护。\n", "加强生态保护。\n") in pairs


def test_three_reports_line_up_where_every_pair_ends_a_row():
    b = "今年要稳增长。我们要大力扩大国内需求。新增一句话在这里。加强生态保护。\n总之要实干。"
    c = "今年要稳增长。坚持创新驱动。加强生态保护。\n总之要实干。再来一句。"
    texts = [PIVOT, b, c]
    blocks = aligned_blocks(3, 0, {1: _diff(PIVOT, b), 2: _diff(PIVOT, c)})
    for i, t in enumerate(texts):
        _tiles(blocks, i, t)
    rows = _texts(blocks, texts)
    assert rows[0] == ("今年要稳增长。",) * 3
    assert ("加强生态保护。\n",) * 3 in rows and ("总之要实干。",) * 3 in rows
    # the pivot's 坚持创新驱动 is kept by c and replaced in b: one block, each side its own text
    assert ("坚持创新驱动。", "新增一句话在这里。", "坚持创新驱动。") in rows
    assert rows[-1] == ("", "", "再来一句。") and blocks[-1].marks == (INSERTED, UNCHANGED, INSERTED)


def test_a_report_left_out_has_no_span():
    b = "今年要稳增长。我们要扩大内需。坚持创新驱动。加强生态保护。\n总之要实干。"
    blocks = aligned_blocks(3, 0, {2: _diff(PIVOT, b)})
    assert all(bl.spans[1] is None for bl in blocks) and not any(bl.changed for bl in blocks)


def test_moved_sentence_is_marked_as_a_move_at_both_ends():
    b = "我们要扩大内需。坚持创新驱动。加强生态保护。\n今年要稳增长。总之要实干。"
    a = "今年要稳增长。我们要扩大内需。坚持创新驱动。加强生态保护。\n总之要实干。"
    blocks = aligned_blocks(2, 0, {1: _diff(a, b)})
    moved = [bl for bl in blocks if bl.marks[1] == MOVED]
    assert len(moved) == 2  # where it was (pivot text only) and where it is (the other's only)


def test_stack_makes_a_band_as_tall_as_its_tallest_side_and_folds_unchanged_runs():
    same, changed = (UNCHANGED, UNCHANGED), (CHANGED, CHANGED)
    blocks = [Block(((0, 1), (0, 1)), same), Block(((1, 2), (1, 2)), same), Block(((2, 3), (2, 5)), changed),
              Block(((3, 4), (5, 6)), same)]
    counts = {0: [1, 2, 1, 3], 1: [1, 1, 4, 2]}
    bands = stack(blocks, counts)
    assert [(b.top, b.height) for b in bands] == [(0, 1), (1, 2), (3, 4), (7, 3)]
    folded = stack(blocks, counts, fold=True)
    assert [(b.first, b.last, b.top, b.height, b.folded) for b in folded] == [
        (0, 1, 0, 1, True), (2, 2, 1, 4, False), (3, 3, 5, 1, True)]
