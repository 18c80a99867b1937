"""Subcommands of the command line; each module has NAME, ``register(subparsers)`` and sets ``run``."""

from __future__ import annotations

from types import ModuleType

from . import align_command, diff_command, figures_command, outline_command, targets_command

COMMANDS: list[ModuleType] = [outline_command, align_command, diff_command, figures_command, targets_command]
