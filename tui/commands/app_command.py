"""``reportdiff [FILE …]``: open the Textual app (with no files: the bundled seed demo)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_from_argv(argv: Sequence[str]) -> int:
    paths = list(argv)
    if not paths:
        from seeds import demo_paths

        paths = [str(p) for p in demo_paths()]
    if len(paths) > 8:
        print("reportdiff: the app shows at most 8 reports side by side", file=sys.stderr)
        return 2
    # Reading and aligning start now, in a thread, while Textual is imported.
    from tui.session import Session

    session = Session(paths)
    session.start_loading()
    try:
        from tui.app import ReportDiffApp
    except ImportError as exc:  # pragma: no cover - only while the app is being built
        print(f"reportdiff: the app is not available ({exc}); try 'reportdiff --help'", file=sys.stderr)
        return 2
    app = ReportDiffApp(paths, session=session)
    app.run()
    return int(app.status_code or 0)
