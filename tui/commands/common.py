"""Helpers shared by the subcommands: loading reports, JSON output, colour choice, safe text."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from core.model import Report


def add_report_args(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    if many:
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE_OR_DIR",
            help='report files, folders of them or http(s) addresses ("-" for standard input)',
        )
    else:
        parser.add_argument("file", metavar="FILE", help='a report file ("-" for standard input)')


def expand(paths: Sequence[str]) -> list[str]:
    """Files as given, folders as their report files (sorted; not their subfolders); a folder without
    reports warns on standard error. Raises ReportError when nothing is left."""
    from core.batch import expand_paths
    from core.errors import ReportError

    files, warnings = expand_paths(paths)
    if not files:  # one line: why there is nothing to read
        raise ReportError(warnings[-1] if warnings else "no report files to read")
    for warning in warnings:
        print(f"reportdiff: {safe(warning)}", file=sys.stderr)
    return files


def load(paths: Sequence[str]) -> list[Report]:
    """Load reports; the first unreadable one raises ReadError (the CLI turns it into exit 2)."""
    from core.report import load_report

    if sum(1 for p in paths if p == "-") > 1:
        from core.errors import ReportError

        raise ReportError("standard input ('-') can be given only once")
    return [load_report(p) for p in paths]


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON as written to standard output: UTF-8 as is, a file name's undecodable bytes as ``\\xff``."""
    from core.escapes import escape_surrogates_in_json

    return escape_surrogates_in_json(json.dumps(data, ensure_ascii=False, indent=indent))


#: Characters of JSON gathered before a write (print_json).
JSON_CHUNK_CHARS = 1 << 16


def print_json(data: Any) -> None:
    """``json_text(data)`` and a newline, written as it is encoded: the document of a 20 MB report is
    ~60 MB, which as one string (and its UTF-8 bytes) would double what the command holds."""
    from core.escapes import escape_surrogates_in_json

    out = data_stream()
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    pending: list[str] = []
    size = 0
    for chunk in encoder.iterencode(data):
        pending.append(chunk)
        size += len(chunk)
        if size >= JSON_CHUNK_CHARS:
            out.write(escape_surrogates_in_json("".join(pending)))
            pending, size = [], 0
    out.write(escape_surrogates_in_json("".join(pending)))
    out.write("\n")


def data_stream() -> Any:
    """Standard output for data (JSON, CSV, Markdown): as is into a file or a pipe; sanitized when it is a
    terminal, where a report's escape sequences would act (tui.safety)."""
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return sys.stdout
    from tui.safety import TerminalStream

    return TerminalStream(sys.stdout)


def use_color(args: argparse.Namespace | None = None) -> bool:
    """Colour unless NO_COLOR is set (https://no-color.org), --no-color is given, or output is no terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if args is not None and getattr(args, "no_color", False):
        return False
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def console(args: argparse.Namespace | None = None) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits 1 here, which `reportdiff diff` uses for "different": tui.cli reports it instead.
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    color = use_color(args)
    return _Console(
        file=None if color else _TrimmedLines(sys.stdout),
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


class _TrimmedLines:
    """A text stream that drops the spaces Rich pads lines with (tables, side-by-side columns), so output
    piped into a file or another program has no trailing whitespace. Only for plain (uncoloured) output:
    with colour, style codes follow the padding."""

    def __init__(self, out: Any) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        *lines, self._pending = (self._pending + text).split("\n")
        if lines:
            self._out.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._pending)
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return getattr(self._out, "encoding", "utf-8") or "utf-8"


def safe(text: str, *, one_line: bool = False) -> str:
    """Report text made safe for a terminal: control characters and escape sequences become visible."""
    from tui.safety import sanitize

    return sanitize(text, one_line=one_line)


def alignment_mode(series: bool) -> str:
    """How an alignment was made, in the words diff and align both print: within a series order is only a
    prior (content decides, see core.align.pairing), so neither says "in order"."""
    return ("by content, order as a prior (one government's series)" if series
            else "by content (different governments)")
