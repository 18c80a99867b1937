"""``reportdiff figures FILE_OR_DIR…``: every figure of the reports, or the cross-report indicator table.

Output streams report by report in input order (a directory of a thousand reports shows its first
figures at once); the extraction runs on all cores (:mod:`core.batch`), with a progress bar on standard
error when that is a terminal.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from core.batch import REPORT_SUFFIXES, default_jobs, expand_paths, figure_of, run_files, unique_names
from core.errors import ReportError

from .common import console, data_stream, json_text, print_json, safe

NAME = "figures"

EXAMPLES = f"""\
examples:
  reportdiff figures report.txt                     a table of every figure, section by section
  reportdiff figures report.txt --csv --excel > f.csv   CSV that Excel opens with the Chinese intact
  reportdiff figures reports/ --json > figures.json   every report in a directory, on all cores
  reportdiff figures reports/ --jobs 2 --md          Markdown, two worker processes
  reportdiff figures 2022.txt 2023.txt --table       one row an indicator, the change from 2022 to 2023
  reportdiff figures reports/ --table --min-reports 3 --csv   indicators found in at least 3 reports
  reportdiff figures a.txt b.txt --table --csv --long     one line a figure of the table, with its sentence

A directory stands for its report files ({" ".join(REPORT_SUFFIXES)}; not its subdirectories, nor
README, SOURCES, LICENSE… files), sorted by name. Output keeps the order of the arguments.

