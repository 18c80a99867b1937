"""What sections are compared on: tf-idf vectors of character bigrams, policy filler weighted down.

Common policy words (推进, 加强, 全面, 建设 …) appear in every section of every report; they are weighted
down so that similarity follows what a section is about (就业, 教育, 营商环境), not how reports talk.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

#: Words every report uses everywhere: they say little about a section's topic.
POLICY_FILLER = frozenset(
    ["推进", "推动", "加强", "加快", "加大", "持续", "全面", "深入", "深化", "着力", "积极", "大力", "扎实", "切实", "不断", "进一步", "坚持", "强化", "提升", "提高", "完善", "健全", "建设", "发展", "工作", "实施", "开展", "落实", "促进", "优化", "做好", "抓好", "实现", "确保", "力争", "支持", "鼓励", "引导", "保障", "巩固", "扩大", "重点", "重大", "主要", "有效", "有序", "稳步", "继续", "全力", "努力", "更加", "更大", "力度", "水平", "能力", "体系", "机制", "制度", "政策", "措施", "行动", "工程", "项目", "任务", "目标", "全年", "今年", "明年", "去年", "我们", "我区", "我市", "我省", "全区", "全市", "全省", "全国", "地区", "区域", "一批", "质量", "高质量", "领域", "方面", "作用", "成果", "成效", "基础", "全过程", "各类", "各项", "相关", "一体化", "现代化", "加速", "统筹", "聚焦", "围绕", "打造", "构建", "形成", "营造", "培育", "增强", "保持", "突出", "注重", "一步", "一些", "以及", "厚植", "优势", "激发", "活力", "动力", "动能", "释放", "展露", "面貌", "共享", "夯实", "支撑", "增进", "满足", "需求", "兜牢", "底线", "引领", "更好", "跃升", "能级", "全方位", "高水平", "新局面", "新篇章", "奋力", "谱写", "开创", "迈出", "步伐", "坚定", "不移", "坚决", "着眼", "突破", "加力", "提质", "增效", "稳定", "不断", "持续", "新优势", "新动力", "新成果", "新面貌"]
)
#: Weight of a policy-filler word relative to an ordinary word.
FILLER_WEIGHT = 0.15


def idf_table(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each word over ``documents``."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    return {w: math.log((n + 1) / (c + 0.5)) + 0.5 for w, c in df.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


# --- character bigrams -------------------------------------------------------------------------------
# Chinese words are mostly two characters, so the bigrams of a text carry its words (and the sub-words of
# long ones: 生态环境 gives 生态, 态环, 环境) without a dictionary. Alignment compares sections on bigrams:
# ~50× faster than a jieba cut, and ready before jieba's 0.7 s dictionary load, so the app can paint the
# aligned rows at once. Bigrams inside policy filler words are weighted down like the words.

_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


def _filler_bigrams() -> frozenset[str]:
    out: set[str] = set()
    for w in POLICY_FILLER:
        if len(w) >= 2:
            out.update(w[i : i + 2] for i in range(len(w) - 1))
    return frozenset(out)


FILLER_BIGRAMS = _filler_bigrams()


def bigrams(text: str) -> list[str]:
    """The overlapping character bigrams of each run of Han characters in ``text``."""
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def bigram_vector(grams: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(grams)
    vec = {
        g: (1 + math.log(c)) * idf.get(g, 1.0) * (FILLER_WEIGHT if g in FILLER_BIGRAMS else 1.0)
        for g, c in counts.items()
    }
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {g: v / norm for g, v in vec.items()}


def cosine_matrix(rows: Sequence[dict[str, float]], cols: Sequence[dict[str, float]]) -> list[list[float]]:
    """All cosines between two lists of unit vectors, through an inverted index of ``cols``."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vec in enumerate(cols):
        for g, v in vec.items():
            postings.setdefault(g, []).append((j, v))
    out = []
    for vec in rows:
        acc = [0.0] * len(cols)
        for g, v in vec.items():
            for j, w in postings.get(g, ()):
                acc[j] += v * w
        out.append(acc)
    return out
