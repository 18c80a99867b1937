"""Read and align the reports in a forked process while the app imports Textual.

`reportdiff A B` spends ~0.15 s importing Textual before it can draw anything, and reading and aligning two
national reports takes about as long. Forking first, with little more than ``os`` loaded (not even the
session or ``multiprocessing``, ~40 ms of imports), lets both happen at once on two cores (see
:mod:`tui.forking`). The child sends back ``(reports, failures, alignment)``. Where forking is unavailable
or unsafe (no ``os.fork``, other threads running) the caller loads in a thread.
"""

from __future__ import annotations

from .forking import ForkedCall, fork_call

#: What the session holds while the child loads (ready, receive, close).
ForkedLoader = ForkedCall


def fork_loader(paths: list[str]) -> ForkedLoader | None:
    """Start loading ``paths`` in a forked child; None when forking is not possible here."""

    def load() -> object:
        from tui.session import load_and_align  # looked up in the child, where it runs

        return load_and_align(paths)

    loader = fork_call(load)
    if loader is not None:
        import atexit

        atexit.register(loader.close)
    return loader
