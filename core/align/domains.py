"""The policy domain of a section: which of the subjects reports are organized by it is about.

Two reports often write the same subject in other words: 持续抓好水生态治理 ↔ 凝心聚力护碧水, 园区建设 ↔
产业强县. Character bigrams miss that; the words listed for each domain in ``domains.toml`` (reviewed data,
not code) catch it: a section's profile counts them in its title and body, and two profiles are compared by
cosine, with domains that every section touches weighted down.

``python -m core.align.domains --audit FILE_OR_DIR…`` lists how often each word is found and in what share
of sections, for reviewing the word lists against real reports.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .vectors import bigram_keys

#: A word in a section's title says more about its subject than the same word in its body.
TITLE_WEIGHT = 4.0


class Lexicon(NamedTuple):
    names: tuple[str, ...]
    domain_of: dict[str, int]  #: word → domain index; -1 for the skip list
    by_start: dict[str, tuple[str, ...]]  #: Han words by their first two characters, longest first
    first_keys: npt.NDArray[np.int64]  #: those first two characters as bigram keys, sorted
    other: re.Pattern[str] | None  #: the words that do not start with two Han characters (PM2.5, 5G)


@cache
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files(__package__).joinpath("domains.toml").read_text(encoding="utf-8"))
    names: list[str] = []
    domain_of: dict[str, int] = {}
    for i, d in enumerate(data["domain"]):
        names.append(d["name"])
        for w in d["words"]:
            domain_of.setdefault(w, i)
    for w in data.get("skip", {}).get("words", []):
        domain_of[w] = -1
    # Longest words first, so that 创新生态 is 科技创新's and not 生态保护's, and a skipped phrase
    # (改革开放) absorbs the shorter word inside it.
    words = sorted(domain_of, key=lambda w: (-len(w), w))
    by_start: dict[str, list[str]] = {}
    others = []
    for w in words:
        if len(bigram_keys(w[:2])) == 1 and bigram_keys(w[:2])[0] >= 0:
            by_start.setdefault(w[:2], []).append(w)
        else:
            others.append(w)
    keys = np.array(sorted(int(bigram_keys(k)[0]) for k in by_start), np.int64)
    return Lexicon(tuple(names), domain_of,
                   {k: tuple(v) for k, v in by_start.items()}, keys,
                   re.compile("|".join(map(re.escape, others))) if others else None)


def counts(text: str) -> npt.NDArray[np.float32]:
    """How many times each domain's words occur in ``text`` (normalized text)."""
    return counts_in(matches(text), 0, len(text))


class Matches(NamedTuple):
    """Where a text's domain words start, and their domains (skipped phrases left out)."""

    at: npt.NDArray[np.int64]
    domain: npt.NDArray[np.int64]


def words_in(text: str, keys: npt.NDArray[np.int64] | None = None) -> list[tuple[int, str]]:
    """The listed words of ``text`` (skipped phrases too), leftmost and longest first, not overlapping,
    found from the text's bigram ``keys``: only positions whose bigram starts a word are tried."""
    lex = lexicon()
    found: list[tuple[int, str]] = []
    for pos in _starts(text, keys, lex.first_keys):
        for w in lex.by_start[text[pos : pos + 2]]:
            if text.startswith(w, pos):
                found.append((pos, w))
                break
    if lex.other is not None:
        found += [(m.start(), m.group()) for m in lex.other.finditer(text)]
    found.sort()
    out = []
    end = 0
    for pos, w in found:
        if pos >= end:  # else inside an earlier, longer match
            out.append((pos, w))
            end = pos + len(w)
    return out


#: Positions looked up at once (_starts): np.isin on a whole 20 MB report held ~250 MB of sort arrays.
START_CHUNK = 1 << 20


