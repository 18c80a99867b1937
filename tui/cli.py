"""The ``reportdiff`` command line: the app with no subcommand, or one of the subcommands.

Conventions for every subcommand: data on standard output, messages on standard error, ``--json`` for
scripts, ``NO_COLOR`` honoured, and exit status 2 with a one-line message on bad input (never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
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

With no subcommand, opens the reports in the terminal app (with no files: the bundled seed demo);
its interface is in Chinese when the locale is (LANG=zh_CN…), else English; --lang zh|en chooses.
The app keeps your view of the same files (level, pins, cursor, pivot, modes, theme) in
$XDG_STATE_HOME/reportdiff (else ~/.local/state/reportdiff) and offers it on the next open (U undoes);
--session FILE reads the view from FILE when it exists and saves it there on quit (JSON, see tui/keep.py).
"""

EPILOG = """\
examples:
  reportdiff                                   open the bundled seed demo
  reportdiff 2022.txt 2023.txt                 compare two reports in the app
  reportdiff --lang zh 2022.txt 2023.txt       the app's interface in Chinese
  reportdiff --session view.json a.txt b.txt   save the view to view.json on quit (to share it)
  reportdiff --session view.json               open the files of a saved view, as it was
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
        from tui.safety import sanitize  # the message quotes what was typed: a file name, escapes and all

        self.exit(2, f"{self.prog}: error: {sanitize(message, one_line=True)} (see --help)\n")


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


class Terminated(BaseException):
    """SIGTERM, raised where the program stands so that temporary files and workers are cleaned up."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def _escape_undecodable_names() -> None:
    """Standard output and error write a file name's undecodable bytes as ``\\xff`` (valid UTF-8 whatever
    the locale), not as a raw byte or a UnicodeEncodeError."""
    from core.escapes import ERRORS

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=ERRORS)


def _say(message: str) -> None:
    """One line on standard error, whatever it holds; silent if standard error is gone too."""
    from tui.safety import sanitize

    with contextlib.suppress(OSError, ValueError):
        print(f"reportdiff: {sanitize(message, one_line=True)}", file=sys.stderr, flush=True)


def _output_failed(exc: OSError) -> int:
    """Standard output could not be written (a full disk, a closed pipe): one line and exit 2 (1 would
    mean "different" to scripts running `reportdiff diff`). Standard output then points at /dev/null so
    that Python's flush at exit does not fail a second time."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if exc.errno == errno.EPIPE:
        _say("standard output was closed before the end (broken pipe); the output is incomplete")
    else:
        _say(f"cannot write the output: {exc.strerror or exc}; the output is incomplete")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    names = set(SUBCOMMANDS)
    # No subcommand (only files, or nothing): open the app. argparse cannot mix optional
    # subcommands with positional files, so the choice is made here.
    if not args_list or (args_list[0] not in names and args_list[0] not in ("-h", "--help", "--version")):
        from .commands import app_command

        return app_command.run_from_argv(args_list)
    _escape_undecodable_names()
    parser = build_parser(args_list[0] if args_list[0] in names else None)
    args = parser.parse_args(args_list)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a full disk shows here, while the error can still be told
        return status
    except ReportError as exc:
        _say(str(exc))
        return 2
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Terminated:
        _say("terminated")
        return 143
    except OSError as exc:
        if _is_stdout_error(exc):
            return _output_failed(exc)
        _say(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
        return 2
    except MemoryError:
        _say("not enough memory for these reports")
        return 2
    except Exception as exc:  # a bug of ours: still one line and 2 (a traceback's exit 1 reads as "different")
        if os.environ.get("REPORTDIFF_DEBUG"):
            raise
        _say(f"internal error ({type(exc).__name__}: {exc}); REPORTDIFF_DEBUG=1 shows where")
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _is_stdout_error(exc: OSError) -> bool:
    """Whether ``exc`` is a failed write to standard output (it names no file; the errnos of a write)."""
    return exc.filename is None and exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG)


#: glibc's M_MMAP_THRESHOLD, and what it is set to: blocks of 256 KB and more come from their own mappings.
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 * 1024


def _return_big_blocks() -> None:
    """Have glibc give large blocks back to the system when they are freed. By default its threshold
    rises to the size of the last large block freed (up to 32 MB), after which a report's texts and maps
    are carved from the heap, whose middle is never returned: a 20 MB pair aligned at 436 MB instead of
    367 MB. Elsewhere (other C libraries, no ctypes) nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt = getattr(libc, "mallopt", None)
        if mallopt is not None:
            mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError, ImportError):
        pass


def entry() -> None:
    _return_big_blocks()
    sys.exit(main())


if __name__ == "__main__":
    entry()
