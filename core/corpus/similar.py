"""Counterparts of one section across an index: in each other report, the section that corresponds to it.

Scored with the aligner's own channels (:func:`core.align.scores.channels`: title, body and policy-domain
similarity, the kind, period and opening rules, and within one government's series the ordinal, order and
edited-title evidence), against the index's arrays instead of re-read reports. Document frequencies are the
whole index's, so a score differs a little from the one ``align`` gives two reports on their own; which
section of a report comes out on top is what ``align`` pairs in nearly every case (a test checks it).

Every unit cannot be put through the channels at once (the vectors of 50,000 units), and need not be:
the channels' combined score never exceeds the weighted sum of the three similarities (the rules only
lower it), so each report's few likeliest units are scored first and then only the units whose sum
could still beat that report's best — the result is what scoring every unit would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from ..align import domains, scores
from ..align.units import KINDS, PERIODS, UnitTable, text_features, unit_keys
from ..align.vectors import EMPTY, SparseVec
from ..errors import ReportError
from ..model import Section
from .store import Store, decompress
from .vectors import CSR, LevelData, level_data, query_vector

#: Each report's likeliest units (by the plain weighted sum) that the channels score first.
FIRST_CANDIDATES = 4
#: Columns scored per call of the channels (bounds the dense block of the cosines).
CHUNK = 4096
#: Counterparts shown with shared phrases (each needs the two sections' texts and a phrase search).
PHRASE_RESULTS = 20


@dataclass(frozen=True)
class Query:
    """The section whose counterparts are wanted."""

    report_id: int | None  #: None: a file outside the index
    name: str
    region: str | None
    year: int | None
    path: str  #: the file
    level: str
    section_id: str
    label: str
    title: str
    outline_path: str
    kind: str
    period: str | None
    position: float
    text: str  #: the section's text as read

    def to_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "name": self.name, "region": self.region, "year": self.year,
                "path": self.path, "level": self.level, "section_id": self.section_id, "label": self.label,
                "title": self.title, "section_path": self.outline_path, "kind": self.kind, "period": self.period}


@dataclass(frozen=True)
class Counterpart:
    report_id: int
    name: str
    region: str | None
    year: int | None
    gov_level: str | None
    path: str
    section_id: str
    label: str
    title: str
    outline_path: str
    start: int
    end: int
    score: float
    title_sim: float
    body_sim: float
    domain_sim: float
    reasons: tuple[str, ...]
    series: bool  #: scored as the same government's report (ordinal and order count)
    domains: tuple[str, ...] = ()  #: the policy domains both sections are strongest in
    shared: tuple[str, ...] = field(default=())  #: phrases both sections contain (longest first)

    def to_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "name": self.name, "region": self.region, "year": self.year,
                "gov_level": self.gov_level, "path": self.path, "section_id": self.section_id,
                "label": self.label, "title": self.title, "section_path": self.outline_path,
                "start": self.start, "end": self.end, "score": round(self.score, 4),
                "title_similarity": round(self.title_sim, 4),
                "body_similarity": round(self.body_sim, 4), "domain_similarity": round(self.domain_sim, 4),
                "reasons": list(self.reasons), "series": self.series, "domains": list(self.domains),
                "shared_phrases": list(self.shared)}


@dataclass(frozen=True)
class Similar:
    query: Query
    counterparts: tuple[Counterpart, ...]
    compared: int  #: reports compared

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query.to_dict(), "compared": self.compared,
                "counterparts": [c.to_dict() for c in self.counterparts]}


# --- the query section --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _QueryUnit:
    query: Query
    title: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]
    body: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]
    domain: npt.NDArray[np.float32]
    intro: bool
    unit: int | None  #: its row in the level's arrays, when indexed
    title_norm: str = ""


def _pick(units: Sequence[tuple[str, str, str, str]], wanted: str, where: str) -> int | None:
    """The unit meant by ``wanted``: its outline path (三、(七)), its label ((七), 七), or words of its title.
    ``units`` are (section id, label, title, path). None when no unit matches; ReportError when several do."""
    from ..outline import label_key

    w = wanted.strip()
    key = label_key(w)
    for test in (
        lambda u: u[0] == w,  # a section id, as the app passes it
        lambda u: u[3] == w or u[3].replace(" ", "") == w.replace(" ", ""),
        lambda u: bool(u[1]) and label_key(u[1]) == key,
        lambda u: bool(u[1]) and (u[1] + u[2]).startswith(w),
        lambda u: len(w) >= 2 and w in u[2],
    ):
        hits = [i for i, u in enumerate(units) if test(u)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            shown = "; ".join(f"{units[i][3] or units[i][1]} {units[i][2][:20]}" for i in hits[:6])
            raise ReportError(f"{where}: {wanted!r} matches {len(hits)} sections ({shown}): give its path, "
                              "e.g. 三、(七), or words of its title")
    return None


def _report_of_file(store: Store, path: str) -> int | None:
    """The indexed report holding the content of ``path`` (by hash, wherever it was indexed from)."""
    import hashlib

    from ..read import MAX_INPUT_BYTES
    from .record import read_bytes_of

    data = read_bytes_of(path, MAX_INPUT_BYTES)
    row = store.conn.execute("SELECT id FROM reports WHERE sha256 = ?", (hashlib.sha256(data).hexdigest(),)).fetchone()
    return int(row[0]) if row else None


def find_query(store: Store, data: LevelData, path: str, section: str) -> _QueryUnit:
    """The section ``section`` of the report in ``path`` (indexed or not) at ``data``'s level."""
    rid = _report_of_file(store, path)
    if rid is not None and rid in data.rows:
        return _indexed_query(store, data, rid, section)
    return _fresh_query(store, data, path, section)


