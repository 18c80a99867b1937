"""What sections are compared on: tf-idf vectors of character bigrams, policy filler weighted down.

Chinese words are mostly two characters, so the bigrams of a text carry its words (and the sub-words of long
ones: 生态环境 gives 生态, 态环, 环境) without a dictionary: ~50× faster than a jieba cut, and ready before
jieba's dictionary load, so the app can paint the aligned rows at once.

Common policy words (推进, 加强, 全面, 建设 …) appear in every section of every report; they are weighted down
so that similarity follows what a section is about (就业, 教育, 营商环境), not how reports talk.

Vectors are sparse rows (term ids and weights as numpy arrays); all cosines between two sets of sections come
from one matrix product over the terms the second set uses, not from a Python loop over pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

#: Words every report uses everywhere: they say little about a section's topic.
POLICY_FILLER = frozenset(
    ["推进", "推动", "加强", "加快", "加大", "持续", "全面", "深入", "深化", "着力", "积极", "大力", "扎实", "切实", "不断", "进一步", "坚持", "强化", "提升", "提高", "完善", "健全", "建设", "发展", "工作", "实施", "开展", "落实", "促进", "优化", "做好", "抓好", "实现", "确保", "力争", "支持", "鼓励", "引导", "保障", "巩固", "扩大", "重点", "重大", "主要", "有效", "有序", "稳步", "继续", "全力", "努力", "更加", "更大", "力度", "水平", "能力", "体系", "机制", "制度", "政策", "措施", "行动", "工程", "项目", "任务", "目标", "全年", "今年", "明年", "去年", "我们", "我区", "我市", "我省", "全区", "全市", "全省", "全国", "地区", "区域", "一批", "质量", "高质量", "领域", "方面", "作用", "成果", "成效", "基础", "全过程", "各类", "各项", "相关", "一体化", "现代化", "加速", "统筹", "聚焦", "围绕", "打造", "构建", "形成", "营造", "培育", "增强", "保持", "突出", "注重", "一步", "一些", "以及", "厚植", "优势", "激发", "活力", "动力", "动能", "释放", "展露", "面貌", "共享", "夯实", "支撑", "增进", "满足", "需求", "兜牢", "底线", "引领", "更好", "跃升", "能级", "全方位", "高水平", "新局面", "新篇章", "奋力", "谱写", "开创", "迈出", "步伐", "坚定", "不移", "坚决", "着眼", "突破", "加力", "提质", "增效", "稳定", "不断", "持续", "新优势", "新动力", "新成果", "新面貌"]
)
#: Weight of a policy-filler word relative to an ordinary word.
FILLER_WEIGHT = 0.15

def _filler_bigrams() -> frozenset[str]:
    out: set[str] = set()
    for w in POLICY_FILLER:
        if len(w) >= 2:
            out.update(w[i : i + 2] for i in range(len(w) - 1))
    return frozenset(out)


FILLER_BIGRAMS = _filler_bigrams()


class SparseVec(NamedTuple):
    """A unit vector: sorted term ids and their weights."""

    ids: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float32]


_BASE = 0x110000  #: a bigram's key: first code point × _BASE + second


def _is_han(cp: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    return (cp >= 0x3400) & (cp <= 0x9FFF)


def bigram_keys(text: str) -> npt.NDArray[np.int64]:
    """The key of the bigram starting at each position of ``text`` (``len(text) - 1`` of them), -1 where the
    two characters are not both Han (the overlapping bigrams of each run of Han characters, as numbers)."""
    if len(text) < 2:
        return np.zeros(0, np.int64)
    # In place, one int64 array: a 20 MB report is ~7 M positions, 55 MB an int64 array, and the
    # plain expression (cp[:-1] * _BASE + cp[1:] on int64 code points) held four of them at once.
    cp = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    han = (cp >= 0x3400) & (cp <= 0x9FFF)
    keys = cp[:-1].astype(np.int64)
    keys *= _BASE
    keys += cp[1:]
    both = han[:-1]
    both &= han[1:]
    keys[~both] = -1
    return keys


FILLER_KEYS = np.array(sorted(ord(g[0]) * _BASE + ord(g[1]) for g in FILLER_BIGRAMS), np.int64)


def tf_weight(tf: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """How much a term frequency counts: 1 + log(tf) (a word said three times is not three times the topic)."""
    out: npt.NDArray[np.float64] = 1 + np.log(tf)
    return out


def term_weight(df: npt.NDArray[np.int64], n: int, filler: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """How much a term counts: its idf (``df`` of ``n`` documents hold it), policy filler weighted down."""
    out: npt.NDArray[np.float64] = (np.log((n + 1) / (df + 0.5)) + 0.5) * np.where(filler, FILLER_WEIGHT, 1.0)
    return out


def tfidf_weights(tf: npt.NDArray[np.int64], df: npt.NDArray[np.int64], n: int,
                  filler: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """The weight of each (document, term) entry before normalization: its term frequency ``tf``, the
    number of documents ``df`` (of ``n``) holding the term, and whether the term is policy filler."""
    return tf_weight(tf) * term_weight(df, n, filler)


def tfidf_vectors(docs: Sequence[npt.NDArray[np.int64]],
                  extra: Sequence[npt.NDArray[np.int64]] = ()) -> list[SparseVec]:
    """Unit-length tf-idf vectors of documents given as bigram keys (-1 ignored), idf over ``docs``;
    policy filler weighted down. Term ids are shared by the returned vectors only. ``extra`` documents
    (after ``docs`` in the result) are weighted with the same idf without counting in it; their terms
    that no document of ``docs`` holds are left out."""
    out = _tfidf(docs)
    if not extra:
        return out
    uniq_all = np.unique(np.concatenate([d[d >= 0] for d in docs])) if docs else np.zeros(0, np.int64)
    if not len(uniq_all):
        return out + [EMPTY] * len(extra)
    df = np.zeros(len(uniq_all), np.int64)
    for keys in docs:
        df[np.searchsorted(uniq_all, np.unique(keys[keys >= 0]))] += 1
    for keys in extra:
        u, c = np.unique(keys[keys >= 0], return_counts=True)
        keep = np.isin(u, uniq_all)
        u, c = u[keep], c[keep]
        if not len(u):
            out.append(EMPTY)
            continue
        term = np.searchsorted(uniq_all, u)
        w = tfidf_weights(c, df[term], len(docs), np.isin(u, FILLER_KEYS))
        out.append(SparseVec(term, (w / np.sqrt(np.sum(w * w))).astype(np.float32)))
    return out


def _tfidf(docs: Sequence[npt.NDArray[np.int64]]) -> list[SparseVec]:
    uniq: list[npt.NDArray[np.int64]] = []
    tfs: list[npt.NDArray[np.int64]] = []
    for keys in docs:
        u, c = np.unique(keys[keys >= 0], return_counts=True)
        uniq.append(u)
        tfs.append(c)
    lens = np.fromiter((len(u) for u in uniq), np.int64, len(uniq))
    if not lens.sum():
        return [EMPTY] * len(docs)
    all_keys = np.concatenate(uniq)
    all_tf = np.concatenate(tfs)
    _, term = np.unique(all_keys, return_inverse=True)
    df = np.bincount(term)
    n = len(docs)
    w = tfidf_weights(all_tf, df[term], n, np.isin(all_keys, FILLER_KEYS))
    ends = np.cumsum(lens)
    starts = ends - lens
    full = lens > 0
    norm = np.zeros(n)
    norm[full] = np.sqrt(np.add.reduceat(w * w, starts[full]))
    out = []
    for d in range(n):
        if not lens[d]:
            out.append(EMPTY)
            continue
        s, e = starts[d], ends[d]
        out.append(SparseVec(term[s:e], (w[s:e] / norm[d]).astype(np.float32)))
    return out


EMPTY = SparseVec(np.zeros(0, np.int64), np.zeros(0, np.float32))


#: Largest intermediate (shared terms × columns) of one product, in cells: ~32 MB of float32.
_BLOCK_CELLS = 8_000_000
#: Largest dense block (column terms × a group of columns) and largest slice of its lines, in cells: ~16 MB
#: of float32 each.
_DENSE_CELLS = 4_000_000


def cosine_block(rows: Sequence[SparseVec], cols: Sequence[SparseVec], n_terms: int) -> npt.NDArray[np.float32]:
    """All cosines between two lists of unit vectors (term ids below ``n_terms``): ``len(rows) × len(cols)``.

    The columns' terms form a dense (terms × cols) matrix; each row's terms pick their lines of it
    (terms the columns lack drop out), weighted, and the lines are summed row by row. The matrix is built a
    group of columns at a time (a 20 MB report's vocabulary × all its sections was a 100 MB block). Each
    column is summed on its own with the same lines and slices whatever the grouping, so no cell changes:
    numpy's reduceat does not add sequentially, so a cell's last bits depend on where the lines are cut.
    """
    out = np.zeros((len(rows), len(cols)), np.float32)
    if not rows or not cols:
        return out
    col_len = np.fromiter((len(v.ids) for v in cols), np.int64, len(cols))
    row_len = np.fromiter((len(v.ids) for v in rows), np.int64, len(rows))
    if not col_len.any() or not row_len.any():
        return out
    col_terms = np.concatenate([v.ids for v in cols])
    vocab, inverse = np.unique(col_terms, return_inverse=True)
    col_of = np.repeat(np.arange(len(cols)), col_len)
    col_weights = np.concatenate([v.weights for v in cols])
    line = np.full(n_terms, -1, np.int64)
    line[vocab] = np.arange(len(vocab))
    terms = np.concatenate([v.ids for v in rows])
    weights = np.concatenate([v.weights for v in rows])
    row_of = np.repeat(np.arange(len(rows)), row_len)
    picked = line[terms]
    keep = picked >= 0
    picked, weights, row_of = picked[keep], weights[keep], row_of[keep]
    step = max(1, _BLOCK_CELLS // len(cols))
    # Fewer columns a group also make each slice's lines (slice × group) smaller than _BLOCK_CELLS.
    group = max(1, min(_DENSE_CELLS // len(vocab), _DENSE_CELLS // max(1, min(step, len(picked)))))
    col_ends = np.cumsum(col_len)
    for c0 in range(0, len(cols), group):
        c1 = min(len(cols), c0 + group)
        lo, hi = int(col_ends[c0] - col_len[c0]), int(col_ends[c1 - 1])
        dense_b = np.zeros((len(vocab), c1 - c0), np.float32)
        dense_b[inverse[lo:hi], col_of[lo:hi] - c0] = col_weights[lo:hi]
        for s in range(0, len(picked), step):
            e = s + step
            part_rows = row_of[s:e]
            lines = dense_b[picked[s:e]]
            lines *= weights[s:e, None]
            starts = np.flatnonzero(np.r_[True, part_rows[1:] != part_rows[:-1]])
            # A row cut between two parts adds up across them.
            out[part_rows[starts], c0:c1] += np.add.reduceat(lines, starts, axis=0)
    return out
