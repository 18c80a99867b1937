"""Which rows pair with which units, given their scores: by content, with order as a prior in a series.

- Different governments put topics under other numbers and in another order: pairs are taken best first,
  in any order (``pair_content``).
- One government's consecutive reports mostly keep their order, but plans are reorganized from one year to
  the next (2021's (四) is 2022's (一)). So content decides and order only helps (``pair_series``): clear
  pairs are taken wherever they stand; between those that keep their order, weaker pairs are filled in
  order (a section rewritten but still in its place); the rest pair by content again. A pair that crosses
  the in-order ones has *moved* (``moved_pairs``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from .candidates import Candidates

Pairs = list[tuple[int, int]]

#: Different governments: below this two units are not paired… (0.20 -> 0.17 measured on the labelled
#: cases: local cross chapters recall 0.832 -> 0.848 at the same precision; topics unchanged; 0.15 lowers
#: topics precision)
MIN_SCORE = 0.17
#: …unless each is the other's best match and the score reaches this floor (per level; measured on the
#: labelled cases: across governments a topic's best match is rarely wrong, within a series it is more often
#: a neighbour's, so the series floor is higher).
MUTUAL_FLOOR = {"chapters": 0.12, "topics": 0.10}
#: One series: a pair this clear is taken wherever it stands.
SERIES_CLEAR = 0.28
#: One series: a pair in order between clear ones is taken from this score.
SERIES_IN_ORDER = 0.16
#: One series: what is left pairs by content from this score (or as each other's best from this floor).
SERIES_LEFT = 0.22
SERIES_FLOOR = {"chapters": 0.12, "topics": 0.22}
#: Topics level: what is still unpaired under two paired chapters pairs as each other's best (within those
#: chapters) from this score. A chapter's subtopics mostly have their counterparts under the chapter it was
#: paired with, renamed (凝心聚力护碧水 for 持续抓好水生态治理) more often than moved.
WITHIN_FLOOR = 0.15


#: One series: a pair whose content (its score without the order priors) is below this is weak…
WEAK_CONTENT = 0.35
#: …and loses its priors when either section has a partner whose content is this much better, and at least
#: PARTNER_CONTENT (the same ordinal must not hide the section's real counterpart, review finding 1:
#: 顺平 2022 (六)绿色发展 paired with 2023 (六)民生强县 at 0.16, all of it the ordinal and the place).
BETTER_BY = 0.05
PARTNER_CONTENT = 0.15
#: One series, chapters: a pair with less content than this is never made on its ordinal and place alone
#: (on the labelled cases the right pairs have 0.128 and more; pairs made by the ordinal with less were
#: wrong: 2018's review (一) with 2019's plan (一) at 0.10).
MIN_CONTENT = 0.11


def without_weak_priors(c: Candidates, content: npt.NDArray[np.float32]) -> Candidates:
    """``c`` where a weak pair scores its content only, when a section of it has a clearly better partner
    by content: order is a prior for pairs the bodies leave open, not a reason to pass over a better one."""
    if not len(c.row):
        return c
    # A section's partner by content: the one it is each other's best with (a better partner that
    # prefers a third section is no reason to drop this pair).
    mutual = mutual_best(c.replace_scores(content))
    partner_row = np.zeros(c.n_rows, np.float32)
    np.maximum.at(partner_row, c.row[mutual], content[mutual])
    partner_col = np.zeros(c.n_cols, np.float32)
    np.maximum.at(partner_col, c.col[mutual], content[mutual])
    need = np.maximum(content + BETTER_BY, PARTNER_CONTENT)
    better = (partner_row[c.row] >= need) | (partner_col[c.col] >= need)
    weak = (content < WEAK_CONTENT) & (c.score > content) & (better | (content < MIN_CONTENT))
    if not weak.any():
        return c
    return c.replace_scores(np.where(weak, content, c.score).astype(np.float32))


def greedy(c: Candidates, allowed: npt.NDArray[np.bool_],
           taken_rows: Iterable[int] = (), taken_cols: Iterable[int] = ()) -> Pairs:
    """One-to-one pairs, best score first, among the ``allowed`` entries (ties: earlier row, then column)."""
    idx = np.flatnonzero(allowed)
    if len(idx) == 0:
        return []
    ii, jj, ss = c.row[idx], c.col[idx], c.score[idx]
    order = np.lexsort((jj, ii, -ss))
    used_r, used_c = set(taken_rows), set(taken_cols)
    out = []
    for i, j in zip(ii[order].tolist(), jj[order].tolist(), strict=True):
        if i in used_r or j in used_c:
            continue
        used_r.add(i)
        used_c.add(j)
        out.append((i, j))
    return out


def mutual_best(c: Candidates, among: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
    """Entries (of those ``among``) that are both their row's and their column's best, scoring above zero."""
    out = np.zeros(len(c.row), np.bool_)
    idx = np.flatnonzero((c.score > 0) if among is None else (among & (c.score > 0)))
    if not len(idx):
        return out
    r, k, s = c.row[idx], c.col[idx], c.score[idx]
    by_row = idx[np.lexsort((k, -s, r))]  # each row's best first (ties: the earlier column)
    _, first = np.unique(c.row[by_row], return_index=True)
    row_best = np.zeros(len(c.row), np.bool_)
    row_best[by_row[first]] = True
    by_col = idx[np.lexsort((r, -s, k))]
    _, first = np.unique(c.col[by_col], return_index=True)
    out[by_col[first]] = True
    return out & row_best


def pair_content(c: Candidates, floor: float) -> Pairs:
    """Best-first pairs in any order: a clear score, or each other's best above ``floor``."""
    allowed = (c.score >= MIN_SCORE) | (mutual_best(c) & (c.score >= floor))
    return sorted(greedy(c, allowed))


