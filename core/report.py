"""Build a :class:`Report` from a file or a string: read, fold, parse the outline, read the metadata."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .folding import FoldOptions, find_damage, fold
from .meta import extract_meta
from .model import Report
from .outline import parse_outline
from .read.source import Source


def report_from_source(source: Source, options: FoldOptions | None = None) -> Report:
    folded = fold(source.text, options)
    sections = parse_outline(folded)
    meta = extract_meta(source.text, folded.normalized, sections)
    return Report(
        path=source.path,
        name=_name(source.path, meta.region, meta.year),
        text=source.text,
        folded=folded,
        sections=sections,
        meta=meta,
        damaged=find_damage(source.text),
        encoding=source.encoding,
        format=source.format,
        notes=source.notes,
        repaired=source.repaired,
    )


def report_from_text(text: str, path: str = "<text>", options: FoldOptions | None = None) -> Report:
    """A report from a string already in memory (tests, the API)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return report_from_source(Source(path=path, text=text, encoding="utf-8", format="text"), options)


def load_report(path: str | os.PathLike[str], options: FoldOptions | None = None) -> Report:
    """Read a report file (or "-" for standard input); raises ReadError with a one-line message."""
    from .read import read_source

    return report_from_source(read_source(path), options)


def _name(path: str, region: str | None, year: int | None) -> str:
    stem = Path(path).stem if path not in ("-", "<text>") else "stdin"
    # Downloaded files often carry a hash after the name (000_b439db412fa5153e): keep the name.
    stem = re.sub(r"[_-][0-9a-f]{12,}$", "", stem) or stem
    if region and year:
        return f"{region} {year}"
    return stem
