"""The corpus index on disk: one SQLite file (``.reportdiff/index.sqlite``), its schema and where it lives.

SQLite, not DuckDB, by measurement (``python -m bench corpus``, README): an index is written one report a
transaction, thousands of small transactions that SQLite commits in WAL mode in microseconds, and it is read
by key (a report's units, its text); it ships with Python. WAL with ``synchronous=NORMAL`` keeps every
committed report across a crash or ``kill -9`` (only a power cut may lose the last few), and a report's rows
go in one transaction, so an interrupted run leaves whole reports only and the next run goes on from there.

The tables (every column is described in :data:`SCHEMA_DOC`, which ``--export`` writes beside the data):
``files`` (each path seen, its stat, content hash and report or error), ``reports`` (metadata and the text,
zlib-compressed), ``sections`` (the outline), ``units`` (the sections the aligner compares, per level),
``unit_vectors`` (their bigram counts and domain-word counts, one row a report and level), ``terms`` (bigram
key → term id), ``figures`` (every figure with its indicator identity) and ``meta``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ReportError

#: Bumped when the tables change shape: an index of another version is rebuilt, not misread.
SCHEMA_VERSION = 1
#: The folder an index lives in, inside the corpus folder (hidden, so scanning the corpus skips it).
INDEX_DIR = ".reportdiff"
INDEX_FILE = "index.sqlite"


class CorpusError(ReportError):
    """An index that cannot be made or read; one line for the user."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    raw BLOB PRIMARY KEY, path TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, inode INTEGER,
    sha256 TEXT, report_id INTEGER REFERENCES reports(id) ON DELETE SET NULL, error TEXT, run INTEGER
);
CREATE INDEX IF NOT EXISTS files_report ON files(report_id);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,
    region TEXT, level TEXT, year INTEGER, title TEXT, speaker TEXT, speaker_role TEXT, meeting_date TEXT,
    encoding TEXT, format TEXT, chars INTEGER, norm_chars INTEGER, sections INTEGER, figures INTEGER,
    notes TEXT, parts TEXT, pipeline TEXT, text_sha256 TEXT, text BLOB, normalized BLOB
);
CREATE INDEX IF NOT EXISTS reports_region_year ON reports(region, year);
CREATE INDEX IF NOT EXISTS reports_text ON reports(text_sha256);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS sections (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    section_id TEXT, parent_id TEXT, kind TEXT, depth INTEGER, marker TEXT, label TEXT, ordinal INTEGER,
    title TEXT, heading TEXT, path TEXT, start INTEGER, "end" INTEGER, body_start INTEGER,
    norm_start INTEGER, norm_end INTEGER, period TEXT, PRIMARY KEY (report_id, idx)
);
CREATE TABLE IF NOT EXISTS units (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, level TEXT NOT NULL,
    idx INTEGER NOT NULL, section_id TEXT, kind TEXT, label TEXT, title TEXT, title_norm TEXT, path TEXT,
    start INTEGER, "end" INTEGER, norm_start INTEGER, norm_end INTEGER, period TEXT,
    PRIMARY KEY (report_id, level, idx)
);
CREATE TABLE IF NOT EXISTS unit_vectors (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, level TEXT NOT NULL,
    n INTEGER NOT NULL, title_ptr BLOB, title_ids BLOB, title_tf BLOB, body_ptr BLOB, body_ids BLOB,
    body_tf BLOB, title_dom BLOB, body_dom BLOB, PRIMARY KEY (report_id, level)
);
CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, key INTEGER UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS figures (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    section_id TEXT, section_label TEXT, text TEXT, number TEXT, value REAL, value_high REAL, unit TEXT,
    base_value REAL, base_value_high REAL, base_unit TEXT, qualifier TEXT, kind TEXT, direction INTEGER,
    period TEXT, horizon TEXT, label TEXT, start INTEGER, "end" INTEGER, sentence TEXT,
    sentence_start INTEGER, sentence_end INTEGER, dimension TEXT, indicator TEXT, indicator_name TEXT,
    scope TEXT, measure TEXT, PRIMARY KEY (report_id, idx)
);
CREATE INDEX IF NOT EXISTS figures_indicator ON figures(indicator, period);
"""

#: What each exported table and column holds (written as schema.json by ``--export``, shown in the README).
SCHEMA_DOC: dict[str, dict[str, str]] = {
    "reports": {
        "id": "report id (integer, stable while the file is unchanged)",
        "sha256": "SHA-256 of the first file's bytes (files.sha256 has each file's)",
        "text_sha256": "SHA-256 of the report's words (normalized text without whitespace): the same report "
                       "in two files (a GBK original and its UTF-8 copy, a .docx and its .txt, two names) is one",
        "path": "the first path the report was found at", "name": "short name (region year, or the file stem)",
        "region": "the government the report names (全国, 广东省, 东昌区…), or null",
        "level": "national, province, city or county, from the region's unit word (a county-level 市 reads as city)",
        "year": "the report's year (from its title, meeting date or parts), or null",
        "title": "the title line", "speaker": "who gave it", "speaker_role": "省长, 市长…",
        "meeting_date": "ISO date of the meeting", "encoding": "the file's encoding", "format": "text, html, docx…",
        "chars": "characters of the text as read", "norm_chars": "characters of the folded text",
        "sections": "outline sections", "figures": "figures found",
        "notes": "JSON list: what reading repaired or noticed", "parts": "JSON list: the report's part names",
        "pipeline": "version of the reading code that indexed it", "text": "the text as read (offsets point into it)",
    },
    "files": {
        "path": "a file found in the indexed folders", "size": "bytes", "mtime_ns": "modification time (ns)",
        "sha256": "content hash (null for a file that could not be read)",
        "report_id": "the report it holds (null when it failed)", "error": "why it could not be read (one line)",
    },
    "sections": {
        "report_id": "report", "idx": "position in reading order", "section_id": "outline id (2.3.1, front…)",
        "parent_id": "the enclosing section's id, or null", "kind": "front, preamble, part, topic, closing, appendix",
        "depth": "1 at the top", "marker": "一、 (一) 1. lead …", "label": "the label as written", "ordinal": "its number",
        "title": "the heading's words", "heading": "the heading as written", "path": "labels on the way down (三、(六))",
        "start": "offset of the section in the text", "end": "end offset (children included)",
        "body_start": "where the text after the heading begins", "norm_start": "offset in the folded text",
        "norm_end": "end in the folded text", "period": "review, plan or null",
    },
    "units": {
        "report_id": "report", "level": "chapters or topics (the alignment's levels)", "idx": "position",
        "section_id": "outline id (x.0: a part's opening, x.z: its closing passage)", "kind": "section kind",
        "label": "label", "title": "title", "title_norm": "folded title", "path": "labels on the way down",
        "start": "offset", "end": "end offset", "norm_start": "folded offset", "norm_end": "folded end",
        "period": "review, plan or null",
    },
    "figures": {
        "report_id": "report", "idx": "position in reading order", "section_id": "deepest section holding it",
        "section_label": "its labels (三、(一))", "text": "the figure as written", "number": "the number as written",
        "value": "its value (low end of a range)", "value_high": "high end of a range", "unit": "unit as written",
        "base_value": "value in base units", "base_value_high": "high end in base units", "base_unit": "元, %, 人…",
        "qualifier": "以上, 左右, 力争…", "kind": "level or change", "direction": "+1 up, -1 down, 0 level",
        "period": "result, target or unknown", "horizon": "annual, average (年均), multi-year, year:2030",
        "label": "the indicator as the report names it", "start": "offset", "end": "end offset",
        "sentence": "its sentence", "sentence_start": "offset", "sentence_end": "end offset",
        "dimension": "money, people, percent…", "indicator": "catalogue id (gdp…), empty outside the catalogue",
        "indicator_name": "the table row's name", "scope": "城镇, 农村, 人均… or empty for the whole",
        "measure": "level, growth or share",
    },
}


def pipeline_version() -> str:
    """A hash of the reading, outline, alignment-feature and figure code and data: an index made by other
    code is re-read on the next run (its sections or figures could differ)."""
    digest = hashlib.sha256()
    root = resources.files("core")
    for sub in ("", "read", "align", "figures"):
        folder = root.joinpath(sub) if sub else root
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".py", ".toml")) and entry.is_file():
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    record = root.joinpath("corpus", "record.py")  # what a report's row holds, and which files are one report
    digest.update(record.read_bytes())
    return digest.hexdigest()[:16]


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def decompress(blob: bytes | None) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass") if blob else ""


@dataclass
class Store:
    """An open index: the connection and where it is."""

    path: Path
    conn: sqlite3.Connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write (BEGIN IMMEDIATE … COMMIT; rolled back on any exception, ^C included)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """Changes with every committed change of the reports (query caches are keyed by it)."""
        return int(self.meta("generation", "0"))

    def count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def verify(self) -> list[str]:
        """What is inconsistent in the index (empty when all is well): SQLite's own check, files pointing
        at missing reports, reports missing their units or vectors."""
        problems = []
        status = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if status != "ok":
            problems.append(f"integrity check: {status}")
        orphans = self.conn.execute(
            "SELECT COUNT(*) FROM files WHERE report_id IS NOT NULL AND report_id NOT IN (SELECT id FROM reports)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} files point at missing reports")
        for level in ("chapters", "topics"):
            missing = self.conn.execute(
                "SELECT COUNT(*) FROM reports WHERE id NOT IN (SELECT report_id FROM unit_vectors WHERE level = ?)",
                (level,),
            ).fetchone()[0]
            if missing:
                problems.append(f"{missing} reports have no {level} vectors")
            uneven = self.conn.execute(
                "SELECT COUNT(*) FROM unit_vectors v WHERE level = ? AND n != "
                "(SELECT COUNT(*) FROM units u WHERE u.report_id = v.report_id AND u.level = v.level)",
                (level,),
            ).fetchone()[0]
            if uneven:
                problems.append(f"{uneven} reports' {level} vectors do not match their units")
        figures = self.conn.execute(
            "SELECT COUNT(*) FROM reports r WHERE figures != (SELECT COUNT(*) FROM figures f WHERE f.report_id = r.id)"
        ).fetchone()[0]
        if figures:
            problems.append(f"{figures} reports' figures are incomplete")
        return problems


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (Store.transaction), nothing is begun behind our back.
    conn = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def open_store(path: str | os.PathLike[str], *, create: bool = False) -> Store:
    """Open the index at ``path`` (the index file or a folder holding it); with ``create``, make it."""
    target = Path(path)
    if create:
        folder = target.parent if target.suffix == ".sqlite" else target
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{folder}: cannot create the index here ({exc.strerror or exc}); "
                              "give another place with --index PATH") from None
        file = target if target.suffix == ".sqlite" else folder / INDEX_FILE
        if not os.access(folder, os.W_OK):
            raise CorpusError(f"{folder}: cannot write the index here (read-only); give another place with --index PATH")
    else:
        file = resolve_index(target)
    try:
        conn = _connect(file)
        if create:
            conn.executescript(SCHEMA)
        store = Store(file, conn)
        version = store.meta("schema", "")
        if create and not version:
            with store.transaction():
                store.set_meta("schema", str(SCHEMA_VERSION))
        elif version != str(SCHEMA_VERSION):
            conn.close()
            raise CorpusError(f"{file}: an index of another version ({version or 'unknown'}); "
                              "run reportdiff index again with --rebuild")
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"{file}: not a readable index ({exc})") from None
    return store


def resolve_index(path: str | os.PathLike[str]) -> Path:
    """The index file meant by ``path``: the file itself, a ``.reportdiff`` folder, or a corpus folder
    holding one. Raises CorpusError when there is none."""
    p = Path(path)
    for candidate in (p, p / INDEX_FILE, p / INDEX_DIR / INDEX_FILE):
        if candidate.is_file():
            return candidate
    if not p.exists():
        raise CorpusError(f"{p}: no such file or folder")
    raise CorpusError(f"{p}: no index here (make one with: reportdiff index FOLDER --index {p})")


def default_index(roots: list[str]) -> Path:
    """Where ``reportdiff index ROOT…`` puts its index without --index: ``.reportdiff/`` in the first folder."""
    first = Path(roots[0])
    base = first if first.is_dir() else first.parent
    return base / INDEX_DIR
