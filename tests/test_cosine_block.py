"""cosine_block builds its dense matrix a group of columns at a time: the grouping changes no cell."""

import numpy as np
import pytest

from core.align import vectors
from core.align.vectors import SparseVec, cosine_block


def _vec(rng: np.random.Generator, n_terms: int, k: int) -> SparseVec:
    ids = np.sort(rng.choice(n_terms, k, replace=False)).astype(np.int64)
    w = rng.random(k).astype(np.float32)
    return SparseVec(ids, (w / np.sqrt(np.sum(w * w))).astype(np.float32))


@pytest.mark.parametrize("seed", range(8))
def test_column_groups_change_no_cell(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(50, 3000))
    rows = [_vec(rng, n, int(rng.integers(0, min(n, 300)))) for _ in range(int(rng.integers(1, 30)))]
    cols = [_vec(rng, n, int(rng.integers(0, min(n, 300)))) for _ in range(int(rng.integers(1, 30)))]
    monkeypatch.setattr(vectors, "_BLOCK_CELLS", int(rng.integers(1, 2000)))  # many slices too
    whole = cosine_block(rows, cols, n)
    monkeypatch.setattr(vectors, "_DENSE_CELLS", int(rng.integers(1, 3000)))
    assert cosine_block(rows, cols, n).tobytes() == whole.tobytes()
    dense = np.zeros((len(rows), n), np.float32), np.zeros((len(cols), n), np.float32)
    for m, vs in zip(dense, (rows, cols), strict=True):
        for i, v in enumerate(vs):
            m[i, v.ids] = v.weights
    assert np.allclose(whole, dense[0] @ dense[1].T, atol=1e-5)
