"""The units a report takes part in an alignment with, and the table of their vectors.

- ``chapters``: the numbered sections that carry the report's main topics, i.e. the deepest numbered
  headings (seed 003's 四、…九、, seed 000's (三)…(六), a national report's (一)…(十) and its 一、 review),
  plus the front matter, closing and appendices;
- ``topics``: the subtopics inside them (lead sentences, 一要…, 一是…), and chapters that have none.

A part's own text before its first numbered child (三、2022年政府工作任务, an opening paragraph with the
year's targets, then (一)…) and after its last one (a review's closing passage on difficulties) are units
of their own, so that no text of a report is left out of the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from ..model import Report, Section
from . import domains
from .vectors import SparseVec, bigram_keys, tfidf_vectors

LEVELS = ("chapters", "topics")

#: Intro and closing passages shorter than this are not units (a sentence fragment between headings).
MIN_INTRO_CHARS = 20

#: Sections are compared on at most this many characters of their text: a whole national report is
#: ~18,000; a pasted 1 MB line without structure would otherwise cost seconds for no better answer.
MAX_BODY_CHARS = 30_000

KINDS = ("front", "preamble", "part", "topic", "closing", "appendix")
PERIODS = (None, "review", "plan")


def units_of(report: Report, level: str) -> list[Section]:
    """The sections of ``report`` that take part at ``level``, in reading order, covering its text."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    out: list[Section] = []

    def intro(s: Section, first: Section) -> Section:
        """The part's opening as a unit when long enough, else the first child takes the heading along
        (so that the heading is in a unit). Returns the first child as it takes part."""
        if first.start - s.body_start >= MIN_INTRO_CHARS:
            out.append(replace(s, id=f"{s.id}.0", end=first.start, norm_end=first.norm_start, children=()))
            return first
        return replace(first, start=s.start, norm_start=s.norm_start)

    def tail(s: Section, last: Section) -> None:
        if s.end - last.end >= MIN_INTRO_CHARS:
            # Titled as the part's continuation (续), so its row is told from the part's own opening row.
            out.append(replace(s, id=f"{s.id}.z", title=f"{s.title}（续）" if s.title else "（续）", start=last.end,
                               norm_start=last.norm_end, body_start=last.end, children=()))

    def visit(s: Section) -> None:
        if s.kind in ("front", "closing", "appendix") or not s.children:
            out.append(s)
            return
        if any(c.kind == "part" for c in s.children) or level == "topics" or s.kind == "preamble":
            first = intro(s, s.children[0])
            for c in (first, *s.children[1:]):
                visit(c)
            tail(s, s.children[-1])
            return
        out.append(s)  # chapters: a part with topics is one unit

    for s in report.sections:
        visit(s)
    return out


@dataclass
class UnitTable:
    """Every unit of every report of one alignment, with what the scores need, as parallel arrays."""

    sections: list[Section]
    report: npt.NDArray[np.int32]
    index: npt.NDArray[np.int32]  #: position among its report's units
    position: npt.NDArray[np.float32]  #: index / (units of the report − 1): 0 first, 1 last
    kind: npt.NDArray[np.int8]  #: index into KINDS
    period: npt.NDArray[np.int8]  #: index into PERIODS
    titles: list[str]  #: normalized titles
    title_vec: list[SparseVec]
    body_vec: list[SparseVec]
    domain: npt.NDArray[np.float32]  #: unit-length domain profiles, one row a unit
    by_report: list[range]
    n_terms: int  #: term ids of the title and body vectors are below this
    intro: npt.NDArray[np.bool_]  #: a part's own opening before its first child (id x.0)
    label_id: npt.NDArray[np.int32]  #: the label as a number (same label, same number); 0 for none
    parent: npt.NDArray[np.int32]  #: topics level: the chapters-level row of the unit's chapter, else -1
    #: topics level: the unit opens its chapter (the chapter's opening, its first subtopic carrying the
    #: heading, or the whole chapter when it has no subtopics); empty when not known
    head: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))
    #: Chapters level: the opening (x.0) of a top-level part with the whole part's body vector, to compare
    #: with the other report's same part when that one is undivided (see :func:`whole_parts`).
    whole_vec: dict[int, SparseVec] = field(default_factory=dict)
    #: Chapters level: the unit is a whole top-level part (一、 with no numbered chapters in it).
    undivided: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))

    def __len__(self) -> int:
        return len(self.sections)


