"""Align the sections of two or more reports: which part of this report corresponds to which of that one.

Each report contributes *units* at one granularity:
- ``chapters``: the numbered sections that carry the report's main topics, i.e. the deepest numbered
  headings (seed 003's 四、…九、, seed 000's (三)…(六), a national report's (一)…(十) and its 一、 review),
  plus the front matter, closing and appendices;
- ``topics``: the subtopics inside them (lead sentences, 一要…, 一是…), and chapters that have none.

Two units are compared on their titles and bodies (jieba words, tf-idf, policy filler weighted down) with a
prior for the same ordinal. Reports of one series (two years of one government, or two copies of one text)
keep their order, so they are aligned by a monotonic dynamic programme; reports of different governments
put topics under other numbers and in another order, so they are matched by content, in any order. Which
situation holds is read from the data: the same region, or bodies that mostly match in order.

Every section of every report appears in exactly one row; pins and unpins from the user are constraints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from rapidfuzz import fuzz

from .alignment import Alignment, Pin, Row
from .model import Report, Section
from .words import bigram_vector, bigrams, cosine, cosine_matrix, idf_table

LEVELS = ("chapters", "topics")

#: Below this score two units are not paired (they keep rows of their own)…
MIN_SCORE = 0.12
#: …unless each is the other's best match and the score reaches this floor (per level: topics are short,
#: so chance overlap is larger; measured on the seeds, wrong mutual pairs score ≤ 0.05).
MUTUAL_FLOOR = {"chapters": 0.04, "topics": 0.055}
#: Same-series reports are aligned in order; pairs scoring below this in the DP are left unpaired.
MIN_SCORE_SERIES = 0.18
#: A pinned pair scores this, so the aligner always keeps it.
PIN_SCORE = 10.0
#: Reports are one series when this share of units has an in-order counterpart with a similar body.
SERIES_SHARE = 0.5
SERIES_BODY = 0.45

#: Sections are compared on at most this many characters of their text: a whole national report is
#: ~18,000; a pasted 1 MB line without structure would otherwise cost seconds for no better answer.
MAX_BODY_CHARS = 30_000

#: Thresholds for the reasons a row gives (cosines of bigram vectors: unrelated sections score < 0.05).
SIMILAR_TITLE = 0.3
SIMILAR_BODY = 0.15

#: Factor on the score of a review section paired with a plan section.
PERIOD_MISMATCH = 0.5

W_TITLE = 0.45
W_BODY = 0.45
W_ORDINAL = 0.10


@dataclass(frozen=True)
class Unit:
    """A section as seen by the aligner."""

    report: int
    section: Section
    index: int  #: position among the report's units
    title_vec: dict[str, float] = field(repr=False, compare=False)
    body_vec: dict[str, float] = field(repr=False, compare=False)
    title_norm: str = field(repr=False, compare=False)


# --- units -------------------------------------------------------------------------------------------


#: A part's own text before its first numbered child (三、2022年政府工作任务 then an opening paragraph with
#: the year's targets, then (一)…) becomes a unit of its own when it is at least this long, so that no
#: text of a report is left out of the rows.
MIN_INTRO_CHARS = 20


def units_of(report: Report, level: str) -> list[Section]:
    """The sections of ``report`` that take part at ``level``, in reading order, covering its text."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    out: list[Section] = []

    def intro(s: Section, first: Section) -> None:
        if first.start - s.body_start >= MIN_INTRO_CHARS:
            out.append(replace(s, id=f"{s.id}.0", end=first.start, norm_end=first.norm_start, children=()))

    def tail(s: Section, last: Section) -> None:
        # Text after the last child (a review's closing passage on difficulties) is a unit too.
        if s.end - last.end >= MIN_INTRO_CHARS:
            # Titled as the part's continuation (续), so its row is told from the part's own opening row.
            out.append(replace(s, id=f"{s.id}.z", title=f"{s.title}（续）" if s.title else "（续）", start=last.end,
                               norm_start=last.norm_end, body_start=last.end, children=()))

    def visit(s: Section) -> None:
        if s.kind in ("front", "closing", "appendix") or not s.children:
            out.append(s)
            return
        if any(c.kind == "part" for c in s.children) or level == "topics" or s.kind == "preamble":
            intro(s, s.children[0])
            for c in s.children:
                visit(c)
            tail(s, s.children[-1])
            return
        out.append(s)  # chapters: a part with topics is one unit

    for s in report.sections:
        visit(s)
    return out


