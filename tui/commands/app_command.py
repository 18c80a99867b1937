"""``reportdiff [FILE …]``: open the Textual app (with no files: the bundled seed demo)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

MAX_REPORTS = 8


def run_from_argv(argv: Sequence[str]) -> int:
    paths = list(argv)
    if not paths:
        from seeds import demo_paths

        paths = [str(p) for p in demo_paths()]
    problem = _refusal(paths)
    if problem:
        print(f"reportdiff: {problem}", file=sys.stderr)
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

    app = ReportDiffApp(paths, session=session)
    app.run()
    while app.reopen:  # counterparts from the corpus index (r), opened side by side
        paths = app.reopen
        app = ReportDiffApp(paths)
        app.run()
    return int(app.status_code or 0)


def _refusal(paths: list[str]) -> str | None:
    """Why the app should not open (one line), or None. Files that merely fail to read are shown in the
    app; a command line where nothing is a file is a mistake (a mistyped subcommand, a wrong folder)."""
    from tui.cli import SUBCOMMANDS

    if len(paths) > MAX_REPORTS:
        return f"the app shows at most {MAX_REPORTS} reports side by side (got {len(paths)})"
    if "-" in paths:
        return "the app reads keys from the terminal, so not a report from standard input: save it to a file"
    if not any(os.path.exists(p) for p in paths):
        first = paths[0]
        return (
            f"{first}: no such file (subcommands: {', '.join(SUBCOMMANDS)}; see reportdiff --help)"
        )
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return "the app needs a terminal; for output to a pipe or file use a subcommand (see reportdiff --help)"
    return None
