"""Child process of the corpus benchmark: index FOLDER into INDEX on 2 workers, then print what it did and
the peak memory of this process (the writer) and of its largest worker.

    python -m bench.corpus_child FOLDER INDEX
"""

from __future__ import annotations

import resource
import sys


def main(argv: list[str]) -> int:
    from core.corpus.indexer import run_index
    from core.corpus.store import open_store

    from .peak import peak_rss_kib

    store = open_store(argv[1], create=True)
    stats = run_index(store, [argv[0]], jobs=2)
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"reports={stats.reports} failed={stats.failed} parsed={stats.parsed} parent_kib={peak_rss_kib()} "
          f"child_kib={child}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
