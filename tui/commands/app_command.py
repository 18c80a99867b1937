"""``reportdiff [FILE_OR_DIR_OR_URL …]``: open the Textual app (with no files: the bundled seed demo; with a
folder: first a picker of its reports, to choose 2–8)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

MAX_REPORTS = 8


def run_from_argv(argv: Sequence[str]) -> int:
    session_file, rest = _session_option(list(argv))
    if isinstance(session_file, int):
        return session_file
    lang, paths = _language_option(rest)
    if isinstance(lang, int):
        return lang
    view = None
    if session_file is not None and session_file.exists():
        from tui.keep import ViewError, read_view

        try:
            view = read_view(session_file)
        except ViewError as exc:
            return _fail(f"{session_file}: {exc}")
        if not paths:  # the session names its files
            paths = [f.path for f in view.files]
        elif len(paths) != len(view.files):
            return _fail(f"{session_file}: the session is of {len(view.files)} files, not {len(paths)}")
    if not paths:
        from seeds import demo_paths

        paths = [str(p) for p in demo_paths()]
    if any(p != "-" and os.path.isdir(p) for p in paths):
        chosen = _pick(paths, lang)
        if isinstance(chosen, int):
            return chosen
        paths = chosen
    problem = _refusal(paths)
    if problem:
        from tui.safety import sanitize  # the message names a file: its escapes must not act

        print(f"reportdiff: {sanitize(problem, one_line=True)}", file=sys.stderr)
        return 2
    # Reading and aligning start now, in a forked process (a thread where forking is not possible),
    # while the session and Textual are imported.
    from tui.loader import fork_loader

    loader = fork_loader(paths)
    from tui.session import Session

    session = Session(paths)
    if loader is not None:
        session.use_loader(loader)
    else:
        session.start_loading()
    from tui.app import ReportDiffApp

    app = ReportDiffApp(paths, session=session, lang=lang, session_file=session_file, view=view)
    app.run()
    if app.keeping.save_error:
        _fail(app.keeping.save_error)
    while app.reopen:  # counterparts from the corpus index (r), opened side by side
        paths = app.reopen
        app = ReportDiffApp(paths, lang=lang)
        app.run()
    return int(app.status_code or 0)


def _fail(message: str) -> int:
    from tui.safety import sanitize  # the message names a file: its escapes must not act

    print(f"reportdiff: {sanitize(message, one_line=True)}", file=sys.stderr)
    return 2


def _session_option(argv: list[str]) -> tuple[Path | int | None, list[str]]:
    """``--session FILE`` (or ``--session=FILE``) taken out of the command line: the file to read the view
    from (when it exists) and to save it to on quit (tui/keep.py)."""
    rest: list[str] = []
    found: Path | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--session" or arg.startswith("--session="):
            value = arg.partition("=")[2] if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else "")
            i += 1 if "=" in arg else 2
            if not value or os.path.isdir(value):
                return _fail("--session takes a file (the session is read from it and saved to it)"), []
            found = Path(value)
            continue
        rest.append(arg)
        i += 1
    return found, rest


def _language_option(argv: list[str]) -> tuple[str | int | None, list[str]]:
    """``--lang zh|en`` (or ``--lang=zh``) taken out of the app's command line: (language or None for the
    locale's, the rest); (2, []) after a one-line message when the value is missing or unknown. ``--``
    ends the options (a file named --lang)."""
    rest: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i + 1 :]
            break
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else "")
            i += 1 if "=" in arg else 2
            if value not in ("zh", "en"):
                print(f"reportdiff: --lang takes zh or en (got {value!r})", file=sys.stderr)
                return 2, []
            lang = value
            continue
        rest.append(arg)
        i += 1
    return lang, rest


def _pick(paths: list[str], lang: str | None = None) -> list[str] | int:
    """A folder on the command line: its reports (and the files named with it) in the picker; the
    chosen paths, or an exit status."""
    from core.batch import expand_paths

    files, warnings = expand_paths(paths)
    for warning in warnings:
        print(f"reportdiff: {warning}", file=sys.stderr)
    if not files:
        return 2
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        print("reportdiff: the app needs a terminal; for a folder's outlines or alignment use "
              "`reportdiff outline DIR` or `reportdiff align DIR`", file=sys.stderr)
        return 2
    from tui.screens.folder_picker import FolderPickerApp

    folder = next(p for p in paths if p != "-" and os.path.isdir(p))
    picker = FolderPickerApp(folder, files, lang)
    picker.run()
    return picker.return_value or 0


def _refusal(paths: list[str]) -> str | None:
    """Why the app should not open (one line), or None. Files that merely fail to read are shown in the
    app; a command line where nothing is a file is a mistake (a mistyped subcommand, a wrong folder)."""
    from tui.commands import NAMES as SUBCOMMANDS  # not from tui.cli, which imports this module

    if len(paths) > MAX_REPORTS:
        return f"the app shows at most {MAX_REPORTS} reports side by side (got {len(paths)})"
    if "-" in paths:
        return "the app reads keys from the terminal, so not a report from standard input: save it to a file"
    from core.read.sniff import is_url

    if not any(os.path.exists(p) or is_url(p) for p in paths):
        first = paths[0]
        return (
            f"{first}: no such file (subcommands: {', '.join(SUBCOMMANDS)}; see reportdiff --help)"
        )
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return "the app needs a terminal; for output to a pipe or file use a subcommand (see reportdiff --help)"
    return None
