"""Word segmentation with jieba, loaded once, quietly and thread-safely.

jieba's first cut loads a ~0.7 s dictionary and logs to stderr; the TUI calls this from worker threads,
so the load is guarded by a lock and its logger is silenced.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None


def _get() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                logging.getLogger("jieba").setLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                _tokenizer = tok
    return _tokenizer


def warm_up() -> None:
    """Load the dictionary now (e.g. in a worker) so later cuts are fast."""
    _get()


def cut(text: str) -> list[str]:
    """Words of ``text``; joining them gives ``text`` back exactly."""
    if not text:
        return []
    return list(_get().cut(text, HMM=False))


@lru_cache(maxsize=65536)
def cut_cached(text: str) -> tuple[str, ...]:
    """``cut`` for short strings seen again and again (titles, sentences)."""
    return tuple(cut(text))
