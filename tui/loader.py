"""Read and align the reports in a forked process while the app imports Textual.

`reportdiff A B` spends ~0.15 s importing Textual before it can draw anything, and reading and aligning two
national reports takes about as long. Forking first, with little more than ``os`` loaded (not even the
session or ``multiprocessing``, ~40 ms of imports), lets both happen at once on two cores. The child sends
back ``(reports, failures, alignment)`` pickled through a pipe and exits; it never touches the terminal.
Where forking is unavailable or unsafe (no ``os.fork``, other threads running) the caller loads in a thread.
"""

from __future__ import annotations

import contextlib
import os
import sys


class ForkedLoader:
    """The parent's end of a forked loader.

    A thread drains the pipe from the moment of the fork: the answer (0.2 MB a national report) is larger
    than a pipe holds, so without a reader the child would stall at its first write until the app asked.
    """

    def __init__(self, pid: int, fd: int) -> None:
        import threading

        self.pid = pid
        self._fd = fd
        self._data = b""
        self._done = threading.Event()
        threading.Thread(target=self._drain, name="reportdiff-loader-pipe", daemon=True).start()

    def _drain(self) -> None:
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._fd)
            self._reap()
            self._data = b"".join(chunks)
            self._done.set()

    def ready(self) -> bool:
        """Whether the child has finished (receive() will not wait)."""
        return self._done.is_set()

    def receive(self) -> object:
        """The child's answer, waiting for it if need be (then call from a worker thread).

        Raises EOFError when the child ended without an answer (it failed or was killed)."""
        self._done.wait()
        data, self._data = self._data, b""
        if not data:
            raise EOFError("the loader process ended without an answer")
        import pickle

        return pickle.loads(data)

    def close(self) -> None:
        """Stop the child if it still runs (the app quit while loading); the pipe then ends."""
        if self.pid:
            import signal

            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)

    def _reap(self) -> None:
        if self.pid:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def fork_loader(paths: list[str]) -> ForkedLoader | None:
    """Start loading ``paths`` in a forked child; None when forking is not possible here."""
    threading = sys.modules.get("threading")
    if not hasattr(os, "fork") or (threading is not None and threading.active_count() > 1):
        return None  # forking a threaded process can deadlock the child
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
        _run_child(paths, write_fd)
    os.close(write_fd)
    loader = ForkedLoader(pid, read_fd)
    import atexit

    atexit.register(loader.close)
    return loader


def _run_child(paths: list[str], fd: int) -> None:
    """Load, write the pickled answer to ``fd`` and exit, whatever happens (never returns)."""
    code = 1
    try:
        # Nothing of the child's may reach the terminal the app is about to draw on.
        devnull = os.open(os.devnull, os.O_RDWR)
        for std in (0, 1, 2):
            os.dup2(devnull, std)
        import pickle

        from tui.session import load_and_align

        view = memoryview(pickle.dumps(load_and_align(paths), protocol=pickle.HIGHEST_PROTOCOL))
        while view:
            view = view[os.write(fd, view) :]
        code = 0
    except BaseException:  # the parent sees no answer and loads in a thread instead
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