def query_for_report(store: Store, data: LevelData, report_id: int, section: str) -> _QueryUnit:
    """The section of an indexed report (by id)."""
    if report_id not in data.rows:
        raise ReportError(f"report {report_id} is not in the index")
    return _indexed_query(store, data, report_id, section)


def _indexed_query(store: Store, data: LevelData, rid: int, section: str) -> _QueryUnit:
    first, _ = data.rows[rid]
    rows = store.conn.execute(
        "SELECT section_id, label, title, path, start, \"end\", kind, period FROM units WHERE report_id = ? "
        "AND level = ? ORDER BY idx", (rid, data.level)).fetchall()
    meta = store.conn.execute("SELECT name, region, year, path, text FROM reports WHERE id = ?", (rid,)).fetchone()
    at = _pick([(r[0], r[1] or "", r[2] or "", r[3] or "") for r in rows], section, meta[0])
    if at is None:
        raise _not_found(section, meta[0], data.level)
    r = rows[at]
    u = first + at
    text = decompress(meta[4])[r[4]:r[5]]
    q = Query(rid, meta[0], meta[1], meta[2], meta[3], data.level, r[0], r[1] or "", r[2] or "", r[3] or "",
              r[6], r[7], float(data.position[u]), text)

    def row_of(csr: CSR) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        s, e = int(csr.ptr[u]), int(csr.ptr[u + 1])
        return csr.ids[s:e], csr.weights[s:e]

    return _QueryUnit(q, row_of(data.title), row_of(data.body), data.domain[u], bool(data.intro[u]), u,
                      data.titles[u])


def _not_found(section: str, name: str, level: str) -> ReportError:
    return ReportError(f"{name}: no {level} section {section!r} (see reportdiff outline FILE for the labels)")


def _fresh_query(store: Store, data: LevelData, path: str, section: str) -> _QueryUnit:
    from ..batch import section_labels
    from ..report import load_report

    report = load_report(path)
    keys = unit_keys(report, data.level, text_features(report))
    labels = section_labels(report)
    units = keys.sections
    items = []
    for s in units:
        base = s.id.rsplit(".", 1)[0] if s.id.endswith((".0", ".z")) else s.id
        items.append((s.id, s.label, s.title, labels.get(base, base)))
    at = _pick(items, section, report.name)
    if at is None:
        raise _not_found(section, report.name, data.level)
    s = units[at]

    def vec(k: npt.NDArray[np.int64], title: bool) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        u, c = np.unique(k[k >= 0], return_counts=True)
        return query_vector(store, data, u, c, title=title)

    prof = domains.profiles([*data.title_dom, keys.title_dom[at]], [*data.body_dom, keys.body_dom[at]])[-1]
    n = len(units)
    q = Query(None, report.name, report.meta.region, report.meta.year, path, data.level, s.id, s.label, s.title,
              items[at][3], s.kind, s.period, at / (n - 1) if n > 1 else 0.0, report.text[s.start:s.end])
    return _QueryUnit(q, vec(keys.title_keys[at], True), vec(keys.body_keys[at], False), prof,
                      s.id.endswith(".0"), None, s.title_norm)


# --- scoring ------------------------------------------------------------------------------------------------


def _dense(n: int, vec: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]) -> npt.NDArray[np.float32]:
    out = np.zeros(n, np.float32)
    out[vec[0]] = vec[1]
    return out


class _Restricted:
    """A level's rows cut down to the query's terms: the cosines with the query are unchanged (a term the
    query lacks adds nothing to a dot product), and each row is a few dozen entries, not hundreds."""

    def __init__(self, csr: CSR, dense: npt.NDArray[np.float32]) -> None:
        keep = np.flatnonzero(dense[csr.ids] != 0) if len(csr.ids) else np.zeros(0, np.int64)
        self.ptr = np.searchsorted(keep, csr.ptr)
        self.ids = csr.ids[keep].astype(np.int64)
        self.weights = csr.weights[keep]

    def vec(self, u: int) -> SparseVec:
        s, e = int(self.ptr[u]), int(self.ptr[u + 1])
        return SparseVec(self.ids[s:e], self.weights[s:e]) if e > s else EMPTY


