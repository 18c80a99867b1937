"""Word segmentation: jieba's accurate mode without HMM, loaded once, quietly and thread-safely.

The words come from rjieba (jieba-rs: jieba's dictionary and dynamic programming in Rust) when it is
installed, else from jieba itself. Measured on the corpus (2 cores): rjieba builds its dictionary in
~0.13 s and ~33 MB and cuts a report in ~8 ms, where jieba takes ~0.1 s to import (pkg_resources), ~0.7 s
to load its dictionary (~80 MB; a pickled copy still takes ~0.29 s) and ~150 ms a report. The words are
the same: tests compare rjieba with jieba, the reference, on the seeds, the corpus and random strings.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

#: Set to ``jieba`` to segment with jieba even where rjieba is installed (to compare, or to work around).
BACKEND_ENV = "REPORTDIFF_SEGMENTER"

_lock = threading.Lock()
_jieba_lock = threading.Lock()
_cut: Callable[[str], list[str]] | None = None
_backend = ""
_jieba: Any = None


def jieba_tokenizer() -> Any:
    """jieba's loaded ``Tokenizer`` (the reference segmenter; its first load takes ~0.8 s)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                _jieba = _load_jieba()
    return _jieba


def _load_jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def reference_cut(text: str) -> list[str]:
    """jieba's own words of ``text`` (accurate mode, no HMM), whatever the backend."""
    return list(jieba_tokenizer().cut(text, HMM=False)) if text else []


def _load() -> Callable[[str], list[str]]:
    global _cut, _backend
    if _cut is None:
        with _lock:
            if _cut is None:
                _cut, _backend = _pick()
    return _cut


def _pick() -> tuple[Callable[[str], list[str]], str]:
    if os.environ.get(BACKEND_ENV, "").strip().lower() != "jieba":
        try:
            # Importing builds the dictionary (~0.13 s in one Rust call, holding the GIL).
            import rjieba
        except ImportError:
            pass
        else:
            words: Callable[[str, bool], list[str]] = rjieba.cut
            return (lambda text: words(text, False)), "rjieba"  # hmm=False
    tok = jieba_tokenizer()
    return (lambda text: list(tok.cut(text, HMM=False))), "jieba"


def backend() -> str:
    """Which segmenter cuts: ``rjieba`` or ``jieba`` (loading it if need be)."""
    _load()
    return _backend


def warm_up() -> None:
    """Load the dictionary now (e.g. in a worker) so later cuts are fast."""
    _load()


def cut(text: str) -> list[str]:
    """Words of ``text``; joining them gives ``text`` back exactly."""
    if not text:
        return []
    return _load()(text)


def native_cut() -> Callable[[str], tuple[str, ...]] | None:
    """``cut`` as tuples when a compiled segmenter does the cutting; None when it is jieba in Python
    (whose own cut is slower than the figure extractor's copy of its dynamic programming)."""
    fn = _load()
    if _backend != "rjieba":
        return None

    def words(text: str) -> tuple[str, ...]:
        return tuple(fn(text)) if text else ()

    return words


@lru_cache(maxsize=65536)
def cut_cached(text: str) -> tuple[str, ...]:
    """``cut`` for short strings seen again and again (titles, sentences)."""
    return tuple(cut(text))
