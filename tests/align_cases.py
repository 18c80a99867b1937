"""Labelled alignment cases (tests/cases/align/*.json): loading, anchors, scoring, and a small CLI.

A case names two reports, a level and the section pairs a person found by reading both bodies::

    {"a": "local/county/baoding-shunping-2021.txt", "b": "local/county/baoding-shunping-2022.txt",
     "level": "chapters", "kind": "series", "note": "why these pairs",
     "pairs": [{"a": "(一)聚焦产业提质增效", "b": "(四)聚焦动能转换", "why": "…"}],
     "alone_a": ["(六)以人民为中心创新社会治理"], "alone_b": []}

Paths are relative to ../shared/corpus (``seeds:000`` names a seed). A section is named by an *anchor*: a
short piece of text at its start, unique in the report (or ``[text, n]`` for the n-th occurrence, 1-based).
Anchors, not our outline's ids or labels, so that a case says what the reader saw and stays valid when the
outline parser changes: each anchor is mapped to the unit (at the case's level) whose text holds it. A pair
may give several acceptable counterparts (``"b": ["…", "…"]``) when a section was split in two.
``known_miss`` on a pair (a reason) marks a pair we do not get yet (a strict xfail test; it still counts
in the recall).

Scores: a labelled pair is *found* when its two anchors' units share a row. A predicted pair (two units in
one row) counts for precision when either unit holds a labelled anchor; it is *right* when it matches a
labelled pair. ``alone_*`` anchors are sections with no counterpart: pairing them is wrong.

Two measures. *Lenient*: a pair listing several sections (``"a": [x, y, z]``) is found when any of its
pairs is made, and any of them is right. *Primary*: the first section listed on each side is the label's
primary pair (the counterpart a reader would put side by side; the others took part of its subjects):
the label is found only when that pair is made, and a predicted pair is right only when it is some label's
primary pair (the same predicted pairs are counted). Rows are one to one, so the primary measure is the
one a reader of one row checks; the lenient one says whether the tool is near.

    python tests/align_cases.py units FILE [--level topics]   # the units and an anchor for each
    python tests/align_cases.py check CASE.json…               # every anchor resolves, once
    python tests/align_cases.py score [CASE.json…] [-v]        # precision/recall by kind and level
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "cases" / "align"
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "seeds"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


Anchor = str | list[Any]


@dataclass
class Pair:
    a: list[Anchor]
    b: list[Anchor]
    why: str = ""
    known_miss: str = ""


@dataclass
class Case:
    path: Path
    a: str
    b: str
    level: str
    kind: str
    pairs: list[Pair]
    alone_a: list[Anchor] = field(default_factory=list)
    alone_b: list[Anchor] = field(default_factory=list)
    note: str = ""

    @property
    def name(self) -> str:
        return self.path.stem


def _as_list(x: Any) -> list[Anchor]:
    if isinstance(x, list) and x and isinstance(x[0], (str, list)) and not (len(x) == 2 and isinstance(x[1], int)):
        return list(x)
    return [x]


def load_case(path: Path) -> Case:
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs = [Pair(_as_list(p["a"]), _as_list(p["b"]), p.get("why", ""), p.get("known_miss", "")) for p in data["pairs"]]
    return Case(path, data["a"], data["b"], data["level"], data["kind"], pairs,
                data.get("alone_a", []), data.get("alone_b", []), data.get("note", ""))


def case_files() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*.json") if p.name != "floors.json")


def source_path(name: str) -> Path:
    if name.startswith("seeds:"):
        return next(SEEDS.glob(f"{name[6:]}_*.txt"))
    return CORPUS / name


_REPORTS: dict[str, Any] = {}


def report(name: str) -> Any:
    from core.report import load_report

    if name not in _REPORTS:
        _REPORTS[name] = load_report(source_path(name))
    return _REPORTS[name]


def _fold(s: str) -> str:
    from core.folding import fold

    return fold(s).normalized


def resolve(rep: Any, anchor: Anchor) -> int:
    """The offset of ``anchor`` in the report's normalized text; ValueError when absent or ambiguous."""
    text, nth = (anchor[0], int(anchor[1])) if isinstance(anchor, list) else (anchor, 0)
    norm = rep.folded.normalized
    key = _fold(text).strip()
    hits = []
    pos = norm.find(key)
    while pos >= 0:
        hits.append(pos)
        pos = norm.find(key, pos + 1)
    if not hits:
        raise ValueError(f"anchor not found: {text!r}")
    if nth:
        if nth > len(hits):
            raise ValueError(f"anchor {text!r} occurs {len(hits)} times, not {nth}")
        return hits[nth - 1]
    if len(hits) > 1:
        raise ValueError(f"anchor {text!r} occurs {len(hits)} times: make it longer or give [text, n]")
    return hits[0]