JSON: a list, one object a figure: report, section, section_label, text (as written), number, value,
unit, base_value, base_unit, qualifier, kind (level/change), direction, period (result/target/unknown),
label (the indicator), start/end (offsets into the file's text as read), sentence, path.
With --table: {{"names": [...], "rows": [{{"label", "indicator", "scope", "measure", "horizon", "period",
"base_unit", "cells", "change"}}]}}; a row is one indicator × scope × measure (level/growth/share) ×
horizon (annual, average = 年均, multi-year, or a year) × period; each cell gives its figure's section,
offsets and sentence, and "others": the report's other values for the cell (shown, never picked from).
With --table --csv: per report the figure as written and its value, high end, qualifier and source;
--long: one line a figure. Markdown: each figure with a footnote (report, section, offsets, sentence).

exit status: 0 when at least one report was read (each unreadable file is a one-line warning on
standard error), 2 when none could be read or the command line is wrong.
For hundreds of reports, --json/--csv are much faster than the terminal table.
"""

#: Estimated terminal cells a report column of the indicator table needs; more reports than fit side
#: by side are listed under each indicator instead.
REPORT_COLUMN_CELLS = 12


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="every figure of the reports (or the indicator table), as a table, JSON, CSV or Markdown",
        description=(
            "List every figure of the reports: the number as written, its value in base units, the\n"
            "indicator it measures, qualifier (以上, 左右…), kind (level or change), period (result or\n"
            "target) and where it stands. With --table: the indicators across reports side by side."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE_OR_DIR",
        help='report files or directories of them ("-" for standard input)',
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--md", action="store_true", help="print a Markdown table")
    p.add_argument(
        "--excel", action="store_true", help="CSV for Excel: UTF-8 byte-order mark, CRLF (implies --csv)"
    )
    p.add_argument(
        "--table", action="store_true", help="the cross-report indicator table instead of the list"
    )
    p.add_argument(
        "--long",
        action="store_true",
        help="with --table --csv: one line a figure of a cell (its value, qualifier, section, offsets and "
        "sentence apart) instead of one line an indicator",
    )
    p.add_argument(
        "--min-reports",
        type=_positive,
        default=1,
        metavar="N",
        help="with --table: only indicators found in at least N reports (default 1)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help=f"worker processes for many files (default: every CPU, here {default_jobs()})",
    )
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


# --- progress and warnings on standard error -----------------------------------------------------------


class ProgressBar:
    """A one-line bar on standard error, drawn only when that is a terminal; warnings print above it."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = total > 1 and _isatty(self.stream)
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = max(20, min(shutil.get_terminal_size(fallback=(80, 24)).columns, 100) - 1)
        tail = f" {done}/{total} reports  {now - self.started:.1f}s"
        bar_cells = max(10, width - len(tail) - 2)
        filled = bar_cells * done // max(total, 1)
        line = "[" + "#" * filled + "-" * (bar_cells - filled) + "]" + tail
        self.stream.write("\r" + line[:width])
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            width = max(20, min(shutil.get_terminal_size(fallback=(80, 24)).columns, 100) - 1)
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._shown = False

    def warn(self, message: str) -> None:
        self.clear()
        print(f"reportdiff: warning: {safe(message)}", file=self.stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --- run ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    if args.excel and (args.json or args.md):
        raise ReportError("--excel is for CSV output; leave out --json/--md")
    if args.excel:
        args.csv = True
    if args.min_reports != 1 and not args.table:
        raise ReportError("--min-reports goes with --table")
    if args.long and not (args.table and args.csv):
        raise ReportError("--long goes with --table --csv")
    if sum(1 for f in args.files if f == "-") > 1:
        raise ReportError("standard input ('-') can be given only once")
    files, dir_warnings = expand_paths(args.files)
    bar = ProgressBar(len(files))
    for message in dir_warnings:
        bar.warn(message)
    if not files:
        raise ReportError("no report files to read")
    stats = {"read": 0, "failed": 0, "figures": 0}
    try:
        results = _good(
            run_files(files, jobs=args.jobs, progress=bar.update), bar, stats, single=len(files) == 1
        )
        if args.table:
            _print_table(args, results)
        else:
            _print_figures(args, results)
    finally:
        bar.clear()
    if bar.enabled and stats["read"]:
        unreadable = f", {stats['failed']} unreadable" if stats["failed"] else ""
        print(f"{stats['read']} reports, {stats['figures']} figures{unreadable}", file=sys.stderr)
    if stats["read"] == 0:
        raise ReportError(f"none of the {len(files)} files could be read")
    return 0


def _good(
    results: Iterable[dict[str, Any]], bar: ProgressBar, stats: dict[str, int], *, single: bool
) -> Iterator[dict[str, Any]]:
    """The results of the files that could be read; a warning for each other one."""
    for result in results:
        if result["error"]:
            if single:  # one file named on the command line: its error is the one line of an exit 2
                raise ReportError(result["error"])
            stats["failed"] += 1
            bar.warn(result["error"])
            continue
        stats["read"] += 1
        stats["figures"] += len(result["figures"])
        # The report is printed now: a bar on the same terminal would be left in the middle of its table
        # (it is drawn again below with the next file).
        bar.clear()
        yield result


# --- the figure list -------------------------------------------------------------------------------------


def _print_figures(args: argparse.Namespace, results: Iterable[dict[str, Any]]) -> None:
    out = data_stream()
    if args.json:
        _stream_json(results, out)
    elif args.csv:
        _stream_text(results, out, lambda figs: _csv_chunk(figs, excel=args.excel), header_lines=1)
    elif args.md:
        _stream_text(results, out, _md_chunk, header_lines=2)
    else:
        _print_rich_figures(args, results)


def _row_json(row: dict[str, Any]) -> str:
    """One figure as ``json_text(row)`` indented a level more, the list's item: a figure is a flat dict
    of scalars, written here with the C string encoder rather than json's pure-Python indenting encoder
    (which was ~15% of `figures DIR --json`'s time, all of it in the parent that writes the output)."""
    from json.encoder import encode_basestring

    from core.escapes import escape_surrogates_in_json

    parts = []
    for key, value in row.items():
        if not isinstance(key, str):
            return json_text(row).replace("\n", "\n  ")
        if isinstance(value, str):
            text = encode_basestring(value)
        elif value is None:
            text = "null"
        elif value is True or value is False:
            text = "true" if value else "false"
        elif type(value) is int:
            text = int.__repr__(value)
        elif type(value) is float and value == value and value not in (float("inf"), float("-inf")):
            text = float.__repr__(value)
        else:  # a nested value or a special float: json's own encoder, as before
            return json_text(row).replace("\n", "\n  ")
        parts.append(f"{encode_basestring(key)}: {text}")
    if not parts:
        return "{}"
    return escape_surrogates_in_json("{\n    " + ",\n    ".join(parts) + "\n  }")


def _stream_json(results: Iterable[dict[str, Any]], out: TextIO) -> None:
    """One JSON list of every figure, written report by report; nothing when no report could be read."""
    first = True
    read = False
    for result in results:
        read = True
        for row in result["figures"]:
            text = _row_json(row)
            out.write(("[\n  " if first else ",\n  ") + text)
            first = False
        out.flush()
    if not first:
        out.write("\n]\n")
    elif read:
        out.write("[]\n")
    out.flush()


def _labelled(rows: list[dict[str, Any]]) -> list[Any]:
    """Figures for a spreadsheet or a page: the section as the report labels it ("三、(一)"), not its id."""
    return [figure_of({**r, "section": r.get("section_label") or r["section"]}) for r in rows]


def _csv_chunk(rows: list[dict[str, Any]], *, excel: bool) -> str:
    from core.export import figures_csv

    return figures_csv(_labelled(rows), excel=excel)


def _md_chunk(rows: list[dict[str, Any]]) -> str:
    from core.export import figures_markdown

    return figures_markdown(_labelled(rows))


def _stream_text(results: Iterable[dict[str, Any]], out: TextIO, render: Any, *, header_lines: int) -> None:
    """One rendering per report; the header (and any byte-order mark) only before the first one.

    The exporters write a whole document (header included) for a list of figures; later reports keep
    only their rows, so the output is one document whatever the number of reports.
    """
    first = True
    for result in results:
        if not result["figures"] and not first:
            continue
        text = render(result["figures"])
        if not first:
            text = text.split("\n", header_lines)[header_lines] if text.count("\n") > header_lines else ""
        out.write(text)
        out.flush()
        first = False


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.10g}"


def base_text(row: dict[str, Any]) -> str:
    """The value in base units as read in a table: ``10,000,000元``, ``5–6%``."""
    text = _number(row["base_value"])
    if row.get("base_value_high") is not None:
        text += "–" + _number(row["base_value_high"])
    return text + (row.get("base_unit") or "")


def _kind(row: dict[str, Any]) -> str:
    if row["kind"] == "change":
        return {1: "+change", -1: "−change"}.get(row.get("direction") or 0, "change")
    return str(row["kind"])


PERIOD_STYLE = {"result": "green", "target": "magenta", "unknown": "dim"}


def _print_rich_figures(args: argparse.Namespace, results: Iterable[dict[str, Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console(args)
    shown = 0
    for result in results:
        if shown:
            out.print()
        shown += 1
        figures = result["figures"]
        heading = Text.assemble(
            (safe(result["name"]), "bold"),
            (f"  ·  {len(figures)} figure{'s' * (len(figures) != 1)}  ·  {safe(result['path'])}", "dim"),
        )
        out.print(heading)
        if not figures:
            continue
        table = Table(show_lines=False, expand=False, pad_edge=False, box=None, header_style="bold")
        table.add_column("section", no_wrap=True, style="cyan")
        table.add_column("indicator", overflow="fold", min_width=8)
        table.add_column("figure", overflow="fold", min_width=8)
        table.add_column("value", justify="right", no_wrap=True)  # never split a number
        table.add_column("qual.", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("period", no_wrap=True)
        for row in figures:
            table.add_row(
                Text(safe(row.get("section_label") or row["section"])),
                Text(safe(row["label"])) if row["label"] else Text("—", style="dim"),
                Text(safe(row["text"]), style="bold"),
                Text(base_text(row)),
                Text(safe(row["qualifier"])),
                Text(_kind(row), style="yellow" if row["kind"] == "change" else ""),
                Text(
                    "—" if row["period"] == "unknown" else row["period"],
                    style=PERIOD_STYLE.get(row["period"], ""),
                ),
            )
        out.print(table)


# --- the indicator table ------------------------------------------------------------------------------------


def _print_table(args: argparse.Namespace, results: Iterable[dict[str, Any]]) -> None:
    from core.figures import build_table

    collected = list(results)
    if not collected:
        return
    names = unique_names([r["name"] for r in collected], [r["path"] for r in collected])
    # cells name their section as the report labels it (三、(一)), as the figure list does
    # a glossary's or annex's figures (附：名词解释) are listed but are no indicator values
    figure_lists = [_labelled([f for f in r["figures"] if not f.get("glossary")]) for r in collected]
    table = build_table(figure_lists, names, min_reports=args.min_reports)
    if args.json:
        print_json(table.to_dict())
    elif args.csv:
        from core.export import table_csv

        data_stream().write(table_csv(table, excel=args.excel, long=args.long))
    elif args.md:
        from core.export import table_markdown

        data_stream().write(table_markdown(table))
    else:
        _print_rich_table(args, table)


def _cell_text(cell: Any) -> Any:
    """A report's figure for an indicator: as written, with a leading qualifier (超过, 力争) in front; a
    report with several values for the cell shows them all, marked ⚠ (the table picks none)."""
    from rich.text import Text

    if cell is None:
        return Text("—", style="dim")
    from core.figures.table import CANDIDATE_SEPARATOR, SEVERAL_MARK, cell_parts, decline_word

    t = Text()
    if cell.ambiguous:
        t.append(SEVERAL_MARK + " ", style="bold yellow")
    for k, candidate in enumerate(cell.candidates):
        if k:
            t.append(CANDIDATE_SEPARATOR, style="dim")
        qualifier, text = cell_parts(candidate)
        if decline_word(candidate):
            t.append(safe(qualifier), style="bold")  # 下降20.7%: the verb is part of the figure
        elif qualifier:
            t.append(safe(qualifier) + " ", style="dim")
        t.append(safe(text), style="bold yellow" if cell.ambiguous else "bold")
    return t


def _print_rich_table(args: argparse.Namespace, table: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from core.figures.table import SEVERAL_MARK, format_change, horizon_text

    out = console(args)
    count = len(table.rows)
    out.print(
        Text(
            f"{count} indicator{'s' * (count != 1)} across {len(table.names)} report"
            f"{'s' * (len(table.names) != 1)}",
            style="dim",
        )
    )
    several = sum(1 for r in table.rows for c in r.cells if c is not None and c.ambiguous)
    if several:
        out.print(
            Text(
                f"{SEVERAL_MARK} {several} cell{'s' * (several != 1)} hold several values of one report: none is "
                "picked (--json or --csv --long give each one's sentence)",
                style="yellow",
            )
        )
    from rich.cells import cell_len

    # Columns need the values whole (they never wrap) and room for the indicator's name; else the
    # indicators are listed one under another with their reports.
    def widest(texts: Any, floor: int) -> int:
        return max([floor, *(cell_len(t) for t in texts)])

    needed = 12 + 7 + 10 + 8 + widest((safe(r.base_unit) for r in table.rows), 4) + 3 * 6
    for i, name in enumerate(table.names):
        needed += widest((_cell_text(r.cells[i]).plain for r in table.rows), cell_len(safe(name))) + 3
    if len(table.names) == 2:
        needed += widest((format_change(r.change) for r in table.rows if r.change is not None), 6) + 3
    wide = needed <= out.width
    if not wide:
        # Too many reports for columns: each indicator with its reports listed under it, names aligned.

        shown = [safe(name) for name in table.names]
        pad = max(map(cell_len, shown), default=0)
        out.print(Text("reports: " + " · ".join(shown), style="dim"))
        for row in table.rows:
            out.print(
                Text.assemble(
                    (safe(row.label), "bold cyan"),
                    (
                        f"  {row.measure} · {horizon_text(row.horizon)} · {row.period} · "
                        f"{safe(row.base_unit) or 'no unit'} · {row.coverage} report{'s' * (row.coverage != 1)}",
                        "dim",
                    ),
                )
            )
            for name, cell in zip(shown, row.cells, strict=True):
                if cell is not None:
                    out.print(Text.assemble("  ", name, " " * (pad - cell_len(name) + 2), _cell_text(cell)))
            if len(table.names) == 2 and row.change is not None:
                out.print(Text.assemble("  ", ("change", "dim"), " " * (pad - 6 + 2), format_change(row.change)))
        return
    grid = Table(show_lines=False, expand=False, pad_edge=False, header_style="bold")
    grid.add_column("indicator", style="cyan", overflow="fold", min_width=8)
    grid.add_column("measure", no_wrap=True)
    grid.add_column("horizon", no_wrap=True)  # a year's figure and a five-year average are separate rows
    grid.add_column("period", no_wrap=True)  # a result and a target of one indicator are separate rows
    grid.add_column("unit", no_wrap=True)
    for name in table.names:
        grid.add_column(Text(safe(name)), no_wrap=True)  # a value is never split over two lines
    if len(table.names) == 2:
        grid.add_column("change", justify="right", no_wrap=True)
    for row in table.rows:
        period = row.period if row.period in ("result", "target") else "—"
        cells = [
            Text(safe(row.label)), Text(row.measure), Text(horizon_text(row.horizon)), Text(period),
            Text(safe(row.base_unit)),
        ]  # fmt: skip
        cells.extend(_cell_text(cell) for cell in row.cells)
        if len(table.names) == 2:
            cells.append(
                Text(format_change(row.change)) if row.change is not None else Text("—", style="dim")
            )
        grid.add_row(*cells)
    out.print(grid)
