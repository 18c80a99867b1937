"""``reportdiff phrase INDEX PHRASE…``: where and since when phrases are used, over an index."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from typing import Any

from core.errors import ReportError

from .common import console, print_json, safe
from .similar_command import add_filters, selected_reports

NAME = "phrase"

EXAMPLES = """\
examples:
  reportdiff phrase corpus/ 新质生产力                     per year: reports using it, count, per 10,000 chars
  reportdiff phrase corpus/ 新质生产力 放管服 --by region   per region
  reportdiff phrase corpus/ 两山 --reports --csv > t.csv   one line a report
  reportdiff phrase corpus/ 营商环境 --gov-level county --plot

Phrases are found in the folded text (traditional and full-width forms count). Counts are non-overlapping
occurrences; rates are per 10,000 characters of folded text; "first year" is the earliest year of a report
using the phrase among the reports looked at.
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="occurrences of phrases per report, year or region over an index (first year seen)",
        description="Count phrases in every report of an index: per year or per region, per report, with the "
        "first year each phrase is seen.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("index", metavar="INDEX", help="the index (a corpus folder with .reportdiff/, or the index itself)")
    p.add_argument("phrases", nargs="+", metavar="PHRASE")
    p.add_argument("--by", choices=("year", "region"), default="year", help="group reports by (default: year)")
    p.add_argument("--reports", action="store_true", help="one line a report instead of a group")
    p.add_argument("--plot", action="store_true", help="bars of the rate per 10,000 characters")
    add_filters(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from core.corpus.phrase import phrase_table
    from core.corpus.store import open_store

    store = open_store(args.index)
    table = phrase_table(store, args.phrases, selected_reports(store, args))
    if not table.reports:
        raise ReportError("no report in the index passes the filters")
    if args.json:
        print_json(table.to_dict(args.by))
    elif args.csv:
        sys.stdout.write(_csv(table, args))
    else:
        _print(args, table)
    return 0


def _csv(table: Any, args: argparse.Namespace) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if args.reports:
        w.writerow(["report", "region", "year", "gov_level", "chars", *[f"{p} {x}" for p in table.phrases
                                                                     for x in ("count", "per_10k")], "path"])
        for r in table.reports:
            w.writerow([r.name, r.region or "", r.year or "", r.gov_level or "", r.chars,
                        *[v for i in range(len(table.phrases)) for v in (r.counts[i], f"{r.per_10k(i):.3f}")], r.path])
    else:
        w.writerow([args.by, "reports", "chars", *[f"{p} {x}" for p in table.phrases
                                                   for x in ("reports_using", "count", "per_10k")]])
        for g in table.groups(args.by):
            w.writerow([g.key, g.reports, g.chars, *[v for i in range(len(table.phrases))
                                                     for v in (g.with_phrase[i], g.counts[i], f"{g.per_10k(i):.3f}")]])
    return buf.getvalue()


_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, top: float, width: int = 30) -> str:
    """A horizontal bar of ``width`` cells at most, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    return "█" * (eighths // 8) + (_BLOCKS[eighths % 8] if eighths % 8 else "")


def _print(args: argparse.Namespace, table: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console(args)
    for i, p in enumerate(table.phrases):
        first = table.first_year(i)
        using = sum(1 for r in table.reports if r.counts[i])
        seen = f"first seen {first} ({'、'.join(table.first_reports(i)[:4])})" if first else "never seen"
        out.print(Text.assemble((safe(p), "bold"), (f"  in {using} of {len(table.reports)} reports · {seen}", "dim")))
    grid = Table(box=None, pad_edge=False, header_style="bold")
    if args.reports:
        grid.add_column("report", style="cyan", no_wrap=True)
        grid.add_column("year", no_wrap=True)
        rows = [(Text(safe(r.name)), str(r.year or "?"), r.counts, [r.per_10k(i) for i in range(len(table.phrases))],
                 None) for r in table.reports]
    else:
        grid.add_column(args.by, style="cyan", no_wrap=True)
        grid.add_column("reports", justify="right", no_wrap=True)
        rows = [(Text(safe(g.key)), str(g.reports), g.counts, [g.per_10k(i) for i in range(len(table.phrases))],
                 g.with_phrase) for g in table.groups(args.by)]
    tops = [max((r[3][i] for r in rows), default=0.0) for i in range(len(table.phrases))]
    for p in table.phrases:
        grid.add_column(Text(safe(p)), justify="right", no_wrap=True)
        grid.add_column("/10k", justify="right", no_wrap=True)
        if args.plot:
            grid.add_column("", no_wrap=True, style="green")
    for name, second, counts, rates, using in rows:
        cells: list[Any] = [name, second]
        for i in range(len(table.phrases)):
            shown = str(counts[i]) if using is None else f"{counts[i]} ({using[i]})"
            cells += [shown if counts[i] else Text("·", style="dim"), f"{rates[i]:.2f}" if counts[i] else ""]
            if args.plot:
                cells.append(bar(rates[i], tops[i]))
        grid.add_row(*cells)
    out.print(grid)
    if not args.reports:
        out.print(Text("count (reports using it) · per 10,000 characters of folded text", style="dim"))
