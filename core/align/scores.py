"""How alike two units are: title, body and domain similarity combined, as arrays over all pairs.

The rows aligned so far are scored against every unit of the next report at once: one matrix per channel
(title bigrams, body bigrams, policy domain) over the rows' sections × the report's units, combined, then
each row takes its most similar section's score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from . import candidates
from .candidates import Candidates
from .units import KINDS, UnitTable
from .vectors import SparseVec, cosine_block

W_TITLE = 0.40
W_BODY = 0.40
W_DOMAIN = 0.20
#: Chapters level, within one series: the share of two chapters' topics that pair with each other (see
#: :mod:`.agreement`) counts this much, beside the chapters' own title, body and domain.
W_TOPICS = 0.35
#: Within one series the same ordinal is evidence (the numbering mostly holds): for chapters; for topics
#: (一是 of one chapter against 一是 of its counterpart) less, their numbering holds less often.
W_ORDINAL = 0.10
W_ORDINAL_TOPICS = 0.05
#: Within one series, a small preference for the counterpart at the same relative place.
W_ORDER = 0.06
#: Topics level: two topics whose chapters were paired are likelier counterparts (a factor: it lifts pairs
#: that are alike already, not any two topics of paired chapters)…
SAME_PARENT = 1.15
#: …and, within one series, two topics whose chapters were paired with others less likely: a government
#: moves a topic to another chapter less often than it renames it. Across governments topics are grouped
#: into chapters differently (宜昌 puts 双碳 under ecology, 荆州 under industry), so there it does not hold.
#: Measured on the labelled cases with the pass that pairs what is left under paired chapters
#: (pairing.WITHIN_FLOOR): series topics precision +0.006 at the same recall; on cross pairs -0.015.
#: 0.9 rather than 0.8, measured with HEAD_SCORE 0.35 on the 52 cases: series topics precision +0.003.
OTHER_PARENT = 0.9
#: Topics level: what the units opening two paired chapters score at least. 0.35 rather than 0.25 pairs a
#: national chapter's opening lead with its counterpart's where the bodies say little (national series
#: topics +0.010 precision, +0.007 recall; no kind worse on the 52 cases).
HEAD_SCORE = 0.35

#: Within a series, the character similarity of titles is computed for each section's likeliest this many.
FUZZ_CANDIDATES = 8
#: Factor on the score of a part's opening (its heading and first paragraph) paired with a subtopic: the
#: openings of two corresponding chapters correspond.
INTRO_MISMATCH = 0.6
#: Factor on the score of a review section paired with a plan section.
PERIOD_MISMATCH = 0.25
#: What a pair of front matters (or closings) scores: they always correspond.
WHOLE_SCORE = 0.9

#: Thresholds for the reasons a row gives (cosines: unrelated sections score < 0.05).
SIMILAR_TITLE = 0.3
SIMILAR_BODY = 0.15
SAME_DOMAIN = 0.6

_FRONT, _CLOSING = KINDS.index("front"), KINDS.index("closing")
_FLEXIBLE = np.array([k in ("part", "topic", "preamble") for k in KINDS])


class PairScore(NamedTuple):
    """How two units compare (a named tuple: cheap to make)."""

    score: float
    title: float
    body: float
    domain: float
    same_ordinal: bool
    moved: str = ""  #: "(四)→(一)" when a series pair crosses the others

    def reasons(self) -> tuple[str, ...]:
        out = []
        if self.same_ordinal:
            out.append("same ordinal")
        if self.title >= SIMILAR_TITLE:
            out.append("similar title")
        if self.body >= SIMILAR_BODY:
            out.append("similar body")
        if self.domain >= SAME_DOMAIN and self.title < SIMILAR_TITLE and self.body < SIMILAR_BODY:
            out.append("same domain")
        if self.moved:
            out.append(f"moved {self.moved}")
        return tuple(out)


class Channels(NamedTuple):
    """Per-pair similarities of cells (rows' sections) × columns (the next report's units)."""

    title: npt.NDArray[np.float32]
    body: npt.NDArray[np.float32]
    domain: npt.NDArray[np.float32]
    score: npt.NDArray[np.float32]
    same_ordinal: npt.NDArray[np.bool_]
    #: The score without the series' priors (same ordinal, same place): what the bodies and titles say.
    content: npt.NDArray[np.float32]


def channels(table: UnitTable, cells: Sequence[int], cols: Sequence[int], *, series: bool,
             topics: npt.NDArray[np.float32] | None = None) -> Channels:
    """The similarity channels and combined score of every (cell, column) pair; ``topics`` (cells × cols,
    see :mod:`.agreement`) is how far the pairs' topics pair with each other, counted as content."""
    ci = np.asarray(cells, np.int64)
    cj = np.asarray(cols, np.int64)
    title = cosine_block([table.title_vec[i] for i in cells], [table.title_vec[j] for j in cols], table.n_terms)
    body = cosine_block([table.body_vec[i] for i in cells], [table.body_vec[j] for j in cols], table.n_terms)
    whole = _whole_part_pairs(table, cells, cols)
    for a, b, cos in whole:
        body[a, b] = max(body[a, b], cos)
    domain = table.domain[ci] @ table.domain[cj].T
    la, lb = table.label_id[ci], table.label_id[cj]
    same_ord = (la[:, None] == lb[None, :]) & (la[:, None] > 0)
    pra, prb = table.parent[ci][:, None], table.parent[cj][None, :]
    both = (pra >= 0) & (prb >= 0)
    if both.any():
        # Topics: 一是 of one chapter and 一是 of another share a label, not a place; the ordinal is evidence
        # only under paired chapters.
        same_ord &= both & (pra == prb)
    if series:
        title = _series_titles(table, cells, cols, title, body)
    content = W_TITLE * title + W_BODY * body + W_DOMAIN * domain
    if topics is not None:
        content = content + W_TOPICS * topics
    score = content
    if series:
        topics_level = both.any()  # topic units carry their chapter's row; chapters carry -1
        score = content + (W_ORDINAL_TOPICS if topics_level else W_ORDINAL) * same_ord
        pos = np.abs(table.position[ci][:, None] - table.position[cj][None, :])
        score += W_ORDER * np.clip(1 - 4 * pos, 0, 1) * (score > 0.05)
    ka, kb = table.kind[ci][:, None], table.kind[cj][None, :]
    compatible = (ka == kb) | (_FLEXIBLE[ka] & _FLEXIBLE[kb])
    pa, pb = table.period[ci][:, None], table.period[cj][None, :]
    factor = np.where((pa > 0) & (pb > 0) & (pa != pb), PERIOD_MISMATCH, 1.0)
    ia, ib = table.intro[ci][:, None], table.intro[cj][None, :]
    mismatch = ia != ib
    for a, b, _ in whole:
        mismatch[a, b] = False  # a part's opening stands for its whole part against an undivided part
    factor = np.where(mismatch, factor * INTRO_MISMATCH, factor)
    factor = np.where(both & (pra == prb), factor * SAME_PARENT, factor)
    if series:
        factor = np.where(both & (pra != prb), factor * OTHER_PARENT, factor)
    heads = None
    if series and len(table.head):
        # Within a series the units that open two paired chapters (their openings, or a chapter without
        # subtopics and the other's opening) correspond, however generic their words (竭力惠民利民安民 /
        # 聚焦群众期盼). Across governments a chapter's first subtopic often carries its heading and is one
        # subject among several: there the rule paired 一城一区 with a whole chapter's opening.
        ha, hb = table.head[ci][:, None], table.head[cj][None, :]
        heads = ha & hb & both & (pra == prb)
    ends = (ka == kb) & ((ka == _FRONT) | (ka == _CLOSING))

    def finish(x: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
        y = x * factor
        if heads is not None:
            y = np.where(heads, np.maximum(y, HEAD_SCORE), y)
        return np.where(compatible, np.where(ends, WHOLE_SCORE, y), 0.0).astype(np.float32)

    return Channels(title, body, domain, finish(score), same_ord, finish(content))


def _whole_part_pairs(table: UnitTable, cells: Sequence[int], cols: Sequence[int],
                      ) -> list[tuple[int, int, float]]:
    """(cell, column, body cosine) for a divided part's opening against an undivided part of another
    report, compared as whole parts (see units.whole_parts)."""
    if not table.whole_vec or not len(table.undivided):
        return []
    out = []
    openings_a = [a for a, u in enumerate(cells) if u in table.whole_vec]
    openings_b = [b for b, v in enumerate(cols) if v in table.whole_vec]
    undivided_a = np.flatnonzero(table.undivided[np.asarray(cells, np.int64)]).tolist() if openings_b else []
    undivided_b = np.flatnonzero(table.undivided[np.asarray(cols, np.int64)]).tolist() if openings_a else []
    for a in openings_a:
        for b in undivided_b:
            if table.report[cells[a]] != table.report[cols[b]]:
                out.append((a, b, _sparse_dot(table.whole_vec[cells[a]], table.body_vec[cols[b]])))
    for b in openings_b:
        for a in undivided_a:
            if table.report[cells[a]] != table.report[cols[b]]:
                out.append((a, b, _sparse_dot(table.body_vec[cells[a]], table.whole_vec[cols[b]])))
    return out


def _series_titles(table: UnitTable, cells: Sequence[int], cols: Sequence[int],
                   title: npt.NDArray[np.float32], body: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Within a series titles are edited rather than rewritten: character similarity counts as title
    similarity (across governments it does not: every district writes 聚焦…厚植…优势)."""
    out = title.copy()
    rough = W_TITLE * title + W_BODY * body
    near = rough >= 0.03
    if rough.shape[1] > FUZZ_CANDIDATES:
        # Only each section's likeliest counterparts are worth a character comparison (it costs a call a pair).
        kth = np.partition(rough, -FUZZ_CANDIDATES, axis=1)[:, -FUZZ_CANDIDATES][:, None]
        near &= rough >= kth
    for a, b in zip(*np.nonzero(near), strict=True):
        ta, tb = table.titles[cells[a]], table.titles[cols[b]]
        if min(len(ta), len(tb)) >= 4:
            out[a, b] = max(out[a, b], 0.9 * fuzz.ratio(ta, tb) / 100.0)
    return out


def row_best(ch: Channels, row_of_cell: npt.NDArray[np.int64], n_rows: int) -> tuple[
        npt.NDArray[np.float32], npt.NDArray[np.int32]]:
    """Each row's best score against each column, and which of the row's cells gave it."""
    m = ch.score.shape[1]
    best = np.zeros((n_rows, m), np.float32)
    which = np.full((n_rows, m), -1, np.int32)
    if len(row_of_cell) == 0 or m == 0:
        return best, which
    # Cells come grouped by row, in row order: reduce each group.
    starts = np.flatnonzero(np.r_[True, row_of_cell[1:] != row_of_cell[:-1]])
    rows = row_of_cell[starts]
    best[rows] = np.maximum.reduceat(ch.score, starts, axis=0)
    ends = np.r_[starts[1:], len(row_of_cell)]
    for r, s, e in zip(rows, starts, ends, strict=True):
        which[r] = s + np.argmax(ch.score[s:e], axis=0) if e - s > 1 else s
    return best, which


#: Up to this many (section × unit) pairs are scored as whole matrices; beyond it (thousands of sections on
#: each side) only pairs near the diagonal are, which keeps time and memory near linear.
DENSE_CELLS = 2_500_000
#: Beyond DENSE_CELLS: a unit is compared with the sections within this many places of its own (relative).
BAND_UNITS = 100
_CHUNK = 256


class RowScores(NamedTuple):
    """The rows' scored pairs with the next report's units, and the channels when scored whole."""

    candidates: Candidates
    channels: Channels | None  #: None when scored in a band (see DENSE_CELLS)


def score_rows(table: UnitTable, cells: Sequence[int], row_of_cell: npt.NDArray[np.int64], cols: Sequence[int],
               n_rows: int, *, series: bool, topics: Any = None) -> RowScores:
    """The rows' scores against the next report's units: whole matrices, or a band around the diagonal.
    ``topics`` (an :class:`.agreement.TopicVotes`) adds the topics' agreement to whole matrices."""
    if len(cells) * len(cols) <= DENSE_CELLS:
        votes = topics.agreement(table, cells, cols) if topics is not None else None
        ch = channels(table, cells, cols, series=series, topics=votes)
        best, which = row_best(ch, row_of_cell, n_rows)
        return RowScores(candidates.from_dense(best, which), ch)
    cell_pos = table.position[np.asarray(cells, np.int64)]
    col_pos = table.position[np.asarray(cols, np.int64)]
    band = BAND_UNITS / max(1, len(cols))
    order = np.argsort(cell_pos, kind="stable")
    parts: list[tuple[npt.NDArray[Any], ...]] = []
    for start in range(0, len(order), _CHUNK):
        idx = order[start : start + _CHUNK]
        lo, hi = cell_pos[idx].min() - band, cell_pos[idx].max() + band
        window = np.flatnonzero((col_pos >= lo) & (col_pos <= hi))
        if not len(window):
            continue
        ch = channels(table, [cells[int(i)] for i in idx], [cols[int(j)] for j in window], series=series)
        k, w = np.nonzero(ch.score > 0)
        parts.append((row_of_cell[idx[k]].astype(np.int32), window[w].astype(np.int32), ch.score[k, w],
                      idx[k].astype(np.int32)))
    if not parts:
        empty = np.zeros(0, np.int32)
        return RowScores(candidates.Candidates(empty, empty, np.zeros(0, np.float32), np.zeros(0, np.int32),
                                               n_rows, len(cols)), None)
    row, col, score, cell = (np.concatenate([p[i] for p in parts]) for i in range(4))
    return RowScores(candidates.from_entries(row, col, score.astype(np.float32), cell, n_rows, len(cols)), None)


def _sparse_dot(a: SparseVec, b: SparseVec) -> float:
    _, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return float(np.dot(a.weights[ia], b.weights[ib]))


def pair_channels(table: UnitTable, a: int, b: int, score: float, *, series: bool, moved: str = "") -> PairScore:
    """One pair's channels, computed on their own (for pairs found in a band, see score_rows)."""
    title = _sparse_dot(table.title_vec[a], table.title_vec[b])
    if series and min(len(table.titles[a]), len(table.titles[b])) >= 4:
        title = max(title, 0.9 * fuzz.ratio(table.titles[a], table.titles[b]) / 100.0)
    same = bool(table.label_id[a] and table.label_id[a] == table.label_id[b])
    return PairScore(score, title, _sparse_dot(table.body_vec[a], table.body_vec[b]),
                     float(table.domain[a] @ table.domain[b]), same, moved)


def pair_score(ch: Channels, cell: int, col: int, score: float | None = None, moved: str = "") -> PairScore:
    return PairScore(
        float(ch.score[cell, col] if score is None else score),
        float(ch.title[cell, col]),
        float(ch.body[cell, col]),
        float(ch.domain[cell, col]),
        bool(ch.same_ordinal[cell, col]),
        moved,
    )
