"""Subcommands of the command line; each module has NAME, ``register(subparsers)`` and sets ``run``.

Nothing is imported here: a command line imports only the module it runs (each brings its part of the
core: the aligner, the differ, the figure extractor…, ~110 ms for the first four alone), and
``reportdiff A B`` none.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Subcommand names, in the order ``--help`` lists them; module ``NAME_command`` runs each.
NAMES = ("outline", "align", "diff", "figures", "targets", "index", "similar", "phrase", "indicators")


def command(name: str) -> ModuleType:
    """The module of subcommand ``name`` (imported now)."""
    return importlib.import_module(f"{__name__}.{name}_command")


def all_commands() -> list[ModuleType]:
    return [command(name) for name in NAMES]
