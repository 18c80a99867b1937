"""The state of one comparison, independent of any widget: reports, alignment, pins, diffs and figures.

The app calls these methods from thread workers (they run jieba, align and diff); the CLI can use them too.
Results are cached so that moving between rows is a lookup, not a recomputation.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from core.errors import ReportError

if TYPE_CHECKING:  # imported where used: `reportdiff A B` forks its loader before these load
    from core.alignment import Alignment, Pin, Row
    from core.diff import SectionDiff
    from core.model import Report, Section


class ForkedLoader(Protocol):
    """What :func:`tui.loader.fork_loader` returns, as the session uses it (named here rather than imported:
    the loader's child imports this module, and this module needs nothing of the loader's)."""

    def ready(self) -> bool: ...

    def receive(self) -> object: ...


@dataclass(frozen=True)
class Failure:
    """A file that could not be read, and why (one line)."""

    path: str
    message: str


@dataclass(frozen=True)
class SearchHit:
    row: int
    report: int
    start: int  #: offset in the report's original text
    end: int
    context: str
    section: str = ""  #: the label (or title) of the section the hit is in


@dataclass
class Session:
    paths: list[str]
    reports: list[Report] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    level: str = "chapters"
    pins: list[Pin] = field(default_factory=list)
    show_folded: bool = False
    chosen_pivot: int | None = None  #: the report diffs are read against, where the row has it (v)
    _alignments: dict[tuple[str, tuple[Pin, ...]], Alignment] = field(default_factory=dict)
    _diffs: dict[tuple[int, int, str, str, bool], SectionDiff] = field(default_factory=dict)
    _figures: dict[tuple[int, str], list[object]] = field(default_factory=dict)
    _indicators: object | None = None
    _loader: threading.Thread | None = None
    _forked: ForkedLoader | None = None
    _first_alignment: Alignment | None = None
    _rows_shown: int = 1  #: rows of the latest alignment: how many diffs the current view needs
    _done_loading: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- loading ---------------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Read and align now, in a thread, so that the work overlaps the app's own start-up.

        `reportdiff A B` does better: it forks a loader (:mod:`tui.loader`) before this module loads and
        hands it over with ``use_loader``."""
        if self._loader is not None or self._forked is not None:
            return
        self._loader = threading.Thread(target=self._load_and_align, name="reportdiff-load", daemon=True)
        self._loader.start()

    def use_loader(self, loader: ForkedLoader) -> None:
        """Take the answer from ``loader``, forked by the caller for these paths before this module loaded."""
        self._forked = loader

    def wait_loaded(self) -> Alignment | None:
        """The first alignment once reading is done (starts loading if nobody did; blocks: a worker's job)."""
        if self._done_loading or (self._forked is not None and self._take_forked()):
            return self._first_alignment
        self.start_loading()
        assert self._loader is not None
        self._loader.join()
        return self._first_alignment

    def loaded_now(self) -> bool:
        """Whether reading is already done, so the first alignment can be shown without waiting."""
        if self._forked is not None:
            return self._forked.ready() and self._take_forked()
        return self._done_loading

    def _take_forked(self) -> bool:
        """Adopt the forked loader's answer (waiting for it); False if it has none: load here instead."""
        assert self._forked is not None
        forked, self._forked = self._forked, None
        try:
            reports, failures, alignment = forked.receive()  # type: ignore[misc]
        except Exception:  # the child failed, or sent something unreadable
            return False
        self.reports, self.failures, self._first_alignment = reports, failures, alignment
        if alignment is not None:
            self._alignments[(alignment.level, ())] = alignment
            self._rows_shown = max(len(alignment.rows), 1)
        self._done_loading = True
        return True

    def _load_and_align(self) -> None:
        try:
            self.load()
            self._first_alignment = self.alignment() if self.reports else None
        except Exception as exc:  # shown by the app, not a crash
            self.failures.append(Failure("", f"unexpected error while loading: {type(exc).__name__}: {exc}"))
            self._first_alignment = None
        self._done_loading = True

    def load(self) -> None:
        """Read every path; unreadable ones become failures, the rest reports (slow: call from a worker)."""
        from core.report import load_report

        reports, failures = [], []
        for path in self.paths:
            try:
                reports.append(load_report(path))
            except ReportError as exc:
                failures.append(Failure(path, str(exc)))
            except Exception as exc:  # a bug of ours must not take the app down
                failures.append(Failure(path, f"{path}: unexpected error: {type(exc).__name__}: {exc}"))
        self.reports = _distinct_names(reports)
        self.failures = failures

    # --- alignment -------------------------------------------------------------------------------

    def alignment(self, level: str | None = None) -> Alignment:
        level = level or self.level
        key = (level, tuple(self.pins))
        with self._lock:
            hit = _recall(self._alignments, key)
        if hit is None:
            from core.align import align

            hit = align(self.reports, level, pins=self.pins)
            with self._lock:
                _remember(self._alignments, key, hit, MAX_ALIGNMENTS)
                self._rows_shown = max(len(hit.rows), 1)
        return hit

    def pin(self, report_a: int, section_a: str, report_b: int, section_b: str) -> None:
        self.pins = [p for p in self.pins if not _touches(p, report_a, section_a) and not _touches(p, report_b, section_b)]
        from core.alignment import Pin

        self.pins.append(Pin(report_a, section_a, report_b, section_b, True))

    def unpin(self, row: Row) -> bool:
        """Undo the pins of a row, or, when it has none, keep its sections apart. False if nothing to do."""
        present = [(i, c) for i, c in enumerate(row.cells) if c is not None]
        before = len(self.pins)
        self.pins = [p for p in self.pins if not any(_touches(p, i, c.id) for i, c in present)]
        if len(self.pins) != before:
            return True
        if len(present) < 2:
            return False
        from core.alignment import Pin

        (i0, c0) = present[0]
        for i, c in present[1:]:
            self.pins.append(Pin(i0, c0.id, i, c.id, False))
        return True

    # --- diffs -----------------------------------------------------------------------------------

    def pivot(self, row: Row) -> int | None:
        """The report the row's diffs are read against: the chosen one where it has the section, else the
        first that has it."""
        present = row.present()
        if self.chosen_pivot is not None and self.chosen_pivot in present:
            return self.chosen_pivot
        return present[0] if present else None

    def diff(self, row: Row, other: int) -> SectionDiff | None:
        """The diff of the row's pivot section (first present) against report ``other``'s section."""
        pivot = self.pivot(row)
        if pivot is None or other == pivot:
            return None
        a, b = row.cells[pivot], row.cells[other]
        ra, rb = self.reports[pivot], self.reports[other]
        a_span = (a.start, a.end) if a else (0, 0)
        b_span = (b.start, b.end) if b else (0, 0)
        key = (pivot, other, a.id if a else "", b.id if b else "", self.show_folded)
        with self._lock:
            hit = _recall(self._diffs, key)
        if hit is None:
            from core.diff import diff_texts

            hit = diff_texts(
                ra.folded, a_span, rb.folded, b_span, show_folded=self.show_folded,
                damaged_a=ra.damaged, damaged_b=rb.damaged,
            )
            with self._lock:
                # Room for every pair of the rows shown (twice: toggling f or a level keeps both), not for
                # every pair that some pin or unpin ever made.
                limit = 2 * self._rows_shown * max(1, len(self.reports) - 1) + MIN_DIFFS
                _remember(self._diffs, key, hit, limit)
        return hit

    def row_diffs(self, row: Row) -> dict[int, SectionDiff]:
        out = {}
        for i in range(len(self.reports)):
            d = self.diff(row, i)
            if d is not None:
                out[i] = d
        return out

    def row_changed(self, row: Row) -> bool:
        present = row.present()
        if len(present) < len(self.reports):
            return True
        return any(d.changed for d in self.row_diffs(row).values())

    # --- figures ---------------------------------------------------------------------------------

    def figures(self, report: int, section: Section | None) -> list[object]:
        if section is None:
            return []
        key = (report, section.id)
        with self._lock:
            hit = self._figures.get(key)
        if hit is None:
            from core.report_figures import section_figures

            hit = list(section_figures(self.reports[report], section))
            with self._lock:
                self._figures[key] = hit
        return hit

    def indicator_table(self) -> object:
        """The cross-report indicator table (computed once; slow: call from a worker)."""
        with self._lock:
            hit = self._indicators
        if hit is None:
            from core.report_figures import indicator_table

            hit = indicator_table(self.reports)
            with self._lock:
                self._indicators = hit
        return hit

    def indicator_table_ready(self) -> bool:
        return self._indicators is not None

    # --- search ----------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Where ``query`` occurs in any report (compared folded: 区 finds 區), with the row it falls in."""
        from core.folding import fold

        needle = fold(query).normalized.strip()
        if not needle:
            return []
        al = self.alignment()
        hits: list[SearchHit] = []
        for ri, report in enumerate(self.reports):
            hay = report.folded.normalized
            pos = hay.find(needle)
            while pos >= 0 and len(hits) < limit:
                start, end = report.folded.to_original(pos, pos + len(needle))
                row = _row_of(al, ri, start)
                if row is not None:
                    a = max(0, start - 12)
                    context = report.text[a : end + 12].replace("\n", " ")
                    cell = al.rows[row].cells[ri]
                    where = (cell.label or cell.title[:12]) if cell is not None else ""
                    hits.append(SearchHit(row, ri, start, end, context, where))
                pos = hay.find(needle, pos + len(needle))
        return hits


