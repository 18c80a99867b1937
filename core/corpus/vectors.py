"""The aligner's unit features over a whole index: tf-idf rows with the corpus's document frequencies.

The index stores raw counts (each unit's distinct bigrams and how often they occur, its domain-word
counts), never weights: weights depend on every other unit, so they are computed here, at query time, with
the aligner's own formula (:func:`core.align.vectors.tfidf_weights`, :func:`core.align.domains.profiles`)
over all units of the level — one pass of array arithmetic over the index's ~10 M entries a thousand
reports, kept for the next query while the index does not change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..align import domains
from ..align.units import KINDS, PERIODS
from ..align.vectors import FILLER_KEYS, term_weight, tf_weight, tfidf_weights
from .store import Store


@dataclass(frozen=True)
class CSR:
    """Unit rows of (term id, weight), unit-normalized: row ``u`` is ``ids[ptr[u]:ptr[u+1]]``."""

    ptr: npt.NDArray[np.int64]
    ids: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]

    def dot(self, dense: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Every row's dot product with a dense vector over the terms."""
        n = len(self.ptr) - 1
        out = np.zeros(n, np.float32)
        if not len(self.ids):
            return out
        contrib = self.weights * dense[self.ids]
        full = self.ptr[1:] > self.ptr[:-1]
        out[full] = np.add.reduceat(contrib, self.ptr[:-1][full])
        return out


@dataclass(frozen=True)
class LevelData:
    """Every unit of one level of the index, as arrays (one entry a unit, reports in id order)."""

    level: str
    report: npt.NDArray[np.int64]  #: report id of each unit
    index: npt.NDArray[np.int32]  #: position among its report's units
    position: npt.NDArray[np.float32]  #: index / (units of the report − 1)
    kind: npt.NDArray[np.int8]
    period: npt.NDArray[np.int8]
    intro: npt.NDArray[np.bool_]
    section_id: list[str]
    label: list[str]
    titles: list[str]  #: folded titles
    title: CSR
    body: CSR
    title_tf: npt.NDArray[np.uint16]  #: raw counts beside ``title.ids`` (a new report's query weights need them)
    body_tf: npt.NDArray[np.uint16]
    title_df: npt.NDArray[np.int64]  #: units holding each term (in titles, in bodies)
    body_df: npt.NDArray[np.int64]
    filler: npt.NDArray[np.bool_]  #: whether each term is policy filler
    n_terms: int  #: term ids are below this
    title_dom: npt.NDArray[np.float32]  #: raw domain-word counts (units × domains)
    body_dom: npt.NDArray[np.float32]
    domain: npt.NDArray[np.float32]  #: unit-length domain profiles
    rows: dict[int, tuple[int, int]]  #: report id → [first, last+1) of its units

    def __len__(self) -> int:
        return len(self.report)


_cache: dict[tuple[Path, int, str], LevelData] = {}
_lock = threading.Lock()


def level_data(store: Store, level: str) -> LevelData:
    """The level's arrays for the index as it is now (computed once per change of the index)."""
    key = (store.path, store.generation(), level)
    with _lock:
        hit = _cache.get(key)
        if hit is None:
            hit = _from_disk(store, level)
            _cache.clear()  # one index and level at a time: the arrays are large
            _cache[key] = hit
        return hit


def _from_disk(store: Store, level: str) -> LevelData:
    """The level's arrays saved beside the index by an earlier query, else computed (and saved)."""
    from . import level_cache

    path = level_cache.cache_file(store, level)
    if path is not None and path.is_file():
        saved = level_cache.load(path, level)
        if saved is not None:
            return saved  # type: ignore[no-any-return]
    data = _load(store, level)
    if path is not None:
        level_cache.save(path, data)
    return data


def _load(store: Store, level: str) -> LevelData:
    conn = store.conn
    # The filler terms by key (a few hundred look-ups), not every term's key (hundreds of thousands).
    n_terms = int(conn.execute("SELECT COALESCE(MAX(id), -1) + 1 FROM terms").fetchone()[0])
    filler = np.zeros(n_terms, np.bool_)
    filler[_term_ids(store, FILLER_KEYS.tolist())[1]] = True
    report: list[int] = []
    index: list[int] = []
    position: list[float] = []
    kind: list[int] = []
    period: list[int] = []
    section_id: list[str] = []
    label: list[str] = []
    titles: list[str] = []
    rows: dict[int, tuple[int, int]] = {}
    for rid, idx, sid, k, lab, tnorm, per in conn.execute(
        "SELECT report_id, idx, section_id, kind, label, title_norm, period FROM units WHERE level = ? "
        "ORDER BY report_id, idx", (level,)
    ):
        report.append(rid)
        index.append(idx)
        kind.append(KINDS.index(k) if k in KINDS else 0)
        period.append(PERIODS.index(per) if per in PERIODS else 0)
        section_id.append(sid)
        label.append(lab or "")
        titles.append(tnorm or "")
    report_arr = np.array(report, np.int64)
    if len(report_arr):
        starts = np.flatnonzero(np.r_[True, report_arr[1:] != report_arr[:-1]])
        ends = np.r_[starts[1:], len(report_arr)]
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            rows[int(report_arr[s])] = (s, e)
            n = e - s
            position.extend((i / (n - 1) if n > 1 else 0.0) for i in range(n))
    parts: dict[str, list[bytes]] = {k: [] for k in ("tp", "ti", "tt", "bp", "bi", "bt", "td", "bd")}
    for row in conn.execute(
        "SELECT title_ptr, title_ids, title_tf, body_ptr, body_ids, body_tf, title_dom, body_dom FROM unit_vectors "
        "WHERE level = ? ORDER BY report_id", (level,)
    ):
        for k, blob in zip(parts, row, strict=True):
            parts[k].append(blob or b"")
    dims = len(domains.lexicon().names)
    title_ids, title_tf, title_ptr = _cat(parts["tp"], parts["ti"], parts["tt"])
    body_ids, body_tf, body_ptr = _cat(parts["bp"], parts["bi"], parts["bt"])
    title_dom = _dom(parts["td"], dims)
    body_dom = _dom(parts["bd"], dims)
    n_units = len(report_arr)
    title_df = np.bincount(title_ids, minlength=n_terms).astype(np.int64)
    body_df = np.bincount(body_ids, minlength=n_terms).astype(np.int64)
    return LevelData(
        level=level,
        report=report_arr,
        index=np.array(index, np.int32),
        position=np.array(position, np.float32),
        kind=np.array(kind, np.int8),
        period=np.array(period, np.int8),
        intro=np.array([s.endswith(".0") for s in section_id], np.bool_),
        section_id=section_id,
        label=label,
        titles=titles,
        title=_weighted(title_ptr, title_ids, title_tf, title_df, n_units, filler),
        body=_weighted(body_ptr, body_ids, body_tf, body_df, n_units, filler),
        title_tf=title_tf,
        body_tf=body_tf,
        title_df=title_df,
        body_df=body_df,
        filler=filler,
        n_terms=n_terms,
        title_dom=title_dom,
        body_dom=body_dom,
        domain=domains.profiles(list(title_dom), list(body_dom)) if n_units else np.zeros((0, dims), np.float32),
        rows=rows,
    )


