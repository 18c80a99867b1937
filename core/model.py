"""The report model: frozen dataclasses a user would recognise in JSON output."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .folding import DamagedSpan, FoldedText

#: Kinds of section. "part" is a numbered (or bare) heading; "topic" a subtopic inside one (lead sentence,
#: 一要…, 一是…, 第一，…); "front"/"preamble"/"closing"/"appendix" are the text around the numbered parts.
SECTION_KINDS = ("front", "preamble", "part", "topic", "closing", "appendix")


@dataclass(frozen=True)
class Section:
    """One node of a report's outline. Offsets point into the report's text as read."""

    id: str  #: path of positions, e.g. "2.3.1"; "front", "preamble", "closing", "appendix" for the rest
    kind: str  #: one of SECTION_KINDS
    level: int  #: depth in the tree, 1 at the top
    marker: str  #: the marker style: "一、", "(一)", "1.", "(1)", "bare", "lead", "一要", "一是", "第一", "首先", ""
    label: str  #: the marker as written: "二、", "(三)", "一要", "" for leads and untitled parts
    ordinal: int | None  #: the number the label carries (三 → 3), or the topic's position for leads
    title: str  #: the heading's words without label and final punctuation (original script)
    heading: str  #: the heading text as in the report (label + title + its punctuation)
    start: int  #: start of the section (its heading) in the text as read
    end: int  #: end of the section, children included
    body_start: int  #: where the text after the heading begins
    norm_start: int  #: the same span in the normalized text
    norm_end: int
    period: str | None = None  #: "review" (past year's results) or "plan" (targets and tasks), when known
    children: tuple[Section, ...] = ()
    title_norm: str = ""  #: the title in the normalized text (simplified script, half-width)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self, text: str | None = None, *, with_children: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "level": self.level,
            "marker": self.marker,
            "label": self.label,
            "ordinal": self.ordinal,
            "title": self.title,
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
            "body_start": self.body_start,
            "chars": self.end - self.start,
            "period": self.period,
        }
        if text is not None:
            data["text"] = text[self.start : self.end]
        if with_children:
            data["children"] = [c.to_dict(text) for c in self.children]
        return data


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself, when it says it."""

    title: str | None = None
    region: str | None = None
    year: int | None = None
    meeting_date: str | None = None  #: ISO date, e.g. "2022-12-19"
    meeting: str | None = None  #: the meeting line as written
    speaker: str | None = None
    speaker_role: str | None = None
    salutation: str | None = None
    parts: tuple[str, ...] = ()  #: the report's own top-level part names, e.g. "2022年工作回顾"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "meeting_date": self.meeting_date,
            "meeting": self.meeting,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "salutation": self.salutation,
            "parts": list(self.parts),
        }


@dataclass(frozen=True)
class Report:
    """A report as read, folded and parsed."""

    path: str
    name: str  #: short name for columns and headers (file stem, or region+year when known)
    text: str  #: the text as read: what the user sees and copies
    folded: FoldedText
    sections: tuple[Section, ...]
    meta: ReportMeta
    damaged: tuple[DamagedSpan, ...] = ()
    encoding: str = "utf-8"
    format: str = "text"
    notes: tuple[str, ...] = field(default=())
    repaired: bool = False  #: reading repaired the text: offsets point into ``text``, not the file's text

    def walk(self) -> Iterator[Section]:
        """Every section in reading order (parents before children)."""
        for section in self.sections:
            yield from section.walk()

    def section(self, section_id: str) -> Section:
        for s in self.walk():
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def find_label(self, label: str) -> list[Section]:
        """Sections whose label (or heading start) matches ``label`` as a user types it: "(三)", "三", "二、"."""
        from .outline import label_key

        key = label_key(label)
        return [s for s in self.walk() if s.label and label_key(s.label) == key]

    def damaged_in(self, start: int, end: int) -> list[DamagedSpan]:
        return [d for d in self.damaged if d.start < end and d.end > start]

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "encoding": self.encoding,
            "format": self.format,
            "chars": len(self.text),
            "meta": self.meta.to_dict(),
            "fold_counts": dict(self.folded.counts),
            "notes": list(self.notes),
            "repaired": self.repaired,
            "damaged": [d.to_dict() for d in self.damaged],
            "sections": [s.to_dict(self.text if with_text else None) for s in self.sections],
        }
