"""Align the sections of two or more reports: which part of this report corresponds to which of that one.

Rows grow report by report: each new report's units are scored against the rows so far (a row is as
similar to a unit as its most similar section, see :mod:`.scores`) and paired with them (:mod:`.pairing`):
by content for different governments; by content with order as a prior for one government's series, where
a pair that crosses the others is marked as moved. At topics level the chapters are aligned first, and a
topic's chapter row is a prior for its own row.

Which situation holds is read from the data: the same region, or bodies that mostly match in order. Every
section of every report appears in exactly one row; pins and unpins from the user are constraints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from ..alignment import Alignment, Pin, Row
from ..model import Report, Section
from . import candidates, pairing, scores
from .agreement import TopicVotes
from .candidates import Candidates
from .scores import PairScore, RowScores, pair_channels, pair_score, score_rows
from .units import LEVELS, TextFeatures, UnitTable, build_units, text_features, units_of

#: A pinned pair scores this, so the aligner always keeps it.
PIN_SCORE = 10.0
#: Reports are one series when this share of units has an in-order counterpart with a similar body.
SERIES_SHARE = 0.5
SERIES_BODY = 0.45


def align(
    reports: Sequence[Report],
    level: str = "chapters",
    *,
    pins: Iterable[Pin] = (),
    series: bool | None = None,
) -> Alignment:
    """Align ``reports`` (two or more) at ``level``; ``series`` forces in-order or content alignment."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    reports = tuple(reports)
    pins = tuple(pins)
    if not reports:
        return Alignment((), level, False, ())
    return _align(reports, level, pins, series, [text_features(r) for r in reports])


def _align(reports: tuple[Report, ...], level: str, pins: tuple[Pin, ...], series: bool | None,
           features: Sequence[TextFeatures], topics: UnitTable | None = None) -> Alignment:
    table = build_units(reports, level, features)
    if level == "topics" and len(reports) > 1:
        _set_parents(table, reports, series, features)
    rows: list[list[int | None]] = [[u] for u in table.by_report[0]]
    row_scores: list[list[PairScore | None]] = [[None] for _ in table.by_report[0]]
    is_series = True
    notes: list[str] = []
    floor = pairing.MUTUAL_FLOOR[level]
    votes: TopicVotes | None = None  #: chapters level in a series: the topics' agreement (made when needed)
    for k in range(1, len(reports)):
        cols = list(table.by_report[k])
        cells = [(r, u) for r, row in enumerate(rows) for u in row if u is not None]
        cell_units = [u for _, u in cells]
        row_of_cell = np.array([r for r, _ in cells], np.int64)
        s_k = series
        if s_k is None and all(reports[r].meta.region for r in range(k + 1)):
            s_k = len({reports[r].meta.region for r in range(k + 1)}) == 1
        if s_k and level == "chapters" and votes is None:
            votes = TopicVotes(reports, features, table, topics)
        rs = score_rows(table, cell_units, row_of_cell, cols, len(rows), series=bool(s_k),
                        topics=votes if s_k and level == "chapters" else None)
        if s_k is None:
            s_k = _is_series(table, rs, cell_units, cols)
            if s_k:
                del rs  # large inputs: the content scores go before the series scores come
                if level == "chapters" and votes is None:
                    votes = TopicVotes(reports, features, table, topics)
                rs = score_rows(table, cell_units, row_of_cell, cols, len(rows), series=True,
                                topics=votes if level == "chapters" else None)
        is_series = is_series and s_k
        if rs.channels is None:
            notes.append(f"{len(cell_units):,} × {len(cols):,} sections: each was compared with those within "
                         f"{scores.BAND_UNITS} places of its own, not with all")
        cand = rs.candidates
        if s_k and level == "chapters" and rs.channels is not None and len(cand.row):
            cand = pairing.without_weak_priors(cand, rs.channels.content[cand.cell, cand.col])
        if pins:
            cand = _apply_pin_scores(cand, table, rows, cols, pins)
        pairs = (pairing.pair_series(cand, pairing.SERIES_FLOOR[level]) if s_k
                 else pairing.pair_content(cand, floor))
        if level == "topics":
            unit_of_entry = np.asarray(cell_units, np.int64)[np.maximum(cand.cell, 0)]
            pa = table.parent[unit_of_entry]
            pb = table.parent[np.asarray(cols, np.int64)[cand.col]]
            same = (cand.cell >= 0) & (pa >= 0) & (pa == pb)
            pairs = pairing.pair_within(cand, pairs, same, pairing.WITHIN_FLOOR)
        pairs = _with_pins(pairs, cand)
        moved = pairing.moved_pairs(pairs, cand) if s_k else set()
        at = cand.find(pairs)
        scored: dict[int, PairScore] = {}
        for (i, j), e in zip(pairs, at.tolist(), strict=True):
            score = float(cand.score[e])
            cell = int(cand.cell[e])
            text = _moved_text(table, reports, rows[i], cols[j]) if (i, j) in moved else ""
            if cell < 0:
                scored[i] = PairScore(score, 0.0, 0.0, 0.0, False, text)
            elif rs.channels is not None:
                scored[i] = pair_score(rs.channels, cell, j, score, text)
            else:  # scored in a band: the pair's own channels
                scored[i] = pair_channels(table, cell_units[cell], cols[j], score, series=bool(s_k), moved=text)
        rows, row_scores = _merge(rows, row_scores, cols, dict(pairs), scored, k)

    out_rows = []
    for row, sc in zip(rows, row_scores, strict=True):
        present = [s for s in sc if s is not None]
        cells_out = tuple(table.sections[u] if u is not None else None for u in row)
        pinned = any(s.score >= PIN_SCORE for s in present)
        if present:
            score = min(1.0, min(s.score for s in present))
            reasons: tuple[str, ...] = ("pinned",) if pinned else present[0].reasons()
            extra = tuple(f"moved {s.moved}" for s in present[1:] if s.moved)
            reasons += tuple(r for r in extra if r not in reasons)
        else:
            score, reasons = 0.0, ("unmatched",)
        out_rows.append(Row(cells_out, round(score, 4), reasons, pinned))
    return Alignment(reports, level, is_series if len(reports) > 1 else True, tuple(out_rows), pins,
                     tuple(dict.fromkeys(notes)))


