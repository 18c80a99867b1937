"""Write output files safely: atomically, never over an existing file unless asked, never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import ReportError


class ExportError(ReportError):
    """An output file could not (or must not) be written; one line for the user."""


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename, so a reader never sees half a file.

    Refuses to replace an existing file unless ``overwrite``, and always refuses to replace one of the
    ``inputs`` (the reports being compared), whatever ``overwrite`` says.
    """
    target = Path(path)
    for source in inputs:
        s = str(source)
        if s == "-":
            continue
        try:
            if target.exists() and os.path.samefile(target, s):
                raise ExportError(f"{target}: refusing to overwrite an input report")
        except OSError:
            continue
    if target.is_dir():
        raise ExportError(f"{target}: is a directory")
    if target.exists() and not overwrite:
        raise ExportError(f"{target}: file exists (use --force to overwrite)")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{target}: no such directory: {parent}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        # mkstemp makes the file private (0600); an export is an ordinary file: the user's umask decides.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return target
