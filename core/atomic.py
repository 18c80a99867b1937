"""Write output files safely: atomically, never over an existing file unless asked, never over an input,
never over something that is not a regular file, never through a symbolic link.

A reader never sees half a file: the data goes to a temporary file beside the target, which then takes the
target's name. Without ``overwrite`` that last step is a hard link, which fails if the name exists, so of
two programs writing one new file at once exactly one succeeds (a check before a rename would let both
"succeed", the second silently replacing the first). The temporary file is removed whatever stops the
write: an error, ^C, or SIGTERM turned into an exception by the command line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError


class ExportError(ReportError):
    """An output file could not (or must not) be written; one line for the user."""


@dataclass(frozen=True)
class Target:
    """What stands at an output path: ``problem`` (one line) when it must not be written whatever the
    user says; ``exists`` when a regular file is there (writing it needs ``overwrite``)."""

    path: Path
    problem: str | None = None
    exists: bool = False


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _os_problem(exc: OSError, what: str) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if isinstance(exc, PermissionError):
        return f"permission denied ({what})"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is not a directory"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return f"cannot use this path ({(exc.strerror or str(exc)).lower()})"


def _same_as_input(info: os.stat_result, inputs: Iterable[str | os.PathLike[str]]) -> bool:
    for source in inputs:
        if os.fspath(source) == "-":
            continue
        try:
            other = os.stat(source)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return True
    return False


def inspect_target(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> Target:
    """What writing ``path`` would do, without raising: refused (``problem``), a replacement (``exists``)
    or a new file. The export dialog asks this before offering to overwrite; :func:`write_atomic` too."""
    name = os.fspath(path)
    target = Path(name)
    if not name.strip():
        return Target(target, "no file name given")
    if "\x00" in name:
        return Target(target, "invalid file name (it holds a NUL character)")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return Target(target, _os_problem(exc, "cannot look into its directory"))
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            try:
                points_to = os.readlink(target)
            except OSError:
                points_to = "?"
            return Target(
                target,
                f"is a symbolic link (to {points_to}); refusing to write through it: name the file itself",
            )
        if stat.S_ISDIR(info.st_mode):
            return Target(target, "is a directory")
        for test, kind in _KINDS:
            if test(info.st_mode):
                return Target(target, f"is {kind}, not a regular file; refusing to replace it")
        if not stat.S_ISREG(info.st_mode):
            return Target(target, "is not a regular file; refusing to replace it")
        if _same_as_input(info, inputs):
            return Target(target, "refusing to overwrite an input report")
        return Target(target, exists=True)
    parent = target.parent
    try:
        if not stat.S_ISDIR(os.stat(parent).st_mode):
            return Target(target, f"not a directory: {parent}")
    except FileNotFoundError:
        return Target(target, f"no such directory: {parent}")
    except OSError as exc:
        return Target(target, _os_problem(exc, f"cannot look into {parent}"))
    return Target(target)


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``data`` to ``path`` through a temporary file, so a reader never sees half a file.

    Refuses (ExportError, one line) to replace an existing file unless ``overwrite``, and always refuses to
    replace one of the ``inputs`` (the reports being compared), a directory, a device, a FIFO or a socket,
    or to write through a symbolic link, whatever ``overwrite`` says.
    """
    inputs = list(inputs)
    target = inspect_target(path, inputs)
    if target.problem is not None:
        shown = os.fspath(path)
        raise ExportError(f"{shown if shown.strip() else repr(shown)}: {target.problem}")
    if target.exists and not overwrite:
        raise ExportError(f"{target.path}: file exists (use --force to overwrite)")
    parent = target.path.parent
    try:
        # A short prefix: the target's name may be near the longest a directory allows.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.path.name[:32]}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise ExportError(f"{target.path}: cannot write here ({exc.strerror or exc})") from None
    try:
        # mkstemp makes the file private (0600); an export is an ordinary file: the user's umask decides.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists:
            _replace(tmp, target, inputs)
        else:
            _create(tmp, target.path, data)
        _sync_directory(parent)
    except OSError as exc:
        raise ExportError(f"{target.path}: cannot write ({exc.strerror or exc})") from None
    finally:  # an error, ^C or SIGTERM: no hidden temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return target.path


def _replace(tmp: str, target: Target, inputs: list[str | os.PathLike[str]]) -> None:
    """Replace the regular file found at the target, checking again just before (it may have changed)."""
    again = inspect_target(target.path, inputs)
    if again.problem is not None:
        raise ExportError(f"{target.path}: {again.problem}")
    os.replace(tmp, target.path)


def _create(tmp: str, target: Path, data: bytes) -> None:
    """Give the finished temporary file the target's name only if that name is still free (a hard link
    fails on an existing name). Where the file system has no hard links, an exclusive create keeps the
    guarantee, without atomicity."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise ExportError(f"{target}: file exists (another program wrote it just now)") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        raise ExportError(f"{target}: file exists (another program wrote it just now)") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def _sync_directory(directory: Path) -> None:
    """Make the new name durable (best effort: not every system can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
