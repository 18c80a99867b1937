"""``reportdiff indicators INDEX``: one indicator across an index, one line a report's value."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.errors import ReportError

from .common import console, data_stream, print_json, safe
from .similar_command import add_filters, selected_reports

NAME = "indicators"

EXAMPLES = """\
examples:
  reportdiff indicators corpus/ --indicator 地区生产总值 --period target --measure growth --sort value --desc
  reportdiff indicators corpus/ --indicator gdp --period target --year 2026 --gov-level province --csv > t.csv
  reportdiff indicators corpus/ --indicator 新增就业 --region 保定 --sort year
  reportdiff indicators corpus/ --indicator 一般公共预算收入 --period result --parquet income.parquet

The rows are the figures table's (reportdiff figures --table): indicator × scope × measure (level, growth,
share) × horizon (annual, average = 年均, multi-year, a year) × period (result, target). --indicator takes a
catalogue name or id (地区生产总值, 国内生产总值, GDP, gdp all name one) or words of a label. A report
that gives several values for one row keeps them all: "candidates" > 1, the others listed, none picked.

CSV/JSON/Parquet columns: indicator, row, scope, measure, horizon, period, base_unit, report, region,
gov_level, year, value, value_high, unit, base_value, base_value_high, qualifier, text, candidates, others,
label, section, start, end, sentence, path, report_id (numbers as numbers).
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="one indicator across an index (regions of a year, years of a region), sorted and filtered",
        description="List one indicator's values across the reports of an index, one line a report's value.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("index", metavar="INDEX", help="the index (a corpus folder with .reportdiff/, or the index itself)")
    p.add_argument("--indicator", metavar="NAME", help="catalogue name or id, or label words (default: all)")
    p.add_argument("--period", choices=("result", "target", "unknown"))
    p.add_argument("--measure", choices=("level", "growth", "share"))
    p.add_argument("--horizon", metavar="H", help="annual, average, multi-year or year:2030")
    p.add_argument("--scope", metavar="S", help="城镇, 农村, 人均…; '' for the whole only")
    add_filters(p)
    p.add_argument("--min", type=float, metavar="X", help="only values (in base units) of at least X")
    p.add_argument("--max", type=float, metavar="X", help="only values (in base units) of at most X")
    p.add_argument("--sort", default="row", choices=("row", "value", "year", "region", "report"),
                   help="order of the lines (default: the table's rows, then year and region)")
    p.add_argument("--desc", action="store_true", help="sort descending")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--parquet", metavar="FILE", help="write Parquet (needs the parquet extra)")
    p.add_argument("--excel", action="store_true", help="CSV for Excel: UTF-8 byte-order mark, CRLF (implies --csv)")
    p.add_argument("--force", action="store_true", help="with --parquet: replace an existing file")
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from core.corpus.figures import Wanted, indicator_records, sort_records
    from core.corpus.store import open_store

    if args.excel:
        if args.json or args.parquet:
            raise ReportError("--excel is for CSV output")
        args.csv = True
    store = open_store(args.index)
    wanted = Wanted(args.indicator, args.period, args.measure, args.horizon, args.scope)
    records = indicator_records(store, wanted, selected_reports(store, args))
    if args.min is not None:
        records = [r for r in records if r["base_value"] is not None and r["base_value"] >= args.min]
    if args.max is not None:
        records = [r for r in records if r["base_value"] is not None and r["base_value"] <= args.max]
    records = sort_records(records, args.sort, descending=args.desc)
    if args.json:
        print_json(records)
    elif args.csv:
        data_stream().write(records_csv(records, excel=args.excel))
    elif args.parquet:
        _parquet(records, Path(args.parquet), overwrite=args.force)
    else:
        _print(args, records)
    return 0


def records_csv(records: list[dict[str, Any]], *, excel: bool = False) -> str:
    from core.corpus.figures import COLUMNS
    from core.spreadsheet import CsvWriter  # every cell inert for a spreadsheet

    w = CsvWriter(excel=excel)
    w.writerow(COLUMNS)
    for r in records:
        w.writerow(["" if r[c] is None else r[c] for c in COLUMNS])
    return w.text()


