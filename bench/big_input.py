"""A report of about 20 MB, for the memory benchmarks: a real report's outline with its chapters filled.

``big_pair(base_a, base_b, pool, size)`` writes two such files: each keeps its base report's opening,
headings and closing, and each section gets paragraphs of other reports (the pool, in order, cycled)
until the file holds ``size`` bytes. B gets the same paragraphs less every fifth one, so the two
share long runs of text with changes between them, as two years of a report do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

SIZE = 20_000_000  #: bytes (UTF-8) of each file

_CHAPTER = re.compile(r"^[一二三四五六七八九十]{1,3}、")
#: Lines that would start a section of their own in the filler: left out, so the outline stays the base's.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|第[一二三四五六七八九十]+)")


_INNER_HEADING = re.compile(r"[。；：][一二三四五六七八九十]{1,3}、|[。；：][（(][一二三四五六七八九十]{1,3}[）)]")


def paragraphs(paths: Sequence[Path]) -> list[str]:
    """Body paragraphs of the reports: lines of 60–1,000 characters that start no heading and hold none
    (scraped pages without line breaks hold whole chapters on a line)."""
    out: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if 60 <= len(line) <= 1000 and not _HEADING.match(line) and not _INNER_HEADING.search(line):
                out.append(line)
    return out


def _fill(base: str, pool: list[str], size: int, drop: int) -> str:
    """``base`` with paragraphs of ``pool`` before each chapter heading but the first and before the last
    line (the closing); with ``drop``, every drop-th paragraph is left out."""
    lines = base.splitlines()
    # Before each heading (chapters and their numbered sections): sections of ~100–200 k characters.
    # One filled section a chapter (~2 M characters) would measure the differ's worst case instead: its
    # similarity is a longest common subsequence, quadratic in the section's length.
    first = next((i for i, line in enumerate(lines) if _CHAPTER.match(line)), 0)
    points = [i for i, line in enumerate(lines) if i > first and _HEADING.match(line)] + [len(lines) - 1]
    per_point = max(1, (size - len(base.encode("utf-8"))) // len(points))
    out: list[str] = []
    k = 0
    for i, line in enumerate(lines):
        if i in points:
            filled = 0
            while filled < per_point:
                para = pool[k % len(pool)]
                k += 1
                if drop and k % drop == 0:
                    continue
                out.append(para)
                filled += len(para.encode("utf-8")) + 1
        out.append(line)
    return "\n".join(out) + "\n"


def big_pair(base_a: Path, base_b: Path, pool: list[str], folder: Path, size: int = SIZE) -> tuple[Path, Path]:
    a, b = folder / f"big-{base_a.stem}.txt", folder / f"big-{base_b.stem}.txt"
    a.write_text(_fill(base_a.read_text(encoding="utf-8"), pool, size, 0), encoding="utf-8")
    b.write_text(_fill(base_b.read_text(encoding="utf-8"), pool, size, 5), encoding="utf-8")
    return a, b
