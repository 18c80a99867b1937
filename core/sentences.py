"""Split report text into sentences, keeping every character.

A sentence ends at 。！？； (or their half-width forms !?; that folded text uses) and at line breaks.
Closing quotes and brackets after the end mark stay with the sentence (``“…服务。”``), and so does the
whitespace that follows it, so the spans cover the text without gaps and joining them gives it back.
A period ``.`` never ends a sentence: in reports it is a decimal point (1.5万亿元).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

#: Characters that end a sentence (full- and half-width).
SENTENCE_ENDS = "。！？；!?;"
#: Closing quotes and brackets that belong to the sentence they close.
CLOSERS = "”’」』）)】》〉〕]\"'"

#: A "sentence" longer than this is cut into pieces (at a comma or 、 when there is one near the limit,
#: else at the limit): a page without punctuation would otherwise be one sentence, and a word diff of two
#: such sentences is quadratic in their length.
MAX_SENTENCE_CHARS = 400
_SOFT_BREAKS = ",，、:："

_WS = " \t\r\n\u3000\u00a0"
_BOUNDARY = re.compile(
    rf"[{re.escape(SENTENCE_ENDS)}]+[{re.escape(CLOSERS)}]*[{_WS}]*"  # end mark, closers, trailing space
    rf"|\n[{_WS}]*"  # a line break (and any blank lines or indentation after it)
)


def sentence_spans(text: str, *, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``; the spans tile it exactly, in order.

    End marks inside a ``protected`` span (sorted, non-overlapping ``(start, end)``) do not end a sentence:
    the diff passes encoding damage here, where ``?`` and ``。`` are debris (吉林?。?023), not punctuation.
    """
    spans: list[tuple[int, int]] = []
    starts = [s for s, _ in protected]
    start = 0
    for m in _BOUNDARY.finditer(text):
        if protected and m.group()[0] != "\n" and _all_protected(m.start(), m.end(), text, protected, starts):
            continue
        end = m.end()
        if end > start:
            _append_bounded(spans, text, start, end)
            start = end
    if start < len(text):
        _append_bounded(spans, text, start, len(text))
    return spans


def _append_bounded(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        # Prefer a clause break in the last quarter of the piece.
        for i in range(cut - 1, start + MAX_SENTENCE_CHARS * 3 // 4, -1):
            if text[i] in _SOFT_BREAKS:
                cut = i + 1
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, end))


def _all_protected(
    start: int, end: int, text: str, protected: Sequence[tuple[int, int]], starts: list[int]
) -> bool:
    """Whether every end mark in ``text[start:end]`` lies inside a protected span."""
    for i in range(start, end):
        if text[i] not in SENTENCE_ENDS:
            continue
        k = bisect_right(starts, i) - 1
        if k < 0 or not protected[k][0] <= i < protected[k][1]:
            return False
    return True


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``; ``"".join(split_sentences(text)) == text``."""
    return [text[s:e] for s, e in sentence_spans(text)]
