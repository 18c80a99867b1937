"""``reportdiff outline FILE``: the report's outline as a tree or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from core.model import Report, Section

from .common import add_report_args, console, load, print_json, safe

NAME = "outline"

EXAMPLES = """\
examples:
  reportdiff outline report.txt               the tree: labels, titles, sizes
  reportdiff outline report.txt --depth 1     top-level parts only
  reportdiff outline report.txt --json        {"meta": {...}, "sections": [...]} for scripts
  cat report.txt | reportdiff outline -       read standard input
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="print a report's outline (parts, sections, topics)",
        description="Print a report's outline: labels, titles, sizes and damaged spans.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_report_args(p)
    p.add_argument("--json", action="store_true", help="print JSON: meta, sections (with offsets), damage")
    p.add_argument("--depth", type=int, default=0, help="show only this many levels (0 = all)")
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def outline_json(report: Report) -> dict[str, Any]:
    data = report.to_dict()
    return {
        "path": data["path"],
        "name": data["name"],
        "encoding": data["encoding"],
        "format": data["format"],
        "chars": data["chars"],
        "meta": data["meta"],
        "fold_counts": data["fold_counts"],
        "notes": data["notes"],
        "damaged": data["damaged"],
        "sections": data["sections"],
    }


def run(args: argparse.Namespace) -> int:
    (report,) = load([args.file])
    if args.json:
        print_json(outline_json(report))
        return 0
    from rich.cells import cell_len
    from rich.text import Text

    out = console(args)
    meta = report.meta
    head = Text()
    head.append(safe(meta.title or report.name), style="bold")
    facts = [
        f"region {meta.region}" if meta.region else "",
        f"year {meta.year}" if meta.year else "",
        f"meeting {meta.meeting_date}" if meta.meeting_date else "",
        f"speaker {meta.speaker_role or ''} {meta.speaker}".replace("  ", " ") if meta.speaker else "",
        f"{len(report.text):,} chars",
        f"{report.encoding}/{report.format}",
    ]
    # Facts fill lines whole: a line break falls between two of them, never inside one.
    line: list[str] = []
    for fact in (safe(f) for f in facts if f):
        if line and cell_len(" · ".join([*line, fact])) > out.width:
            head.append("\n" + " · ".join(line), style="dim")
            line = []
        line.append(fact)
    head.append("\n" + " · ".join(line), style="dim")
    out.print(head)
    # What reading repaired or noticed comes first: a page holding the report six times changes how
    # the outline below reads.
    for note in report.notes:
        out.print(Text(f"note: {safe(note)}", style="yellow" if note.startswith("the text repeats") else "dim"))
    for section in report.sections:
        _print_section(out, report, section, args.depth)
    if report.damaged:
        out.print(Text(f"\n{len(report.damaged)} damaged spans (encoding damage in the source):", style="yellow"))
        for d in report.damaged[:20]:
            line = report.text.count("\n", 0, d.start) + 1
            out.print(Text(f"  line {line}: {safe(d.text)!r} ({d.kind})"))
        if len(report.damaged) > 20:
            out.print(Text(f"  … and {len(report.damaged) - 20} more (see --json)"))
    folded = {k: v for k, v in report.folded.counts.items() if v}
    if folded:
        out.print(Text("folded for comparison: " + ", ".join(f"{k} {v}" for k, v in folded.items()), style="dim"))
    return 0


_KIND_NAMES = {"front": "[front matter]", "preamble": "[preamble]", "closing": "[closing]", "appendix": "[appendix]"}


def _print_section(out: Any, report: Report, section: Section, depth: int) -> None:
    from rich.text import Text

    if depth and section.level > depth:
        return
    line = Text("  " * (section.level - 1))
    if section.kind in _KIND_NAMES:
        line.append(_KIND_NAMES[section.kind], style="dim")
        if section.title:
            line.append(" " + safe(section.title))
    else:
        if section.label:
            line.append(safe(section.label), style="bold cyan")
        elif section.kind == "topic":
            line.append("· ", style="cyan")
        line.append(safe(section.title or "(untitled)"))
    size = section.end - section.start
    damaged = len(report.damaged_in(section.start, section.end))
    extra = f"  {size:,} chars"
    if damaged:
        extra += f", {damaged} damaged"
    line.append(extra, style="dim")
    out.print(line, overflow="fold")
    for child in section.children:
        _print_section(out, report, child, depth)
