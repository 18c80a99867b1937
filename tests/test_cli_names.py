from tui.cli import SUBCOMMANDS
from tui.commands import COMMANDS


def test_subcommand_names_match_the_modules():
    assert tuple(c.NAME for c in COMMANDS) == SUBCOMMANDS
