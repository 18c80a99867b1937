"""Why the index is SQLite: the same rows written into SQLite and into DuckDB, one transaction a report (as
the indexer writes), then the level's vector blobs and one indicator's figures read back.

    python -m bench.store_choice INDEX      (an index made by ``reportdiff index``: its rows are replayed)
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    import duckdb

    from core.corpus.store import SCHEMA, resolve_index

    src = sqlite3.connect(resolve_index(argv[0]))
    reports = [r[0] for r in src.execute("SELECT id FROM reports ORDER BY id")]
    tables = ("reports", "sections", "units", "unit_vectors", "figures")
    rows = {t: {} for t in tables}
    for t in tables:
        for r in src.execute(f"SELECT * FROM {t}"):  # the first column is the report id in each table
            rows[t].setdefault(r[0], []).append(r)
    with tempfile.TemporaryDirectory() as tmp:
        lite = sqlite3.connect(Path(tmp) / "a.sqlite", isolation_level=None)
        lite.execute("PRAGMA journal_mode=WAL")
        lite.execute("PRAGMA synchronous=NORMAL")
        lite.executescript(SCHEMA)
        duck = duckdb.connect(str(Path(tmp) / "a.duckdb"))
        for t in tables:
            cols = [c[1] for c in src.execute(f"PRAGMA table_info({t})")]
            types = {c[1]: c[2] for c in src.execute(f"PRAGMA table_info({t})")}
            spec = ", ".join(f'"{c}" {"BLOB" if types[c] == "BLOB" else "BIGINT" if types[c] == "INTEGER" else "DOUBLE" if types[c] == "REAL" else "VARCHAR"}' for c in cols)
            duck.execute(f"CREATE TABLE {t} ({spec})")
        for name, con in (("sqlite", lite), ("duckdb", duck)):
            t0 = time.perf_counter()
            for rid in reports:
                con.execute("BEGIN TRANSACTION" if name == "duckdb" else "BEGIN IMMEDIATE")
                for t in tables:
                    batch = rows[t].get(rid, [])
                    if batch:
                        marks = ", ".join("?" * len(batch[0]))
                        con.executemany(f"INSERT INTO {t} VALUES ({marks})", batch)
                con.execute("COMMIT")
            write = time.perf_counter() - t0
            t0 = time.perf_counter()
            blobs = con.execute("SELECT body_ids, body_tf FROM unit_vectors WHERE level = 'chapters' "
                                "ORDER BY report_id").fetchall()
            read = time.perf_counter() - t0
            t0 = time.perf_counter()
            figs = con.execute("SELECT * FROM figures WHERE indicator = 'gdp' AND period = 'target'").fetchall()
            query = time.perf_counter() - t0
            con.close()
            print(f"{name}: write {len(reports)} reports one transaction each {write:.2f} s; "
                  f"read {len(blobs)} vector rows {read * 1000:.0f} ms; {len(figs)} gdp targets {query * 1000:.0f} ms")
        for p in sorted(Path(tmp).iterdir()):
            print(f"  {p.name}: {p.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