def _table(data: LevelData, qu: _QueryUnit, cols: npt.NDArray[np.int64], title: _Restricted,
           body: _Restricted) -> UnitTable:
    """A unit table of the query (row 0) and ``cols`` for the aligner's channels."""
    q = qu.query
    labels = [q.label, *(data.label[int(c)] for c in cols)]
    label_ids: dict[str, int] = {"": 0}
    n = 1 + len(cols)
    return UnitTable(
        sections=cast(list[Section], []),  # the channels read arrays only
        report=np.zeros(n, np.int32),
        index=np.zeros(n, np.int32),
        position=np.r_[np.float32(q.position), data.position[cols]].astype(np.float32),
        kind=np.r_[np.int8(KINDS.index(q.kind) if q.kind in KINDS else 0), data.kind[cols]].astype(np.int8),
        period=np.r_[np.int8(PERIODS.index(q.period) if q.period in PERIODS else 0), data.period[cols]].astype(np.int8),
        titles=[qu.title_norm, *(data.titles[int(c)] for c in cols)],
        title_vec=[SparseVec(qu.title[0].astype(np.int64), qu.title[1]), *(title.vec(int(c)) for c in cols)],
        body_vec=[SparseVec(qu.body[0].astype(np.int64), qu.body[1]), *(body.vec(int(c)) for c in cols)],
        domain=np.vstack([qu.domain[None, :], data.domain[cols]]).astype(np.float32),
        by_report=[],
        n_terms=data.n_terms + 1,
        intro=np.r_[qu.intro, data.intro[cols]].astype(np.bool_),
        label_id=np.array([label_ids.setdefault(lab, len(label_ids)) for lab in labels], np.int32),
        parent=np.full(n, -1, np.int32),
    )


def _exact(data: LevelData, qu: _QueryUnit, cols: npt.NDArray[np.int64], title: _Restricted, body: _Restricted,
           *, series: bool) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], list[scores.PairScore]]:
    """The scores of ``cols`` against the query, their content scores (without the series' priors), and
    their channels."""
    out_scores: list[npt.NDArray[np.float32]] = []
    out_content: list[npt.NDArray[np.float32]] = []
    pairs: list[scores.PairScore] = []
    for s in range(0, len(cols), CHUNK):
        part = cols[s : s + CHUNK]
        table = _table(data, qu, part, title, body)
        ch = scores.channels(table, [0], list(range(1, len(part) + 1)), series=series)
        out_scores.append(ch.score[0])
        out_content.append(ch.content[0])
        pairs.extend(scores.pair_score(ch, 0, j) for j in range(len(part)))
    if not out_scores:
        return np.zeros(0, np.float32), np.zeros(0, np.float32), pairs
    return np.concatenate(out_scores), np.concatenate(out_content), pairs


