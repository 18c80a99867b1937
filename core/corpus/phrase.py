"""Where and since when a phrase is used: occurrences per report, per year and per region, over an index.

Phrases are searched in the folded text (the index keeps it), folded the same way, so 新質生產力 finds
新质生产力 and a full-width ｘ finds x; counts are of non-overlapping occurrences, rates per 10,000 characters
of folded text (a long report says everything more often).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ReportError
from .store import Store

#: Characters shown either side of a phrase's first occurrence.
CONTEXT = 14


@dataclass(frozen=True)
class ReportCount:
    report_id: int
    name: str
    region: str | None
    year: int | None
    gov_level: str | None
    path: str
    chars: int  #: folded characters searched
    counts: tuple[int, ...]  #: one a phrase
    first: tuple[str, ...]  #: each phrase's first occurrence with its context ("" when absent)

    def per_10k(self, i: int) -> float:
        return self.counts[i] * 10_000 / self.chars if self.chars else 0.0

    def to_dict(self, phrases: Sequence[str]) -> dict[str, Any]:
        return {"report_id": self.report_id, "name": self.name, "region": self.region, "year": self.year,
                "gov_level": self.gov_level, "path": self.path, "chars": self.chars,
                "phrases": {p: {"count": self.counts[i], "per_10k": round(self.per_10k(i), 3),
                                "context": self.first[i]} for i, p in enumerate(phrases)}}


@dataclass(frozen=True)
class Group:
    """The reports of one year (or one region) together."""

    key: str
    reports: int
    chars: int
    counts: tuple[int, ...]
    with_phrase: tuple[int, ...]  #: reports using each phrase

    def per_10k(self, i: int) -> float:
        return self.counts[i] * 10_000 / self.chars if self.chars else 0.0


@dataclass(frozen=True)
class PhraseTable:
    phrases: tuple[str, ...]  #: as given
    keys: tuple[str, ...]  #: as searched (folded)
    reports: tuple[ReportCount, ...]  #: by year, then region

    def first_year(self, i: int) -> int | None:
        years = [r.year for r in self.reports if r.counts[i] and r.year is not None]
        return min(years) if years else None

    def first_reports(self, i: int) -> list[str]:
        year = self.first_year(i)
        return [r.name for r in self.reports if r.counts[i] and r.year == year] if year is not None else []

    def groups(self, by: str) -> list[Group]:
        """The reports by ``year`` or ``region`` (unknown ones last, as "?")."""
        if by not in ("year", "region"):
            raise ValueError(by)
        out: dict[str, list[ReportCount]] = {}
        for r in self.reports:
            value = r.year if by == "year" else r.region
            out.setdefault("?" if value is None else str(value), []).append(r)
        keys = sorted(out, key=lambda k: (k == "?", k))
        n = len(self.phrases)
        return [Group(k, len(out[k]), sum(r.chars for r in out[k]),
                      tuple(sum(r.counts[i] for r in out[k]) for i in range(n)),
                      tuple(sum(1 for r in out[k] if r.counts[i]) for i in range(n))) for k in keys]

    def to_dict(self, by: str = "year") -> dict[str, Any]:
        return {
            "phrases": [{"phrase": p, "searched": k, "first_year": self.first_year(i),
                         "first_reports": self.first_reports(i),
                         "reports_using": sum(1 for r in self.reports if r.counts[i]),
                         "occurrences": sum(r.counts[i] for r in self.reports)}
                        for i, (p, k) in enumerate(zip(self.phrases, self.keys, strict=True))],
            "by": by,
            "groups": [{"key": g.key, "reports": g.reports, "chars": g.chars,
                        "phrases": {p: {"count": g.counts[i], "reports_using": g.with_phrase[i],
                                        "per_10k": round(g.per_10k(i), 3)} for i, p in enumerate(self.phrases)}}
                       for g in self.groups(by)],
            "reports": [r.to_dict(self.phrases) for r in self.reports],
        }


def fold_phrase(phrase: str) -> str:
    """The phrase as the folded text writes it (script, width, spaces)."""
    from ..folding import fold

    key = "".join(fold(phrase).normalized.split())
    if not key:
        raise ReportError(f"{phrase!r}: nothing to search for")
    return key


def count(text: str, key: str) -> tuple[int, str]:
    """Non-overlapping occurrences of ``key`` in ``text`` and the first one with its context."""
    at = text.find(key)
    if at < 0:
        return 0, ""
    context = text[max(0, at - CONTEXT) : at + len(key) + CONTEXT].replace("\n", " ")
    return text.count(key), context


def _count_bytes(data: bytes, key: bytes) -> tuple[int, str]:
    """``count`` on UTF-8 bytes (a UTF-8 key matches only at character boundaries): no decoding of the
    reports that do not hold the phrase, which are most of them."""
    at = data.find(key)
    if at < 0:
        return 0, ""
    lo, hi = max(0, at - 3 * CONTEXT), at + len(key) + 3 * CONTEXT
    around = data[lo:hi].decode("utf-8", "ignore")
    text_key = key.decode("utf-8")
    i = around.find(text_key)
    context = around[max(0, i - CONTEXT) : i + len(text_key) + CONTEXT].replace("\n", " ")
    return data.count(key), context


def phrase_table(store: Store, phrases: Sequence[str], reports: Sequence[int] | None = None) -> PhraseTable:
    """Each phrase's occurrences in each report (``reports``: ids to look at, default every one)."""
    import zlib

    if not phrases:
        raise ReportError("give at least one phrase")
    keys = tuple(fold_phrase(p) for p in phrases)
    raw_keys = [k.encode("utf-8", "surrogatepass") for k in keys]
    wanted = None if reports is None else set(reports)
    rows = []
    for rid, name, region, year, level, path, chars, normalized in store.conn.execute(
        "SELECT id, name, region, year, level, path, norm_chars, normalized FROM reports ORDER BY id"
    ):
        if wanted is not None and rid not in wanted:
            continue
        data = zlib.decompress(normalized) if normalized else b""
        found = [_count_bytes(data, k) for k in raw_keys]
        rows.append(ReportCount(rid, name, region, year, level, path, int(chars or 0), tuple(c for c, _ in found),
                                tuple(x for _, x in found)))
    rows.sort(key=lambda r: (r.year is None, r.year or 0, r.region or "", r.name))
    return PhraseTable(tuple(phrases), keys, tuple(rows))
