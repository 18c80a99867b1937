"""``python -m bench [--quick] [--only NAME[,NAME]] [--json FILE] [--strict]``: every benchmark, one table.

Exit status: 0 when every benchmark ran (goals missed show as FAIL in the table), 1 with ``--strict`` when
a goal was missed, 2 when a benchmark could not run.
"""

from __future__ import annotations

import argparse
import sys

from . import BENCHMARKS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run reportdiff's benchmarks and print one table: our figure, the baseline measured in "
        "the same run, the ratio and the goal from the issue.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes (the smoke test); goals not meaningful"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"run only these benchmarks (repeat or comma-separate): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--json", metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    names = [n.strip() for chunk in args.only for n in chunk.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (choose from {', '.join(BENCHMARKS)})")
    from .runner import run

    results, status = run(names or None, quick=args.quick, json_path=args.json)
    if status == 0 and args.strict and any(r.status == "FAIL" for r in results):
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
