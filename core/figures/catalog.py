"""The reviewed catalogue of headline indicators (``indicators.toml`` beside this module): names, synonyms,
scopes, and the words that fix a figure's horizon. Read once; the data file is the place to extend."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("indicators.toml")


@dataclass(frozen=True)
class Indicator:
    """A headline indicator as the catalogue describes it."""

    id: str
    name: str
    names: tuple[str, ...]
    growth_names: tuple[str, ...] = ()
    better: str = "higher"  #: "higher" or "lower": which side of a target is met
    needs_scope: bool = False  #: the bare name is no indicator on its own (增加值 of what?)
    scopes: tuple[str, ...] = ()  #: written scopes that are part of the name (城镇新增就业's 城镇)


@dataclass(frozen=True)
class Catalog:
    indicators: tuple[Indicator, ...]
    #: every name → (indicator, growth only), longest names first for suffix matching
    names: tuple[tuple[str, Indicator, bool], ...]
    #: written scope → scope name ("" for the whole), longest first
    scopes: tuple[tuple[str, str], ...]
    average: tuple[str, ...]
    multi_year: tuple[str, ...]
    plan_suffixes: tuple[str, ...]
    annual: tuple[str, ...]
    cumulative: tuple[str, ...]

    def by_id(self, ident: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == ident), None)


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{DATA_FILE.name}: {key} must be a list of strings")
    return tuple(value)


def parse_catalog(data: dict[str, Any]) -> Catalog:
    """A catalogue from the parsed TOML (``ValueError`` with the file's name on a malformed entry)."""
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for entry in data.get("indicator", []):
        ident = entry.get("id")
        if not isinstance(ident, str) or not ident or ident in seen:
            raise ValueError(f"{DATA_FILE.name}: every indicator needs a unique id (got {ident!r})")
        seen.add(ident)
        better = entry.get("better", "higher")
        if better not in ("higher", "lower"):
            raise ValueError(f"{DATA_FILE.name}: {ident}: better is 'higher' or 'lower'")
        indicators.append(
            Indicator(
                id=ident,
                name=str(entry.get("name", ident)),
                names=_strings(entry, "names"),
                growth_names=_strings(entry, "growth_names"),
                better=better,
                needs_scope=bool(entry.get("needs_scope", False)),
                scopes=_strings(entry, "scopes"),
            )
        )
    names: dict[str, tuple[Indicator, bool]] = {}
    for ind in indicators:
        for name in ind.growth_names:
            names.setdefault(name, (ind, True))
        for name in ind.names:
            names[name] = (ind, False)  # a full name wins over a growth-only one
    scopes: dict[str, str] = {}
    for scope, written in data.get("scope", {}).items():
        for w in written:
            scopes[w] = scope
    horizon = data.get("horizon", {})
    return Catalog(
        indicators=tuple(indicators),
        names=tuple(
            (name, ind, growth) for name, (ind, growth) in sorted(names.items(), key=lambda kv: -len(kv[0]))
        ),
        scopes=tuple(sorted(scopes.items(), key=lambda kv: -len(kv[0]))),
        average=_strings(horizon, "average"),
        multi_year=_strings(horizon, "multi_year"),
        plan_suffixes=_strings(horizon, "plan_suffixes"),
        annual=_strings(horizon, "annual"),
        cumulative=_strings(horizon, "cumulative"),
    )


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalogue of ``indicators.toml`` (read once)."""
    with DATA_FILE.open("rb") as fh:
        return parse_catalog(tomllib.load(fh))