def _starts(text: str, keys: npt.NDArray[np.int64] | None, first: npt.NDArray[np.int64]) -> list[int]:
    """The positions whose bigram key is in ``first`` (sorted), a chunk of positions at a time; without
    ``keys``, each chunk's keys are made from ``text`` (a whole report's are 55 MB at 20 MB)."""
    out: list[int] = []
    if not len(first):
        return out
    for s in range(0, max(0, len(text) - 1) if keys is None else len(keys), START_CHUNK):
        part = bigram_keys(text[s : s + START_CHUNK + 1]) if keys is None else keys[s : s + START_CHUNK]
        at = np.searchsorted(first, part)
        np.minimum(at, len(first) - 1, out=at)
        out.extend((np.flatnonzero(first[at] == part) + s).tolist())
    return out


def matches(text: str, keys: npt.NDArray[np.int64] | None = None) -> Matches:
    """Where the domain words of ``text`` start, and their domains."""
    lex = lexicon()
    found = [(pos, lex.domain_of[w]) for pos, w in words_in(text, keys)]
    at = [pos for pos, d in found if d >= 0]
    dom = [d for _, d in found if d >= 0]
    return Matches(np.array(at, np.int64), np.array(dom, np.int64))


def counts_in(found: Matches, start: int, end: int) -> npt.NDArray[np.float32]:
    """How many domain words of each domain start in ``[start, end)`` of the text ``found`` was read from."""
    lo, hi = np.searchsorted(found.at, [start, end])
    return np.bincount(found.domain[lo:hi], minlength=len(lexicon().names)).astype(np.float32)


def profiles(title_counts: Sequence[npt.NDArray[np.float32]],
             body_counts: Sequence[npt.NDArray[np.float32]]) -> npt.NDArray[np.float32]:
    """Unit-length domain profiles of sections (one row each) from their title and body word counts,
    tf-idf weighted over these sections."""
    n = len(title_counts)
    dims = len(lexicon().names)
    if n == 0:
        return np.zeros((0, dims), np.float32)
    raw = TITLE_WEIGHT * np.stack(title_counts) + np.stack(body_counts)
    df = (raw > 0).sum(axis=0)
    idf = np.log((n + 1) / (df + 0.5)) + 0.5
    tf = np.where(raw > 0, 1 + np.log(np.maximum(raw, 1)), 0.0)
    vec = (tf * idf).astype(np.float32)
    norm = np.linalg.norm(vec, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = np.divide(vec, norm, out=np.zeros_like(vec), where=norm > 0)
    return out


def top_domains(profile: npt.NDArray[np.float32], k: int = 2, floor: float = 0.35) -> list[str]:
    """The names of a profile's strongest domains (for reasons and for reviewing the data)."""
    names = lexicon().names
    order = np.argsort(-profile)[:k]
    return [names[i] for i in order if profile[i] >= floor]


def _audit(paths: Sequence[str]) -> None:
    from collections import Counter

    from ..read import read_source
    from ..report import report_from_source
    from .units import units_of

    lex = lexicon()
    hits: Counter[str] = Counter()
    sections: Counter[str] = Counter()
    total = 0
    for p in paths:
        report = report_from_source(read_source(p))
        norm = report.folded.normalized
        for u in units_of(report, "topics"):
            total += 1
            text = norm[u.norm_start : u.norm_end]
            found = [w for _, w in words_in(text)]
            hits.update(found)
            sections.update(set(found))
    print(f"{total} sections")
    for w, c in sorted(hits.items(), key=lambda x: -sections[x[0]]):
        d = lex.domain_of[w]
        name = lex.names[d] if d >= 0 else "(skip)"
        print(f"{w:<12} {name:<8} {c:>6} hits  in {100 * sections[w] / max(1, total):5.1f}% of sections")


if __name__ == "__main__":
    import sys
    from pathlib import Path

    args = [a for a in sys.argv[1:] if a != "--audit"]
    files = [str(f) for a in args for f in (sorted(Path(a).rglob("*.txt")) if Path(a).is_dir() else [Path(a)])]
    _audit(files)
