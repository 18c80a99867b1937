"""``reportdiff outline FILE_OR_DIR…``: each report's outline as a tree, or JSON (JSON lines for several)."""

from __future__ import annotations

import argparse
from typing import Any

from core.model import Report, Section

from .common import add_report_args, console, data_stream, expand, json_text, load, print_json, safe

NAME = "outline"

EXAMPLES = """\
examples:
  reportdiff outline report.txt               the tree: labels, titles, sizes
  reportdiff outline report.txt --depth 1     top-level parts only
  reportdiff outline report.txt --json        {"meta": {...}, "sections": [...]} for scripts
  reportdiff outline reports/                 one tree a report (.txt .html .docx .doc .pdf)
  reportdiff outline reports/ --json          JSON lines: one report's object a line
  reportdiff outline report.pdf               a PDF's text layer (no OCR), as read
  cat report.txt | reportdiff outline -       read standard input

With several reports, one that cannot be read is a one-line warning on standard error and the others
are printed; the exit status is 2 only when none could be read.
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="print a report's outline (parts, sections, topics)",
        description="Print a report's outline: labels, titles, sizes and damaged spans.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_report_args(p, many=True)
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON: meta, sections (with offsets), damage; one line a report when there are several",
    )
    p.add_argument("--depth", type=int, default=0, help="show only this many levels (0 = all)")
    p.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1)")
    p.set_defaults(run=run)


def outline_json(report: Report) -> dict[str, Any]:
    """The report's outline for scripts. Its ``text`` is the text as read, which every offset (here, in
    ``figures``, ``align`` and ``diff``) points into: after a repair (``repaired``) or for a PDF, Word
    file or HTML page it is not the file's text, so a script needs it to cut ``text[start:end]``."""
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
        "repaired": data["repaired"],
        "damaged": data["damaged"],
        "sections": data["sections"],
        "text": report.text,
    }


def run(args: argparse.Namespace) -> int:
    files = expand(args.files)
    if len(files) == 1 and not any(_is_dir(p) for p in args.files):
        (report,) = load(files)
        if args.json:
            print_json(outline_json(report))
        else:
            _print_report(console(args), args, report)
        return 0
    return _run_many(args, files)


def _is_dir(path: str) -> bool:
    import os

    return path != "-" and os.path.isdir(path)


def _run_many(args: argparse.Namespace, files: list[str]) -> int:
    """Each report in turn, in one process: a tree after a rule, or one JSON object a line."""
    import sys

    from core.errors import ReportError

    if files.count("-") > 1:
        raise ReportError("standard input ('-') can be given only once")
    read = 0
    out = None if args.json else console(args)
    stream = data_stream()
    for i, path in enumerate(files):
        try:
            (report,) = load([path])
        except ReportError as exc:
            print(f"reportdiff: {safe(str(exc), one_line=True)}", file=sys.stderr)
            continue
        read += 1
        if args.json:
            stream.write(json_text(outline_json(report), indent=None) + "\n")
            stream.flush()
            continue
        from rich.text import Text

        if i:
            out.print()
        out.print(Text("── " + safe(report.path), style="bold dim"), soft_wrap=True)  # the whole path, one line
        _print_report(out, args, report)
    if not read:
        raise ReportError(f"none of the {len(files)} reports could be read")
    return 0


def _print_report(out: Any, args: argparse.Namespace, report: Report) -> None:
    from rich.cells import cell_len
    from rich.text import Text

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
