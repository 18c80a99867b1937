"""reportdiff's benchmarks: ``python -m bench`` runs them all and prints one table.

Each benchmark module has ``NAME``, ``TITLE`` and ``run(ctx) -> list[Result]``; every row shows our
figure, the baseline measured in the same run, the ratio and the goal set by the issue that asked for it.
Real reports are read at run time from ``../shared/corpus`` (or ``$REPORTDIFF_CORPUS``); parts that need
them say so and are skipped when the corpus is absent.
"""

from __future__ import annotations

#: Benchmark modules in the order they run (``--only`` takes these names).
BENCHMARKS = ("outline", "pdf", "align", "nway", "figures", "process", "tui", "cli_memory", "corpus", "limits")
