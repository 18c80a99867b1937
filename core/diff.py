"""What differs between two aligned sections: a sentence-then-word diff, or the phrases they share.

The diff compares *normalized* text (:mod:`core.folding`: script, width, pinyin annotations and whitespace
folded) and reports *original* text, so a traditional copy of a simplified report shows no changes.

Diff mode, in three steps:

1. **Sentences** (:mod:`core.sentences`) of the two sides are aligned on their normalized text (an LCS over
   whole sentences, where a lightly edited sentence, :data:`ANCHOR_THRESHOLD`, counts as its original).
   An unmatched sentence whose exact twin is unmatched on the other side *moved*.
2. Between matched sentences, the remaining sentences are paired by similarity (order kept, best total
   overlap, :data:`PAIR_THRESHOLD`; a sentence may pair with two or three that split it, which also
   lines up paragraphs wrapped at other places); unpaired ones are deleted or inserted whole.
3. Paired sentences get a **word diff** (jieba tokens, numbers such as ``5.5%`` kept whole), cleaned up so
   that no one-character or particle-only island (``的`` ``和`` ``、`` ``,``) splits a changed run.

Shared mode: when the sections are mostly different text (similarity below
:data:`SHARED_MODE_THRESHOLD`, typically two governments' reports on one topic), a word diff would mark
nearly everything; instead the result lists the phrases both sides contain (:class:`SharedPhrase`):
common substrings of 3+ characters cut to whole jieba words, split at punctuation, holding a word that
is not policy filler (:data:`FILLER_WORDS`: 进一步 加强 推进 工作 建设 发展 …), phrases inside a longer
shared phrase everywhere they occur dropped.

Exactness: the ops tile both spans. Ops are in *edit-script order*: each op takes up the next piece of A
(``a_start`` is where the previous op's ``a_end`` was) and the next piece of B likewise; an op without text
on one side sits at that side's current position (an empty span). Hence the A pieces of all ops, in list
order, join to ``A.original[a_span]`` and the B pieces to ``B.original[b_span]``. A move has two ops with
one ``move`` id: the A end (A text only) at the sentence's place in A, the B end (B text only) at its place
in B. Characters that folding dropped (``(qū)`` after ``區``, spaces, blank lines) belong to the word before
them; any before the first word belong to the first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Indel

from . import tokens
from .folding import DamagedSpan, FoldedText
from .sentences import sentence_spans

#: Below this similarity (0..1, see :func:`similarity`) a row is shown in "shared" mode.
#: Character similarity of Chinese report text has a floor: unrelated text of the same genre shares the
#: common characters and words. Measured on normalized text: 500–4000-character chunks of different
#: provinces' 2026 reports, and same-topic sections of different districts (seeds 000/001/004), score
#: 0.09–0.20; same-topic sections of consecutive national reports (2021/2022), heavily rewritten, score
#: 0.20–0.44 (mostly 0.24–0.29), and their diff still pairs the sentences that were kept and shows the
#: edits worth seeing (赤字率 3.2% → 2.8%); a copy of one report in another script scores > 0.99. 0.25
#: sits clear of the floor: below it a diff is whole sentences deleted and inserted with chance matches
#: between them, and the shared phrases say more.
SHARED_MODE_THRESHOLD: float = 0.25

#: Two unmatched sentences are paired for a word diff when their similarity reaches this; below it they
#: are shown as one deleted and one inserted sentence.
PAIR_THRESHOLD: float = 0.5

#: A sentence at least this similar to one on the other side anchors the sentence alignment like an
#: equal one (and gets a word diff); less similar ones are paired afterwards, between the anchors.
ANCHOR_THRESHOLD: float = 0.75

#: A sentence shorter than this (normalized characters, punctuation included) is never reported as moved.
MIN_MOVE_CHARS: int = 4

#: Shortest shared phrase found as a common substring, before it is trimmed to whole words.
MIN_SHARED_CHARS: int = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that glue a sentence together: an equal run made only of these between two changes is merged
#: into the change instead of standing as an island.
GLUE_WORDS: frozenset[str] = _words(
    """
    的 和 与 及 或 、 , ， 。 ; ； : ： 了 在 是 对 为 将 把 并 等 也 都 而 及其 以 于 之
    """
)

#: Policy filler that every report uses: not worth marking as a shared phrase on its own, nor enough to
#: make a phrase shared (a phrase needs a two-character word outside this list).
FILLER_WORDS: frozenset[str] = _words(
    """
    进一步 加强 推进 推动 工作 建设 发展 全面 持续 深入 加快 坚持 实施 完善 提升 提高
    促进 强化 做好 开展 落实 积极 不断 大力 扎实 着力 切实 确保 实现 支持 健全 优化
    继续 更加 努力 我们 今年 明年 全年 各类 有关 相关 重点 力争 进行 以及 通过 围绕
    按照 加大 深化 一批 一体 以上 左右 组织 抓好 做到 构建 打造 形成 增强 注重 全力
    扩大 稳步 有序 有效 工程 项目 行动 机制 体系 能力 水平 政策 措施 任务 方面 领域
    问题 目标 中心 服务 管理 体制 制度 全区 全市 全省 全国 各级 地方 政府 部门 单位
    群众 人民
    """
)

_CHANGE = frozenset({"delete", "insert", "replace"})
_WS_RE = re.compile(r"\s+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*%?")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PUNCT_SPLIT = re.compile(r"[，,、。；;：:！!？?“”‘’\"'（）()《》〈〉【】「」『』…—·～~\s]+")


# --- model -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffOp:
    """One piece of the edit script; offsets are into each report's original text."""

    tag: str  #: equal, delete, insert, replace, move, folded (equal once normalized, written differently)
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str  #: original text of A's piece ("" for inserts and a move's B end)
    b_text: str  #: original text of B's piece ("" for deletes and a move's A end)
    move: int | None = None  #: for moves: the id both ends share
    damaged: bool = False  #: the op touches encoding damage on either side

    def to_dict(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "a_text": self.a_text,
            "b_text": self.b_text,
            "move": self.move,
            "damaged": self.damaged,
        }