def unit_at(units: Sequence[Any], offset: int) -> Any | None:
    for u in units:
        if u.norm_start <= offset < max(u.norm_end, u.norm_start + 1):
            return u
    return None


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    right: int = 0
    predicted: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  #: known misses that are found now
    found_primary: int = 0  #: labels whose primary pair (first listed on each side) is made
    right_primary: int = 0  #: predicted pairs that are some label's primary pair
    primary_misses: list[str] = field(default_factory=list)  #: found leniently, not as the primary pair

    def add(self, other: Score) -> None:
        self.found += other.found
        self.labelled += other.labelled
        self.right += other.right
        self.predicted += other.predicted
        self.found_primary += other.found_primary
        self.right_primary += other.right_primary
        self.primary_misses += other.primary_misses
        self.misses += other.misses
        self.wrong += other.wrong
        self.known += other.known

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall_primary(self) -> float:
        return self.found_primary / self.labelled if self.labelled else 1.0

    @property
    def precision_primary(self) -> float:
        return self.right_primary / self.predicted if self.predicted else 1.0


def _title(u: Any) -> str:
    if u is None:
        return "—"
    return (u.heading or u.title or u.kind)[:24]


def score_case(case: Case, alignment: Any | None = None) -> Score:
    """Score ``case`` against ``alignment`` (computed when not given)."""
    from core.align import align, units_of

    ra, rb = report(case.a), report(case.b)
    if alignment is None:
        alignment = align([ra, rb], case.level)
    ua, ub = units_of(ra, case.level), units_of(rb, case.level)
    row_of: dict[tuple[int, str], int] = {}
    for k, row in enumerate(alignment.rows):
        for r, cell in enumerate(row.cells):
            if cell is not None:
                row_of[(r, cell.id)] = k
    predicted = {}
    for row in alignment.rows:
        if row.cells[0] is not None and row.cells[1] is not None:
            predicted[row.cells[0].id] = row.cells[1].id
    out = Score()
    good: set[tuple[str, str]] = set()
    primary: set[tuple[str, str]] = set()
    labelled_a: set[str] = set()
    labelled_b: set[str] = set()
    for p in case.pairs:
        units_a = [unit_at(ua, resolve(ra, x)) for x in p.a]
        units_b = [unit_at(ub, resolve(rb, x)) for x in p.b]
        for u in units_a:
            if u is not None:
                labelled_a.add(u.id)
        for u in units_b:
            if u is not None:
                labelled_b.add(u.id)
        ok_pairs = {(x.id, y.id) for x in units_a for y in units_b if x is not None and y is not None}
        good |= ok_pairs
        hit = any(predicted.get(x) == y for x, y in ok_pairs)
        desc = f"{case.name}: {_title(units_a[0])} ↔ {_title(units_b[0])}"
        if units_a[0] is not None and units_b[0] is not None:
            primary.add((units_a[0].id, units_b[0].id))
            if predicted.get(units_a[0].id) == units_b[0].id:
                out.found_primary += 1
            elif hit:
                got = predicted.get(units_a[0].id)
                got_u = next((u for u in ub if u.id == got), None)
                out.primary_misses.append(f"{desc}  (got {_title(got_u)})")
        if p.known_miss and hit:
            out.known.append(desc)  # a known miss that is found now: its xfail test says so
        out.labelled += 1  # known misses count as misses: the recall stays honest
        if hit:
            out.found += 1
        else:
            got = predicted.get(units_a[0].id) if units_a[0] is not None else None
            got_u = next((u for u in ub if u.id == got), None)
            out.misses.append(f"{desc}  (got {_title(got_u)})")
    for x in case.alone_a:
        u = unit_at(ua, resolve(ra, x))
        if u is not None:
            labelled_a.add(u.id)
    for y in case.alone_b:
        u = unit_at(ub, resolve(rb, y))
        if u is not None:
            labelled_b.add(u.id)
    by_id_b = {u.id: u for u in ub}
    by_id_a = {u.id: u for u in ua}
    for x, y in predicted.items():
        if x in labelled_a or y in labelled_b:
            out.predicted += 1
            out.right_primary += (x, y) in primary
            if (x, y) in good:
                out.right += 1
            else:
                out.wrong.append(f"{case.name}: {_title(by_id_a.get(x))} ↔ {_title(by_id_b.get(y))}")
    return out


