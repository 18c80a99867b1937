"""``reportdiff similar INDEX --to FILE --section LABEL``: the counterparts of one section across an index."""

from __future__ import annotations

import argparse
from typing import Any

from core.errors import ReportError

from .common import console, print_json, safe

NAME = "similar"

EXAMPLES = """\
examples:
  reportdiff similar corpus/ --to national-2022.txt --section "(七)"
  reportdiff similar corpus/ --to national-2022.txt --section 扩大高水平对外开放 --gov-level province
  reportdiff similar corpus/ --to county-2024.txt --section "三、(二)" --level topics --top 50 --json

In each other report of the index, the section that corresponds to the one given, best first: scored as
`reportdiff align` scores two reports (title, body and policy-domain similarity; within one government's
years, ordinals and order too), with the whole index's word statistics. --section takes a label ((七), 七),
an outline path (三、(七)) or words of the title. FILE need not be in the index.

JSON: {"query": {...}, "compared": N, "counterparts": [{"name", "region", "year", "section_path", "label",
"title", "score", "title_similarity", "body_similarity", "domain_similarity", "reasons", "domains",
"shared_phrases", "start", "end", "path"}]}.
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="the counterparts of a section in every report of an index",
        description="Rank, in each other report of the index, the section that corresponds to the one given.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("index", metavar="INDEX", help="the index (a corpus folder with .reportdiff/, or the index itself)")
    p.add_argument("--to", required=True, metavar="FILE", help="the report holding the section (indexed or not)")
    p.add_argument("--section", required=True, metavar="LABEL", help="its label, outline path or title words")
    p.add_argument("--level", choices=("chapters", "topics"), default=None,
                   help="compare chapters or topics (default: where the section is found, chapters first)")
    add_filters(p)
    p.add_argument("--top", type=int, default=20, metavar="N", help="show the best N (default 20; 0: all)")
    p.add_argument("--no-phrases", action="store_true", help="leave out the shared phrases (faster)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def add_filters(p: argparse.ArgumentParser) -> None:
    """The report filters every corpus query takes."""
    p.add_argument("--region", action="append", metavar="NAME", help="only these regions (repeatable; part of the name)")
    p.add_argument("--gov-level", choices=("national", "province", "city", "county"), action="append",
                   help="only governments of this level (repeatable)")
    p.add_argument("--year", metavar="Y[-Y]", help="only these years: 2024, or 2003-2026")


def selected_reports(store: Any, args: argparse.Namespace) -> list[int] | None:
    """The report ids the filters leave (None: no filter given)."""
    from core.corpus.query import select_reports

    if not (args.region or args.gov_level or args.year):
        return None
    return select_reports(store, regions=args.region, levels=args.gov_level, years=parse_years(args.year))


def parse_years(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    lo, _, hi = text.partition("-")
    try:
        a, b = int(lo), int(hi or lo)
    except ValueError:
        raise ReportError(f"--year {text!r}: give a year (2024) or a range (2003-2026)") from None
    return (min(a, b), max(a, b))


def run(args: argparse.Namespace) -> int:
    from core.corpus.similar import similar
    from core.corpus.store import open_store

    if args.top < 0:
        raise ReportError("--top must be 0 or more")
    store = open_store(args.index)
    reports = selected_reports(store, args)
    levels = [args.level] if args.level else ["chapters", "topics"]
    result = None
    for i, level in enumerate(levels):
        try:
            result = similar(store, args.to, args.section, level=level, reports=reports, top=args.top or None,
                             phrases=not args.no_phrases)
            break
        except ReportError:
            if i == len(levels) - 1:
                raise
    assert result is not None
    if args.json:
        print_json(result.to_dict())
        return 0
    _print(args, result)
    return 0


def _print(args: argparse.Namespace, result: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console(args)
    q = result.query
    out.print(Text.assemble(
        ("counterparts of ", "dim"), (safe(f"{q.name} {q.outline_path or q.label}{q.title}"), "bold"),
        (f"  ({q.level}; {len(result.counterparts)} shown of {result.compared} reports compared)", "dim")))
    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("report", no_wrap=True, style="cyan")
    table.add_column("section", overflow="fold", min_width=12)
    table.add_column("why", overflow="fold")
    table.add_column("shared phrases", overflow="fold")
    for k, c in enumerate(result.counterparts, 1):
        why = ", ".join(c.reasons) or "—"
        if c.domains:
            why += f" ({'、'.join(c.domains)})"
        table.add_row(str(k), f"{c.score:.2f}", Text(safe(c.name)),
                      Text(safe(f"{c.outline_path or c.label} {c.title}".strip())), Text(safe(why), style="dim"),
                      Text(safe(" · ".join(c.shared[:4]))))
    out.print(table)
