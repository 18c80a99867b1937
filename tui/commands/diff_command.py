"""``reportdiff diff A B``: the aligned rows of two reports with their differences, like ``diff(1)``.

Exit status as ``diff``: 0 when no aligned row differs, 1 when one does (or a section is on one side
only), 2 on trouble (raised as :class:`core.errors.ReportError`, printed by :mod:`tui.cli`).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from core.alignment import Alignment, Row
from core.diff import SectionDiff, diff_texts
from core.errors import ReportError
from core.model import Report, Section

from .common import alignment_mode, console, load, print_json, safe, use_color

NAME = "diff"

EXAMPLES = """\
examples:
  reportdiff diff 2022.txt 2023.txt                    every aligned chapter with what changed
  reportdiff diff 2022.txt 2023.txt --section "(六)"   one row: A's section (六) and its counterpart
  reportdiff diff a.txt b.txt --changed-only           skip the rows that did not change
  reportdiff diff a.txt b.txt --level topics           subtopics (lead sentences, 一要…) instead
  reportdiff diff a.txt b.txt --html diff.html         one self-contained page to mail to a colleague
  reportdiff diff a.txt b.txt --json                   {"reports", "level", "mode", "rows", "summary"}
  NO_COLOR=1 reportdiff diff a.txt b.txt | less        changes marked [-deleted-] {+inserted+}

