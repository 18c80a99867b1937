"""Child process for the directory benchmark when ``reportdiff figures`` is not there: every report of DIR
through the core (read, outline, figures) on a ProcessPoolExecutor of WORKERS processes.

    python -m bench.figures_pool DIR [WORKERS]
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _figures(path: str) -> int:
    from core.report import load_report
    from core.report_figures import report_figures

    return len(report_figures(load_report(path)))


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    workers = int(argv[1]) if len(argv) > 1 else 2
    paths = sorted(str(p) for p in folder.iterdir() if p.is_file())
    with ProcessPoolExecutor(workers) as pool:
        total = sum(pool.map(_figures, paths, chunksize=8))
    print(f"{len(paths)} reports, {total} figures", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