def _without_weak_priors(report: npt.NDArray[np.int64], score: npt.NDArray[np.float32],
                         content: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """One government's years: as the aligner does (pairing.without_weak_priors), a weak candidate keeps
    its ordinal and place only when no other section of its report is clearly better by content, and
    never below MIN_CONTENT (review finding 3: 顺平 2023 (三)新型能源 answered by 2022 (三)"三农" on its
    ordinal, while 2022 (四)'s 壮大新兴产业 holds the same projects)."""
    from ..align import pairing

    if not len(score):
        return score
    best: dict[int, float] = {}
    for r, c in zip(report.tolist(), content.tolist(), strict=True):
        best[r] = max(best.get(r, 0.0), c)
    best_of = np.array([best[r] for r in report.tolist()], np.float32)
    need = np.maximum(content + pairing.BETTER_BY, pairing.PARTNER_CONTENT)
    weak = (content < pairing.WEAK_CONTENT) & (score > content) & ((best_of >= need)
                                                                     | (content < pairing.MIN_CONTENT))
    return np.where(weak, content, score).astype(np.float32)


def similar(store: Store, path_or_id: str | int, section: str, *, level: str = "chapters",
            reports: Sequence[int] | None = None, top: int | None = 20, phrases: bool = True) -> Similar:
    """Each other report's counterpart of ``section`` of the report ``path_or_id`` (a file, indexed or not,
    or an indexed report's id), best first; ``reports`` limits the reports compared (ids)."""
    data = level_data(store, level)
    if isinstance(path_or_id, int):
        qu = query_for_report(store, data, path_or_id, section)
    else:
        qu = find_query(store, data, path_or_id, section)
    q = qu.query
    n_terms = data.n_terms + 1
    title = _Restricted(data.title, _dense(n_terms, qu.title))
    body = _Restricted(data.body, _dense(n_terms, qu.body))
    wanted = set(data.rows) if reports is None else set(reports) & set(data.rows)
    wanted.discard(q.report_id)
    meta = {int(r[0]): r[1:] for r in store.conn.execute("SELECT id, name, region, year, level, path FROM reports")}
    same_gov = {rid for rid in wanted if q.region and meta[rid][1] == q.region}
    units = np.flatnonzero(np.isin(data.report, np.fromiter(wanted, np.int64, len(wanted))))
    best: dict[int, tuple[float, int, scores.PairScore]] = {}

    def take(cols: npt.NDArray[np.int64], series: bool) -> None:
        sc, content, ps = _exact(data, qu, cols, title, body, series=series)
        if series and data.level == "chapters":
            sc = _without_weak_priors(data.report[cols], sc, content)
        for c, s, p in zip(cols.tolist(), sc.tolist(), ps, strict=True):
            rid = int(data.report[c])
            if rid not in best or s > best[rid][0]:
                best[rid] = (s, c, p)

    series_units = units[np.isin(data.report[units], np.fromiter(same_gov, np.int64, len(same_gov)))]
    if len(series_units):
        take(series_units, True)  # one government's years: few units, every one scored (edited titles)
    other = np.setdiff1d(units, series_units)
    if len(other):
        qt, qb = _dense(n_terms, qu.title), _dense(n_terms, qu.body)
        rough = (scores.W_TITLE * data.title.dot(qt)[other] + scores.W_BODY * data.body.dot(qb)[other]
                 + scores.W_DOMAIN * (data.domain[other] @ qu.domain))
        first = _likeliest(data.report[other], rough, FIRST_CANDIDATES)
        whole = np.isin(data.kind[other], [KINDS.index("front"), KINDS.index("closing")])
        first |= whole & (data.kind[other] == (KINDS.index(q.kind) if q.kind in KINDS else -1))
        take(other[first], False)
        floor = np.array([best.get(int(r), (0.0,))[0] for r in data.report[other]], np.float32)
        rest = ~first & (rough > floor) & (rough > 0)
        if rest.any():
            take(other[rest], False)
    found = []
    for rid, (s, c, p) in best.items():
        if s <= 0:
            continue
        found.append((s, rid, c, p))
    found.sort(key=lambda x: (-x[0], str(meta[x[1]][1] or ""), meta[x[1]][2] or 0, x[1]))
    if top:
        found = found[:top]
    out = []
    unit_rows = _unit_rows(store, data.level, [(rid, int(data.index[c])) for _, rid, c, _ in found])
    q_domains = set(domains.top_domains(qu.domain))
    for k, (s, rid, c, p) in enumerate(found):
        name, region, year, gov, path = meta[rid]
        sid, label, utitle, upath, start, end = unit_rows[(rid, int(data.index[c]))]
        shared: tuple[str, ...] = ()
        if phrases and k < PHRASE_RESULTS:
            shared = shared_phrases(q.text, _section_text(store, rid, start, end))
        both = tuple(d for d in domains.top_domains(data.domain[c]) if d in q_domains)
        out.append(Counterpart(rid, name, region, year, gov, path, sid, label or "", utitle or "", upath or "",
                               start, end, s, p.title, p.body, p.domain, p.reasons(), rid in same_gov, both, shared))
    return Similar(q, tuple(out), len(wanted))


def _likeliest(report: npt.NDArray[np.int64], score: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.bool_]:
    """Each report's ``k`` highest scores (a mask)."""
    order = np.lexsort((-score, report))
    r = report[order]
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
    out = np.zeros(len(report), np.bool_)
    out[order[rank < k]] = True
    return out


def _unit_rows(store: Store, level: str, keys: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[Any, ...]]:
    out = {}
    for rid, idx in keys:
        row = store.conn.execute(
            "SELECT section_id, label, title, path, start, \"end\" FROM units WHERE report_id = ? AND level = ? "
            "AND idx = ?", (rid, level, idx)).fetchone()
        out[(rid, idx)] = tuple(row)
    return out


def _section_text(store: Store, rid: int, start: int, end: int) -> str:
    row = store.conn.execute("SELECT text FROM reports WHERE id = ?", (rid,)).fetchone()
    return decompress(row[0])[start:end] if row else ""


def shared_phrases(a: str, b: str, limit: int = 8) -> tuple[str, ...]:
    """The phrases two sections share (the diff's shared mode: whole words, policy filler alone left out),
    longest first."""
    from ..diff import diff_texts
    from ..folding import fold

    if not a.strip() or not b.strip():
        return ()
    d = diff_texts(fold(a), (0, len(a)), fold(b), (0, len(b)), mode="shared")
    found = sorted({p.text for p in d.shared}, key=lambda t: (-len(t), t))
    return tuple(found[:limit])