def _cat(ptrs: list[bytes], ids: list[bytes], tfs: list[bytes]) -> tuple[
        npt.NDArray[np.int32], npt.NDArray[np.uint16], npt.NDArray[np.int64]]:
    """Reports' CSR pieces joined into one (row pointers shifted by the entries before)."""
    id_arrays = [np.frombuffer(b, np.int32) for b in ids]
    tf_arrays = [np.frombuffer(b, np.uint16) for b in tfs]
    ptr_parts = [np.zeros(1, np.int64)]
    offset = 0
    for b, a in zip(ptrs, id_arrays, strict=True):
        p = np.frombuffer(b, np.int64)
        ptr_parts.append(p[1:] + offset)
        offset += len(a)
    cat_ids = np.concatenate(id_arrays) if id_arrays else np.zeros(0, np.int32)
    cat_tf = np.concatenate(tf_arrays) if tf_arrays else np.zeros(0, np.uint16)
    return cat_ids, cat_tf, np.concatenate(ptr_parts)


def _dom(blobs: list[bytes], dims: int) -> npt.NDArray[np.float32]:
    arrays = [np.frombuffer(b, np.float32).reshape(-1, dims) for b in blobs if b]
    return np.concatenate(arrays) if arrays else np.zeros((0, dims), np.float32)


def _weighted(ptr: npt.NDArray[np.int64], ids: npt.NDArray[np.int32], tf: npt.NDArray[np.uint16],
              df: npt.NDArray[np.int64], n: int, filler: npt.NDArray[np.bool_]) -> CSR:
    """Unit-length tf-idf rows (the aligner's weights, with document frequencies over the whole level):
    the term part once a term and the tf part once a count value, then gathered (millions of entries)."""
    if not len(ids):
        return CSR(ptr, ids, np.zeros(0, np.float32))
    per_term = term_weight(df, n, filler).astype(np.float32)
    per_tf = np.zeros(int(tf.max()) + 1, np.float32)
    per_tf[1:] = tf_weight(np.arange(1, len(per_tf), dtype=np.int64))
    w = per_tf[tf] * per_term[ids]
    lens = np.diff(ptr)
    full = lens > 0
    norm = np.ones(len(lens), np.float32)
    norm[full] = np.sqrt(np.add.reduceat(w * w, ptr[:-1][full]))
    w /= np.repeat(norm, lens)
    return CSR(ptr, ids, w)


def _term_ids(store: Store, keys: list[int]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(positions in ``keys``, term ids) of the keys the index knows."""
    found: dict[int, int] = {}
    for s in range(0, len(keys), 500):
        part = keys[s : s + 500]
        found.update(store.conn.execute(
            f"SELECT key, id FROM terms WHERE key IN ({', '.join('?' * len(part))})", part).fetchall())
    at = [i for i, k in enumerate(keys) if k in found]
    return np.array(at, np.int64), np.array([found[keys[i]] for i in at], np.int64)


def query_vector(store: Store, data: LevelData, keys: npt.NDArray[np.int64], tf: npt.NDArray[np.int64], *,
                 title: bool) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """The (term ids, unit-length weights) of a unit outside the index, from its distinct bigram keys and
    their counts, weighted as if it were added to the index. Keys the index does not know match nothing
    but weigh in the norm, as in the aligner."""
    if not len(keys):
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    at, ids = _term_ids(store, keys.tolist())
    df_all = data.title_df if title else data.body_df
    df = np.ones(len(keys), np.int64)  # its own unit holds each of its terms
    df[at] += df_all[ids]
    w = tfidf_weights(tf, df, len(data) + 1, np.isin(keys, FILLER_KEYS))
    norm = float(np.sqrt((w * w).sum())) or 1.0
    return ids.astype(np.int32), (w[at] / norm).astype(np.float32)