def _merge(rows: list[list[int | None]], row_scores: list[list[PairScore | None]], cols: list[int],
           paired: dict[int, int], scored: dict[int, PairScore], k: int,
           ) -> tuple[list[list[int | None]], list[list[PairScore | None]]]:
    """Add report ``k``'s units to the rows: paired ones into their row; each unpaired one after the row
    holding its predecessor in report k, so every report still reads in order down the rows where it can."""
    paired_cols = set(paired.values())
    row_for_col = {j: i for i, j in paired.items()}
    placed_after: dict[int, list[int]] = {}
    for j in range(len(cols)):
        if j in paired_cols:
            continue
        prev = max((row_for_col[q] for q in range(j) if q in row_for_col), default=-1)
        placed_after.setdefault(prev, []).append(j)
    new_rows: list[list[int | None]] = []
    new_scores: list[list[PairScore | None]] = []
    for j in placed_after.get(-1, []):
        new_rows.append([None] * k + [cols[j]])
        new_scores.append([None] * (k + 1))
    for i, row in enumerate(rows):
        j_opt = paired.get(i)
        new_rows.append([*row, cols[j_opt] if j_opt is not None else None])
        new_scores.append([*row_scores[i], scored.get(i) if j_opt is not None else None])
        for j in placed_after.get(i, []):
            new_rows.append([None] * k + [cols[j]])
            new_scores.append([None] * (k + 1))
    return new_rows, new_scores


def _is_series(table: UnitTable, rs: RowScores, cell_units: list[int], cols: list[int]) -> bool:
    """Bodies that match one to one, in order, for most units: two copies or two years of one text."""
    c = rs.candidates
    n, m = c.n_rows, c.n_cols
    if not n or not m:
        return False
    pairs = pairing.pair_in_order(c, 0.18)
    good = 0
    for (_, j), e in zip(pairs, c.find(pairs).tolist(), strict=True):
        cell = int(c.cell[e]) if e >= 0 else -1
        if cell < 0:
            continue
        if rs.channels is not None:
            body = float(rs.channels.body[cell, j])
        else:
            body = pair_channels(table, cell_units[cell], cols[j], 0.0, series=False).body
        good += body >= SERIES_BODY
    return bool(good >= SERIES_SHARE * min(n, m))


def _set_parents(table: UnitTable, reports: tuple[Report, ...], series: bool | None,
                 features: Sequence[TextFeatures]) -> None:
    """Topics level: each unit's chapter row (chapters aligned first), where that row pairs two reports."""
    chapters = _align(reports, "chapters", (), series, features, topics=table)
    row_of: dict[tuple[int, str], int] = {}
    for r, row in enumerate(chapters.rows):
        if len(row.present()) < 2:
            continue
        for ri, cell in enumerate(row.cells):
            if cell is not None:
                row_of[(ri, cell.id)] = r
    table.head = np.zeros(len(table), np.bool_)
    for ri, report in enumerate(reports):
        spans = [(c.norm_start, c.norm_end, row_of.get((ri, c.id), -1)) for c in units_of(report, "chapters")]
        for u in table.by_report[ri]:
            start = table.sections[u].norm_start
            for s, e, r in spans:
                if s <= start < max(e, s + 1):
                    table.parent[u] = r
                    table.head[u] = start == s
                    break


