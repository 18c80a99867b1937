"""Run a Python module as ``python -m`` would and, at exit, write this process's peak RSS (KiB) to a file.

    python -m bench.peak OUT MODULE [ARGS…]
    python -m bench.peak OUT -c CODE          (e.g. ``-c pass``: a bare interpreter, the baseline)

Why not ``wait4``/``RUSAGE_CHILDREN`` in the parent: on Linux a child's ``ru_maxrss`` starts from the
memory of the process that forked it (the high-water mark of the copied address space survives ``exec``),
so a child of a 150 MB benchmark process reports at least 150 MB. ``VmHWM`` in ``/proc/self/status``
belongs to the address space made by ``exec``, so it is the child's own peak.
"""

from __future__ import annotations

import atexit
import resource
import runpy
import sys
from pathlib import Path


def peak_rss_kib() -> float:
    """This process's own peak resident set (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform == "darwin" else float(r)


def current_rss_kib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float("nan")


def main() -> None:
    out, module, *args = sys.argv[1:]
    atexit.register(lambda: Path(out).write_text(f"{peak_rss_kib()}\n"))
    if module == "-c":
        sys.argv = ["-c", *args[1:]]
        exec(compile(args[0], "<string>", "exec"), {"__name__": "__main__"})
        return
    sys.argv = [module, *args]
    if module.endswith(".py"):  # a script file
        runpy.run_path(module, run_name="__main__")
        return
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
