"""Figures of many reports at once: expand directories, extract on all cores, results in input order.

Pure (no Rich, no Textual). Workers load jieba once (the pool initializer) and send back plain dicts, so
nothing but built-in types crosses the process boundary. A file that cannot be read is a result with an
``error`` (one line), never an exception: a corpus of a thousand reports goes on past a broken one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from .errors import ReportError

if TYPE_CHECKING:  # loaded when used: `outline DIR` expands folders here without the extractor or a pool
    from concurrent.futures import Future, ProcessPoolExecutor

    from .figures import Figure
from .read.sniff import is_url

#: File name endings taken from a directory (case-insensitive); other files there are left alone.
REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".doc", ".pdf")

#: Names (case-insensitive, any ending) a directory's documentation goes by: not reports, so skipped when a
#: directory is expanded (named on the command line, such a file is read like any other).
NOT_REPORTS = frozenset(
    ("readme", "license", "licence", "changelog", "changes", "contributing", "sources", "notice", "authors")
)

#: Below this many files the work runs in this process: starting workers and loading jieba in each costs
#: more than it saves.
MIN_FILES_FOR_POOL = 3

#: Called as ``progress(done, total)`` after each file.
Progress = Callable[[int, int], None]


def default_jobs() -> int:
    """The number of CPUs this process may use (affinity respected where Python can tell)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return int(count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def expand_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The report files named by ``paths``: files as given, directories as their report files (sorted,
    not recursive; hidden files and READMEs skipped). Returns (files, warnings); a directory without reports warns."""
    files: list[str] = []
    warnings: list[str] = []
    for path in paths:
        if path != "-" and not is_url(path) and os.path.isdir(path):
            found = sorted(
                str(p)
                for p in Path(path).iterdir()
                if p.suffix.lower() in REPORT_SUFFIXES
                and not p.name.startswith(".")
                and p.stem.lower() not in NOT_REPORTS
                and p.is_file()
            )
            if not found:
                warnings.append(f"{path}: no report files ({' '.join(REPORT_SUFFIXES)}) in this directory")
            files.extend(found)
        else:
            files.append(path)
    return files, warnings


def section_labels(report: Any) -> dict[str, str]:
    """Section id → the labels on the way down to it ("三、(六)"), or the id when none is labelled."""
    out: dict[str, str] = {}

    def visit(section: Any, above: str) -> None:
        here = above + section.label
        out[section.id] = here or section.id
        for child in section.children:
            visit(child, here)

    for top in report.sections:
        visit(top, "")
    return out


def file_figures(path: str, *, lazy: bool = False) -> dict[str, Any]:
    """Read one report and extract its figures, as plain data (with ``lazy``, ``figures`` is a
    :class:`FigureRows`, for a caller in this process).

    ``{"path", "name", "chars", "figures": [Figure.to_dict() + "path" + "section_label"], "error"}``;
    on a file that cannot be read, ``figures`` is empty and ``error`` is the one-line message.
    """
    from .report import load_report
    from .report_figures import glossary_spans, part_spans, plan_spans, report_figures

    try:
        report = load_report(path)
        figures = report_figures(report)
    except ReportError as exc:
        return failed(path, str(exc))
    except Exception as exc:
        return failed(path, f"{path}: internal error ({type(exc).__name__}: {exc})")
    rows = FigureRows(path, figures, section_labels(report), glossary_spans(report))
    return {
        "path": path,
        "name": report.name,
        "year": report.meta.year,
        "region": report.meta.region,
        "plan_spans": [list(span) for span in plan_spans(report)],
        "part_spans": [list(span) for span in part_spans(report)],
        "chars": len(report.text),
        "figures": rows if lazy else list(rows),
        "error": None,
    }


class FigureRows(Sequence[dict[str, Any]]):
    """The rows of :func:`file_figures`, each made when it is read: a 20 MB report's ~50,000 figures as
    dicts were 60 MB, held until the last one was written."""

    def __init__(self, path: str, figures: Sequence[Figure], labels: dict[str, str],
                 glossaries: Sequence[tuple[int, int]]) -> None:
        self._path, self._figures, self._labels, self._glossaries = path, figures, labels, glossaries

    def __len__(self) -> int:
        return len(self._figures)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self._row(f) for f in self._figures[i]]
        return self._row(self._figures[i])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._row, self._figures)

    def _row(self, fig: Figure) -> dict[str, Any]:
        row = fig.to_dict()
        row["path"] = self._path
        row["section_label"] = self._labels.get(fig.section, fig.section)
        # a figure of a glossary or annex (附：名词解释): listed, but no value for the indicator table
        row["glossary"] = any(a <= fig.start < b for a, b in self._glossaries)
        return row


def failed(path: str, message: str) -> dict[str, Any]:
    """The result for a file that gave no figures: ``message`` on one line."""
    return {"path": path, "name": "", "chars": 0, "figures": [], "error": " ".join(message.split())}


def figure_of(row: dict[str, Any]) -> Figure:
    """A Figure back from a row of :func:`file_figures` (the extra keys dropped)."""
    from .figures import Figure

    fields = Figure.__dataclass_fields__
    return Figure(**{k: v for k, v in row.items() if k in fields})


def _init_worker() -> None:
    """Load jieba's dictionary once per worker process (a no-op when a forked parent had it).

    ^C reaches the whole process group: the parent alone handles it (it ends the workers and cancels
    what has not started), so workers ignore it instead of printing tracebacks.
    """
    import signal

    from . import tokens

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the command line's SIGTERM handler (which raises to clean up the parent);
    # ended by the parent, a worker just ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    tokens.warm_up()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it ends, however it ends (even by
    SIGKILL): otherwise workers outlive it, blocked on a queue that nobody will fill. Best effort."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent ended before the request was made
        os._exit(1)


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """End the worker processes now (^C, SIGTERM, a consumer gone): the files they are reading are
    not wanted any more, and waiting for a 30 MB report would hold the user for seconds."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        try:
            process.kill()  # a worker holds nothing to clean up; SIGKILL cannot meet a handler half set
        except (OSError, ValueError, AttributeError):
            continue


def run_files(
    files: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Iterator[dict[str, Any]]:
    """:func:`file_figures` for each file, yielded in input order as soon as each and all before it are done.

    With ``jobs`` > 1 (default: every CPU) and enough files, the files are spread over worker processes;
    standard input ("-") is always read here. ``progress(done, total)`` is called after every file.
    """
    total = len(files)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, total)
    if jobs <= 1 or total < MIN_FILES_FOR_POOL or "-" in files:
        for done, path in enumerate(files, 1):
            result = file_figures(path, lazy=True)
            if progress is not None:
                progress(done, total)
            yield result
        return
    yield from _run_pool(files, jobs, progress)


def _run_pool(files: Sequence[str], jobs: int, progress: Progress | None) -> Iterator[dict[str, Any]]:
    total = len(files)
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    try:
        futures: dict[Future[dict[str, Any]], int] = {
            executor.submit(file_figures, path): i for i, path in enumerate(files)
        }
        ready: dict[int, dict[str, Any]] = {}
        pending: set[Future[dict[str, Any]]] = set(futures)
        next_out = 0
        done = 0
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = futures[future]
                try:
                    ready[index] = future.result()
                except Exception as exc:
                    path = files[index]
                    ready[index] = failed(path, f"{path}: worker failed ({type(exc).__name__}: {exc})")
                done += 1
            if progress is not None:
                progress(done, total)
            # results in input order: hand out every one whose predecessors are all out
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
    except BaseException:  # ^C, SIGTERM (raised by the command line), the consumer closing this generator
        _stop_workers(executor)
        raise
    finally:
        # drop what has not started; the workers are done (or were just ended), so this returns at once
        executor.shutdown(wait=True, cancel_futures=True)


def unique_names(names: Sequence[str], paths: Sequence[str]) -> list[str]:
    """Report names fit for table columns: a name shared by several reports gets its file name added."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    out: list[str] = []
    seen: set[str] = set()
    for name, path in zip(names, paths, strict=True):
        candidate = name if counts[name] == 1 else f"{name} ({Path(path).name})"
        base, n = candidate, 2
        while candidate in seen:
            candidate = f"{base} #{n}"
            n += 1
        seen.add(candidate)
        out.append(candidate)
    return out