def _moved_text(table: UnitTable, reports: Sequence[Report], row: list[int | None], col: int) -> str:
    """How a moved pair reads in the row: the labels (or positions) it had and has: (四)→(一)."""
    before = next((u for u in reversed(row) if u is not None), None)
    if before is None:
        return ""
    was, now = _place(table, reports, before), _place(table, reports, col)
    return f"{was}→{now}" if was != now else ""


def _place(table: UnitTable, reports: Sequence[Report], u: int) -> str:
    """A section as a reader finds it: its label, else its parent's label and its place under it ((二)3)."""
    s: Section = table.sections[u]
    if s.label:
        return s.label
    parent_id, _, last = s.id.rpartition(".")
    label = ""
    if parent_id:
        try:
            label = reports[int(table.report[u])].section(parent_id).label
        except KeyError:
            label = ""
    return f"{label}{last}" if last.isdigit() else f"{label}{int(table.index[u]) + 1}"


# --- pins --------------------------------------------------------------------------------------------


def _pin_state(ra: int, a: Section, rb: int, b: Section, pins: Sequence[Pin]) -> bool | None:
    for p in pins:
        if (p.report_a, p.section_a, p.report_b, p.section_b) in ((ra, a.id, rb, b.id), (rb, b.id, ra, a.id)):
            return p.pair
    return None


def _pin_partners(r: int, s: Section, pins: Sequence[Pin]) -> list[tuple[int, str]]:
    """The sections (report, id) that section ``s`` of report ``r`` is pinned to."""
    out = []
    for p in pins:
        if p.pair and (p.report_a, p.section_a) == (r, s.id):
            out.append((p.report_b, p.section_b))
        elif p.pair and (p.report_b, p.section_b) == (r, s.id):
            out.append((p.report_a, p.section_a))
    return out


def _apply_pin_scores(c: Candidates, table: UnitTable, rows: list[list[int | None]], cols: list[int],
                      pins: Sequence[Pin]) -> Candidates:
    """Pinned pairs score PIN_SCORE; unpinned ones, and pairs a pin rules out, score -PIN_SCORE."""
    k = int(table.report[cols[0]]) if cols else 0
    involved = {(p.report_a, p.section_a) for p in pins} | {(p.report_b, p.section_b) for p in pins}
    set_to: dict[tuple[int, int], float] = {}
    pinned_rows = {}
    for i, row in enumerate(rows):
        members = [(int(table.report[u]), table.sections[u]) for u in row if u is not None]
        found = [(r, s) for r, s in members if (r, s.id) in involved]
        if found:
            pinned_rows[i] = found
    pinned_cols = [j for j, u in enumerate(cols) if (k, table.sections[u].id) in involved]
    # The pairs a pin can touch: its rows with every unit, and every row with its units.
    touched = {(i, j) for i in pinned_rows for j in range(len(cols))}
    touched |= {(i, j) for i in range(len(rows)) for j in pinned_cols}
    for i, j in touched:
        su = table.sections[cols[j]]
        row_pinned = pinned_rows.get(i, [])
        u_pinned = j in pinned_cols
        states = [_pin_state(r, s, k, su, pins) for r, s in row_pinned]
        if False in states:
            set_to[(i, j)] = -PIN_SCORE
        elif True in states:
            set_to[(i, j)] = PIN_SCORE
        # A pin ties two sections to each other; towards the other reports both stay free. So the row may
        # not take ``u`` when one of its sections is pinned to another section of u's report, or when u is
        # pinned to a section of a report already in the rows (that section is elsewhere).
        elif any(pr == k for r, s in row_pinned for pr, _ in _pin_partners(r, s, pins)) or (
                u_pinned and any(pr < len(rows[i]) for pr, _ in _pin_partners(k, su, pins))):
            set_to[(i, j)] = -PIN_SCORE
    return candidates.with_entries(c, set_to)


def _with_pins(pairs: list[tuple[int, int]], c: Candidates) -> list[tuple[int, int]]:
    """Make sure pinned pairs are present (the pairing may have given them up for crossing pairs)."""
    pinned = np.flatnonzero(c.score >= PIN_SCORE)
    forced = list(zip(c.row[pinned].tolist(), c.col[pinned].tolist(), strict=True))
    fi = {i for i, _ in forced}
    fj = {j for _, j in forced}
    kept = [(i, j) for (i, j), w in zip(pairs, c.score_of(pairs).tolist(), strict=True)
            if i not in fi and j not in fj and w > 0]
    return sorted(kept + forced)
