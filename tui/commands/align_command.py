"""``reportdiff align A B [C …]``: which sections correspond, as a table or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from core.align import align

from .common import add_report_args, alignment_mode, console, expand, load, print_json, safe

NAME = "align"

EXAMPLES = """\
examples:
  reportdiff align 2022.txt 2023.txt                  chapters of two years side by side
  reportdiff align a.txt b.txt c.txt --level topics   subtopics (lead sentences, 一要…) of three reports
  reportdiff align a.txt b.txt --json                 {"reports": [...], "rows": [{"score", "cells"}]}
  reportdiff align reports/                           every report of a folder, N-way
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="align the sections of two or more reports",
        description="Show which sections of the reports correspond, row by row, with a match score.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_report_args(p, many=True)
    p.add_argument("--level", choices=("chapters", "topics"), default="chapters",
                   help="chapters (numbered sections) or topics (lead sentences, 一要…); default chapters")
    p.add_argument("--series", choices=("auto", "yes", "no"), default="auto",
                   help="align as one series (content first, order as a prior) or by content only; default: told from the data")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    files = expand(args.files)
    if len(files) < 2:
        from core.errors import ReportError

        raise ReportError(f"align needs at least two reports (got {len(files)})")
    reports = load(files)
    series = {"auto": None, "yes": True, "no": False}[args.series]
    al = align(reports, args.level, series=series)
    if args.json:
        print_json(al.to_dict())
        return 0
    from rich.table import Table
    from rich.text import Text

    out = console(args)
    out.print(Text(f"{len(al.rows)} rows at {args.level} level, aligned {alignment_mode(al.series)}", style="dim"))
    for note in al.notes:
        out.print(Text(f"note: {note}", style="dim"))
    table = Table(show_lines=False, expand=False, pad_edge=False)
    table.add_column("score", justify="right", no_wrap=True)
    for r in reports:
        table.add_column(Text(safe(r.name)), overflow="fold", ratio=1)
    moved = any(row.moved() for row in al.rows)
    if moved:  # a section that moved within its series: where it was and where it is
        table.add_column("moved", no_wrap=True, style="yellow")
    for row in al.rows:
        score = Text(f"{row.score:.2f}" if row.score else "—", style="green" if row.score >= 0.5 else "yellow"
                     if row.score else "dim")
        cells = []
        for c in row.cells:
            if c is None:
                cells.append(Text("—", style="dim"))
            else:
                t = Text()
                if c.label:
                    t.append(safe(c.label), style="bold cyan")
                t.append(safe(c.title or f"[{c.kind}]"))
                cells.append(t)
        if moved:
            cells.append(Text(safe(row.moved())))
        table.add_row(score, *cells)
    out.print(table)
    return 0
