"""The pairs that can be made: scored (row, column) entries, kept sparse.

Only pairs with a score above zero can pair, so the scores are kept as parallel arrays of those entries
(sorted by row, then column), not as a rows × columns matrix: for two reports of 5,000 sections scored in a
band (see scores.score_rows) that is a million entries instead of 25 million cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt


class Candidates(NamedTuple):
    row: npt.NDArray[np.int32]
    col: npt.NDArray[np.int32]
    score: npt.NDArray[np.float32]
    cell: npt.NDArray[np.int32]  #: which of the row's sections gave the score (an index into the cells)
    n_rows: int
    n_cols: int

    @property
    def key(self) -> npt.NDArray[np.int64]:
        return self.row.astype(np.int64) * max(1, self.n_cols) + self.col

    @property
    def nbytes(self) -> int:
        return int(self.row.nbytes + self.col.nbytes + self.score.nbytes + self.cell.nbytes)

    def find(self, pairs: Iterable[tuple[int, int]]) -> npt.NDArray[np.int64]:
        """The entry index of each pair, -1 where there is none."""
        keys = np.array([i * max(1, self.n_cols) + j for i, j in pairs], np.int64)
        if not len(self.row) or not len(keys):
            return np.full(len(keys), -1, np.int64)
        all_keys = self.key
        at = np.minimum(np.searchsorted(all_keys, keys), len(all_keys) - 1)
        return np.where(all_keys[at] == keys, at, -1)

    def score_of(self, pairs: Iterable[tuple[int, int]]) -> npt.NDArray[np.float32]:
        at = self.find(pairs)
        return np.where(at >= 0, self.score[np.maximum(at, 0)], np.float32(0.0)).astype(np.float32)

    def dense(self, rows: list[int], cols: list[int]) -> npt.NDArray[np.float32]:
        """The scores of ``rows`` × ``cols`` as a matrix (0 where no entry)."""
        out = np.zeros((len(rows), len(cols)), np.float32)
        if not rows or not cols or not len(self.row):
            return out
        row_at = np.full(self.n_rows, -1, np.int64)
        row_at[rows] = np.arange(len(rows))
        col_at = np.full(self.n_cols, -1, np.int64)
        col_at[cols] = np.arange(len(cols))
        r, c = row_at[self.row], col_at[self.col]
        keep = (r >= 0) & (c >= 0)
        out[r[keep], c[keep]] = self.score[keep]
        return out

    def replace_scores(self, score: npt.NDArray[np.float32]) -> Candidates:
        return self._replace(score=score)


def from_dense(best: npt.NDArray[np.float32], which: npt.NDArray[np.int32]) -> Candidates:
    """The entries of a rows × columns matrix that score above zero."""
    ii, jj = np.nonzero(best > 0)
    return Candidates(ii.astype(np.int32), jj.astype(np.int32), best[ii, jj], which[ii, jj].astype(np.int32),
                      best.shape[0], best.shape[1])


def from_entries(row: npt.NDArray[np.int32], col: npt.NDArray[np.int32], score: npt.NDArray[np.float32],
                 cell: npt.NDArray[np.int32], n_rows: int, n_cols: int) -> Candidates:
    """Entries gathered in any order, several per pair: each pair keeps its best (the first cell of ties)."""
    keep = score > 0
    row, col, score, cell = row[keep], col[keep], score[keep], cell[keep]
    key = row.astype(np.int64) * max(1, n_cols) + col
    order = np.lexsort((cell, -score, key))
    key, first = np.unique(key[order], return_index=True)
    pick = order[first]
    return Candidates(row[pick], col[pick], score[pick], cell[pick], n_rows, n_cols)


def with_entries(c: Candidates, pairs: dict[tuple[int, int], float]) -> Candidates:
    """``c`` with the scores of ``pairs`` set (added where missing; a pair scoring ≤ 0 can never pair)."""
    if not pairs:
        return c
    at = c.find(pairs)
    score = c.score.copy()
    values = np.array(list(pairs.values()), np.float32)
    present = at >= 0
    score[at[present]] = values[present]
    missing = [p for p, a in zip(pairs, at, strict=True) if a < 0]
    if not missing:
        return c._replace(score=score)
    extra_r = np.array([i for i, _ in missing], np.int32)
    extra_c = np.array([j for _, j in missing], np.int32)
    extra_s = values[~present]
    row = np.concatenate([c.row, extra_r])
    col = np.concatenate([c.col, extra_c])
    score = np.concatenate([score, extra_s])
    cell = np.concatenate([c.cell, np.full(len(missing), -1, np.int32)])
    order = np.argsort(row.astype(np.int64) * max(1, c.n_cols) + col, kind="stable")
    return Candidates(row[order], col[order], score[order], cell[order], c.n_rows, c.n_cols)
