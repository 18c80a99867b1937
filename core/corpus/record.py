"""One file read into what the index stores, as plain data (it runs in a worker process and is pickled back).

The file is opened without blocking and checked to be a regular file before a byte is read, read once
(bounded), hashed, and — unless the index already holds that content — read as a report by the pipeline
every command uses (``core.read``, folding, the outline, the aligner's unit features, the figures). Every
failure is a result with a one-line reason, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ReportError
from ..figures.tracker import government_level
from ..model import Report
from .store import compress

LEVELS = ("chapters", "topics")


def read_bytes_of(path: str, limit: int) -> bytes:
    """The bytes of ``path`` (a regular file, at most ``limit`` + 1 bytes read). Raises ReportError."""
    from ..errors import ReadError

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadError(path, "no such file (it went away while indexing)") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, f"cannot open it ({(exc.strerror or str(exc)).lower()})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(path, "is not a regular file")
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(path, f"cannot read it ({(exc.strerror or str(exc)).lower()})") from None
    finally:
        os.close(fd)


def read_record(path: str, known: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
    """``{"path", "sha256", "error", "report"}``: ``report`` is None when the content is ``known`` (already
    indexed) or could not be read (``error`` says why, on one line)."""
    from ..read import MAX_INPUT_BYTES

    out: dict[str, Any] = {"path": path, "sha256": None, "error": None, "report": None}
    try:
        data = read_bytes_of(path, MAX_INPUT_BYTES)
        out["sha256"] = hashlib.sha256(data).hexdigest()
        if out["sha256"] in known:
            return out
        out["report"] = report_record(data, path)
    except ReportError as exc:
        out["error"] = _one_line(str(exc), path)
    except RecursionError:
        out["error"] = _one_line(f"{path}: nested too deeply to read", path)
    except MemoryError:
        out["error"] = _one_line(f"{path}: not enough memory to read it", path)
    except Exception as exc:  # a bug of ours must not stop a corpus run: the file is listed with it
        out["error"] = _one_line(f"{path}: internal error ({type(exc).__name__}: {exc})", path)
    return out


def _one_line(message: str, path: str) -> str:
    """The message without the path it starts with (the index lists the path beside it), on one line."""
    if message.startswith(path + ": "):
        message = message[len(path) + 2 :]
    return " ".join(message.split()) or "unreadable"


def report_record(data: bytes, path: str) -> dict[str, Any]:
    """Everything the index keeps of one report, from its bytes."""
    from ..align.units import text_features, unit_keys
    from ..batch import section_labels
    from ..figures.identity import identify
    from ..read import read_bytes
    from ..report import report_from_source
    from ..report_figures import report_figures

    report = report_from_source(read_bytes(data, path))
    meta = report.meta
    labels = section_labels(report)
    sections = []
    parents: dict[str, str | None] = {}
    for top in report.sections:
        stack: list[tuple[Any, str | None]] = [(top, None)]
        while stack:
            s, parent = stack.pop()
            parents[s.id] = parent
            sections.append((s.id, parent, s.kind, s.level, s.marker, s.label, s.ordinal, s.title, s.heading,
                             labels.get(s.id, s.id), s.start, s.end, s.body_start, s.norm_start, s.norm_end,
                             s.period))
            stack.extend((c, s.id) for c in reversed(s.children))
    feats = text_features(report)
    units: dict[str, list[tuple[Any, ...]]] = {}
    vectors: dict[str, dict[str, Any]] = {}
    all_keys: list[npt.NDArray[np.int64]] = []
    per_level = {}
    for level in LEVELS:
        keys = unit_keys(report, level, feats)
        per_level[level] = keys
        for k in (*keys.title_keys, *keys.body_keys):
            all_keys.append(k[k >= 0])
    vocab = np.unique(np.concatenate(all_keys)) if all_keys else np.zeros(0, np.int64)
    for level, keys in per_level.items():
        rows = []
        for s in keys.sections:
            base = s.id.rsplit(".", 1)[0] if s.id.endswith((".0", ".z")) else s.id
            rows.append((s.id, s.kind, s.label, s.title, s.title_norm, labels.get(base, base), s.start, s.end,
                         s.norm_start, s.norm_end, s.period))
        units[level] = rows
        vectors[level] = {
            "n": len(keys.sections),
            "title": _counts(keys.title_keys, vocab),
            "body": _counts(keys.body_keys, vocab),
            "title_dom": np.stack(keys.title_dom).astype(np.float32).tobytes() if keys.title_dom else b"",
            "body_dom": np.stack(keys.body_dom).astype(np.float32).tobytes() if keys.body_dom else b"",
        }
    figures = []
    for fig in report_figures(report):
        ident = identify(fig)
        figures.append((fig.section, labels.get(fig.section, fig.section), fig.text, fig.number, fig.value,
                        fig.value_high, fig.unit, fig.base_value, fig.base_value_high, fig.base_unit, fig.qualifier,
                        fig.kind, fig.direction, fig.period, fig.horizon, fig.label, fig.start, fig.end,
                        fig.sentence, fig.sentence_start, fig.sentence_end, fig.dimension, ident.indicator,
                        ident.name, ident.scope, ident.measure))
    from .scan import shown

    return {
        "name": shown(report.name),  # a file name need not be valid UTF-8
        "region": meta.region,
        "level": government_level(meta.region),
        "year": meta.year,
        "title": meta.title,
        "speaker": meta.speaker,
        "speaker_role": meta.speaker_role,
        "meeting_date": meta.meeting_date,
        "encoding": report.encoding,
        "format": report.format,
        "chars": len(report.text),
        "norm_chars": len(report.folded.normalized),
        "notes": json.dumps(list(report.notes), ensure_ascii=False),
        "parts": json.dumps(list(meta.parts), ensure_ascii=False),
        "text_sha256": text_identity(report),
        "text": compress(report.text),
        "normalized": compress(report.folded.normalized),
        "sections": sections,
        "units": units,
        "vocab": vocab,
        "vectors": vectors,
        "figures": figures,
    }


def text_identity(report: Report) -> str:
    """SHA-256 of the report's words: its normalized text without whitespace, so that the same report in
    two files is one (a .docx and the .txt saved from it differ in line breaks and spaces; a GBK original
    and its UTF-8 copy in nothing once decoded)."""
    words = "".join(report.folded.normalized.split())
    return hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()


def _counts(docs: list[npt.NDArray[np.int64]], vocab: npt.NDArray[np.int64]) -> tuple[bytes, bytes, bytes]:
    """Each document's distinct bigrams (as positions in ``vocab``) and their counts, as CSR bytes:
    (row pointers int64, term positions int32, counts uint16)."""
    ptr = [0]
    ids: list[npt.NDArray[np.int64]] = []
    tfs: list[npt.NDArray[np.int64]] = []
    for keys in docs:
        u, c = np.unique(keys[keys >= 0], return_counts=True)
        ids.append(np.searchsorted(vocab, u))
        tfs.append(c)
        ptr.append(ptr[-1] + len(u))
    cat_ids = np.concatenate(ids) if ids else np.zeros(0, np.int64)
    cat_tf = np.concatenate(tfs) if tfs else np.zeros(0, np.int64)
    # counts fit 16 bits (a bigram 65,535 times in one section is beyond any report; clipped, not wrapped)
    return (np.array(ptr, np.int64).tobytes(), cat_ids.astype(np.int32).tobytes(),
            np.minimum(cat_tf, 65535).astype(np.uint16).tobytes())
