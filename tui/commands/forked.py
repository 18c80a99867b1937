"""A call run in a forked child process while this one goes on, for the command line's short runs.

``reportdiff diff A B`` spends its time, on two national reports, in two waits of about the same length
that a thread cannot overlap, because each holds the GIL: importing numpy and aligning (~80 ms), and
building the word dictionary (~75 ms, one Rust call). A child forked after the reports are read aligns
while the parent builds the dictionary; the child sends its result back pickled through a pipe.

Whatever goes wrong in the child (an exception, a signal, an unpicklable result), the parent computes the
same call itself: the result is the same either way, only the time differs. Forking is used only where it
is safe and pays: Linux (macOS's system frameworks do not survive a fork; Windows has none), a process
without other threads, and inputs small enough that the 0.1 s saved matters and a second copy of the
child's working memory does not (a 20 MB report aligns in the parent, within its memory bound).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

#: Set to 1 to compute in this process only (to compare, or where forking misbehaves).
NO_FORK_ENV = "REPORTDIFF_NO_FORK"

#: Inputs above this many characters are computed in this process: a second process would hold a second
#: copy of what the call allocates, and 0.1 s is nothing next to what such an input takes.
MAX_FORKED_CHARS = 2_000_000


def can_fork(chars: int) -> bool:
    """Whether a call over ``chars`` characters of text may run in a forked child here."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and chars <= MAX_FORKED_CHARS
        and threading.active_count() == 1
        and os.environ.get(NO_FORK_ENV, "").strip() not in ("1", "true", "yes")
    )


class Forked(Generic[T]):
    """``fn()`` started in a forked child when ``fork`` is true; :meth:`result` returns its value (from the
    child, or computed here when the child could not give it)."""

    def __init__(self, fn: Callable[[], T], *, fork: bool) -> None:
        self._fn = fn
        self._pid = 0
        self._read = -1
        if fork:
            self._start()

    def _start(self) -> None:
        try:
            read, write = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read)
                data = pickle.dumps(self._fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                status = 0
            except BaseException:  # any failure: the parent computes it again, and says what is wrong
                pass
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        if self._pid:
            value = self._collect()
            if value is not None:
                return value[0]
        return self._fn()

    def _collect(self) -> tuple[T] | None:
        chunks = []
        try:
            with os.fdopen(self._read, "rb") as pipe:
                while chunk := pipe.read(1 << 16):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            self._read = -1
            status = self._reap()
        if status != 0 or not chunks:
            return None
        try:
            return (pickle.loads(b"".join(chunks)),)
        except Exception:  # a truncated or foreign pickle: computed here instead
            return None

    def _reap(self) -> int | None:
        pid, self._pid = self._pid, 0
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return None
        return os.waitstatus_to_exitcode(status)

    def cancel(self) -> None:
        """Stop the child if it still runs (the command failed or was interrupted before it was needed)."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, 9)
            self._reap()
        if self._read >= 0:
            with contextlib.suppress(OSError):
                os.close(self._read)
            self._read = -1