def _build_units(reports: Sequence[Report], level: str) -> list[list[Unit]]:
    raw: list[list[tuple[Section, list[str], list[str], str]]] = []
    for r in reports:
        norm = r.folded.normalized
        items = []
        for s in units_of(r, level):
            title_norm = s.title_norm
            body = norm[s.norm_start : min(s.norm_end, s.norm_start + MAX_BODY_CHARS)]
            items.append((s, bigrams(title_norm), bigrams(body), title_norm))
        raw.append(items)
    idf = idf_table([b for items in raw for (_, _, b, _) in items])
    title_idf = idf_table([t for items in raw for (_, t, _, _) in items])
    units = []
    for ri, items in enumerate(raw):
        units.append(
            [
                Unit(ri, s, i, bigram_vector(t, title_idf), bigram_vector(b, idf), tn)
                for i, (s, t, b, tn) in enumerate(items)
            ]
        )
    return units


# --- scores ------------------------------------------------------------------------------------------


class PairScore(NamedTuple):
    """How two units compare. A named tuple, not a frozen dataclass: aligning two national reports by
    topic builds ~20,000 of them, and a frozen dataclass takes five times as long to create."""

    score: float
    title: float
    body: float
    same_ordinal: bool
    title_a: str = ""  #: the normalized titles, for the character similarity used within a series
    title_b: str = ""

    def reasons(self) -> tuple[str, ...]:
        out = []
        if self.same_ordinal:
            out.append("same ordinal")
        if self.title >= SIMILAR_TITLE:
            out.append("similar title")
        if self.body >= SIMILAR_BODY:
            out.append("similar body")
        return tuple(out)


def _score(a: Unit, b: Unit, title: float | None = None, body: float | None = None) -> PairScore:
    """How alike two units are; ``title``/``body`` cosines may come precomputed (see _score_rows)."""
    sa, sb = a.section, b.section
    if sa.kind != sb.kind and not ({sa.kind, sb.kind} <= {"part", "topic", "preamble"}):
        return PairScore(0.0, 0.0, 0.0, False)
    if body is None:
        body = cosine(a.body_vec, b.body_vec)
    if sa.kind in ("front", "closing") and sa.kind == sb.kind:
        return PairScore(0.9, 1.0, body, False)
    if title is None:
        title = cosine(a.title_vec, b.title_vec)
    same_ord = bool(sa.label and sa.label == sb.label)
    score = W_TITLE * title + W_BODY * body
    if sa.period and sb.period and sa.period != sb.period:
        # Last year's review and this year's plan talk about the same things; a review section pairs
        # with a review section when there is one.
        score *= PERIOD_MISMATCH
    return PairScore(score, title, body, same_ord, a.title_norm, b.title_norm)


def _with_ordinal(s: PairScore) -> PairScore:
    """Scores within one series: the numbering mostly holds and titles are edited rather than rewritten,
    so the same ordinal and character-level title similarity are evidence (across governments they are
    not: every district writes 聚焦…厚植…优势)."""
    if not 0 < s.score < PIN_SCORE:
        return s
    title = s.title
    if s.score >= 0.03 and min(len(s.title_a), len(s.title_b)) >= 4:  # unrelated pairs: not worth it
        title = max(title, 0.9 * fuzz.ratio(s.title_a, s.title_b) / 100.0)
    score = W_TITLE * title + W_BODY * s.body + (W_ORDINAL if s.same_ordinal else 0.0)
    return PairScore(score, title, s.body, s.same_ordinal, s.title_a, s.title_b)


# --- pairing -----------------------------------------------------------------------------------------


