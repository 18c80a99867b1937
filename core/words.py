"""Words of a report for similarity: jieba tokens of the normalized text, cut once per report.

Common policy words (推进, 加强, 全面, 建设 …) appear in every section of every report; they are weighted
down so that similarity follows what a section is about (就业, 教育, 营商环境), not how reports talk.
"""

from __future__ import annotations

import math
import re
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import tokens

#: Words every report uses everywhere: they say little about a section's topic.
POLICY_FILLER = frozenset(
    ["推进", "推动", "加强", "加快", "加大", "持续", "全面", "深入", "深化", "着力", "积极", "大力", "扎实", "切实", "不断", "进一步", "坚持", "强化", "提升", "提高", "完善", "健全", "建设", "发展", "工作", "实施", "开展", "落实", "促进", "优化", "做好", "抓好", "实现", "确保", "力争", "支持", "鼓励", "引导", "保障", "巩固", "扩大", "新", "更", "好", "高", "大", "重点", "重大", "主要", "有效", "有序", "稳步", "继续", "全力", "努力", "更加", "更大", "力度", "水平", "能力", "体系", "机制", "制度", "政策", "措施", "行动", "工程", "项目", "任务", "目标", "全年", "今年", "明年", "去年", "我们", "我区", "我市", "我省", "全区", "全市", "全省", "全国", "地区", "城市", "区域", "一批", "质量", "高质量", "服务", "管理", "体制", "创新", "改革", "领域", "方面", "作用", "成果", "成效", "基础", "全过程", "各类", "各项", "相关", "一体化", "现代化", "加速", "统筹", "聚焦", "围绕", "打造", "构建", "形成", "营造", "培育", "增强", "保持", "突出", "注重", "一步", "一些", "以及", "等", "和", "与", "及", "的", "了", "在", "对", "为", "把", "将"]
)
#: Weight of a policy-filler word relative to an ordinary word.
FILLER_WEIGHT = 0.15

_WORDLIKE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@dataclass(frozen=True)
class WordIndex:
    """The words of one normalized text, with their start offsets (sorted)."""

    starts: tuple[int, ...]
    words: tuple[str, ...]

    def between(self, start: int, end: int) -> Sequence[str]:
        """Words that start inside normalized ``[start, end)``."""
        return self.words[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


_cache: dict[str, WordIndex] = {}
_cache_lock = threading.Lock()
_CACHE_MAX = 32


def word_index(normalized: str) -> WordIndex:
    """Words of ``normalized`` (cached per text: alignment and diff share one cut)."""
    with _cache_lock:
        hit = _cache.get(normalized)
    if hit is not None:
        return hit
    starts: list[int] = []
    words: list[str] = []
    pos = 0
    freq = tokens.dictionary()
    for line in normalized.split("\n"):
        for w in tokens.cut(line):
            if len(w) >= 2 and _WORDLIKE.match(w) and not w.isdigit():
                starts.append(pos)
                words.append(w)
                # Long words also count as their dictionary sub-words (生态环境 → 生态, 环境), as in
                # jieba's search mode, so that 生态建设 and 改善生态环境 share 生态.
                if len(w) >= 3:
                    for i in range(len(w) - 1):
                        sub = w[i : i + 2]
                        if freq.get(sub):
                            starts.append(pos + i)
                            words.append(sub)
            pos += len(w)
        pos += 1
    index = WordIndex(tuple(starts), tuple(words))
    with _cache_lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.pop(next(iter(_cache)))
        _cache[normalized] = index
    return index


def with_subwords(words: Iterable[str]) -> list[str]:
    """Words plus the dictionary sub-words of long ones (生态环境 → 生态环境, 生态, 环境)."""
    freq = tokens.dictionary()
    out = []
    for w in words:
        out.append(w)
        if len(w) >= 3:
            out.extend(w[i : i + 2] for i in range(len(w) - 1) if freq.get(w[i : i + 2]))
    return out


def weight(word: str) -> float:
    return FILLER_WEIGHT if word in POLICY_FILLER else 1.0


def idf_table(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each word over ``documents``."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    return {w: math.log((n + 1) / (c + 0.5)) + 0.5 for w, c in df.items()}


def vector(words: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    """A unit-length tf-idf vector, filler words weighted down."""
    counts = Counter(words)
    vec = {w: (1 + math.log(c)) * idf.get(w, 1.0) * weight(w) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
