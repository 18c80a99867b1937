"""The level arrays of an index kept on disk beside it, so a query in a new process does not recompute them.

Computing :class:`~core.corpus.vectors.LevelData` reads every unit's counts out of SQLite and weighs
them: ~0.7 s on a thousand reports, paid by every ``reportdiff similar`` process. The result is saved as
one ``.npz`` (plain arrays only: loaded with ``allow_pickle=False``, so a crafted file cannot run code),
named for the index's cache key, which the indexer renews with every committed change: a file of another
key is stale and removed. Anything wrong with the file (cut short, other arrays) means it is not used and
the arrays are computed again; a folder that cannot be written only costs the time.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from .store import Store

PREFIX = "level-cache-"
#: Arrays of LevelData saved as they are.
_ARRAYS = ("report", "index", "position", "kind", "period", "intro", "title_tf", "body_tf", "title_df",
           "body_df", "filler", "title_dom", "body_dom", "domain")
_STRINGS = ("section_id", "label", "titles")
_CSRS = ("title", "body")


def cache_file(store: Store, level: str) -> Path | None:
    """Where the level's arrays for the index as it is now are kept; None for an index without a cache key
    (made before keys existed: its generation alone could repeat after a rebuild)."""
    key = store.meta("cache_key", "")
    if not key or not key.isalnum():
        return None
    return store.path.parent / f"{PREFIX}{level}-{key}.npz"


def load(path: Path, level: str) -> Any | None:
    """The LevelData saved at ``path``, or None when there is none or it cannot be used."""
    from .vectors import CSR, LevelData

    try:
        with np.load(path, allow_pickle=False) as npz:
            fields: dict[str, Any] = {name: npz[name] for name in _ARRAYS}
            fields.update({name: _strings(npz[f"{name}_bytes"], npz[f"{name}_ends"]) for name in _STRINGS})
            fields.update(
                {name: CSR(npz[f"{name}_ptr"], npz[f"{name}_ids"], npz[f"{name}_weights"]) for name in _CSRS})
            rows_arr = npz["rows"]
            n_terms = int(npz["n_terms"][0])
    except (OSError, KeyError, ValueError, IndexError, EOFError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    n = len(fields["report"])
    if any(len(fields[name]) != n for name in _STRINGS) or rows_arr.ndim != 2 or rows_arr.shape[1:] != (3,):
        return None
    rows = {int(r): (int(s), int(e)) for r, s, e in rows_arr.tolist()}
    return LevelData(level=level, **fields, n_terms=n_terms, rows=rows)


def save(path: Path, data: Any) -> None:
    """Save ``data`` (a LevelData) at ``path`` atomically and remove the level's stale files; a folder that
    cannot be written is left alone."""
    payload: dict[str, Any] = {name: getattr(data, name) for name in _ARRAYS}
    for name in _STRINGS:
        payload[f"{name}_bytes"], payload[f"{name}_ends"] = _packed(getattr(data, name))
    for name in _CSRS:
        csr = getattr(data, name)
        payload[f"{name}_ptr"], payload[f"{name}_ids"], payload[f"{name}_weights"] = csr.ptr, csr.ids, csr.weights
    payload["rows"] = np.array([(r, s, e) for r, (s, e) in data.rows.items()], np.int64).reshape(-1, 3)
    payload["n_terms"] = np.array([data.n_terms], np.int64)
    level = path.name[len(PREFIX):].split("-")[0]
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **payload)
        os.chmod(tmp, 0o666 & ~_umask())  # as readable as the index beside it (mkstemp makes it 0600)
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob(f"{PREFIX}{level}-*.npz"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _packed(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as their UTF-8 bytes end to end and where each ends (any character allowed in them)."""
    encoded = [s.encode("utf-8", "surrogatepass") for s in strings]
    ends = np.cumsum([len(b) for b in encoded], dtype=np.int64) if encoded else np.zeros(0, np.int64)
    return np.frombuffer(b"".join(encoded), np.uint8).copy(), ends


def _strings(data: np.ndarray, ends: np.ndarray) -> list[str]:
    raw = data.tobytes()
    out = []
    start = 0
    for end in ends.tolist():
        out.append(raw[start:end].decode("utf-8", "surrogatepass"))
        start = end
    return out
