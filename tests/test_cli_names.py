import subprocess
import sys

from conftest import seed_file

from tui.cli import SUBCOMMANDS
from tui.commands import all_commands

_LOADED = """
import contextlib, io, sys
from tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(" ".join(sorted(sys.modules)))
"""


def test_subcommand_names_match_the_modules():
    assert tuple(c.NAME for c in all_commands()) == SUBCOMMANDS


def test_a_subcommand_imports_only_itself():
    """`reportdiff outline` imports neither the other subcommands nor the aligner, differ or extractor."""
    argv = ["outline", str(seed_file("000")), "--json"]
    out = subprocess.run([sys.executable, "-c", _LOADED, *argv], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "tui.commands.outline_command" in loaded
    unwanted = {"tui.commands.align_command", "tui.commands.diff_command", "tui.commands.figures_command"}
    unwanted |= {"core.align", "core.diff", "core.figures", "concurrent.futures.process"}
    assert not loaded & unwanted