exit status: 0 no differences, 1 differences, 2 trouble (unreadable file, unknown section, ...).
"""

#: How the rows are counted in the summary, in the order they are listed.
STATUSES = ("changed", "only_a", "only_b", "same")

#: At most this many labels per report in the "unknown section" message.
MAX_LABELS_LISTED = 12


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="the differences between two reports, aligned section by section",
        description=(
            "Align the sections of two reports and show, row by row, what changed from A to B.\n"
            "Text that is equal once normalized (script, width, pinyin, spaces) is no difference\n"
            "unless --show-folded is given."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", metavar="A", help='the first report ("-" for standard input)')
    # Optional for argparse only, so that `diff DIR` gets the folder hint instead of "required: B".
    p.add_argument("b", metavar="B", nargs="?", help='the second report ("-" for standard input)')
    p.add_argument(
        "--section",
        metavar="LABEL",
        help='only the rows of A\'s section LABEL: a label ("(三)", "三、"), its path ("二、(三)") or words of '
        "its title (B's when A has none)",
    )
    p.add_argument(
        "--level",
        choices=("chapters", "topics"),
        default="chapters",
        help="chapters (numbered sections) or topics (lead sentences, 一要…); default chapters",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--html", metavar="FILE", help="write one self-contained HTML page to FILE")
    p.add_argument("--force", action="store_true", help="with --html: overwrite FILE if it exists")
    p.add_argument(
        "--show-folded",
        action="store_true",
        help="count text written differently but equal once normalized (script, width, pinyin)",
    )
    p.add_argument("--changed-only", action="store_true", help="leave out the rows without differences")
    p.add_argument("--no-color", action="store_true", help="no colours, marks only (also: NO_COLOR=1)")
    p.set_defaults(run=run)


# --- the comparison, independent of the output format -------------------------------------------------


@dataclass(frozen=True)
class RowResult:
    """One aligned row of A and B with its diff (None when a side is missing) and its status."""

    row: Row
    diff: SectionDiff | None
    status: str  #: one of STATUSES
    selected: bool  #: picked by --section (then shown in full, even on one side only)


def row_status(row: Row, diff: SectionDiff | None, *, show_folded: bool) -> str:
    a, b = row.cells[0], row.cells[1]
    if a is None:
        return "only_b"
    if b is None:
        return "only_a"
    assert diff is not None
    if diff.changed or (show_folded and any(op.tag == "folded" for op in diff.ops)):
        return "changed"
    return "same"


def compare(al: Alignment, rows: list[Row], *, show_folded: bool, selected: bool) -> list[RowResult]:
    """Diff every row with a section on both sides (A is the pivot), in alignment order."""
    return list(iter_compare(al, rows, show_folded=show_folded, selected=selected))


def iter_compare(al: Alignment, rows: list[Row], *, show_folded: bool, selected: bool) -> Iterator[RowResult]:
    """:func:`compare` a row at a time."""
    ra, rb = al.reports[0], al.reports[1]
    for row in rows:
        a, b = row.cells[0], row.cells[1]
        if a is None and b is None:
            continue
        diff = None
        if a is not None and b is not None:
            diff = diff_texts(
                ra.folded,
                (a.start, a.end),
                rb.folded,
                (b.start, b.end),
                show_folded=show_folded,
                damaged_a=ra.damaged,
                damaged_b=rb.damaged,
            )
        yield RowResult(row, diff, row_status(row, diff, show_folded=show_folded), selected)


def summary(results: list[RowResult]) -> dict[str, Any]:
    return summary_of([r.status for r in results])


def summary_of(statuses: list[str]) -> dict[str, Any]:
    """The summary of rows with these statuses (see STATUSES)."""
    counts = Counter(statuses)
    data: dict[str, Any] = {"rows": len(statuses)}
    data.update({s: counts.get(s, 0) for s in STATUSES})
    data["differences"] = any(s != "same" for s in statuses)
    return data


def summary_line(s: dict[str, Any]) -> str:
    rows = f"{s['rows']} row{'s' * (s['rows'] != 1)}"
    if not s["differences"]:
        return f"{rows}: no changes"
    return (
        f"{rows}: {s['changed']} changed, {s['only_a']} only in A, {s['only_b']} only in B, {s['same']} same"
    )


# --- --section ------------------------------------------------------------------------------------------


def _same_style(typed: str, label: str) -> bool:
    """Whether a label is written as the user typed it, brackets and width aside ("(三)" vs "（三）")."""

    def plain(x: str) -> str:
        return x.strip().replace("（", "(").replace("）", ")").replace("．", ".")

    return plain(typed) == plain(label)


def _matches(report: Report, label: str) -> list[Section]:
    """The sections meant by ``label``, as `similar --section` reads it: an outline path ("二、(三)"); else
    sections labelled so (when some are written exactly as typed, "(三)" not "三、", only those); else
    sections whose title holds the words ("抓好疫情防控", a topic without a label)."""
    from core.batch import section_labels

    wanted = "".join(label.split())
    paths = section_labels(report)
    by_path = [s for s in report.walk() if s.label and "".join(paths.get(s.id, "").split()) == wanted]
    if by_path:
        return by_path
    found = report.find_label(label)
    exact = [s for s in found if _same_style(label, s.label)]
    if exact or found:
        return exact or found
    return [s for s in report.walk() if len(wanted) >= 2 and wanted in "".join(s.title.split())]


def _contains(outer: Section, inner: Section) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def select_rows(al: Alignment, label: str) -> list[Row]:
    """Rows whose A-side section is labelled ``label`` (or lies in or around such a section); B's if A has
    none. Raises ReportError naming the labels there are, when neither report has one."""
    for side in (0, 1):
        wanted = _matches(al.reports[side], label)
        if not wanted:
            continue
        rows = [
            row
            for row in al.rows
            if (c := row.cells[side]) is not None and any(_contains(s, c) or _contains(c, s) for s in wanted)
        ]
        if rows:
            return rows
    raise ReportError(
        f"no section {safe(label)!r} in A or B (give a label, its path such as 二、(三), or words of its title); "
        f"{_labels_hint(al)}"
    )


def _labels_hint(al: Alignment) -> str:
    parts = []
    for side, name in ((0, "A"), (1, "B")):
        labels: list[str] = []
        for row in al.rows:
            c = row.cells[side]
            if c is not None and c.label and c.label not in labels:
                labels.append(c.label)
        if not labels:
            parts.append(f"{name} has no labelled sections")
            continue
        more = " …" if len(labels) > MAX_LABELS_LISTED else ""
        parts.append(f"{name} has " + " ".join(safe(x) for x in labels[:MAX_LABELS_LISTED]) + more)
    return "; ".join(parts)


# --- run --------------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    import os

    for path in (args.a, args.b):
        if path is not None and path != "-" and os.path.isdir(path):
            raise ReportError(
                f"{safe(path)} is a folder: diff compares two reports; name two files of it, "
                f"or see all of them side by side with `reportdiff align {safe(path)}`"
            )
    if args.b is None:
        raise ReportError("diff compares two reports: give A and B (reportdiff diff A B; see --help)")
    reports = load([args.a, args.b])
    al = _align(reports, args.level)
    rows = list(al.rows)
    if args.section is not None:
        rows = select_rows(al, args.section)
    if args.json:
        totals = print_json_streamed(args, al, rows)
        return 1 if totals["differences"] else 0
    results = compare(al, rows, show_folded=args.show_folded, selected=args.section is not None)
    totals = summary(results)
    status = 1 if totals["differences"] else 0
    shown = [r for r in results if r.status != "same"] if args.changed_only else results
    if args.html is not None:  # --html '' is a mistake to report, not a request for the terminal
        write_html(args, al, shown, totals)
    else:
        print_terminal(args, al, shown, totals)
    return status


#: Reports above this many characters in all are aligned in this process: a child would hold a second copy
#: of what aligning allocates (a 20 MB report stays within its memory bound), and the 0.1 s a fork saves is
#: nothing next to what such inputs take.
MAX_FORKED_CHARS = 2_000_000


def _align(reports: list[Report], level: str) -> Alignment:
    """The alignment of ``reports``, made in a forked child while this process builds the word dictionary
    the diff needs (:mod:`tui.forking`); the same alignment either way."""
    from core import tokens

    from ..forking import fork_call

    def aligned() -> Alignment:
        from core.align import align

        return replace(align(reports, level), reports=())  # the reports stay here: no need to send them

    child = fork_call(aligned) if sum(len(r.text) for r in reports) <= MAX_FORKED_CHARS else None
    try:
        tokens.warm_up()
        result = None
        if child is not None:
            with contextlib.suppress(EOFError):  # the child failed: aligned here instead
                result = child.receive()
        al = result if isinstance(result, Alignment) else aligned()
        return replace(al, reports=tuple(reports))
    finally:
        if child is not None:
            child.close()


def to_json(al: Alignment, results: list[RowResult], totals: dict[str, Any]) -> dict[str, Any]:
    data = al.to_dict()
    return {
        "reports": data["reports"],
        "level": data["level"],
        "mode": data["mode"],
        "rows": [row_json(r) for r in results],
        "summary": totals,
    }


def row_json(r: RowResult) -> dict[str, Any]:
    return {
        **{k: v for k, v in r.row.to_dict().items() if k in ("score", "reasons", "cells")},
        "status": r.status,
        "diff": r.diff.to_dict() if r.diff else None,
    }


class _LazyRows(list):  # type: ignore[type-arg]
    """A list to json's encoder that makes its items as they are written. The pure-Python encoder (the
    one ``indent`` uses) only tests it for truth and iterates it, so nothing else of list is needed."""

    def __init__(self, first: Any, rest: Iterator[Any]) -> None:
        super().__init__()
        self._first, self._rest = first, rest

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[Any]:
        yield self._first
        yield from self._rest


def print_json_streamed(args: argparse.Namespace, al: Alignment, rows: list[Row]) -> dict[str, Any]:
    """``print_json(to_json(...))`` with each row diffed, written and dropped in turn: a 20 MB pair's rows
    and their diffs held at once were hundreds of MB. The summary, written last, is filled as the rows go;
    returns it."""
    statuses: list[str] = []
    totals: dict[str, Any] = {}

    def shown() -> Iterator[dict[str, Any]]:
        for r in iter_compare(al, rows, show_folded=args.show_folded, selected=args.section is not None):
            statuses.append(r.status)
            if not args.changed_only or r.status != "same":
                yield row_json(r)
        totals.update(summary_of(statuses))

    data = to_json(al, [], totals)
    items = shown()
    first = next(items, None)
    if first is None:  # no row shown: the plain empty list, "rows": []
        totals.update(summary_of(statuses))
    else:
        data["rows"] = _LazyRows(first, items)
    print_json(data)
    return totals


def write_html(
    args: argparse.Namespace, al: Alignment, results: list[RowResult], totals: dict[str, Any]
) -> None:
    from core.atomic import write_atomic
    from core.diff_html import render_html
    from core.escapes import ERRORS
    from core.export import diff_rows

    diffs = {id(r.row): r.diff for r in results}
    shown = replace(al, rows=tuple(r.row for r in results))
    ra, rb = al.reports
    title = f"{ra.name} ↔ {rb.name}"
    page = render_html(diff_rows(shown, lambda row: diffs.get(id(row))), title=title, names=(ra.name, rb.name))
    path = write_atomic(args.html, page.encode("utf-8", ERRORS), overwrite=args.force, inputs=[args.a, args.b])
    print(f"wrote {safe(str(path))} ({summary_line(totals)})", file=sys.stderr)


# --- terminal ---------------------------------------------------------------------------------------------


def _cell_text(c: Section) -> Any:
    from rich.text import Text

    t = Text()
    if c.label:
        t.append(safe(c.label), style="bold cyan")
    t.append(safe(c.title or f"[{c.kind}]"), style="bold")
    return t


def _heading(r: RowResult, width: int) -> Any:
    """The row's sections: on one line when it fits, else one line per side."""
    from rich.text import Text

    a, b = r.row.cells[0], r.row.cells[1]
    if a is not None and b is not None:
        one = Text.assemble(_cell_text(a), ("  ↔  ", "dim"), _cell_text(b))
        if one.cell_len <= width:
            return one
        return Text("\n").join(
            [Text.assemble(("A ", "bold"), _cell_text(a)), Text.assemble(("B ", "bold"), _cell_text(b))]
        )
    side, c = ("A", a) if a is not None else ("B", b)
    assert c is not None
    return Text.assemble(
        (f"only in {side}  ", "bold yellow"), _cell_text(c), (f"  · {c.end - c.start} chars", "dim")
    )


