"""The extractor's shortcuts give what the plain ways give: its word cutter is jieba's cut, its verb list is
jieba's verbs, its regexes find what the word lists find."""

from __future__ import annotations

import importlib.util
import os
import random
import re

import pytest
from conftest import SEEDS

from core import tokens
from core.figures import extract, indicator

_TRICKY = [
    "",
    " ",
    "\t\n",
    "a b\r\nc",
    "5G网络",
    "PM2.5浓度下降",
    "C919大飞机",
    "COVID-19疫情",
    "x+y#z&w._%-",
    "１２３ＡＢＣ",
    "①②③",
    "“十四五”规划",
    "《政府工作报告》",
    "¥100元",
    "全年新增市场主体2000户以上",
    "国内生产总值比上年增长",
    "城乡居民收入比缩小至",
    "为13所基层医疗卫生服务机构更新设备",
]


def _pieces() -> list[str]:
    """Clauses, their heads and tails, and random windows of the seed reports."""
    rnd = random.Random(7)
    out = list(_TRICKY)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for clause in re.split(r"[，,；;。：:、！？\n]", text):
            if clause:
                out += [clause, clause[: rnd.randint(1, 40)], clause[-rnd.randint(1, 40) :]]
        for _ in range(300):
            i = rnd.randrange(len(text))
            out.append(text[i : i + rnd.randint(1, 60)])
    return out


def test_word_cutter_cuts_as_jieba() -> None:
    cutter = indicator.WordCutter()
    pieces = _pieces()
    assert len(pieces) > 1000
    for piece in pieces:
        assert cutter(piece) == tuple(tokens.reference_cut(piece)), piece


def test_fast_cut_cuts_as_jieba() -> None:
    """The copy of jieba's DP (the cutter where rjieba is not installed) gives jieba's words."""
    fast = indicator._fast_cut()
    assert fast is not None  # jieba has the pieces it mirrors: the speed-up is on
    for piece in _pieces():
        assert fast(piece) == tuple(tokens.reference_cut(piece)), piece


def test_verbs_are_the_dictionary_verbs() -> None:
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin
    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
    expected = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "v":
                expected.add(parts[0])
    assert indicator._jieba_verbs() == expected


def test_verb_lines_edges() -> None:
    assert indicator._verb_lines(b"a 1 v\r\nb 2 n\r\nc 3 v") == {"a", "c"}
    assert indicator._verb_lines(b"x v\ny 3 v\n") == {"y"}  # two fields: not a dictionary line
    assert indicator._verb_lines(b"") == set()


@pytest.mark.parametrize(
    ("words", "pattern"),
    [
        (extract._TARGET_STRONG, extract._TARGET_STRONG_RE),
        (extract._TARGET_WEAK, extract._TARGET_WEAK_RE),
        (extract._RESULT_STRONG + extract._RESULT_WEAK, extract._RESULT_RE),
    ],
)
def test_word_regexes_find_the_words(words: tuple[str, ...], pattern: re.Pattern[str]) -> None:
    for piece in _pieces()[:3000]:
        assert (pattern.search(piece) is not None) == any(w in piece for w in words), piece


def test_candidate_prescan_finds_the_same_matches() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        plain, fast = [], []
        pos = 0
        while (m := extract._CANDIDATE_RE.search(text, pos)) is not None:
            plain.append(m.span())
            pos = m.end()
        pos = 0
        while (s := extract._CANDIDATE_START_RE.search(text, pos)) is not None:
            m = extract._CANDIDATE_RE.match(text, s.start())
            if m is None:
                pos = s.start() + 1
                continue
            fast.append(m.span())
            pos = m.end()
        assert fast == plain


def test_clause_region_matches_the_walk() -> None:
    """The no-parentheses shortcut of ``_clause_region`` against the character walk it replaces."""
    text = "全年新增就业(含灵活就业)12万人，城镇调查失业率5.5%左右；居民收入增长与经济增长同步"
    ext = extract._Extractor(text, "", "", None, 0)

    def walk(lead_start: int, floor: int) -> str:
        out = []
        i, depth = lead_start - 1, 0
        while i >= max(floor, lead_start - 40):
            ch = ext.f[i]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0:
                if ch in extract._BOUNDARY_CHARS:
                    break
                out.append(ch)
            i -= 1
        return "".join(reversed(out))

    for lead_start in range(len(text) + 1):
        for floor in (0, 3, lead_start - 5, lead_start, lead_start + 2):
            if floor >= 0:
                assert ext._clause_region(lead_start, floor) == walk(lead_start, floor), (lead_start, floor)
