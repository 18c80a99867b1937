"""``reportdiff index``: read the reports of some folders into the index, only what is new or changed.

A file whose size, modification time and inode match the index is not opened. Any other is read once and
hashed: content the index already holds (a touched file, a renamed one, a second copy) is linked, not
parsed again; new content is read on all cores (worker processes) and written by this process, one
transaction a report, so a run stopped at any moment (^C, ``kill -9``) leaves whole reports only, and the
next run goes on where it stopped. A file that fails is recorded with its one-line reason and not tried
again until it changes; files gone from the folders leave the index.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .record import LEVELS, read_record
from .scan import Found, scan, shown
from .store import Store, pipeline_version

#: Called as ``progress(done, total)`` after each file read.
Progress = Callable[[int, int], None]
#: Called with ``(path, reason)`` for each file that failed in this run, once.
OnFailure = Callable[[str, str], None]

#: Below this many files to read, no worker processes (starting them costs more than it saves).
MIN_FILES_FOR_POOL = 4
#: Files handed to the workers ahead of the results: enough to keep them busy, few enough that an
#: interrupted run loses little work and memory holds only these results.
IN_FLIGHT_PER_JOB = 4


@dataclass
class RunStats:
    """What one run did, for the summary line."""

    found: int = 0  #: report files in the folders
    unchanged: int = 0  #: not opened (same stat as indexed)
    read: int = 0  #: opened and hashed
    parsed: int = 0  #: read as reports (new content)
    linked: int = 0  #: content the index had already (touched, renamed, copied)
    failed: int = 0  #: failures of this run (each listed once)
    failed_before: int = 0  #: unchanged files that failed in an earlier run
    removed: int = 0  #: files gone from the folders
    other_files: int = 0
    repeats: int = 0
    reports: int = 0  #: reports in the index after the run
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)


class Interrupted(Exception):
    """The run was stopped (^C); what it had committed stays, the next run goes on from there."""

    def __init__(self, stats: RunStats) -> None:
        super().__init__("interrupted")
        self.stats = stats


def default_jobs() -> int:
    from ..batch import default_jobs as jobs

    return jobs()


def run_index(
    store: Store,
    roots: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    on_failure: OnFailure | None = None,
) -> RunStats:
    """Bring ``store`` up to date with the report files under ``roots``."""
    started = time.monotonic()
    stats = RunStats()
    roots = [os.path.abspath(r) for r in roots]
    found = scan(roots)
    stats.found, stats.other_files, stats.repeats = len(found.files), found.other_files, found.repeats
    pipeline = pipeline_version()
    run = int(store.meta("runs", "0")) + 1
    writer = _Writer(store, pipeline, run)

    def fail(path: str, reason: str) -> None:
        stats.failed += 1
        stats.failures.append((path, reason))
        if on_failure is not None:
            on_failure(path, reason)

    recorded = {raw: error for raw, error in store.conn.execute("SELECT raw, error FROM files WHERE size IS NULL")}
    for path, reason in found.failures:
        # what the scan finds wrong (a FIFO, a broken link) is recorded like a file that failed: listed once,
        # then counted among the failures of earlier runs until it changes
        if recorded.get(_raw(path)) == reason:
            stats.failed_before += 1
            continue
        writer.scan_failed(path, reason)
        fail(path, reason)
    known_files = {
        row[0]: row[1:]
        for row in store.conn.execute(
            "SELECT f.raw, f.size, f.mtime_ns, f.inode, f.error, r.pipeline FROM files f "
            "LEFT JOIN reports r ON r.id = f.report_id"
        )
    }
    todo: list[Found] = []
    for f in found.files:
        old = known_files.get(_raw(f.path))
        if old is not None and tuple(old[:3]) == (f.size, f.mtime_ns, f.inode) and (old[3] or old[4] == pipeline):
            if old[3]:
                stats.failed_before += 1
            else:
                stats.unchanged += 1
            continue
        todo.append(f)
    known = {row[0] for row in store.conn.execute(
        "SELECT DISTINCT f.sha256 FROM files f JOIN reports r ON r.id = f.report_id WHERE r.pipeline = ?", (pipeline,))}
    try:
        for done, (f, result) in enumerate(_results(todo, known, jobs), 1):
            stats.read += 1
            if result["error"]:
                writer.failed(f, result)
                fail(f.path, result["error"])
            elif result["report"] is None:
                writer.link(f, result)
                stats.linked += 1
            else:
                try:
                    added = writer.add(f, result)
                except (UnicodeError, sqlite3.InterfaceError, OverflowError, ValueError) as exc:
                    # what the store cannot hold (text our reading let through): this file fails, not the run
                    result = {**result, "error": f"cannot be stored in the index ({type(exc).__name__}: {exc})"}
                    writer.failed(f, result)
                    fail(f.path, " ".join(result["error"].split()))
                    added = None
                if added:
                    stats.parsed += 1
                elif added is not None:
                    stats.linked += 1
            if progress is not None:
                progress(done, len(todo))
        seen = {_raw(f.path) for f in found.files} | {_raw(p) for p, _ in found.failures}
        stats.removed = writer.remove_missing(roots, seen)
        with store.transaction():
            store.set_meta("runs", str(run))
            store.set_meta("pipeline", pipeline)
    except KeyboardInterrupt:
        stats.reports = store.count("reports")
        stats.seconds = time.monotonic() - started
        raise Interrupted(stats) from None
    stats.reports = store.count("reports")
    stats.seconds = time.monotonic() - started
    return stats


def _raw(path: str) -> bytes:
    """A path as the bytes the file system knows it by (names need not be valid UTF-8)."""
    return os.fsencode(path)


# --- reading, on all cores ------------------------------------------------------------------------------


def _results(todo: list[Found], known: set[str], jobs: int | None) -> Iterator[tuple[Found, dict[str, Any]]]:
    """Each file's record, in the order they finish."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs <= 1 or len(todo) < MIN_FILES_FOR_POOL:
        for f in todo:
            yield f, read_record(f.path, known)
        return
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(frozenset(known),))
    try:
        pending: dict[Future[dict[str, Any]], Found] = {}
        queue = iter(todo)
        limit = jobs * IN_FLIGHT_PER_JOB
        for f in queue:
            pending[executor.submit(_work, f.path)] = f
            if len(pending) >= limit:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                f = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # a worker that died (out of memory, a crash in a library)
                    result = {"path": f.path, "sha256": None, "report": None,
                              "error": f"the worker reading it failed ({type(exc).__name__})"}
                nxt = next(queue, None)
                if nxt is not None:
                    pending[executor.submit(_work, nxt.path)] = nxt
                yield f, result
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


