"""Subcommands of the command line; each module has NAME, ``register(subparsers)`` and sets ``run``."""

from __future__ import annotations

from types import ModuleType

from . import outline_command

COMMANDS: list[ModuleType] = [outline_command]

# Subcommands that other modules add (align, diff, figures) are appended below as they land.
try:  # pragma: no cover - registration only
    from . import align_command, diff_command

    COMMANDS += [align_command, diff_command]
except ImportError:
    pass
try:  # pragma: no cover
    from . import figures_command

    COMMANDS.append(figures_command)
except ImportError:
    pass
