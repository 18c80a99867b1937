"""tui modules that import each other (even lazily or for types) are one module in two files: the pairs
issue 14 named stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports(path: Path, package: str) -> set[str]:
    """Every module ``path`` imports anywhere (top level, in functions, under TYPE_CHECKING), absolute."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


@pytest.mark.parametrize(
    "a, b", [("tui/loader.py", "tui/session.py"), ("tui/cli.py", "tui/commands/app_command.py")]
)
def test_no_import_cycle(a, b):
    def module(p: str) -> str:
        return p.removesuffix(".py").replace("/", ".")

    def package(p: str) -> str:
        return module(p).rpartition(".")[0]

    a_imports = imports(ROOT / a, package(a))
    b_imports = imports(ROOT / b, package(b))
    assert not (module(b) in a_imports and module(a) in b_imports), (a, b)
