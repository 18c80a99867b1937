"""A place you keep: the view of a comparison (files, level, pins, cursor, pivot, modes, theme) as a small
JSON file, saved on quit and offered on the next open of the same files.

Where: ``$XDG_STATE_HOME/reportdiff/`` (else ``~/.local/state/reportdiff/``): ``views/<key>.json``, the key
a hash of the files' resolved paths, and ``prefs.json`` (the theme). Each view records the files' SHA-256,
so a file changed since is noticed: what still applies is restored (pins and the cursor's section are
matched by id *and* label, so a section that moved is not mistaken for another). ``--session FILE`` reads
and writes the same format anywhere.

The format (version 1)::

    {"format": "reportdiff-view", "version": 1,
     "files": [{"path": "/abs/a.txt", "sha256": "…"}, …],
     "level": "chapters" | "topics",
     "cursor": {"report": 0, "section": "2.3", "label": "(三)", "row": 12} | null,
     "pivot": null | 1,                      # the report diffs are read against (null: the first present)
     "pins": [{"a": 0, "a_section": "2.3", "a_label": "(三)", "b": 1, "b_section": "2.4", "b_label": "(四)",
               "pair": true}, …],
     "fold": false, "sync": true, "normalized": false, "theme": "dark"}

Reading it is JSON only (nothing is evaluated or imported), at most 1 MB, and every field is checked;
anything wrong is one line (:class:`ViewError`), never a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

FORMAT = "reportdiff-view"
VERSION = 1
MAX_BYTES = 1 << 20  #: a view is a few hundred bytes; a bigger file is not one
MAX_PINS = 10_000
LEVELS = ("chapters", "topics")
MAX_REPORTS = 8


class ViewError(ValueError):
    """A session file that cannot be used, said in one line."""


@dataclass(frozen=True)
class FileStamp:
    path: str
    sha256: str | None  #: None for what is not a local file (a URL)


@dataclass(frozen=True)
class PinRef:
    a: int
    a_section: str
    a_label: str
    b: int
    b_section: str
    b_label: str
    pair: bool = True


@dataclass(frozen=True)
class Cursor:
    report: int
    section: str
    label: str
    row: int = 0


@dataclass(frozen=True)
class View:
    files: tuple[FileStamp, ...]
    level: str = "chapters"
    cursor: Cursor | None = None
    pivot: int | None = None
    pins: tuple[PinRef, ...] = ()
    fold: bool = False
    sync: bool = True
    normalized: bool = False
    theme: str | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        data.update(asdict(self))
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def differs_from_fresh(self) -> bool:
        """Whether restoring this view changes anything a fresh open would show (the cursor aside)."""
        return (self.level != "chapters" or bool(self.pins) or self.pivot is not None or self.fold
                or not self.sync or self.normalized)


# --- where ------------------------------------------------------------------------------------------


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_STATE_HOME") or ""
    # XDG: a relative value is invalid and is ignored.
    root = Path(base) if base and os.path.isabs(base) else Path(env.get("HOME") or Path.home()) / ".local" / "state"
    return root / "reportdiff"


def resolved(path: str) -> str:
    if "://" in path:
        return path
    with contextlib.suppress(OSError, RuntimeError):
        return str(Path(path).resolve())
    return os.path.abspath(path)


def view_key(paths: Sequence[str]) -> str:
    """The name a set of files' view is kept under: their resolved paths, in order."""
    return hashlib.sha256("\0".join(resolved(p) for p in paths).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def view_path(paths: Sequence[str], env: Mapping[str, str] | None = None) -> Path:
    return state_dir(env) / "views" / f"{view_key(paths)}.json"


def stamp(path: str) -> FileStamp:
    """A file's resolved path and the SHA-256 of its bytes (None when it is not a readable local file)."""
    where = resolved(path)
    if "://" in where or not os.path.isfile(where):
        return FileStamp(where, None)
    digest = hashlib.sha256()
    try:
        with open(where, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return FileStamp(where, None)
    return FileStamp(where, digest.hexdigest())


def changed_files(saved: View, now: Sequence[FileStamp]) -> list[str]:
    """The files whose content is not what the view was saved with."""
    return [n.path for s, n in zip(saved.files, now, strict=False) if s.sha256 != n.sha256]


# --- writing and reading ------------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_view(path: Path) -> View:
    """The view in ``path``; :class:`ViewError` (one line) when it cannot be used."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ViewError(f"cannot read the session file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise ViewError(f"not a session file: larger than {MAX_BYTES // 1024} KB")
    return parse_view(raw)


def parse_view(raw: bytes | str) -> View:
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise ViewError(f"not a session file: not JSON ({reason})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ViewError(f'not a session file: no "format": "{FORMAT}"')
    version = data.get("version")
    if version != VERSION:
        raise ViewError(f"session file version {_shown(version)} is not one this reportdiff reads ({VERSION})")
    files = _list(data, "files", 1, MAX_REPORTS)
    stamps = tuple(
        FileStamp(_str(f, "path"), _opt_str(f, "sha256")) for f in (_obj(x, "files[]") for x in files)
    )
    n = len(stamps)
    level = data.get("level", "chapters")
    if level not in LEVELS:
        raise ViewError(f"session file: level must be one of {', '.join(LEVELS)}")
    cursor = None
    if data.get("cursor") is not None:
        c = _obj(data["cursor"], "cursor")
        cursor = Cursor(_index(c, "report", n), _str(c, "section"), _str(c, "label", ""), _int(c, "row", 0))
    pivot = None if data.get("pivot") is None else _index(data, "pivot", n)
    pins = []
    for x in _list(data, "pins", 0, MAX_PINS, default=[]):
        p = _obj(x, "pins[]")
        pins.append(PinRef(_index(p, "a", n), _str(p, "a_section"), _str(p, "a_label", ""), _index(p, "b", n),
                           _str(p, "b_section"), _str(p, "b_label", ""), _bool(p, "pair", True)))
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ViewError("session file: theme must be a name")
    return View(stamps, level, cursor, pivot, tuple(pins), _bool(data, "fold", False), _bool(data, "sync", True),
                _bool(data, "normalized", False), theme)


def load_for(paths: Sequence[str], env: Mapping[str, str] | None = None) -> View | None:
    """The view kept for these files, or None (none kept, or one that cannot be used: a fresh open)."""
    try:
        view = read_view(view_path(paths, env))
    except ViewError:
        return None
    if [f.path for f in view.files] != [resolved(p) for p in paths]:
        return None  # a hash collision of the key, or a file edited by hand: not these files' view
    return view


def save_for(view: View, env: Mapping[str, str] | None = None, path: Path | None = None) -> Path:
    target = path or view_path([f.path for f in view.files], env)
    write_atomic(target, view.to_json())
    return target


def read_prefs(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The remembered preferences (the theme); empty when there are none or they cannot be read."""
    try:
        with open(state_dir(env) / "prefs.json", "rb") as f:
            data = json.loads(f.read(MAX_BYTES), parse_constant=_no_constant)
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and len(v) < 100}


def write_prefs(prefs: Mapping[str, str], env: Mapping[str, str] | None = None) -> None:
    merged = {**read_prefs(env), **prefs}
    write_atomic(state_dir(env) / "prefs.json", json.dumps(merged, ensure_ascii=False) + "\n")


def with_files(view: View, stamps: Sequence[FileStamp]) -> View:
    return replace(view, files=tuple(stamps))


# --- checks ---------------------------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 20 else text[:20] + "…"


def _obj(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ViewError(f"session file: {name} must be an object")
    return value


def _list(data: dict[str, Any], name: str, least: int, most: int, default: list[Any] | None = None) -> list[Any]:
    value = data.get(name, default)
    if not isinstance(value, list) or not least <= len(value) <= most:
        raise ViewError(f"session file: {name} must be a list of {least} to {most} entries")
    return value


def _str(data: dict[str, Any], name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or len(value) > 4096 or "\0" in value:
        raise ViewError(f"session file: {name} must be a string")
    return value


def _opt_str(data: dict[str, Any], name: str) -> str | None:
    return None if data.get(name) is None else _str(data, name)


def _bool(data: dict[str, Any], name: str, default: bool) -> bool:
    value = data.get(name, default)
    if not isinstance(value, bool):
        raise ViewError(f"session file: {name} must be true or false")
    return value


def _int(data: dict[str, Any], name: str, default: int | None = None) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**7:
        raise ViewError(f"session file: {name} must be a whole number")
    return value


def _index(data: dict[str, Any], name: str, n: int) -> int:
    value = _int(data, name)
    if value >= n:
        raise ViewError(f"session file: {name} names report {value + 1} of {n}")
    return value

