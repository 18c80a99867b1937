"""Subcommands of the command line; each module has NAME, ``register(subparsers)`` and sets ``run``."""

from __future__ import annotations

from types import ModuleType

from . import (
    align_command,
    diff_command,
    figures_command,
    index_command,
    indicators_command,
    outline_command,
    phrase_command,
    similar_command,
    targets_command,
)

COMMANDS: list[ModuleType] = [outline_command, align_command, diff_command, figures_command, targets_command,
                              index_command, similar_command, phrase_command, indicators_command]