def _score_line(r: RowResult) -> Any:
    """Why the row was paired, and for an unchanged row that nothing changed."""
    from rich.text import Text

    line = f"score {r.row.score:.2f}"
    if r.row.reasons:
        line += " · " + ", ".join(r.row.reasons)
    if r.diff is not None and r.status == "same" and not r.selected:
        line = "no differences · " + line
    return Text(line, style="dim")


def print_terminal(
    args: argparse.Namespace, al: Alignment, results: list[RowResult], totals: dict[str, Any]
) -> None:
    from rich.rule import Rule
    from rich.text import Text

    from tui.diff_render import render_diff

    out = console(args)
    no_color = not use_color(args)
    ra, rb = al.reports
    for side, report in (("A", ra), ("B", rb)):
        out.print(Text.assemble((f"{side} ", "bold"), safe(report.name), (f"  {safe(report.path)}", "dim")))
    out.print(Text(f"{len(al.rows)} rows at {args.level} level, aligned {alignment_mode(al.series)}", style="dim"))
    previous: RowResult | None = None
    had_body = False
    for r in results:
        body: Any = None
        if r.diff is not None and (r.status != "same" or r.selected):
            body = render_diff(r.diff, ra.text, rb.text, width=out.width, no_color=no_color)
        elif r.selected:
            source, c = (ra, r.row.cells[0]) if r.row.cells[0] is not None else (rb, r.row.cells[1])
            assert c is not None
            body = Text(safe(source.text[c.start : c.end].rstrip()))
        # A rule around rows with a body; a blank line around paired rows shown by their heading alone;
        # one-sided rows shown by their heading follow each other as a list.
        if previous is None or body is not None or had_body:
            out.print()
            out.print(Rule(style="dim"))
        elif r.diff is not None or previous.diff is not None:
            out.print()
        out.print(_heading(r, out.width))
        if r.diff is not None:
            out.print(_score_line(r))
        if body is not None:
            out.print(body)
        previous, had_body = r, body is not None
    out.print()
    out.print(Text(summary_line(totals), style="bold"))
