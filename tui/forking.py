"""A call run in a forked child process while this one goes on: its value comes back pickled through a pipe.

Two waits of the command line and the app hold the GIL, so a thread cannot overlap them with other work:
importing Textual (~0.15 s) or building the word dictionary (~75 ms, one Rust call), and reading and
aligning reports (numpy's import and the aligner, ~80 ms for two national reports). A child forked with
little loaded does one while the parent does the other, on two cores. The child never touches the terminal
and never runs the parent's exit handlers; whatever goes wrong in it, the parent sees no answer (EOFError)
and computes the same call itself, so only the time differs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

#: Set to 1 to compute everything in this process (to compare timings, or where forking misbehaves).
NO_FORK_ENV = "REPORTDIFF_NO_FORK"


class ForkedCall:
    """The parent's end of a forked call.

    A thread drains the pipe from the moment of the fork: an answer can be larger than a pipe holds (0.2 MB
    for the app's two national reports), and without a reader the child would stall at its first write
    until the parent asked."""

    def __init__(self, pid: int, fd: int) -> None:
        import threading

        self.pid = pid
        self._fd = fd
        self._data = b""
        self._done = threading.Event()
        threading.Thread(target=self._drain, name="reportdiff-fork-pipe", daemon=True).start()

    def _drain(self) -> None:
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._fd)
            ok = self._reap()
            self._data = b"".join(chunks) if ok else b""
            self._done.set()

    def ready(self) -> bool:
        """Whether the child has finished (receive() will not wait)."""
        return self._done.is_set()

    def receive(self) -> object:
        """The child's value, waiting for it if need be.

        Raises EOFError when the child ended without one (it failed, was killed, or sent what does not
        unpickle)."""
        self._done.wait()
        data, self._data = self._data, b""
        if not data:
            raise EOFError("the forked process ended without an answer")
        import gc
        import pickle

        # Unpickling builds the reports and the alignment, long-lived objects none of which can be
        # garbage yet: the collector's passes over them (and later, on every collection while the
        # app runs) only delay the first paint. Frozen, later collections skip them.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return pickle.loads(data)
        except Exception as exc:
            raise EOFError(f"the forked process's answer does not read back: {exc}") from exc
        finally:
            gc.freeze()
            if enabled:
                gc.enable()

    def close(self) -> None:
        """Stop the child if it still runs (the parent no longer needs it); the pipe then ends."""
        if self.pid:
            import signal

            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)

    def _reap(self) -> bool:
        """Wait for the child; whether it exited with status 0."""
        pid, self.pid = self.pid, 0
        if not pid:
            return False
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0


def can_fork() -> bool:
    """Whether forking is possible and safe here: ``os.fork`` exists, no other thread runs (the child
    could inherit a lock held forever) and :data:`NO_FORK_ENV` does not forbid it."""
    threading = sys.modules.get("threading")
    return (
        hasattr(os, "fork")
        and (threading is None or threading.active_count() == 1)
        and os.environ.get(NO_FORK_ENV, "").strip().lower() not in ("1", "true", "yes")
    )


def fork_call(fn: Callable[[], object]) -> ForkedCall | None:
    """Start ``fn()`` in a forked child; None when forking is not possible here (then call it yourself)."""
    if not can_fork():
        return None
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child
        os.close(read_fd)
        _run_child(fn, write_fd)
    os.close(write_fd)
    return ForkedCall(pid, read_fd)


def _run_child(fn: Callable[[], object], fd: int) -> None:
    """Call, write the pickled value to ``fd`` and exit, whatever happens (never returns)."""
    code = 1
    try:
        # Nothing of the child's may reach the terminal or the output the parent writes.
        devnull = os.open(os.devnull, os.O_RDWR)
        for std in (0, 1, 2):
            os.dup2(devnull, std)
        import gc
        import pickle

        # The child lives for one call and exits without freeing anything: the cyclic collector's
        # passes over the reports and alignment it builds are pure cost on the first paint's path.
        gc.disable()
        view = memoryview(pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL))
        while view:
            view = view[os.write(fd, view) :]
        code = 0
    except BaseException:  # the parent sees no answer and computes the call itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
