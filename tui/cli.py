"""The ``reportdiff`` command line: the app with no subcommand, or one of the subcommands.

Conventions for every subcommand: data on standard output, messages on standard error, ``--json`` for
scripts, ``NO_COLOR`` honoured, and exit status 2 with a one-line message on bad input (never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core import __version__
from core.errors import ReportError

from .commands import NAMES as SUBCOMMANDS

# Subcommand names are known without importing the subcommands: `reportdiff A B` opens the app without
# paying for their imports (the app's first paint is measured from process start), and a subcommand
# imports only itself.

DESCRIPTION = """\
Compare Chinese government work reports (政府工作报告) side by side.

With no subcommand, opens the reports in the terminal app (with no files: the bundled seed demo).
"""

EPILOG = """\
examples:
  reportdiff                                   open the bundled seed demo
  reportdiff 2022.txt 2023.txt                 compare two reports in the app
  reportdiff outline report.txt --json         print a report's outline as JSON
  reportdiff align a.txt b.txt c.txt           which sections correspond
  reportdiff diff a.txt b.txt --section "(三)"  what changed in one aligned section
  reportdiff figures report.txt --csv --excel  every figure, ready for Excel
  reportdiff targets national-20*.txt          each year's targets against the next report's outcomes
  reportdiff index corpus/                     index a corpus once; then, over hundreds of reports:
  reportdiff similar corpus/ --to a.txt --section "(七)"   the counterparts of a section
  reportdiff phrase corpus/ 新质生产力           where and since when a phrase is used
  reportdiff indicators corpus/ --indicator 地区生产总值 --period target   one indicator across the corpus

run 'reportdiff SUBCOMMAND --help' for a subcommand's options and examples.
"""


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (not the whole usage) on a bad command line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: with ``only``, that subcommand's alone (the others are not imported)."""
    parser = ArgumentParser(
        prog="reportdiff",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reportdiff {__version__}")
    from .commands import all_commands, command

    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=ArgumentParser)
    for module in [command(only)] if only else all_commands():
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    names = set(SUBCOMMANDS)
    # No subcommand (only files, or nothing): open the app. argparse cannot mix optional
    # subcommands with positional files, so the choice is made here.
    if not args_list or (args_list[0] not in names and args_list[0] not in ("-h", "--help", "--version")):
        from .commands import app_command

        return app_command.run_from_argv(args_list)
    parser = build_parser(args_list[0] if args_list[0] in names else None)
    args = parser.parse_args(args_list)
    try:
        return int(args.run(args))
    except ReportError as exc:
        print(f"reportdiff: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reportdiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `reportdiff figures … | head`: the reader went away; that is not an error of ours.
        return 0


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
