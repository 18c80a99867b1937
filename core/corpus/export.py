"""Every table of an index as JSONL and Parquet, with ``schema.json`` (for DuckDB, Polars, pandas users).

JSONL is written by the standard library; Parquet by DuckDB (the ``parquet`` extra, installed with the test
extra: ~25 MB against pyarrow's ~55 MB), which reads the JSONL with the declared column types, so numbers are
numbers and the two files always hold the same rows. Without DuckDB the JSONL and the schema are written and
one line says how to get the Parquet files. Files are written beside their final name and renamed, so a
reader never sees half a file; existing files are kept unless ``overwrite``.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..atomic import ExportError
from ..escapes import escape_surrogates_in_json
from .store import SCHEMA_DOC, Store, decompress

#: Exported tables and their columns (the vectors and term tables are the index's own business).
TABLES: dict[str, tuple[str, ...]] = {
    "reports": ("id", "sha256", "text_sha256", "path", "name", "region", "level", "year", "title", "speaker",
                "speaker_role", "meeting_date", "encoding", "format", "chars", "norm_chars", "sections", "figures",
                "notes", "parts", "pipeline", "text"),
    "files": ("path", "size", "mtime_ns", "sha256", "report_id", "error"),
    "sections": ("report_id", "idx", "section_id", "parent_id", "kind", "depth", "marker", "label", "ordinal",
                 "title", "heading", "path", "start", "end", "body_start", "norm_start", "norm_end", "period"),
    "units": ("report_id", "level", "idx", "section_id", "kind", "label", "title", "title_norm", "path", "start",
              "end", "norm_start", "norm_end", "period"),
    "figures": ("report_id", "idx", "section_id", "section_label", "text", "number", "value", "value_high", "unit",
                "base_value", "base_value_high", "base_unit", "qualifier", "kind", "direction", "period", "horizon",
                "label", "start", "end", "sentence", "sentence_start", "sentence_end", "dimension", "indicator",
                "indicator_name", "scope", "measure"),
}
_INTEGER = {"id", "year", "chars", "norm_chars", "sections", "figures", "size", "mtime_ns", "report_id", "idx",
            "depth", "ordinal", "start", "end", "body_start", "norm_start", "norm_end", "direction",
            "sentence_start", "sentence_end"}
_REAL = {"value", "value_high", "base_value", "base_value_high"}


def column_type(column: str) -> str:
    """The column's type as DuckDB, Parquet and schema.json name it."""
    if column in _INTEGER:
        return "BIGINT"
    if column in _REAL:
        return "DOUBLE"
    return "VARCHAR"


def schema() -> dict[str, Any]:
    """schema.json: each table's columns with type and meaning."""
    return {
        table: {c: {"type": column_type(c), "description": SCHEMA_DOC.get(table, {}).get(c, "")} for c in cols}
        for table, cols in TABLES.items()
    }


def _rows(store: Store, table: str) -> Iterable[dict[str, Any]]:
    cols = TABLES[table]
    sql = f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)} FROM {table}"
    order = {"reports": "id", "files": "path", "sections": "report_id, idx", "units": "report_id, level, idx",
             "figures": "report_id, idx"}[table]
    for row in store.conn.execute(f"{sql} ORDER BY {order}"):
        record = dict(zip(cols, row, strict=True))
        if table == "reports":
            record["text"] = decompress(record["text"])
        yield record


def parquet_available() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


PARQUET_MISSING = 'Parquet needs DuckDB: pip install "reportdiff[parquet]" (the JSONL files are written)'


def write_jsonl(records: Iterable[dict[str, Any]], path: Path, *, overwrite: bool) -> Path:
    """``records`` as JSON Lines (UTF-8, one object a line), atomically."""
    return _atomic(path, overwrite, lambda tmp: _dump_jsonl(records, tmp))


def _dump_jsonl(records: Iterable[dict[str, Any]], tmp: Path) -> None:
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            for k, v in r.items():
                if isinstance(v, float) and not math.isfinite(v):
                    r[k] = None  # JSON and Parquet readers disagree on NaN; missing is what it means
            # (a file name that is not UTF-8 is written \xff: the file stays valid UTF-8)
            fh.write(escape_surrogates_in_json(json.dumps(r, ensure_ascii=False, allow_nan=False, default=str)))
            fh.write("\n")


def write_parquet(jsonl: Path, columns: Sequence[str], types: dict[str, str], path: Path, *,
                  overwrite: bool) -> Path:
    """The JSONL file as Parquet with the given column types (DuckDB reads, types and writes it)."""
    import duckdb

    spec = "{" + ", ".join(f"'{c}': '{types[c]}'" for c in columns) + "}"

    def write(tmp: Path) -> None:
        con = duckdb.connect(":memory:")
        try:
            select = ", ".join(f'"{c}"' for c in columns)
            con.execute(
                f"COPY (SELECT {select} FROM read_json(?, format='newline_delimited', columns={spec})) "
                "TO ? (FORMAT parquet, COMPRESSION zstd)", [str(jsonl), str(tmp)])
        finally:
            con.close()

    return _atomic(path, overwrite, write)


def _atomic(path: Path, overwrite: bool, write: Any) -> Path:
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: file exists (use --force to overwrite)")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()  # the writer creates it (DuckDB will not write over a file it did not make)
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def export_all(store: Store, folder: str | os.PathLike[str], *, overwrite: bool = False,
               parquet: bool | None = None) -> list[Path]:
    """Every table into ``folder`` as ``TABLE.jsonl`` (and ``TABLE.parquet`` when DuckDB is there), and
    ``schema.json``. Returns the files written; raises ExportError with one line."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    if parquet is None:
        parquet = parquet_available()
    written = []
    for table, cols in TABLES.items():
        jsonl = write_jsonl(_rows(store, table), out / f"{table}.jsonl", overwrite=overwrite)
        written.append(jsonl)
        if parquet:
            written.append(write_parquet(jsonl, cols, {c: column_type(c) for c in cols}, out / f"{table}.parquet",
                                         overwrite=overwrite))
    schema_file = out / "schema.json"
    _atomic(schema_file, overwrite, lambda tmp: tmp.write_text(
        json.dumps(schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"))
    written.append(schema_file)
    return written