#: Beyond this many pairs the in-order subset is the longest one (O(p log p)), not the heaviest (O(p²)).
WEIGHTED_IN_ORDER = 400


def in_order(pairs: Sequence[tuple[int, int]], c: Candidates) -> set[tuple[int, int]]:
    """The heaviest subset of ``pairs`` that keeps both orders (a weighted longest increasing run)."""
    ps = sorted(pairs)
    if not ps:
        return set()
    if len(ps) > WEIGHTED_IN_ORDER:
        return _longest_in_order(ps)
    # Each pair counts 1 plus its score: the most pairs in order, then the best scored among equals.
    own = [1.0 + float(w) for w in c.score_of(ps)]
    best = list(own)
    back = [-1] * len(ps)
    for b in range(len(ps)):
        for a in range(b):
            if ps[a][0] < ps[b][0] and ps[a][1] < ps[b][1] and best[a] + own[b] > best[b]:
                best[b] = best[a] + own[b]
                back[b] = a
    k = int(np.argmax(best))
    out = set()
    while k >= 0:
        out.add(ps[k])
        k = back[k]
    return out


def _longest_in_order(ps: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest subset of ``ps`` (sorted, rows distinct) whose columns increase (patience sorting)."""
    import bisect

    tails: list[int] = []  # column at the end of the best run of each length
    tail_at: list[int] = []  # which pair ends it
    back = [-1] * len(ps)
    for k, (_, j) in enumerate(ps):
        n = bisect.bisect_left(tails, j)
        if n == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[n] = j
            tail_at[n] = k
        back[k] = tail_at[n - 1] if n else -1
    out = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.add(ps[k])
        k = back[k]
    return out


def _monotone(c: Candidates, rows: list[int], cols: list[int], threshold: float) -> Pairs:
    """In-order pairs of ``rows`` × ``cols`` maximizing the summed score (Needleman–Wunsch, free gaps).

    Row by row with arrays: a cell's best is the best of its diagonal and upper neighbours, carried to the
    right (a prefix maximum), so the cost is one array operation a row, not a Python step a cell.
    """
    n, m = len(rows), len(cols)
    if not n or not m:
        return []
    sub = c.dense(rows, cols)
    best = np.zeros(m + 1, np.float32)
    move = np.zeros((n + 1, m + 1), np.int8)  # 0 diagonal, 1 skip a row, 2 skip a column
    for i in range(1, n + 1):
        s = sub[i - 1]
        diag = np.where(s >= threshold, best[:-1] + s, np.float32(-1.0))
        up = best[1:]
        cand = np.maximum(diag, up)
        row = np.maximum.accumulate(np.concatenate((np.zeros(1, np.float32), cand)))
        left = row[:-1]  # what the cell to the left holds
        mv = np.where((diag >= up) & (diag >= left), 0, np.where(up >= left, 1, 2)).astype(np.int8)
        move[i, 1:] = mv
        move[i, 0] = 1
        best = row
    out = []
    i, j = n, m
    while i > 0 and j > 0:
        mv = move[i, j]
        if mv == 0:
            out.append((rows[i - 1], cols[j - 1]))
            i, j = i - 1, j - 1
        elif mv == 1:
            i -= 1
        else:
            j -= 1
    return out[::-1]


#: Telling a series: the in-order pairing runs on the whole matrix up to this many cells, beyond it on the
#: entries that are each other's best (the longest run of them in order).
DENSE_IN_ORDER = 2_500_000


def pair_in_order(c: Candidates, threshold: float) -> Pairs:
    """Pairs that keep the order of both sides (used to tell a series)."""
    if c.n_rows * c.n_cols <= DENSE_IN_ORDER:
        return _monotone(c, list(range(c.n_rows)), list(range(c.n_cols)), threshold)
    mutual = np.flatnonzero(mutual_best(c) & (c.score >= threshold))
    return sorted(_longest_in_order(sorted(zip(c.row[mutual].tolist(), c.col[mutual].tolist(), strict=True))))


def pair_series(c: Candidates, floor: float) -> Pairs:
    """Content first, order as a prior: clear pairs anywhere, in-order ones between them, then the rest."""
    n, m = c.n_rows, c.n_cols
    clear = greedy(c, c.score >= SERIES_CLEAR)
    keep = in_order(clear, c)
    anchors = sorted(keep)
    pairs = list(clear)
    used_r = {i for i, _ in clear}
    used_c = {j for _, j in clear}
    bounds = [(-1, -1), *anchors, (n, m)]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        rows = [i for i in range(i0 + 1, i1) if i not in used_r]
        cols = [j for j in range(j0 + 1, j1) if j not in used_c]
        if len(rows) * len(cols) > DENSE_IN_ORDER:
            continue  # a gap this large has no pairs in order worth a matrix (the rest pass takes them)
        for i, j in _monotone(c, rows, cols, SERIES_IN_ORDER):
            pairs.append((i, j))
            used_r.add(i)
            used_c.add(j)
    rest = ~(np.isin(c.row, list(used_r)) | np.isin(c.col, list(used_c)))
    allowed = rest & ((c.score >= SERIES_LEFT) | (mutual_best(c, rest) & (c.score >= floor)))
    pairs += greedy(c, allowed, used_r, used_c)
    return sorted(pairs)


def moved_pairs(pairs: Sequence[tuple[int, int]], c: Candidates) -> set[tuple[int, int]]:
    """The pairs that cross the in-order majority."""
    return set(pairs) - in_order(pairs, c)


def pair_within(c: Candidates, pairs: Pairs, same_group: npt.NDArray[np.bool_], floor: float) -> Pairs:
    """``pairs`` plus, among the rows and columns they leave, the entries of one group (``same_group``, e.g.
    topics under paired chapters) that are each other's best in it and score at least ``floor``."""
    used_r = {i for i, _ in pairs}
    used_c = {j for _, j in pairs}
    rest = same_group & ~(np.isin(c.row, list(used_r)) | np.isin(c.col, list(used_c)))
    extra = greedy(c, mutual_best(c, rest) & (c.score >= floor), used_r, used_c)
    return sorted([*pairs, *extra])
