"""Repair text pasted from a PDF: join hard-wrapped lines back into paragraphs and drop page numbers.

A file counts as "wrapped" when most of its lines have nearly the same length (the page width: counted in
characters, or in display columns where a CJK character is two) and those lines mostly end in the middle
of a sentence. Only then are lines joined: a line near the page width that does not end a sentence is
continued by the next line unless that one starts a heading (一、 （一） 1. 第一…) or is indented. Short
lines (headings, "各位代表：", a paragraph's last line) always end a paragraph. Reports that already hold
one paragraph (or one aligned segment) a line have lines of very different lengths and come out unchanged.

Limitation: in a wrapped file whose paragraphs are not indented, a full line that happens to end with
sentence-final punctuation (。！？；：) is taken as a paragraph end, so such a paragraph stays split there.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["is_page_number", "starts_heading", "unwrap"]

#: Smallest page width (in characters) taken for wrapping; narrower columns are too ambiguous (official
#: documents set 28 characters a line, GB/T 9704).
MIN_WIDTH = 16
_FINAL = frozenset("。！？；：!?;:…")
_CLOSERS = "”’」』）)】》〉\"'"
_INDENT = (" ", "\t", "\u3000", "\u00a0")
_NUM = "0-9０-９"
_CN_NUM = "一二三四五六七八九十百零〇"
_PAGE_RE = re.compile(
    rf"""[\s\u3000]*(?:
        [-－—–―~～_·•]+\s*[{_NUM}]{{1,4}}\s*[-－—–―~～_·•]+                 # - 3 -   —3—
      | 第\s*[{_NUM}]{{1,4}}\s*页(?:\s*[,，/／]?\s*共\s*[{_NUM}]{{1,4}}\s*页)?  # 第3页  第 3 页 共 20 页
      | 共\s*[{_NUM}]{{1,4}}\s*页\s*[,，]?\s*第\s*[{_NUM}]{{1,4}}\s*页
      | [Pp]age\s*[{_NUM}]{{1,4}}(?:\s*(?:of|/)\s*[{_NUM}]{{1,4}})?
    )[\s\u3000]*""",
    re.X,
)
#: Only a number (or "3/20"): a page number when the file is wrapped.
_BARE_NUMBER_RE = re.compile(rf"[\s\u3000]*[{_NUM}]{{1,4}}(?:\s*[/／]\s*[{_NUM}]{{1,4}})?[\s\u3000]*")
_HEADING_RE = re.compile(
    rf"""[\s\u3000]*(?:
        [{_CN_NUM}]+[、.．]                              # 一、
      | [（(][{_CN_NUM}]+[）)]                          # （一） (一)
      | [（(][{_NUM}]{{1,3}}[）)]                        # （1） (1)
      | [{_NUM}]{{1,2}}[、．.](?![{_NUM}])               # 1. 1、  (not 1.5)
      | 第[{_CN_NUM}{_NUM}]+[章节部分篇条、，,：:\s]      # 第一章 第一，
      | [●○■□◆◇★☆•▪►※]                              # bullets (not ·: 口袋·公园 wraps before it)
      | ——                                              # ——经济运行保持在合理区间
      | 各位代表
    )""",
    re.X,
)
_PAGE = None  # marker for a dropped page-number line


def unwrap(text: str) -> tuple[str, list[str]]:
    """Join PDF hard wraps and drop page-number lines; return the text and notes on what changed.

    A no-op (the same string back, no notes) on text that is not wrapped and has no page-number lines.
    """
    lines = text.split("\n")
    items: list[str | None] = [_PAGE if _PAGE_RE.fullmatch(line) else line for line in lines]
    decorated_pages = sum(1 for item in items if item is None)
    content = [
        line.rstrip()
        for line in items
        if line is not None and line.strip() and not _BARE_NUMBER_RE.fullmatch(line)
    ]
    layout = _detect(content)
    if layout is None and not decorated_pages:
        return text, []
    out: list[str] = []
    blanks: list[str] = []  # blank lines since the last content line
    blanks_before_page: list[str] = []
    saw_page = False
    prev_continues = False  # the last content line runs on into the next one
    joined = dropped = 0
    for item in items:
        if item is None or (layout is not None and _BARE_NUMBER_RE.fullmatch(item)):
            dropped += 1
            if not saw_page:
                blanks_before_page, blanks, saw_page = blanks, [], True
            continue
        if not item.strip():
            blanks.append(item)
            continue
        if prev_continues and (saw_page or not blanks) and not _starts_paragraph(item):
            out[-1] += item
            joined += 1
        else:
            out.extend(blanks_before_page if saw_page else blanks)
            out.append(item)
        blanks, blanks_before_page, saw_page = [], [], False
        prev_continues = layout is not None and layout.continues(item)
    out.extend(blanks_before_page if saw_page else blanks)
    notes: list[str] = []
    if joined:
        notes.append(f"joined {joined} wrapped line{'s' if joined != 1 else ''} (text pasted from a PDF?)")
    if dropped:
        notes.append(f"dropped {dropped} page-number line{'s' if dropped != 1 else ''}")
    return "\n".join(out), notes


class _Layout:
    """The detected page width and how to tell a line that runs on."""

    def __init__(self, width: int, tolerance: int, by_columns: bool, indented: bool) -> None:
        self.width = width
        self.tolerance = tolerance
        self.by_columns = by_columns
        self.indented = indented  # paragraphs start indented: that alone marks paragraph starts

    def measure(self, line: str) -> int:
        return _columns(line) if self.by_columns else len(line)

    def is_full(self, line: str) -> bool:
        return abs(self.measure(line.rstrip()) - self.width) <= self.tolerance

    def continues(self, line: str) -> bool:
        if not self.is_full(line) or not (self.indented or not _ends_sentence(line)):
            return False
        # A heading a little short of the width ("四、聚焦改革开放,…激发社会活力") ends its line; a heading
        # that opens a running paragraph fills the line.
        return _HEADING_RE.match(line) is None or self.measure(line.rstrip()) >= self.width


def _columns(line: str) -> int:
    """Display width: ASCII one column, anything else (CJK, full-width punctuation) two."""
    return 2 * len(line) - len(line.encode("ascii", "ignore"))


def _detect(content: list[str]) -> _Layout | None:
    """A layout when the lines look hard-wrapped, else None (lines are right-stripped, none blank)."""
    if len(content) < 6:
        return None
    best: tuple[float, _Layout] | None = None
    for by_columns, tolerance in ((False, 2), (True, 3)):
        metrics = [_columns(line) if by_columns else len(line) for line in content]
        layout = _fit(content, metrics, by_columns, tolerance)
        if layout is not None:
            share = sum(1 for m in metrics if abs(m - layout.width) <= tolerance) / len(metrics)
            if best is None or share > best[0]:
                best = (share, layout)
    return best[1] if best else None


def _fit(content: list[str], metrics: list[int], by_columns: bool, tolerance: int) -> _Layout | None:
    counts = Counter(metrics)
    minimum = MIN_WIDTH * (2 if by_columns else 1)
    candidates = [w for w in counts if w >= minimum]
    if not candidates:
        return None

    def cover(w: int) -> int:
        return sum(counts.get(w + d, 0) for d in range(-tolerance, tolerance + 1))

    width = max(candidates, key=lambda w: (cover(w), counts[w], w))
    n = len(metrics)
    full = [line for line, m in zip(content, metrics, strict=True) if abs(m - width) <= tolerance]
    longer = sum(1 for m in metrics if m > width + tolerance)
    # Most lines at the page width, hardly any longer, and those lines end mid-sentence.
    if len(full) < 3 or len(full) * 2 < n or longer * 10 > n:
        return None
    indented = sum(1 for line in content if line.startswith(_INDENT))
    starts = n - len(full)  # about one short (last) line per paragraph
    is_indented = indented >= 2 and indented * 2 >= starts
    running_on = sum(1 for line in full if not _ends_sentence(line))
    if not is_indented and running_on * 10 < len(full) * 6:
        return None
    return _Layout(width, tolerance, by_columns, is_indented)


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return not stripped or stripped[-1] in _FINAL


def _starts_paragraph(line: str) -> bool:
    return line.startswith(_INDENT) or _HEADING_RE.match(line) is not None


def starts_heading(line: str) -> bool:
    """Whether ``line`` opens with a heading or list marker (一、 （一） 1. 第一… bullets, 各位代表)."""
    return _HEADING_RE.match(line) is not None


def is_page_number(line: str) -> bool:
    """Whether ``line`` is only a page number (- 3 -, 第3页, Page 3 of 20, a bare 3 or 3/20)."""
    return _PAGE_RE.fullmatch(line) is not None or _BARE_NUMBER_RE.fullmatch(line) is not None
