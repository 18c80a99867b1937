"""What aligning reports produces: rows of corresponding sections, and the user's pins.

Kept apart from :mod:`core.align` (the algorithm) so that code which only reads an alignment (the app
receiving one from its loader process, the exporters) does not load the aligner and its dependencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Report, Section


@dataclass(frozen=True)
class Row:
    """One aligned row: at most one section per report (None where a report lacks it)."""

    cells: tuple[Section | None, ...]
    score: float  #: how well the row's sections match (title, body, ordinal); 0 for unmatched rows
    reasons: tuple[str, ...] = ()  #: "same ordinal", "similar title", "similar body", "pinned", "only one"
    pinned: bool = False

    def present(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c is not None]

    def moved(self) -> str:
        """Where the row's section moved, "(四)→(一)" (from the reasons), or ""."""
        return next((r[len("moved "):] for r in self.reasons if r.startswith("moved ")), "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "pinned": self.pinned,
            "cells": [
                None
                if c is None
                else {
                    "id": c.id,
                    "kind": c.kind,
                    "label": c.label,
                    "title": c.title,
                    "heading": c.heading,
                    "start": c.start,
                    "end": c.end,
                }
                for c in self.cells
            ],
        }


@dataclass(frozen=True)
class Pin:
    """A user's decision about two sections: pair them (``pair=True``) or keep them apart."""

    report_a: int
    section_a: str
    report_b: int
    section_b: str
    pair: bool = True


@dataclass(frozen=True)
class Alignment:
    reports: tuple[Report, ...]
    level: str
    series: bool  #: True when aligned as one series (content first, order as a prior)
    rows: tuple[Row, ...]
    pins: tuple[Pin, ...] = ()
    notes: tuple[str, ...] = ()  #: how the alignment was made when it had to cut corners (very large inputs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "mode": "series" if self.series else "content",
            "reports": [
                {
                    "path": r.path,
                    "name": r.name,
                    "title": r.meta.title,
                    "region": r.meta.region,
                    "year": r.meta.year,
                }
                for r in self.reports
            ],
            "rows": [row.to_dict() for row in self.rows],
            "notes": list(self.notes),
        }