def check_case(case: Case) -> list[str]:
    """Problems with a case file: anchors that do not resolve, or resolve to one unit twice."""
    from core.align import LEVELS, units_of

    problems = []
    if case.level not in LEVELS:
        problems.append(f"level {case.level!r}")
    if case.kind not in ("series", "cross"):
        problems.append(f"kind {case.kind!r}")
    for side, name, anchors in (("a", case.a, [x for p in case.pairs for x in p.a] + case.alone_a),
                                ("b", case.b, [x for p in case.pairs for x in p.b] + case.alone_b)):
        try:
            rep = report(name)
        except Exception as exc:
            problems.append(f"{side}: {exc}")
            continue
        units = units_of(rep, case.level)
        for x in anchors:
            try:
                off = resolve(rep, x)
            except ValueError as exc:
                problems.append(f"{side}: {exc}")
                continue
            if unit_at(units, off) is None:
                problems.append(f"{side}: anchor {x!r} is in no unit")
    return problems


def _print_units(path: str, level: str) -> None:
    from core.align import units_of

    name = path
    with contextlib.suppress(ValueError):
        name = str(Path(path).resolve().relative_to(CORPUS.resolve()))
    rep = report(name)
    print(f"{rep.name} · {level} · {name}")
    norm = rep.folded.normalized
    for u in units_of(rep, level):
        head = norm[u.norm_start : u.norm_start + 24].replace("\n", "⏎")
        print(f"  {u.id:<10} {u.kind:<8} {u.norm_end - u.norm_start:>6}  {head}")


def score_all(cases: Iterable[Case], verbose: bool = False) -> dict[tuple[str, str], Score]:
    totals: dict[tuple[str, str], Score] = {}
    for case in cases:
        s = score_case(case)
        group = "national" if all(p.startswith(("national-", "seeds:")) for p in (case.a, case.b)) else "local"
        totals.setdefault((f"{group}/{case.kind}", case.level), Score()).add(s)
        totals.setdefault(("all", case.level), Score()).add(s)
        if verbose:
            print(f"{case.name:<48} {case.kind:<6} {case.level:<8} R {s.found}/{s.labelled}  P {s.right}/{s.predicted}"
                  f"  primary R {s.found_primary}/{s.labelled}  P {s.right_primary}/{s.predicted}")
            for m in s.misses:
                print(f"    miss  {m}")
            for m in s.primary_misses:
                print(f"    not primary {m}")
            for w in s.wrong:
                print(f"    wrong {w}")
            for k in s.known:
                print(f"    known miss now found: {k}")
    return totals


def main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="align_cases")
    sub = p.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("units")
    u.add_argument("file")
    u.add_argument("--level", default="chapters")
    c = sub.add_parser("check")
    c.add_argument("cases", nargs="+")
    s = sub.add_parser("score")
    s.add_argument("cases", nargs="*")
    s.add_argument("-v", action="store_true")
    args = p.parse_args(argv)
    if args.cmd == "units":
        _print_units(args.file, args.level)
        return 0
    if args.cmd == "check":
        bad = 0
        for f in args.cases:
            problems = check_case(load_case(Path(f)))
            for pr in problems:
                print(f"{f}: {pr}")
            bad += bool(problems)
        print(f"{len(args.cases) - bad} of {len(args.cases)} cases resolve")
        return 1 if bad else 0
    files = [Path(f) for f in args.cases] or case_files()
    totals = score_all([load_case(f) for f in files], verbose=args.v)
    print(f"{'':<25} {'lenient':<44} primary pair")
    for (kind, level), sc in sorted(totals.items()):
        print(f"{kind:<15} {level:<9} P {sc.precision:.3f} ({sc.right}/{sc.predicted})  "
              f"R {sc.recall:.3f} ({sc.found}/{sc.labelled})".ljust(70)
              + f"P {sc.precision_primary:.3f} ({sc.right_primary}/{sc.predicted})  "
              f"R {sc.recall_primary:.3f} ({sc.found_primary}/{sc.labelled})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