@dataclass(frozen=True)
class SharedPhrase:
    """A phrase both sides contain (shared mode): its normalized text and where it stands on each side."""

    text: str
    a_spans: tuple[tuple[int, int], ...]  #: original offsets in A
    b_spans: tuple[tuple[int, int], ...]  #: original offsets in B

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "a_spans": [list(s) for s in self.a_spans],
            "b_spans": [list(s) for s in self.b_spans],
        }


@dataclass(frozen=True)
class SectionDiff:
    """The differences between two aligned sections.

    In "diff" mode ``ops`` is the edit script. In "shared" mode ``ops`` holds one coarse op covering both
    spans (so the texts can still be rebuilt and shown) and ``shared`` the phrases both sides contain.
    """

    mode: str  #: "diff" or "shared"
    similarity: float  #: 0..1 on normalized text, see :func:`similarity`
    ops: tuple[DiffOp, ...]
    shared: tuple[SharedPhrase, ...]
    a_span: tuple[int, int]  #: original span of A that was compared
    b_span: tuple[int, int]

    @property
    def changed(self) -> bool:
        """Whether the sections differ once normalized (folded differences do not count)."""
        return any(op.tag not in ("equal", "folded") for op in self.ops)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "similarity": round(self.similarity, 4),
            "changed": self.changed,
            "a_span": list(self.a_span),
            "b_span": list(self.b_span),
            "ops": [op.to_dict() for op in self.ops],
            "shared": [p.to_dict() for p in self.shared],
        }


# --- one side ----------------------------------------------------------------------------------------


class _Side:
    """One side of the comparison: the normalized text of the span and the way back to the original."""

    def __init__(self, folded: FoldedText, span: tuple[int, int], damaged: Sequence[DamagedSpan]) -> None:
        start, end = span
        if not 0 <= start <= end <= len(folded.original):
            raise ValueError(f"span {span} is not inside the text (length {len(folded.original)})")
        self.folded = folded
        self.o0, self.o1 = start, end
        self.n0, n1 = folded.to_normalized(start, end)
        self.text = folded.normalized[self.n0 : n1]
        self.n = len(self.text)
        self.damage = sorted((d.start, d.end) for d in damaged if d.end > start and d.start < end)
        self.damage_starts = [s for s, _ in self.damage]

    def ob(self, i: int, *, end: bool = False) -> int:
        """Original offset of normalized boundary ``i`` (relative to the span).

        Boundary ``i`` is where normalized character ``i`` starts in the original, so whatever folding
        dropped after a character (pinyin, spaces) stays with it; the span's ends map to the span's ends
        (with no normalized text at all, boundary 0 is the start of a piece and the end of one).
        """
        if i <= 0 and not (end and self.n == 0):
            return self.o0
        if i >= self.n:
            return self.o1
        return self.folded.source[self.n0 + i]

    def protected(self) -> list[tuple[int, int]]:
        """Damaged spans in normalized coordinates relative to the span (sentence ends there are debris)."""
        out = []
        for s, e in self.damage:
            ns, ne = self.folded.to_normalized(s, e)
            ns, ne = max(ns - self.n0, 0), min(ne - self.n0, self.n)
            if ne > ns:
                out.append((ns, ne))
        return out

    def touches_damage(self, start: int, end: int) -> bool:
        """Whether original ``[start, end)`` overlaps damage (an empty span: lies in or at its edge)."""
        if not self.damage:
            return False
        if start == end:
            k = bisect_right(self.damage_starts, start)
            return any(e >= start for _, e in self.damage[max(0, k - 8) : k])
        k = bisect_left(self.damage_starts, end)  # damage starting at or after `end` cannot overlap
        return any(e > start for _, e in self.damage[max(0, k - 8) : k])