def _parquet(records: list[dict[str, Any]], path: Path, *, overwrite: bool) -> None:
    import tempfile

    from core.corpus.export import PARQUET_MISSING, parquet_available, write_jsonl, write_parquet
    from core.corpus.figures import COLUMNS, NUMERIC

    if not parquet_available():
        raise ReportError(PARQUET_MISSING.replace(" (the JSONL files are written)", ""))
    types = {c: {"int": "BIGINT", "float": "DOUBLE"}.get(NUMERIC.get(c, ""), "VARCHAR") for c in COLUMNS}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(records, Path(tmp) / "records.jsonl", overwrite=True)
        write_parquet(jsonl, COLUMNS, types, path, overwrite=overwrite)
    print(f"{len(records)} values written to {path}", file=sys.stderr)


#: Columns of the terminal table, in order; the ones whose text is the same on every line move to the
#: heading line above it, so the columns that differ (and every number) keep their width at 80 columns.
_COLUMNS = ("indicator", "measure", "horizon", "period", "report", "year", "value", "in base units", "section")
#: Never cut: a number or a year shortened with … is a wrong number.
_WHOLE = ("year", "value", "in base units")
#: Columns dropped, in this order, when the terminal is too narrow for all of them.
_DROP_ORDER = ("section", "in base units", "measure", "period", "horizon")
#: The widest a value column grows; longer cells (a value with its other candidates) wrap.
_WRAPPED_AT = 28
#: The narrowest a column that may be shortened is shown at.
_SQUEEZED = {"indicator": 12, "report": 12, "section": 6}


def _print(args: argparse.Namespace, records: list[dict[str, Any]]) -> None:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from core.figures.table import horizon_text

    from .figures_command import base_text

    out = console(args)
    reports = len({r["report_id"] for r in records})
    lines = []
    for r in records:
        value = Text(("⚠ " if r["candidates"] > 1 else "") + safe(r["text"]),
                     style="bold yellow" if r["candidates"] > 1 else "bold")
        if r["others"]:
            value.append(" | " + safe(r["others"]), style="yellow")
        indicator = safe(r["row"] + (f" ({r['scope']})" if r["scope"] and r["scope"] not in r["row"] else ""))
        lines.append({
            "indicator": Text(indicator), "measure": Text(r["measure"]),
            "horizon": Text(horizon_text(r["horizon"])), "period": Text(r["period"]),
            "report": Text(safe(r["report"]), style="cyan"), "year": Text(str(r["year"] or "?")),
            "value": value, "in base units": Text(base_text(r)), "section": Text(safe(r["section"]), style="dim"),
        })
    constant = [c for c in _COLUMNS[:4] if len(lines) > 1 and len({ln[c].plain for ln in lines}) == 1]
    heading = f"{len(records)} values from {reports} reports"
    if constant:
        heading = " · ".join(lines[0][c].plain for c in constant) + "  ·  " + heading
    shown = [c for c in _COLUMNS if c not in constant]
    widths = {c: max([cell_len(c), *(ln[c].cell_len for ln in lines)]) for c in shown}
    for name in ("value", "in base units"):
        if name in widths:
            # a cell holding several candidates wraps (fold) within this width: whole, on more lines
            widths[name] = min(widths[name], _WRAPPED_AT)
    # Too narrow: the long names are shortened to their floor first, then what still does not fit goes,
    # least needed first (the JSON and CSV keep everything) — never a number cut, never every column
    # squeezed to a few characters.
    for name in ("section", "indicator", "report"):
        excess = sum(widths[c] + 2 for c in shown) - out.width
        if excess > 0 and name in widths:
            widths[name] = max(min(widths[name], _SQUEEZED[name]), widths[name] - excess)
    dropped = []
    for name in _DROP_ORDER:
        if sum(widths[c] + 2 for c in shown) <= out.width:
            break
        if name in shown:
            shown.remove(name)
            dropped.append(name)
    if dropped:
        heading += f"  ·  narrow: no {', '.join(dropped)} (--json has all)"
    out.print(Text(heading, style="dim"))
    grid = Table(box=None, pad_edge=False, header_style="bold")
    for name in shown:
        grid.add_column(name, no_wrap=True, width=widths[name],
                        justify="right" if name in ("value", "in base units") else "left",
                        overflow="fold" if name in _WHOLE else "ellipsis")
    for ln in lines:
        grid.add_row(*(ln[c] for c in shown))
    out.print(grid)
