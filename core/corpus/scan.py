"""Which files of the folders given to ``reportdiff index`` are reports, found without reading any of them.

A folder is walked depth first, names sorted; hidden entries (``.reportdiff`` among them) are skipped. Links
are followed, but a folder reached twice (a link loop, a link to an ancestor) is walked once, and a file
reached under two names is indexed under the first. Files whose name ends like a report (``.txt``, ``.docx``…)
are candidates; a name that ends like one but is no regular file (a FIFO, a broken link, a socket) is a
failure with its reason, never opened (opening a FIFO would wait forever).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..batch import NOT_REPORTS, REPORT_SUFFIXES


@dataclass(frozen=True)
class Found:
    """A candidate report file and what its stat says (compared with the index to skip unchanged files)."""

    path: str
    size: int
    mtime_ns: int
    inode: int


@dataclass
class Scan:
    files: list[Found] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  #: (path, one-line reason)
    other_files: int = 0  #: files that are not reports by their name (images, spreadsheets…)
    repeats: int = 0  #: folders or files reached again through links (loops included), walked once


def shown(path: str) -> str:
    """A path fit for one line of output: undecodable bytes as \\xNN, control characters escaped."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def is_report_name(name: str) -> bool:
    low = name.lower()
    stem, dot, suffix = low.rpartition(".")
    return bool(dot) and f".{suffix}" in REPORT_SUFFIXES and stem not in NOT_REPORTS


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def scan(roots: Sequence[str]) -> Scan:
    """The report files under ``roots`` (folders, or files named directly), in a stable order."""
    out = Scan()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def add_file(path: str, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key in seen_files:
            out.repeats += 1
            return
        seen_files.add(key)
        out.files.append(Found(path, info.st_size, info.st_mtime_ns, info.st_ino))

    def walk(top: str) -> None:
        stack = [top]  # a stack, not recursion: a folder nested thousands deep is still walked
        while stack:
            folder = stack.pop()
            try:
                info = os.stat(folder)
            except OSError as exc:
                out.failures.append((folder, f"cannot open this folder ({(exc.strerror or str(exc)).lower()})"))
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                out.repeats += 1
                continue
            seen_dirs.add(key)
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                out.failures.append((folder, f"cannot list this folder ({(exc.strerror or str(exc)).lower()})"))
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = entry.path
                try:
                    info = entry.stat(follow_symlinks=True)
                except OSError as exc:
                    if is_report_name(entry.name):
                        reason = "a link that leads nowhere" if entry.is_symlink() else "cannot read its details"
                        out.failures.append((path, f"{reason} ({(exc.strerror or str(exc)).lower()})"))
                    continue
                if stat.S_ISDIR(info.st_mode):
                    subfolders.append(path)
                elif not is_report_name(entry.name):
                    out.other_files += 1
                elif stat.S_ISREG(info.st_mode):
                    add_file(path, info)
                else:
                    out.failures.append((path, f"is {_kind(info.st_mode)}, not a report file"))
            stack.extend(reversed(subfolders))

    for root in roots:
        try:
            info = os.stat(root)
        except OSError as exc:
            out.failures.append((root, f"no such file or folder ({(exc.strerror or str(exc)).lower()})"))
            continue
        if stat.S_ISDIR(info.st_mode):
            walk(root)
        elif stat.S_ISREG(info.st_mode):
            add_file(root, info)
        else:
            out.failures.append((root, f"is {_kind(info.st_mode)}, not a report file"))
    return out
