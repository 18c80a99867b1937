"""``reportdiff index FOLDER…``: read every report of some folders once into an index for corpus queries."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.errors import ReportError

from .common import print_json, safe

NAME = "index"

EXAMPLES = """\
examples:
  reportdiff index corpus/                       index every report under corpus/ (into corpus/.reportdiff/)
  reportdiff index corpus/ --index ~/idx         the index elsewhere (a read-only corpus, a shared one)
  reportdiff index corpus/                       again: reads only new or changed files
  reportdiff index corpus/ --export out/         then every table as JSONL and Parquet, with schema.json
  reportdiff index --index ~/idx --export out/   export only

Folders are walked with their subfolders (hidden ones skipped; links followed, loops walked once); files
ending .txt .md .html .htm .docx are read. A file is read again only when its size, time or inode changed,
and parsed again only when its content did (SHA-256). Each file that cannot be read is listed once with
its reason; the run goes on. Stopped (^C, or killed), the index keeps every report written so far: run the
same command again to go on. The index answers: reportdiff similar, phrase, indicators.

exit status: 0 when the run finished (failures listed), 2 on a bad command line or an unusable index,
130 when interrupted.
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="read the reports of folders into an index (for similar, phrase, indicators)",
        description="Read every report under the folders into an index (SQLite), once: later runs read only "
        "new or changed files.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("roots", nargs="*", metavar="FOLDER_OR_FILE", help="folders (walked with subfolders) or files")
    p.add_argument("--index", metavar="PATH", help="where the index goes (default: FOLDER/.reportdiff/)")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: every CPU)")
    p.add_argument("--export", metavar="DIR", help="write every table as JSONL and Parquet into DIR")
    p.add_argument("--force", action="store_true", help="with --export: replace files already in DIR")
    p.add_argument("--failures", action="store_true", help="list every file that failed (this run or before)")
    p.add_argument("--json", action="store_true", help="print what the run did as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from core.corpus.indexer import Interrupted, run_index
    from core.corpus.store import default_index, open_store

    if not args.roots and not args.index:
        raise ReportError("give the folders to index (and --index PATH for an index elsewhere)")
    if args.jobs is not None and args.jobs < 1:
        raise ReportError("--jobs must be 1 or more")
    target = args.index if args.index else str(default_index(args.roots))
    store = open_store(target, create=bool(args.roots))
    from .figures_command import ProgressBar

    stats: Any = None
    if args.roots:
        bar = ProgressBar(2)
        bar.stream.flush()

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.enabled = bar.enabled and total > 1
            bar.update(done, total)

        def failure(path: str, reason: str) -> None:
            from core.corpus.scan import shown

            bar.warn(f"{shown(path)}: {reason}")

        try:
            stats = run_index(store, args.roots, jobs=args.jobs, progress=progress, on_failure=failure)
        except Interrupted as exc:
            bar.clear()
            s = exc.stats
            print(f"reportdiff: interrupted: the index holds {s.reports} reports ({s.parsed} new in this run); "
                  "run the same command again to go on", file=sys.stderr)
            return 130
        finally:
            bar.clear()
        _summary(stats, str(store.path))
    if args.failures:
        for path, error in store.conn.execute("SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path"):
            print(f"{safe(path)}: {safe(error)}")
    if args.export:
        from core.corpus.export import export_all

        written = export_all(store, args.export, overwrite=args.force)
        print(f"exported {len(written)} files to {args.export}", file=sys.stderr)
    if args.json and stats is not None:
        data = {k: v for k, v in vars(stats).items() if k != "failures"}
        data["failures"] = [{"path": p, "error": e} for p, e in stats.failures]
        data["index"] = str(store.path)
        print_json(data)
    store.close()
    return 0


def _summary(stats: Any, where: str) -> None:
    bits = [f"{stats.parsed} new", f"{stats.unchanged} unchanged"]
    if stats.linked:
        bits.append(f"{stats.linked} touched or copied (content already indexed)")
    if stats.failed:
        bits.append(f"{stats.failed} failed")
    if stats.failed_before:
        bits.append(f"{stats.failed_before} failed before and unchanged (--failures lists them)")
    if stats.removed:
        bits.append(f"{stats.removed} gone")
    print(f"{stats.reports} reports in {safe(where)} ({stats.seconds:.1f} s; {stats.read} files read: "
          + ", ".join(bits) + ")", file=sys.stderr)