class TextFeatures(NamedTuple):
    """What the scores read from a report's normalized text, computed once for both levels."""

    text: str  #: the normalized text
    domains: domains.Matches

    def keys(self, start: int, end: int) -> npt.NDArray[np.int64]:
        """The bigram keys of ``text[start:end]`` (see vectors.bigram_keys), made when asked: a unit reads
        at most MAX_BODY_CHARS, and the keys of a whole 20 MB report are 55 MB of int64."""
        if end - start < 2:
            return np.zeros(0, np.int64)
        return bigram_keys(self.text[start:end])


def text_features(report: Report) -> TextFeatures:
    norm = report.folded.normalized
    return TextFeatures(norm, domains.matches(norm))


class UnitKeys(NamedTuple):
    """What the scores are built from for one report's units, before any weighting: the bigram keys of
    each title and body and the domain-word counts of each (the corpus index stores these)."""

    sections: list[Section]
    title_keys: list[npt.NDArray[np.int64]]
    body_keys: list[npt.NDArray[np.int64]]
    title_dom: list[npt.NDArray[np.float32]]
    body_dom: list[npt.NDArray[np.float32]]


def unit_keys(report: Report, level: str, feats: TextFeatures | None = None) -> UnitKeys:
    """The raw features of ``report``'s units at ``level`` (see :class:`UnitKeys`)."""
    if feats is None:
        feats = text_features(report)
    units = units_of(report, level)
    body_keys: list[npt.NDArray[np.int64]] = []
    body_dom: list[npt.NDArray[np.float32]] = []
    for s in units:
        end = min(s.norm_end, s.norm_start + MAX_BODY_CHARS)
        body_keys.append(feats.keys(s.norm_start, end))
        body_dom.append(domains.counts_in(feats.domains, s.norm_start, end))
    titles = [s.title_norm for s in units]
    return UnitKeys(units, [bigram_keys(t) for t in titles], body_keys, title_domains(titles), body_dom)


def title_domains(titles: Sequence[str]) -> list[npt.NDArray[np.float32]]:
    """The titles' domain-word counts, found in one pass over all titles (one call a title costs more than
    it finds)."""
    joined = "\n".join(titles)
    found = domains.matches(joined)
    out = []
    at = 0
    for t in titles:
        out.append(domains.counts_in(found, at, at + len(t)))
        at += len(t) + 1
    return out


#: PERIODS' codes, and one more: a plan part for several years (二、“十三五”时期主要目标任务) in a report that
#: also has a plan part for the year. Its counterpart is the other report's part of the same span; the
#: period rule (scores.PERIOD_MISMATCH) keeps it from next year's annual plan part. A report whose only
#: plan is for five years (a county's report of the first year after an election) keeps the plain code.
PLAN_YEARS = len(PERIODS)


def _period_codes(sections: Sequence[Section]) -> list[int]:
    from ..figures.horizon import MULTI_YEAR, heading_horizon

    codes = [PERIODS.index(s.period) if s.period in PERIODS else 0 for s in sections]
    # The plan parts' own units (a part, or the intro of one with chapters: id "2" or "2.0"), and how
    # much text each part holds in all.
    size: dict[str, int] = {}
    for s in sections:
        size[s.id.split(".")[0]] = size.get(s.id.split(".")[0], 0) + s.norm_end - s.norm_start
    heads = [i for i, s in enumerate(sections)
             if s.period == "plan" and s.kind == "part" and s.id.removesuffix(".0").isdigit()]
    years = [i for i in heads if heading_horizon(sections[i].title or "") == MULTI_YEAR]
    annual = [i for i in heads if i not in years]
    largest_annual = max((size[sections[i].id.split(".")[0]] for i in annual), default=0)
    for i in years:
        # Only where the year's plan is the report's main plan: when the five-year part is the larger
        # (a county's first report of a term, with a short plan for the rest of the year), next year's
        # plan chapters follow its themes.
        top = sections[i].id.split(".")[0]
        if size[top] < largest_annual:
            # The part and its numbered chapters (十四五's (一)…(八)): next year's annual chapters are the
            # counterparts of this year's annual ones, not of the five-year ones. Its unnumbered topics
            # (——保持经济中高速增长…, 做好“十三五”时期…工作，必须…) stay free: the labelled national pairs put
            # its principles beside next year's principles for the year.
            codes[i] = PLAN_YEARS
            for k, s in enumerate(sections):
                if s.id.split(".")[0] == top and s.period == "plan" and s.kind == "part" and s.label:
                    codes[k] = PLAN_YEARS
    return codes