#: Alignments remembered (each pin or unpin makes one; going back to a recent state is a lookup).
MAX_ALIGNMENTS = 8
#: Diffs remembered beyond those of the rows shown.
MIN_DIFFS = 64

_K = TypeVar("_K")
_V = TypeVar("_V")


def _recall(cache: dict[_K, _V], key: _K) -> _V | None:
    """A cache hit, moved to the recent end (the dict's order is the eviction order)."""
    hit = cache.pop(key, None)
    if hit is not None:
        cache[key] = hit
    return hit


def _remember(cache: dict[_K, _V], key: _K, value: _V, limit: int) -> None:
    """Store ``value``, forgetting the least recently used entries beyond ``limit``."""
    cache.pop(key, None)
    cache[key] = value
    while len(cache) > limit:
        cache.pop(next(iter(cache)))


def load_and_align(paths: list[str]) -> tuple[list[Report], list[Failure], Alignment | None]:
    """Read ``paths`` and align them at the first level: what a forked loader sends back."""
    session = Session(paths)
    session._load_and_align()
    return session.reports, session.failures, session._first_alignment


def _row_of(al: Alignment, report: int, offset: int) -> int | None:
    best = None
    for i, row in enumerate(al.rows):
        c = row.cells[report]
        if c is not None and c.start <= offset < max(c.end, c.start + 1):
            best = i
    return best


def _touches(p: Pin, report: int, section: str) -> bool:
    return (p.report_a, p.section_a) == (report, section) or (p.report_b, p.section_b) == (report, section)


def _distinct_names(reports: Sequence[Report]) -> list[Report]:
    """Give reports with the same short name (two copies of one report) distinct names: 东昌区 2023 (2).
    The seeds whose text names no region (the demo's 000 and 001) are named from seeds.SEED_NAMES."""
    from dataclasses import replace

    from seeds import seed_name

    seen: dict[str, int] = {}
    out = []
    for r in reports:
        named = seed_name(r.path) if not r.meta.region else None
        if named:
            r = replace(r, name=named)
        n = seen.get(r.name, 0) + 1
        seen[r.name] = n
        out.append(r if n == 1 else replace(r, name=f"{r.name} ({n})"))
    return out