_known: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    """A worker: ^C is the parent's to handle; it exits when the parent is gone (``kill -9`` of the run
    leaves no worker behind); jieba's dictionary is loaded once."""
    global _known
    _known = known
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
    from .. import tokens

    tokens.warm_up()


def _work(path: str) -> dict[str, Any]:
    return read_record(path, _known)


# --- writing, one transaction a report ---------------------------------------------------------------------


class _Writer:
    def __init__(self, store: Store, pipeline: str, run: int) -> None:
        self.store = store
        self.pipeline = pipeline
        self.run = run
        self.terms: dict[int, int] = dict(store.conn.execute("SELECT key, id FROM terms"))

    def _file_row(self, f: Found, sha: str | None, report_id: int | None, error: str | None) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO files(raw, path, size, mtime_ns, inode, sha256, report_id, error, run) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_raw(f.path), shown(f.path), f.size, f.mtime_ns, f.inode, sha, report_id, error, self.run),
        )

    def _previous(self, f: Found) -> int | None:
        row = self.store.conn.execute("SELECT report_id FROM files WHERE raw = ?", (_raw(f.path),)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def _collect(self, report_ids: Sequence[int | None]) -> None:
        """Reports no file holds any more leave the index (their rows go with them)."""
        for rid in {r for r in report_ids if r is not None}:
            if not self.store.conn.execute("SELECT 1 FROM files WHERE report_id = ? LIMIT 1", (rid,)).fetchone():
                self.store.conn.execute("DELETE FROM reports WHERE id = ?", (rid,))

    def _bump(self) -> None:
        self.store.set_meta("generation", str(self.store.generation() + 1))
        # What the saved query arrays are named for (core/corpus/level_cache.py): new with every change, so a
        # rebuilt index whose generation repeats cannot meet an old file.
        self.store.set_meta("cache_key", uuid.uuid4().hex)

    def failed(self, f: Found, result: dict[str, Any]) -> None:
        with self.store.transaction():
            old = self._previous(f)
            self._file_row(f, result["sha256"], None, result["error"])
            self._collect([old])
            self._bump()

    def scan_failed(self, path: str, reason: str) -> None:
        """A path the scan found wrong (no stat to compare: size NULL)."""
        with self.store.transaction():
            old = self._previous(Found(path, 0, 0, 0))
            self.store.conn.execute(
                "INSERT OR REPLACE INTO files(raw, path, size, mtime_ns, inode, sha256, report_id, error, run) "
                "VALUES (?, ?, NULL, NULL, NULL, NULL, NULL, ?, ?)", (_raw(path), shown(path), reason, self.run))
            self._collect([old])

    def link(self, f: Found, result: dict[str, Any]) -> None:
        with self.store.transaction():
            old = self._previous(f)
            row = self.store.conn.execute(
                "SELECT report_id FROM files WHERE sha256 = ? AND report_id IS NOT NULL LIMIT 1", (result["sha256"],)
            ).fetchone()
            self._file_row(f, result["sha256"], int(row[0]) if row else None,
                           None if row else "indexed content went missing; run again")
            self._collect([old])
            self._bump()

    def add(self, f: Found, result: dict[str, Any]) -> bool:
        """Write a new report (True), or link the file to the report of the same text (False)."""
        rec = result["report"]
        same = self.store.conn.execute("SELECT id FROM reports WHERE text_sha256 = ? AND pipeline = ?",
                                       (rec["text_sha256"], self.pipeline)).fetchone()
        if same is not None:  # the same text in other bytes (another encoding, a .docx of a .txt)
            with self.store.transaction():
                old = self._previous(f)
                self._file_row(f, result["sha256"], int(same[0]), None)
                self._collect([old])
                self._bump()
            return False
        new_terms: list[tuple[int, int]] = []
        lut = self._term_ids(rec["vocab"], new_terms)
        conn = self.store.conn
        try:
            with self.store.transaction():
                old = self._previous(f)
                # The same content indexed by other code (or twice in this run): replaced whole.
                conn.execute("DELETE FROM reports WHERE sha256 = ? OR text_sha256 = ?",
                             (result["sha256"], rec["text_sha256"]))
                cur = conn.execute(
                    "INSERT INTO reports(sha256, path, name, region, level, year, title, speaker, speaker_role, "
                    "meeting_date, encoding, format, chars, norm_chars, sections, figures, notes, parts, pipeline, "
                    "text_sha256, text, normalized) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?)",
                    (result["sha256"], shown(f.path), rec["name"], rec["region"], rec["level"], rec["year"],
                     rec["title"], rec["speaker"], rec["speaker_role"], rec["meeting_date"], rec["encoding"],
                     rec["format"], rec["chars"], rec["norm_chars"], len(rec["sections"]), len(rec["figures"]),
                     rec["notes"], rec["parts"], self.pipeline, rec["text_sha256"], rec["text"], rec["normalized"]),
                )
                rid = int(cur.lastrowid or 0)
                conn.executemany("INSERT INTO terms(id, key) VALUES (?, ?)", [(i, k) for k, i in new_terms])
                conn.executemany(
                    "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(rid, i, *s) for i, s in enumerate(rec["sections"])],
                )
                for level in LEVELS:
                    conn.executemany(
                        "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(rid, level, i, *u) for i, u in enumerate(rec["units"][level])],
                    )
                    v = rec["vectors"][level]
                    conn.execute(
                        "INSERT INTO unit_vectors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (rid, level, v["n"], v["title"][0], _global(v["title"][1], lut), v["title"][2],
                         v["body"][0], _global(v["body"][1], lut), v["body"][2], v["title_dom"], v["body_dom"]),
                    )
                conn.executemany(
                    "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?)",
                    [(rid, i, *fig) for i, fig in enumerate(rec["figures"])],
                )
                self._file_row(f, result["sha256"], rid, None)
                conn.execute("UPDATE files SET report_id = ? WHERE sha256 = ?", (rid, result["sha256"]))
                self._collect([old])
                self._bump()
        except BaseException:
            for key, _ in new_terms:  # not committed: the ids are free again
                self.terms.pop(key, None)
            raise
        return True

    def _term_ids(self, vocab: npt.NDArray[np.int64], new_terms: list[tuple[int, int]]) -> npt.NDArray[np.int32]:
        """The index-wide term id of each bigram key of a report (new keys get the next ids)."""
        out = np.empty(len(vocab), np.int32)
        terms = self.terms
        next_id = len(terms)
        for i, key in enumerate(vocab.tolist()):
            tid = terms.get(key)
            if tid is None:
                tid = terms[key] = next_id
                new_terms.append((key, next_id))
                next_id += 1
            out[i] = tid
        return out

    def remove_missing(self, roots: Sequence[str], seen: set[bytes]) -> int:
        """Forget the files under ``roots`` that the scan did not find."""
        prefixes = [os.fsencode(r) for r in roots]
        gone = []
        for raw, rid in self.store.conn.execute("SELECT raw, report_id FROM files"):
            if raw in seen:
                continue
            if any(raw == p or raw.startswith(p.rstrip(b"/") + b"/") for p in prefixes):
                gone.append((raw, rid))
        if gone:
            with self.store.transaction():
                self.store.conn.executemany("DELETE FROM files WHERE raw = ?", [(raw,) for raw, _ in gone])
                self._collect([rid for _, rid in gone])
                self._bump()
        return len(gone)


def _global(local: bytes, lut: npt.NDArray[np.int32]) -> bytes:
    return lut[np.frombuffer(local, np.int32)].astype(np.int32).tobytes()