def build_units(reports: Sequence[Report], level: str,
                features: Sequence[TextFeatures] | None = None) -> UnitTable:
    if features is None:
        features = [text_features(r) for r in reports]
    sections: list[Section] = []
    report_of: list[int] = []
    index: list[int] = []
    position: list[float] = []
    titles: list[str] = []
    body_keys: list[npt.NDArray[np.int64]] = []
    title_keys: list[npt.NDArray[np.int64]] = []
    body_dom: list[npt.NDArray[np.float32]] = []
    title_dom: list[npt.NDArray[np.float32]] = []
    by_report: list[range] = []
    per_report: list[list[Section]] = []
    for ri, r in enumerate(reports):
        keys = unit_keys(r, level, features[ri])
        per_report.append(keys.sections)
        first = len(sections)
        n = len(keys.sections)
        for i, s in enumerate(keys.sections):
            sections.append(s)
            report_of.append(ri)
            index.append(i)
            position.append(i / (n - 1) if n > 1 else 0.0)
            titles.append(s.title_norm)
        title_keys += keys.title_keys
        body_keys += keys.body_keys
        title_dom += keys.title_dom
        body_dom += keys.body_dom
        by_report.append(range(first, len(sections)))
    periods = [code for keys in per_report for code in _period_codes(keys)]
    label_ids: dict[str, int] = {"": 0}
    title_vec = tfidf_vectors(title_keys)
    whole_at, whole_keys = whole_parts(reports, features, by_report, sections) if level == "chapters" else ([], [])
    body_all = tfidf_vectors(body_keys, whole_keys)
    body_vec = body_all[: len(body_keys)]
    return UnitTable(
        sections=sections,
        report=np.array(report_of, np.int32),
        index=np.array(index, np.int32),
        position=np.array(position, np.float32),
        kind=np.array([KINDS.index(s.kind) for s in sections], np.int8),
        period=np.array(periods, np.int8),
        titles=titles,
        title_vec=title_vec,
        body_vec=body_vec,
        domain=domains.profiles(title_dom, body_dom),
        by_report=by_report,
        n_terms=1 + max((int(v.ids[-1]) for v in (*title_vec, *body_vec) if len(v.ids)), default=0),
        intro=np.array([s.id.endswith(".0") for s in sections], np.bool_),
        label_id=np.array([label_ids.setdefault(s.label, len(label_ids)) for s in sections], np.int32),
        parent=np.full(len(sections), -1, np.int32),
        whole_vec=dict(zip(whole_at, body_all[len(body_keys):], strict=True)),
        undivided=np.array([s.kind == "part" and s.id.isdigit() for s in sections], np.bool_),
    )


def whole_parts(reports: Sequence[Report], features: Sequence[TextFeatures], by_report: Sequence[range],
                sections: Sequence[Section]) -> tuple[list[int], list[npt.NDArray[np.int64]]]:
    """The openings of top-level parts divided into chapters (三、 then (一)…(四)), and the bigram keys of
    each whole part. One year's government part in four chapters is the next year's undivided part:
    at chapters level the part's opening alone, or one of its chapters, is only a piece of it (易县 2020
    三、努力提升政府治理能力 (一)–(四) against 2021 四、全力打造人民满意的政府)."""
    at: list[int] = []
    keys: list[npt.NDArray[np.int64]] = []
    for ri, r in enumerate(reports):
        for u in by_report[ri]:
            s = sections[u]
            head, _, last = s.id.partition(".")
            if last != "0" or not head.isdigit():
                continue
            try:
                whole = r.section(head)
            except KeyError:
                continue
            end = min(whole.norm_end, whole.norm_start + MAX_BODY_CHARS)
            at.append(u)
            keys.append(features[ri].keys(whole.norm_start, end))
    return at, keys
