"""``reportdiff targets FILE_OR_DIR…``: one government's yearly targets against the outcomes its next report
states, year by year (the target tracker researchers build by hand)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.batch import expand_paths, figure_of, run_files
from core.errors import ReportError

from .common import console, data_stream, print_json, safe

NAME = "targets"

EXAMPLES = """\
examples:
  reportdiff targets corpus/national-20*.txt          GDP, CPI, jobs, deficit… 2003–2026
  reportdiff targets reports/ --indicator gdp,cpi     only these indicators
  reportdiff targets reports/ --csv --excel > t.csv   a spreadsheet: one line a year and indicator

Reports of several governments are told apart by region and level (from each report's title or
opening); a target is only paired with the next report of the same government. Each report's year is
read from its title or date. The year-Y target is the annual target in the plan part of the report of
Y (not a 年均, 累计 or five-year one, not a review's 预计); its outcome is what the report of Y+1 states
for Y. Verdicts: met; close (a 左右 target missed by at most 0.5 percentage point, or 5% of it);
missed; or why there is none: no target, no plan part (the outline finds none), no outcome stated,
no report, several values (all are shown, none is picked), no comparable outcome (another basis:
可比增长 against 增长; or only another horizon: a five-year 年均 or 累计 outcome for an annual target).
A figure of a narrower scope (农村居民…, a development zone's 开发区…) is never set against the
government's own target.
"""


def indicator_help() -> str:
    """Every id --indicator accepts (the catalogue's, core/figures/indicators.toml), the default set first."""
    import textwrap

    from core.figures.catalog import catalog
    from core.figures.tracker import HEADLINE

    default = list(dict.fromkeys(i for i, _ in HEADLINE))
    others = [ind.id for ind in catalog().indicators if ind.id not in default]
    wrap = lambda text: textwrap.fill(text, 100, subsequent_indent="  ")  # noqa: E731
    return (
        wrap("Indicators (--indicator), by default: " + " ".join(default)) + "\n"
        + wrap("Also accepted: " + " ".join(others)) + "\n"
    )  # fmt: skip


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="one government's yearly targets against the outcomes its next report states",
        description="Pair each year's targets with the outcomes the next year's report states for them.",
        epilog=EXAMPLES + indicator_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="the reports of one government, any order")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON (every pair with both sides' sources)")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--md", action="store_true", help="print a Markdown table")
    p.add_argument("--excel", action="store_true", help="CSV for Excel: byte-order mark, CRLF (implies --csv)")
    p.add_argument(
        "--indicator", metavar="IDS", default="", help="comma-separated indicator ids (default: the headline set)"
    )
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def _indicators(text: str) -> list[tuple[str, str]]:
    from core.figures.catalog import catalog
    from core.figures.tracker import HEADLINE

    if not text:
        return list(HEADLINE)
    measures = dict(HEADLINE)
    out = []
    for ident in (t.strip() for t in text.split(",") if t.strip()):
        if catalog().by_id(ident) is None:
            raise ReportError(f"unknown indicator {ident!r} (see reportdiff targets --help)")
        out.extend((i, m) for i, m in HEADLINE if i == ident)
        if ident not in measures:
            out.extend((ident, m) for m in ("growth", "level", "share"))
    return out


def run(args: argparse.Namespace) -> int:
    if args.excel and (args.json or args.md):
        raise ReportError("--excel is for CSV output; leave out --json/--md")
    if args.excel:
        args.csv = True
    indicators = _indicators(args.indicator)
    files, warnings = expand_paths(args.files)
    for message in warnings:
        print(f"reportdiff: warning: {safe(message)}", file=sys.stderr)
    if not files:
        raise ReportError("no report files to read")
    from core.figures.tracker import TrackedReport, by_government, track

    series: list[TrackedReport] = []
    for result in run_files(files):
        if result["error"]:
            print(f"reportdiff: warning: {safe(result['error'])}", file=sys.stderr)
            continue
        year = result.get("year")
        if year is None:
            print(f"reportdiff: warning: {safe(result['path'])}: no year in its title or date; left out", file=sys.stderr)
            continue
        figures = [figure_of({**r, "section": r.get("section_label") or r["section"]}) for r in result["figures"]]
        spans = tuple((int(a), int(b)) for a, b in result.get("plan_spans", []))
        parts = tuple((int(a), int(b)) for a, b in result.get("part_spans", []))
        series.append(
            TrackedReport(year, result["name"], tuple(figures), spans, result.get("region"), result["path"], parts)
        )
    if not series:
        raise ReportError(f"none of the {len(files)} files could be read with a year")
    groups, notes = by_government(series)
    for message in notes:
        print(f"reportdiff: warning: {safe(message)}", file=sys.stderr)
    # each government's targets only against its own next report (never another county's)
    pairs = []
    for government, members in groups:
        pairs.extend(track(members, indicators, government))
    governments = [
        {"government": g, "years": [r.year for r in members], "reports": [r.name for r in members]}
        for g, members in groups
    ]
    if args.json:
        years = sorted({r.year for _, members in groups for r in members})
        print_json({"years": years, "governments": governments, "pairs": [p.to_dict() for p in pairs]})
    elif args.csv:
        data_stream().write(pairs_csv(pairs, excel=args.excel))
    elif args.md:
        data_stream().write(pairs_markdown(pairs))
    else:
        _print_rich(args, pairs)
    return 0


COLUMNS = (
    "government", "indicator", "name", "measure", "base_unit", "year", "target", "target_value", "target_high",
    "target_qualifier", "outcome", "outcome_value", "verdict", "difference", "target_report",
    "target_section", "target_sentence", "outcome_report", "outcome_section", "outcome_sentence",
)  # fmt: skip


def _record(p: Any) -> list[Any]:
    from core.figures.tracker import pair_text

    t, o = p.target, p.outcome
    single_t = t is not None and not t.ambiguous
    single_o = o is not None and not o.ambiguous
    return [
        p.government, p.indicator, p.name, p.measure, p.base_unit, p.year, pair_text(t),
        t.base_value if single_t else None, t.base_value_high if single_t else None,
        t.qualifier if single_t else "", pair_text(o), o.base_value if single_o else None,
        p.verdict, p.difference, p.target_report or "", t.section if t else "", t.sentence if t else "",
        p.outcome_report or "", o.section if o else "", o.sentence if o else "",
    ]  # fmt: skip


def pairs_csv(pairs: list[Any], *, excel: bool = False) -> str:
    from core.spreadsheet import CsvWriter

    writer = CsvWriter(excel=excel)
    writer.writerow(COLUMNS)
    for p in pairs:
        writer.writerow(_record(p))
    return writer.text()


def pairs_markdown(pairs: list[Any]) -> str:
    from core.figures.tracker import pair_text
    from core.spreadsheet import markdown_cell

    lines = ["| government | indicator | year | target | outcome | verdict |", "|---|---|---|---|---|---|"]
    for p in pairs:
        cells = [p.government, p.name, str(p.year), pair_text(p.target), pair_text(p.outcome), p.verdict]
        lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


_STYLE = {
    "met": "green", "close": "yellow", "missed": "bold red", "several values": "yellow", "no comparable outcome": "yellow"
}


#: Headers of the terminal table, long then short: the short ones (and then no difference column) are
#: used when the long ones would not fit, so that a year or a value is never cut to 20….
_HEADERS = (
    ("year", "target", "outcome (next report)", "verdict", "outcome − target"),
    ("year", "target", "outcome", "verdict", "diff."),
)


def _grid(title: str, cells: list[list[Any]], headers: tuple[str, ...], with_diff: bool) -> Any:
    from rich.table import Table

    grid = Table(title=title, title_justify="left", pad_edge=False)
    for k, header in enumerate(headers if with_diff else headers[:-1]):
        grid.add_column(header, no_wrap=True, justify="right" if k == 4 else "left")
    for row in cells:
        grid.add_row(*(row if with_diff else row[:-1]))
    return grid


def _fitting_grid(out: Any, title: str, cells: list[list[Any]]) -> Any:
    """The table with the longest headers that fit the terminal; at 80 columns the short ones, else without
    the difference column (the verdict stays, and no year or value is ever cut)."""
    from rich.cells import cell_len

    def needed(headers: tuple[str, ...], columns: int) -> int:
        widths = [
            max([cell_len(headers[k]), *(cell_len(str(getattr(row[k], "plain", row[k]))) for row in cells)])
            for k in range(columns)
        ]
        # every column padded by one cell each side but the outer edges (pad_edge=False), and its borders
        return sum(widths) + 2 * columns - 2 + columns + 1

    tries = [(h, True) for h in _HEADERS] + [(_HEADERS[-1], False)]
    for headers, with_diff in tries:
        if needed(headers, 5 if with_diff else 4) <= out.width:
            break
    return _grid(title, cells, headers, with_diff)


def _print_rich(args: argparse.Namespace, pairs: list[Any]) -> None:
    from rich.text import Text

    from core.figures.table import compact
    from core.figures.tracker import pair_text

    out = console(args)
    shown = 0
    several = len({p.government for p in pairs}) > 1
    for name in dict.fromkeys((p.government, p.name, p.measure, p.base_unit) for p in pairs):
        rows = [p for p in pairs if (p.government, p.name, p.measure, p.base_unit) == name]
        title = f"{safe(name[1])} · {name[2]} · {safe(name[3])}"
        if several:
            title = f"{safe(name[0]) or '?'} · " + title
        cells: list[list[Any]] = []
        for p in rows:
            diff = "" if p.difference is None else compact(p.difference, {"%": "个百分点"}.get(p.base_unit, p.base_unit))
            cells.append([
                str(p.year),
                Text(safe(pair_text(p.target))) if p.target else Text("—", style="dim"),
                Text(safe(pair_text(p.outcome))) if p.outcome else Text("—", style="dim"),
                Text(p.verdict, style=_STYLE.get(p.verdict, "dim")),
                Text(("+" if p.difference and p.difference > 0 else "") + diff),
            ])  # fmt: skip
        if shown:
            out.print()
        out.print(_fitting_grid(out, title, cells))
        shown += 1
    if not shown:
        out.print(Text("no targets of these indicators in these reports", style="dim"))
