"""The sub-scope a figure's sentence gives it before its indicator: a development zone (开发区, 高新区, 园区…).

开发区营业收入增长65.8%，税收收入增长29%，实际利用外资增长91.6%: the three are the zone's, and the last is
no value of the county's 实际利用外资 (whose target is 5%). A clause led by a zone's name puts its figures,
and those of the clauses after it in the sentence, under the zone until a clause names the government's own
area again (全县…). Words in subscopes.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Figure

SUBSCOPES_FILE = Path(__file__).with_name("subscopes.toml")

#: Clauses of a sentence: parted by ，；： (a 、 joins the items of one clause).
_CLAUSE_RE = re.compile(r"[，,；;：:。！？!?]")
#: A number: Arabic digits, or Chinese numerals before a counter (七条, 四项; not the 一 of 进一步).
_DIGIT_RE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千两]+[个项家条座次场成倍万亿]")


@dataclass(frozen=True)
class _Words:
    zones: tuple[str, ...]
    own_area: tuple[str, ...]
    not_before: tuple[str, ...]
    not_followed_by: tuple[str, ...]
    lead_chars: int


@lru_cache(maxsize=1)
def _words() -> _Words:
    with SUBSCOPES_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return _Words(
        tuple(sorted(data.get("zone_words", []), key=len, reverse=True)),
        tuple(data.get("own_area", [])),
        tuple(sorted(data.get("not_before", []), key=len, reverse=True)),
        tuple(data.get("not_followed_by", [])),
        int(data.get("lead_chars", 10)),
    )


def _zone_lead(clause: str, listed: bool) -> str:
    """The zone word a clause opens with as its subject (in its first characters, before its first number),
    or "". A zone counted or acted on (省级开发区8个, 入驻园区, 打造科技园区1个), or part of a project's
    name (塑料园区一期), names no sub-scope; for the clauses before the figure's (``listed``) the clause must
    hold a figure of its own after the zone."""
    w = _words()
    digit = _DIGIT_RE.search(clause)
    end = digit.start() if digit else len(clause)
    if listed and digit is None:
        return ""
    head = clause[: min(end, w.lead_chars)]
    best = (len(head) + 1, "")
    for zone in w.zones:  # longest first: at one position the longest word wins
        k = head.find(zone)
        if k < 0 or k >= best[0] or any(word in head[:k] for word in w.not_before):
            continue
        after = clause[k + len(zone) :]
        if not after or after.startswith(w.not_followed_by) or _DIGIT_RE.match(after):
            continue  # 产业园115家企业, 园区350万方: the zone is where things are counted, not a subject
        best = (k, zone)
    return best[1]


def sub_scope(fig: Figure) -> str:
    """The zone ``fig`` is a figure of (开发区), from its clause and the clauses before it in its sentence;
    "" when the sentence names none (the government's own area)."""
    if fig.sentence_start < 0 or not fig.sentence:
        return ""
    at = fig.start - fig.sentence_start
    if not 0 <= at <= len(fig.sentence):
        return ""
    before = fig.sentence[:at]
    cut = max(before.rfind(c) for c in "；;。")  # a 分句 after ； starts afresh
    clauses = _CLAUSE_RE.split(before[cut + 1 :])
    own_area = _words().own_area
    for k in range(len(clauses) - 1, -1, -1):
        clause = clauses[k].strip()
        if clause.startswith(own_area):
            return ""
        zone = _zone_lead(clause, listed=k < len(clauses) - 1)
        if zone:
            return zone
    return ""