def _pair_series(ua: list[Unit], ub: list[Unit], scores: list[list[PairScore]]) -> list[tuple[int, int]]:
    """Monotonic pairing that maximizes the summed score (Needleman–Wunsch with free gaps)."""
    n, m = len(ua), len(ub)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 diag, 1 up (skip a), 2 left (skip b)
    for i in range(1, n + 1):
        row_s = scores[i - 1]
        bi, bp = best[i], best[i - 1]
        mi = move[i]
        for j in range(1, m + 1):
            s = row_s[j - 1].score
            diag = bp[j - 1] + s if s >= MIN_SCORE_SERIES else -1.0
            up, left = bp[j], bi[j - 1]
            if diag >= up and diag >= left:
                bi[j], mi[j] = diag, 0
            elif up >= left:
                bi[j], mi[j] = up, 1
            else:
                bi[j], mi[j] = left, 2
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        mv = move[i][j]
        if mv == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif mv == 1:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _pair_content(
    ua: list[Unit], ub: list[Unit], scores: list[list[PairScore]], floor: float = MUTUAL_FLOOR["chapters"]
) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one pairing by score, in any order.

    Reports of different governments share little wording, so absolute scores are low (0.15–0.3 for the
    same topic, under 0.1 for others); a pair is taken when it scores well, or when each side is the
    other's best match and the score clears a floor.
    """
    n, m = len(ua), len(ub)
    row_best = [max(range(m), key=lambda j: scores[i][j].score) if m else -1 for i in range(n)]
    col_best = [max(range(n), key=lambda i: scores[i][j].score) if n else -1 for j in range(m)]
    cand = [
        (scores[i][j].score, i, j)
        for i in range(n)
        for j in range(m)
        if scores[i][j].score >= MIN_SCORE
        or (scores[i][j].score >= floor and row_best[i] == j and col_best[j] == i)
    ]
    cand.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in cand:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def _is_series(ra: Report, rb: Report, ua: list[Unit], ub: list[Unit], scores: list[list[PairScore]]) -> bool:
    if ra.meta.region and ra.meta.region == rb.meta.region:
        return True
    if not ua or not ub:
        return False
    # Bodies that match one to one, in order, for most units: two copies or two years of one text.
    pairs = _pair_series(ua, ub, scores)
    good = sum(1 for i, j in pairs if scores[i][j].body >= SERIES_BODY)
    return good >= SERIES_SHARE * min(len(ua), len(ub))


# --- rows --------------------------------------------------------------------------------------------


def align(
    reports: Sequence[Report],
    level: str = "chapters",
    *,
    pins: Iterable[Pin] = (),
    series: bool | None = None,
) -> Alignment:
    """Align ``reports`` (two or more) at ``level``; ``series`` forces in-order or content alignment."""
    reports = tuple(reports)
    pins = tuple(pins)
    if not reports:
        return Alignment((), level, False, ())
    units = _build_units(reports, level)
    # Rows grow report by report: each new report is paired against the rows so far, a row being as
    # similar to a unit as its most similar section.
    rows: list[list[Unit | None]] = [[u] for u in units[0]]
    row_scores: list[list[PairScore | None]] = [[None] for _ in units[0]]
    is_series = True
    for k in range(1, len(reports)):
        uk = units[k]
        reps = [_representative(row) for row in rows]
        scores = _score_rows(rows, uk, pins)
        rep_units = [r for r in reps]
        if series is None:
            s_k = _is_series(reports[_first_report(rows[0]) if rows else 0], reports[k], rep_units, uk, scores)
        else:
            s_k = series
        is_series = is_series and s_k
        if s_k:
            scores = [[_with_ordinal(sc) for sc in row_sc] for row_sc in scores]
        if s_k:
            pairs = _pair_series(rep_units, uk, scores)
        else:
            pairs = _pair_content(rep_units, uk, scores, MUTUAL_FLOOR.get(level, MUTUAL_FLOOR["chapters"]))
        pairs = _apply_pins(pairs, rows, uk, pins, scores)
        paired_rows = {i: j for i, j in pairs}
        paired_units = {j for _, j in pairs}
        new_rows: list[list[Unit | None]] = []
        new_scores: list[list[PairScore | None]] = []
        # Merge: keep existing rows in order; put each unpaired unit of report k after the row holding
        # its predecessor in report k, so every report still reads in order down the rows where it can.
        pending = [j for j in range(len(uk)) if j not in paired_units]
        placed_after: dict[int, list[int]] = {}
        last_row_for_unit: dict[int, int] = {j: i for i, j in pairs}
        for j in pending:
            prev = max((last_row_for_unit[q] for q in range(j) if q in last_row_for_unit), default=-1)
            placed_after.setdefault(prev, []).append(j)
        for j in placed_after.get(-1, []):
            new_rows.append([None] * k + [uk[j]])
            new_scores.append([None] * (k + 1))
        for i, row in enumerate(rows):
            j_opt = paired_rows.get(i)
            new_rows.append([*row, uk[j_opt] if j_opt is not None else None])
            new_scores.append(row_scores[i] + [scores[i][j_opt] if j_opt is not None else None])
            for j in placed_after.get(i, []):
                new_rows.append([None] * k + [uk[j]])
                new_scores.append([None] * (k + 1))
        rows, row_scores = new_rows, new_scores

    out_rows = []
    for row, sc in zip(rows, row_scores, strict=True):
        present = [s for s in sc if s is not None]
        cells = tuple(u.section if u is not None else None for u in row)
        pinned = any(s.score >= PIN_SCORE for s in present)
        if present:
            score = min(1.0, min(s.score for s in present))
            reasons: tuple[str, ...] = ("pinned",) if pinned else present[0].reasons()
        else:
            score, reasons = 0.0, ("unmatched",)
        out_rows.append(Row(cells, round(score, 4), reasons, pinned))
    return Alignment(reports, level, is_series if len(reports) > 1 else True, tuple(out_rows), pins)


def _first_report(row: list[Unit | None]) -> int:
    return next(i for i, u in enumerate(row) if u is not None)


def _representative(row: list[Unit | None]) -> Unit:
    return next(u for u in row if u is not None)


def _pin_state(a: Unit, b: Unit, pins: Sequence[Pin]) -> bool | None:
    for p in pins:
        if (p.report_a, p.section_a, p.report_b, p.section_b) == (a.report, a.section.id, b.report, b.section.id) or (
            p.report_b, p.section_b, p.report_a, p.section_a) == (a.report, a.section.id, b.report, b.section.id):
            return p.pair
    return None


def _pin_partners(u: Unit, pins: Sequence[Pin]) -> list[tuple[int, str]]:
    """The sections (report, id) that ``u`` is pinned to."""
    out = []
    for p in pins:
        if p.pair and (p.report_a, p.section_a) == (u.report, u.section.id):
            out.append((p.report_b, p.section_b))
        elif p.pair and (p.report_b, p.section_b) == (u.report, u.section.id):
            out.append((p.report_a, p.section_a))
    return out


_WHOLE_KINDS = ("front", "closing")


def _score_rows(rows: list[list[Unit | None]], uk: list[Unit], pins: Sequence[Pin]) -> list[list[PairScore]]:
    """Scores of every row against every unit of the next report: a row is as similar to a unit as its
    most similar section. Cosines come from inverted indexes (one pass over shared bigrams), not pair by
    pair, so that 31 reports align in seconds."""
    cells = [(i, u) for i, row in enumerate(rows) for u in row if u is not None]
    titles = cosine_matrix([u.title_vec for _, u in cells], [v.title_vec for v in uk])
    bodies = cosine_matrix([u.body_vec for _, u in cells], [v.body_vec for v in uk])
    zero = PairScore(0.0, 0.0, 0.0, False)
    best = [[zero] * len(uk) for _ in rows]
    for c, (i, a) in enumerate(cells):
        t_row, b_row, best_i = titles[c], bodies[c], best[i]
        for j, b in enumerate(uk):
            if t_row[j] == 0.0 and b_row[j] == 0.0 and a.section.kind not in _WHOLE_KINDS:
                continue  # nothing in common (most pairs): no score object to build
            sc = _score(a, b, t_row[j], b_row[j])
            if sc.score > best_i[j].score:
                best_i[j] = sc
    if pins:
        for i, row in enumerate(rows):
            for j, u in enumerate(uk):
                best[i][j] = _pinned_score(row, u, pins, best[i][j])
    return best


def _pinned_score(row: list[Unit | None], u: Unit, pins: Sequence[Pin], score: PairScore) -> PairScore:
    forced = False
    for a in row:
        if a is None:
            continue
        state = _pin_state(a, u, pins)
        if state is True:
            forced = True
        elif state is False:
            return PairScore(-PIN_SCORE, 0.0, 0.0, False)
    if forced:
        return PairScore(PIN_SCORE, 1.0, 1.0, False)
    # A pin ties two sections to each other; towards the other reports both stay free. So the row may
    # not take ``u`` when one of its sections is pinned to another section of u's report, or when u is
    # pinned to a section of a report already in the rows (that section is in another row).
    if any(a is not None and any(r == u.report for r, _ in _pin_partners(a, pins)) for a in row):
        return PairScore(-PIN_SCORE, 0.0, 0.0, False)
    if any(r < len(row) for r, _ in _pin_partners(u, pins)):
        return PairScore(-PIN_SCORE, 0.0, 0.0, False)
    return score


def _apply_pins(
    pairs: list[tuple[int, int]],
    rows: list[list[Unit | None]],
    uk: list[Unit],
    pins: Sequence[Pin],
    scores: list[list[PairScore]],
) -> list[tuple[int, int]]:
    """Make sure pinned pairs are present (the in-order DP may have to give up crossing pairs for them)."""
    if not pins:
        return [(i, j) for i, j in pairs if scores[i][j].score > 0]
    forced = [(i, j) for i in range(len(rows)) for j in range(len(uk)) if scores[i][j].score >= PIN_SCORE]
    fi = {i for i, _ in forced}
    fj = {j for _, j in forced}
    kept = [(i, j) for i, j in pairs if i not in fi and j not in fj and scores[i][j].score > 0]
    return sorted(kept + forced)
