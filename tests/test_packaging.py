"""What a regular (non-editable) install must contain: every package, the seeds, the stylesheet.

Run from a directory outside the project, so that the imports come from the installed distribution
(in CI: the wheel `.ci/run` installed), not from the working tree.
"""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, pathlib
import core, tui, seeds
for pkg in (core, tui):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(m.name)
import tui.commands.figures_command, tui.widgets.text_view, tui.screens.help
from seeds import demo_paths, seed_paths
assert len(seed_paths()) == 5 and all(p.is_file() for p in demo_paths())
assert (pathlib.Path(tui.__file__).parent / "app.tcss").is_file()
print("ok")
"""


def test_installed_distribution_is_complete(tmp_path):
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_console_script_opens_outline_from_anywhere(tmp_path):
    from seeds import seed_path

    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "outline", str(seed_path("000")), "--json"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr[-2000:]