def _key(text: str) -> str:
    """Comparison key: normalized text without whitespace (line breaks and spaces are folded away)."""
    return _WS_RE.sub("", text)


@dataclass
class _Sentence:
    start: int  # normalized, relative to the side's span
    end: int
    key: str


def _sentences(side: _Side) -> list[_Sentence]:
    """Sentences of one side; whitespace-only pieces are glued to the sentence before (or after) them."""
    out: list[_Sentence] = []
    for s, e in sentence_spans(side.text, protected=side.protected()):
        key = _key(side.text[s:e])
        if not key:
            if out:
                out[-1].end = e
            continue
        out.append(_Sentence(s if out else 0, e, key))
    return out


def _units(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words of ``text[start:end]`` as (start, end, key); whitespace goes with the word before it.

    jieba splits numbers at the decimal point (5 . 5 %); the pieces of a number are joined back so a
    changed figure shows as one replaced word.
    """
    piece = text[start:end]
    words = tokens.cut_cached(piece) if len(piece) <= 512 else tuple(tokens.cut(piece))
    numbers = [(m.start(), m.end()) for m in _NUMBER.finditer(piece) if "." in m.group() or "%" in m.group()]
    units: list[list[Any]] = []
    pos = 0
    k = 0
    for w in words:
        w_end = pos + len(w)
        while k < len(numbers) and numbers[k][1] <= pos:
            k += 1
        key = _key(w)
        if not key or (units and k < len(numbers) and numbers[k][0] < pos and w_end <= numbers[k][1]):
            if units:  # whitespace, or the rest of a number: belongs to the word before
                units[-1][1] = start + w_end
                units[-1][2] += key
            pos = w_end
            continue
        units.append([start + pos if units else start, start + w_end, key])
        pos = w_end
    if units:
        units[-1][1] = end
    return [(u[0], u[1], u[2]) for u in units]


# --- the edit script, in normalized coordinates --------------------------------------------------------

# An internal op: [tag, a0, a1, b0, b1, move, unit] with normalized offsets relative to each side's span.
# ``unit`` numbers the step that made it (one word diff, or the whole sentences between two pairs):
# neighbouring changes merge into one op only within a unit, so a deleted sentence does not swallow the
# word-level change next to it.
_Op = list[Any]


class _Builder:
    def __init__(self, a: _Side, b: _Side, show_folded: bool) -> None:
        self.a, self.b = a, b
        self.show_folded = show_folded
        self.ops: list[_Op] = []
        self.ids: dict[str, int] = {}
        self.unit = 0

    def next_unit(self) -> None:
        self.unit += 1

    def add(self, tag: str, a0: int, a1: int, b0: int, b1: int, move: int | None = None) -> None:
        self.ops.append([tag, a0, a1, b0, b1, move, self.unit])

    def _originals_differ(self, a0: int, a1: int, b0: int, b1: int) -> bool:
        a, b = self.a, self.b
        text_a = a.folded.original[a.ob(a0) : a.ob(a1, end=True)]
        return text_a != b.folded.original[b.ob(b0) : b.ob(b1, end=True)]

    def equal(self, a0: int, a1: int, b0: int, b1: int) -> None:
        """Text equal once normalized; with show_folded, split into equal and folded words."""
        if not self.show_folded or not self._originals_differ(a0, a1, b0, b1):
            self.add("equal", a0, a1, b0, b1)
            return
        if a1 == a0 or b1 == b0:
            self.add("folded", a0, a1, b0, b1)
            return
        units = _units(self.a.text, a0, a1)
        if not units:  # whitespace only
            self.add("folded", a0, a1, b0, b1)
            return
        # Same key on both sides: map A's word boundaries onto B through the non-space characters.
        b_pos = [b0 + i for i, ch in enumerate(self.b.text[b0:b1]) if not ch.isspace()]
        k = 0
        bounds_b = [b0]
        for _s, _e, key in units[:-1]:
            k += len(key)
            bounds_b.append(b_pos[k] if k < len(b_pos) else b1)
        bounds_b.append(b1)
        for (s, e, _), bs, be in zip(units, bounds_b, bounds_b[1:], strict=False):
            self.add("folded" if self._originals_differ(s, e, bs, be) else "equal", s, e, bs, be)

    def words(self, a0: int, a1: int, b0: int, b1: int) -> None:
        """Word diff of paired sentences (normalized ranges)."""
        self.next_unit()
        ua = _units(self.a.text, a0, a1)
        ub = _units(self.b.text, b0, b1)
        ids = self.ids
        ia = [ids.setdefault(u[2], len(ids)) for u in ua]
        ib = [ids.setdefault(u[2], len(ids)) for u in ub]
        # Runs of units: (equal?, i1, i2, j1, j2), changes coalesced.
        runs: list[list[Any]] = []
        for op in Indel.opcodes(ia, ib):
            eq = op.tag == "equal"
            if runs and not eq and not runs[-1][0]:
                runs[-1][2], runs[-1][4] = op.src_end, op.dest_end
            else:
                runs.append([eq, op.src_start, op.src_end, op.dest_start, op.dest_end])
        runs = _clean_up(runs, ua, ub)

        def a_at(i: int) -> int:
            return ua[i][0] if i < len(ua) else a1

        def b_at(j: int) -> int:
            return ub[j][0] if j < len(ub) else b1

        for eq, i1, i2, j1, j2 in runs:
            if eq:
                self.equal(a_at(i1), a_at(i2), b_at(j1), b_at(j2))
            else:
                self.add("replace", a_at(i1), a_at(i2), b_at(j1), b_at(j2))


def _size(units: list[tuple[int, int, str]], i1: int, i2: int) -> int:
    return sum(len(u[2]) for u in units[i1:i2])


def _clean_up(
    runs: list[list[Any]], ua: list[tuple[int, int, str]], ub: list[tuple[int, int, str]]
) -> list[list[Any]]:
    """Merge small equal islands between two changes into the change (semantic clean-up).

    An equal run between changes is absorbed when it is one character, only glue words (的 和 、 ,), or
    at most two characters and shorter than the changes on both sides of it.
    """
    out: list[list[Any]] = []
    for run in runs:
        if (
            not run[0]
            and len(out) >= 2
            and out[-1][0]
            and not out[-2][0]
            and _absorbable(out[-1], out[-2], run, ua, ub)
        ):
            out.pop()  # the island
            out[-1][2], out[-1][4] = run[2], run[4]  # the change before it now reaches past the next
            continue
        out.append(run)
    return out


def _absorbable(
    eq: list[Any],
    before: list[Any],
    after: list[Any],
    ua: list[tuple[int, int, str]],
    ub: list[tuple[int, int, str]],
) -> bool:
    n = _size(ua, eq[1], eq[2])
    if n <= 1:
        return True
    if all(u[2] in GLUE_WORDS for u in ua[eq[1] : eq[2]]) and n <= 3:
        return True
    if n > 2:
        return False
    size_before = max(_size(ua, before[1], before[2]), _size(ub, before[3], before[4]))
    size_after = max(_size(ua, after[1], after[2]), _size(ub, after[3], after[4]))
    return n < min(size_before, size_after)


# --- sentence alignment ------------------------------------------------------------------------------


#: Sentence groups the pairing may match besides one to one: a sentence split in two or three (or
#: several merged), which is also how a paragraph wrapped at other places (line breaks end sentences)
#: lines up again.
_GROUP_SHAPES = ((1, 2), (2, 1), (1, 3), (3, 1))
#: One-to-one similarity from which a pair of sentences seeds the search for groups around it (below
#: PAIR_THRESHOLD: half of a split sentence is only about that similar to the whole).
_SEED_THRESHOLD = 0.4


def _pair(
    sa: list[_Sentence], sb: list[_Sentence], rest_a: list[int], rest_b: list[int]
) -> list[tuple[int, int, int, int]]:
    """Groups ``(i0, i1, j0, j1)`` of similar sentences (``sa[i0:i1]`` ~ ``sb[j0:j1]``), in order on both
    sides, with the most text in common. ``rest_a``/``rest_b`` are the candidates (indices, ascending);
    a group takes consecutive sentences only.

    Candidates come from rapidfuzz's C loop (each A sentence against all B sentences); groups are only
    tried around those seeds, then the best in-order chain is picked.
    """
    from rapidfuzz import process

    m, n = len(rest_a), len(rest_b)
    if not m or not n:
        return []

    def run(rest: list[int], sents: list[_Sentence], p: int, k: int) -> str | None:
        if p < 0 or p + k > len(rest) or rest[p + k - 1] - rest[p] != k - 1:
            return None
        return "".join(sents[rest[q]].key for q in range(p, p + k))

    values: dict[tuple[int, int, int, int], float] = {}

    def consider(p: int, ga: int, q: int, gb: int) -> None:
        if (p, p + ga, q, q + gb) in values:
            return
        ka, kb = run(rest_a, sa, p, ga), run(rest_b, sb, q, gb)
        values[p, p + ga, q, q + gb] = _group_value(ka, kb) if ka is not None and kb is not None else 0.0

    keys_b = [sb[j].key for j in rest_b]
    for p, i in enumerate(rest_a):
        hits = process.extract(
            sa[i].key, keys_b, scorer=Indel.normalized_similarity, score_cutoff=_SEED_THRESHOLD, limit=None
        )
        for _choice, _score, q in hits:
            consider(p, 1, q, 1)
            for ga, gb in _GROUP_SHAPES:  # the groups of this shape that contain (p, q)
                for p0 in range(p - ga + 1, p + 1):
                    for q0 in range(q - gb + 1, q + 1):
                        consider(p0, ga, q0, gb)
    chain = _best_chain([(k, v) for k, v in values.items() if v > 0], n)
    return [(rest_a[p0], rest_a[p1 - 1] + 1, rest_b[q0], rest_b[q1 - 1] + 1) for p0, p1, q0, q1 in chain]


def _group_value(ka: str, kb: str) -> float:
    """Characters matched beyond :data:`PAIR_THRESHOLD` of the total: > 0 iff similarity > threshold."""
    total = len(ka) + len(kb)
    cutoff = int(PAIR_THRESHOLD * total) + 1
    matched = Indel.similarity(ka, kb, score_cutoff=cutoff)  # 2 × LCS, or 0 below the cutoff
    return matched - PAIR_THRESHOLD * total if matched else 0.0


def _best_chain(
    cands: list[tuple[tuple[int, int, int, int], float]], n: int
) -> list[tuple[int, int, int, int]]:
    """The in-order, non-overlapping set of rectangles ``(p0, p1, q0, q1)`` with the largest total value.

    Candidates by start; a Fenwick tree over ``q1`` holds the best chain ending at or before each B
    position among the candidates that end (in A) before the current one starts: O(K log n).
    """
    if not cands:
        return []
    by_start = sorted(range(len(cands)), key=lambda c: cands[c][0][0])
    by_end = sorted(range(len(cands)), key=lambda c: cands[c][0][1])
    tree_val = [0.0] * (n + 1)
    tree_idx = [-1] * (n + 1)
    total = [0.0] * len(cands)
    pred = [-1] * len(cands)
    k = 0
    for c in by_start:
        (p0, _p1, q0, _q1), v = cands[c]
        while k < len(by_end) and cands[by_end[k]][0][1] <= p0:  # chains that end before p0 in A
            d = by_end[k]
            pos = cands[d][0][3]
            while pos <= n:
                if total[d] > tree_val[pos]:
                    tree_val[pos], tree_idx[pos] = total[d], d
                pos += pos & -pos
            k += 1
        best, best_idx, pos = 0.0, -1, q0
        while pos > 0:
            if tree_val[pos] > best:
                best, best_idx = tree_val[pos], tree_idx[pos]
            pos -= pos & -pos
        total[c], pred[c] = v + best, best_idx
    c = max(range(len(cands)), key=lambda x: total[x])
    chain = []
    while c >= 0:
        chain.append(cands[c][0])
        c = pred[c]
    return chain[::-1]


def _diff_ops(a: _Side, b: _Side, sa: list[_Sentence], sb: list[_Sentence], show_folded: bool) -> list[_Op]:
    builder = _Builder(a, b, show_folded)
    if not sa and not sb:  # nothing but whitespace on either side
        builder.equal(0, a.n, 0, b.n)
        return builder.ops
    if not sa or not sb:
        builder.add("replace", 0, a.n, 0, b.n)
        return builder.ops
    if "".join(s.key for s in sa) == "".join(s.key for s in sb):  # equal once normalized
        builder.equal(0, a.n, 0, b.n)
        return builder.ops
    # Sentence LCS. A B sentence without an exact twin in A takes the id of its most similar A sentence
    # (≥ ANCHOR_THRESHOLD), so lightly edited sentences anchor the alignment too.
    from rapidfuzz import process

    ids: dict[str, int] = {}
    a_ids = [ids.setdefault(s.key, len(ids)) for s in sa]
    in_a = len(ids)
    keys_a = [s.key for s in sa]
    b_ids = []
    for s in sb:
        known = ids.get(s.key)
        if known is None or known >= in_a:
            hit = process.extractOne(
                s.key, keys_a, scorer=Indel.normalized_similarity, score_cutoff=ANCHOR_THRESHOLD
            )
            known = a_ids[hit[2]] if hit is not None else ids.setdefault(s.key, len(ids))
        b_ids.append(known)
    opcodes = Indel.opcodes(a_ids, b_ids)
    blocks: list[tuple[str, int, int, int, int]] = []
    for op in opcodes:
        tag = "equal" if op.tag == "equal" else "change"
        if blocks and tag == "change" and blocks[-1][0] == "change":
            blocks[-1] = ("change", blocks[-1][1], op.src_end, blocks[-1][3], op.dest_end)
        else:
            blocks.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))

    # Moves: an unmatched sentence whose exact twin is unmatched on the other side.
    moved_a: dict[int, int] = {}
    moved_b: dict[int, int] = {}
    waiting: dict[str, list[int]] = {}
    for tag, i1, i2, _j1, _j2 in blocks:
        if tag == "change":
            for i in range(i1, i2):
                if len(sa[i].key) >= MIN_MOVE_CHARS:
                    waiting.setdefault(sa[i].key, []).append(i)
    move_id = 0
    for tag, _i1, _i2, j1, j2 in blocks:
        if tag == "change":
            for j in range(j1, j2):
                twins = waiting.get(sb[j].key)
                if twins:
                    move_id += 1
                    moved_a[twins.pop(0)] = move_id
                    moved_b[j] = move_id

    for tag, i1, i2, j1, j2 in blocks:
        if tag == "equal":  # runs of equal sentences, and edited ones (anchors) with a word diff
            run_start = None
            for i, j in zip(range(i1, i2 + 1), range(j1, j2 + 1), strict=True):
                same = i < i2 and sa[i].key == sb[j].key
                if same and run_start is None:
                    run_start = (i, j)
                elif not same and run_start is not None:
                    builder.equal(
                        sa[run_start[0]].start, sa[i - 1].end, sb[run_start[1]].start, sb[j - 1].end
                    )
                    run_start = None
                if i < i2 and not same:
                    builder.words(sa[i].start, sa[i].end, sb[j].start, sb[j].end)
            continue
        rest_a = [i for i in range(i1, i2) if i not in moved_a]
        rest_b = [j for j in range(j1, j2) if j not in moved_b]
        if (
            rest_a
            and len(rest_a) == i2 - i1
            and len(rest_b) == j2 - j1
            and "".join(sa[i].key for i in rest_a) == "".join(sb[j].key for j in rest_b)
        ):  # the same text, broken into sentences at other places (line breaks)
            groups = [(i1, i2, j1, j2)]
        else:
            groups = _pair(sa, sb, rest_a, rest_b)
        i, j = i1, j1
        for gi0, gi1, gj0, gj1 in [*groups, (i2, i2, j2, j2)]:
            builder.next_unit()
            for k in range(i, gi0):  # A's sentences before the group: deleted, or the A end of a move
                b_at = sb[j].start if j < len(sb) else b.n
                builder.add(
                    "move" if k in moved_a else "delete", sa[k].start, sa[k].end, b_at, b_at, moved_a.get(k)
                )
            a_at = sa[gi0].start if gi0 < len(sa) else a.n
            for k in range(j, gj0):
                builder.add(
                    "move" if k in moved_b else "insert", a_at, a_at, sb[k].start, sb[k].end, moved_b.get(k)
                )
            if gi1 > gi0:
                builder.words(sa[gi0].start, sa[gi1 - 1].end, sb[gj0].start, sb[gj1 - 1].end)
            i, j = gi1, gj1
    return builder.ops


# --- shared mode -------------------------------------------------------------------------------------


def _common_runs(x: str, y: str, min_len: int) -> Iterable[str]:
    """Common substrings of ``x`` and ``y`` (length ≥ min_len), scanning ``x`` left to right greedily:
    at each place, the longest ``x[i:j]`` found in ``y``."""
    if len(x) < min_len or len(y) < min_len:
        return
    # Each gram of y → where it starts, in order: an int while it starts once (most grams), a list only
    # once it repeats (a list per gram of a 200 k-character section was ~35 MB).
    at: dict[str, int | list[int]] = {}
    for k in range(len(y) - min_len + 1):
        gram = y[k : k + min_len]
        seen = at.get(gram)
        if seen is None:
            at[gram] = k
        elif isinstance(seen, int):
            at[gram] = [seen, k]
        else:
            seen.append(k)
    i, n, m = 0, len(x), len(y)
    while i <= n - min_len:
        found = at.get(x[i : i + min_len])
        if found is None:
            i += 1
            continue
        starts = (found,) if isinstance(found, int) else found
        # Extend where the string occurs, a character a step; when the next character differs there, the
        # longer string can only start at a later place of the same gram (asking `x[i:j + 1] in y` at each
        # step, or searching y again, scanned y once a run: quadratic when long sections share paragraphs).
        j = i + min_len
        s = 0
        p = starts[0]
        while j < n:
            if p + (j - i) < m and y[p + (j - i)] == x[j]:
                j += 1
                continue
            longer = x[i : j + 1]
            s += 1
            while s < len(starts) and not y.startswith(longer, starts[s]):
                s += 1
            if s == len(starts):
                break
            p = starts[s]
            j += 1
        yield x[i:j]
        i = j


def _trim_phrase(text: str) -> list[str]:
    """Cut a common substring down to whole words: split it at punctuation, drop glue words and word
    fragments (single characters) at each piece's ends, keep pieces of :data:`MIN_SHARED_CHARS` or more
    characters that hold a two-character word outside :data:`FILLER_WORDS`."""
    out = []
    for piece in _PUNCT_SPLIT.split(text):
        if len(piece) < MIN_SHARED_CHARS:
            continue
        words = list(tokens.cut_cached(piece))
        while words and (len(words[0]) < 2 or words[0] in GLUE_WORDS):
            words.pop(0)
        while words and (len(words[-1]) < 2 or words[-1] in GLUE_WORDS):
            words.pop()
        phrase = "".join(words)
        if len(phrase) >= MIN_SHARED_CHARS and any(
            len(w) >= 2 and w not in FILLER_WORDS and _HAN.search(w) for w in words
        ):
            out.append(phrase)
    return out


def _occurrences(key: str, phrase: str) -> list[int]:
    out = []
    i = key.find(phrase)
    while i >= 0:
        out.append(i)
        i = key.find(phrase, i + len(phrase))
    return out


def _shared_phrases(a: _Side, b: _Side) -> tuple[SharedPhrase, ...]:
    ka, pa = _key_with_positions(a.text)
    kb, pb = _key_with_positions(b.text)
    found = {p for t in _common_runs(ka, kb, MIN_SHARED_CHARS) for p in _trim_phrase(t)}
    found |= {p for t in _common_runs(kb, ka, MIN_SHARED_CHARS) for p in _trim_phrase(t)}
    covered_a = bytearray(len(ka))
    covered_b = bytearray(len(kb))
    phrases: list[tuple[str, list[int], list[int]]] = []
    for phrase in sorted(found, key=lambda p: (-len(p), p)):
        occ_a, occ_b = _occurrences(ka, phrase), _occurrences(kb, phrase)
        if not occ_a or not occ_b:
            continue
        n = len(phrase)
        new = any(0 in covered_a[i : i + n] for i in occ_a) or any(0 in covered_b[i : i + n] for i in occ_b)
        if not new:  # every occurrence lies inside a longer shared phrase
            continue
        for i in occ_a:
            covered_a[i : i + n] = b"\x01" * n
        for i in occ_b:
            covered_b[i : i + n] = b"\x01" * n
        phrases.append((phrase, occ_a, occ_b))

    def spans(side: _Side, positions: list[int], occ: list[int], n: int) -> tuple[tuple[int, int], ...]:
        return tuple((side.ob(positions[i]), side.ob(positions[i + n - 1] + 1, end=True)) for i in occ)

    out = [SharedPhrase(p, spans(a, pa, oa, len(p)), spans(b, pb, ob, len(p))) for p, oa, ob in phrases]
    out.sort(key=lambda p: p.a_spans[0][0])
    return tuple(out)


def _key_with_positions(text: str) -> tuple[str, list[int]]:
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in positions), positions


# --- display -----------------------------------------------------------------------------------------


def display_rows(ops: Sequence[DiffOp]) -> list[list[DiffOp]]:
    """Ops grouped into rows for side-by-side display (terminal and HTML).

    A row ends where both sides' text so far ends a sentence; unchanged stretches are cut at their
    sentence ends (when both sides cut into as many pieces), so each row holds a sentence or a run of
    sentences that changed together.
    """
    rows: list[list[DiffOp]] = []
    row: list[DiffOp] = []
    a_last = b_last = ""  # the last non-empty piece of each side in this row
    for op in ops:
        for piece in _split_equal(op) if op.tag in ("equal", "folded") else [op]:
            row.append(piece)
            a_last = piece.a_text or a_last
            b_last = piece.b_text or b_last
            if (not a_last or _ends_sentence(a_last)) and (not b_last or _ends_sentence(b_last)):
                rows.append(row)
                row, a_last, b_last = [], "", ""
    if row:
        rows.append(row)
    return rows


def _ends_sentence(text: str) -> bool:
    spans = sentence_spans(text + "\x00")  # the text ends a sentence iff the sentinel stands alone
    return spans[-1] == (len(text), len(text) + 1)


def _split_equal(op: DiffOp) -> list[DiffOp]:
    """An equal/folded op cut at sentence ends, when both sides cut into the same number of pieces."""
    sa, sb = sentence_spans(op.a_text), sentence_spans(op.b_text)
    if len(sa) <= 1 or len(sa) != len(sb):
        return [op]
    return [
        DiffOp(
            op.tag,
            op.a_start + s1,
            op.a_start + e1,
            op.b_start + s2,
            op.b_start + e2,
            op.a_text[s1:e1],
            op.b_text[s2:e2],
            op.move,
            op.damaged,
        )
        for (s1, e1), (s2, e2) in zip(sa, sb, strict=True)
    ]


# --- public API --------------------------------------------------------------------------------------


#: Past this many character pairs (two texts of ~45,000 characters) the in-order similarity is not computed
#: (see similarity); without sentences, only the first MAX_IN_ORDER_CHARS of each text are compared.
MAX_IN_ORDER_CELLS = 2_000_000_000
MAX_IN_ORDER_CHARS = 45_000


def similarity(
    a_key: str, b_key: str, a_sentences: Sequence[str] = (), b_sentences: Sequence[str] = ()
) -> float:
    """Similarity 0..1 of two comparison keys (normalized text without whitespace).

    The share of characters the two have in common in order (longest common subsequence, rapidfuzz
    Indel) or, when larger, as whole sentences in any order (from the sentence keys, if given), so a
    section whose sentences were only reordered still counts as similar. 1.0 when the keys are equal,
    0.0 when one is empty.
    """
    if a_key == b_key:
        return 1.0
    total = len(a_key) + len(b_key)
    if len(a_key) * len(b_key) > MAX_IN_ORDER_CELLS:
        # The in-order share costs len(a) × len(b) / 64 steps: past a few whole reports' length it would
        # take minutes. Sentences in common, in any order, tell nearly as much and cost a pass.
        if not a_sentences or not b_sentences:
            a_key, b_key = a_key[:MAX_IN_ORDER_CHARS], b_key[:MAX_IN_ORDER_CHARS]
            return float(Indel.normalized_similarity(a_key, b_key))
        in_order = 0.0
    else:
        in_order = float(Indel.normalized_similarity(a_key, b_key))
    if not a_sentences or not b_sentences:
        return in_order
    counts: dict[str, int] = {}
    for key in a_sentences:
        counts[key] = counts.get(key, 0) + 1
    common = 0
    for key in b_sentences:
        if counts.get(key):
            counts[key] -= 1
            common += 2 * len(key)
    return max(in_order, common / total)


def diff_texts(
    a: FoldedText,
    a_span: tuple[int, int],
    b: FoldedText,
    b_span: tuple[int, int],
    *,
    show_folded: bool = False,
    damaged_a: Sequence[DamagedSpan] = (),
    damaged_b: Sequence[DamagedSpan] = (),
    mode: str | None = None,
) -> SectionDiff:
    """Compare ``a.original[a_span]`` with ``b.original[b_span]`` (original offsets) on normalized text.

    ``mode`` None chooses by similarity (:data:`SHARED_MODE_THRESHOLD`; a side with no text is always a
    diff: all deleted or inserted); "diff" or "shared" forces one. ``show_folded`` reports text that is
    equal once normalized but written differently as "folded" ops instead of "equal". ``damaged_a``/``_b``
    (from :func:`core.folding.find_damage` on the originals) set the ops' ``damaged`` flags and keep
    damage debris (``?。?``) from splitting sentences.
    """
    if mode not in (None, "diff", "shared"):
        raise ValueError(f"unknown diff mode {mode!r} (expected 'diff' or 'shared')")
    sa, sb = _Side(a, a_span, damaged_a), _Side(b, b_span, damaged_b)
    key_a, key_b = _key(sa.text), _key(sb.text)
    sents_a, sents_b = _sentences(sa), _sentences(sb)
    sim = similarity(key_a, key_b, [x.key for x in sents_a], [x.key for x in sents_b])
    if mode is None:
        mode = "shared" if sim < SHARED_MODE_THRESHOLD and key_a and key_b else "diff"
    shared: tuple[SharedPhrase, ...] = ()
    if mode == "shared" and key_a != key_b:
        raw: list[_Op] = [["replace", 0, sa.n, 0, sb.n, None, 0]]
        shared = _shared_phrases(sa, sb)
    else:  # (equal texts in shared mode: the diff is all equal or folded)
        raw = _diff_ops(sa, sb, sents_a, sents_b, show_folded)
    ops = _finish(raw, sa, sb)
    return SectionDiff(mode, sim, ops, shared, (sa.o0, sa.o1), (sb.o0, sb.o1))


def _finish(raw: list[_Op], a: _Side, b: _Side) -> tuple[DiffOp, ...]:
    """Merge neighbouring ops (equal runs, change runs), map to original offsets, flag damage."""
    merged: list[_Op] = []
    for op in raw:
        if merged and op[0] != "move" and merged[-1][0] != "move":
            last = merged[-1]
            same = op[0] == last[0] and op[0] in ("equal", "folded")
            if same or (op[0] in _CHANGE and last[0] in _CHANGE and op[6] == last[6]):
                last[2], last[4] = op[2], op[4]
                if op[0] in _CHANGE and op[0] != last[0]:
                    last[0] = "replace"
                continue
        merged.append(list(op))
    out = []
    orig_a, orig_b = a.folded.original, b.folded.original
    for tag, a0, a1, b0, b1, move, _unit in merged:
        s_a, e_a, s_b, e_b = a.ob(a0), a.ob(a1, end=True), b.ob(b0), b.ob(b1, end=True)
        if e_a == s_a and e_b == s_b:
            continue
        if tag in _CHANGE:
            tag = "replace" if e_a > s_a and e_b > s_b else "delete" if e_a > s_a else "insert"
        damaged = (e_a > s_a or tag == "insert") and a.touches_damage(s_a, e_a)
        damaged = damaged or ((e_b > s_b or tag == "delete") and b.touches_damage(s_b, e_b))
        out.append(DiffOp(tag, s_a, e_a, s_b, e_b, orig_a[s_a:e_a], orig_b[s_b:e_b], move, damaged))
    return tuple(out)
