"""Where a figure of the cross-report table stands: the aligned row holding it, and a note on its source."""

from __future__ import annotations

from typing import Any

from .i18n import t
from .safety import sanitize


def row_holding(alignment: Any, report: int, offset: int) -> int | None:
    """The last (deepest) row whose section of ``report`` holds ``offset``, or None."""
    best = None
    for i, row in enumerate(alignment.rows):
        c = row.cells[report]
        if c is not None and c.start <= offset < max(c.end, c.start + 1):
            best = i
    return best


def source_note(report_name: str, cell: Any, index: int = 0, count: int = 1, where: str = "") -> str:
    """北京市 2026 · 一、 · 5.2万亿元 (1 of 2, Enter: next): what Enter shows, with the sentence. ``where``
    names the section as the report labels it (三、(六)); the section's id when not given."""
    which = t("note.which_value", i=index + 1, n=count) if count > 1 else ""
    sentence = " ".join(cell.sentence.split())
    if len(sentence) > 160:
        sentence = sentence[:160] + "…"
    return sanitize(f"{report_name} · {where or cell.section} · {cell.text}{which}\n{sentence}")
