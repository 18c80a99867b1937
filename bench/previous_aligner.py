"""The aligner as it was before issue 10 (commit 414cab0: one Python loop over every pair, no domains, series
kept in order), rebuilt from git into a temporary package so that a benchmark can time it beside today's in
the same run. None when git or that commit is not at hand (a copy of the project without its history)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from .common import ROOT

COMMIT = "414cab0"


def load() -> Any | None:
    """The old ``align`` function, or None."""
    try:
        align_src = _show("core/align.py")
        words_src = _show("core/words.py")
    except (OSError, subprocess.CalledProcessError):
        return None
    pkg = Path(tempfile.mkdtemp(prefix="rd-prev-align-")) / "prev_align"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "words.py").write_text(words_src, encoding="utf-8")
    align_src = align_src.replace("from .alignment import", "from core.alignment import").replace(
        "from .model import", "from core.model import")
    (pkg / "align.py").write_text(align_src, encoding="utf-8")
    sys.path.insert(0, str(pkg.parent))
    try:
        import importlib

        module: ModuleType = importlib.import_module("prev_align.align")
    finally:
        sys.path.remove(str(pkg.parent))
        shutil.rmtree(pkg.parent, ignore_errors=True)  # imported: the files are not needed any more
    return module.align


def _show(path: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{COMMIT}:{path}"], capture_output=True,
                          text=True, check=True, timeout=30).stdout
