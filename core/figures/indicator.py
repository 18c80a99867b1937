"""Finding the indicator a figure measures: the noun phrase of its clause, from jieba words.

Reports put the indicator before the number (全年新增市场主体2000户以上, 国内生产总值增长8.1%) or, after an
action verb, as the object that follows the unit (培育2户返乡人才创业基地, 为13所基层医疗卫生服务机构更新设备).
Only the few characters around each figure are cut into words, so this stays cheap on whole reports.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from core import tokens


def word_set(text: str) -> frozenset[str]:
    """A word list written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


def word_list(text: str) -> tuple[str, ...]:
    """Like ``word_set`` but ordered (first match wins), for ``startswith``/``endswith`` lookups."""
    return tuple(text.split())


#: Longest label kept; longer phrases keep their head (the rightmost words).
MAX_LABEL = 16

LABELS_FILE = Path(__file__).with_name("labels.toml")


@lru_cache(maxsize=1)
def _label_words() -> dict[str, tuple[str, ...]]:
    with LABELS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return {key: tuple(words) for key, words in data.items()}


def label_words(key: str) -> tuple[str, ...]:
    """One list of labels.toml, its words as written."""
    return _label_words().get(key, ())


@lru_cache(maxsize=1)
def terms() -> frozenset[str]:
    """Names kept whole although jieba cuts them at a stop word or a number (labels.toml)."""
    return frozenset(_label_words().get("terms", ()))


@lru_cache(maxsize=1)
def capacity_heads() -> frozenset[str]:
    """Heads that say only how big a capacity is (装机容量): the noun after the unit says of what."""
    return frozenset(_label_words().get("capacity_heads", ()))


@lru_cache(maxsize=1)
def item_heads() -> tuple[str, ...]:
    """Endings of a whole indicator name (生产总值, 收入…): a list item with one needs no shared head."""
    return _label_words().get("item_heads", ())


@lru_cache(maxsize=1)
def leading_verbs() -> frozenset[str]:
    """Words that open a list as its verb although jieba does not tag them so (发展)."""
    return frozenset(_label_words().get("leading_verbs", ()))


#: Most words one term is cut into (PM2|.|5, 医|共|体).
_TERM_PIECES = 5


def glue_terms(words: list[str]) -> list[str]:
    """Consecutive words that together spell a term of labels.toml, glued into one word."""
    known = terms()
    if len(words) < 2:
        return words
    text = "".join(words)
    if not any(t in text for t in known):
        return words
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        for m in range(min(_TERM_PIECES, n - i), 1, -1):
            joined = "".join(words[i : i + m])
            if joined in known:
                out.append(joined)
                i += m
                break
        else:
            out.append(words[i])
            i += 1
    return out

#: Words that end the label on its left and are not part of it: time and scope words, qualifier verbs,
#: prepositions and adverbs. At the label's right end they are skipped (国内生产总值比上年|增长).
STOP_WORDS: frozenset[str] = word_set("""
    全年 今年 去年 年内 当年 明年 上年 前年 同年 近年 近年来 过去 一年来 五年来 十年来 三年来 目前 截至 截止
    年底 年末 年初 届时 期间 其中 同时 此外 另外 共 共计 合计 累计 总计 分别 还 也 并 且 均 已 已经 将 要
    比 较 同比 环比 同期 上年同期 从 由 到 至 为 是 达 达到 超 超过 突破 约 近 逾 接近 力争 确保 预计
    预期 计划 拟 按 在 控制 控制在 保持在 稳定在 保持 稳定 实现 完成 有 了 平均 年均 每年 全部 总共 一共 使
    让 把 对 向 给 以 和 与 及 或 等 等等 就 都 仅 只 即 则 而 但 且 其 该 这 那 此 我们 我国 我省 我市 我区
    全国 全省 全市 全区 全县 全州 全盟 全 各 每 个 以上 以下 左右 以内 之内 上下 余 多 之 后 前 内 来 以来 时
    争取 努力 力求 进一步 继续 持续 不断 基本 首次 首批 新 有望 预期目标 连续 增至 降至 增加到 提高到 提高至
    降低到 降低至 下降到 下降至 升至 跃升至 扩大到 扩大至 增长到 缩小至 缩小到 减少到 减少至 提升到 提升至 迈上
    跨上 迈入 跨越 站上 登上 连跨 跨入 跃居 跻身 高于 低于
    加快 加强 切实 全力 着力 大力 积极 扎实 稳步 有序 深入 开始 作为 成为 居 位居 排名 名列 占
    同口径 按可比价格计算 可比 计算 扣除 年
    """)

#: Adverbs skipped when they stand right before the number but kept inside a label (登记失业人员再就业).
SKIP_RIGHT: frozenset[str] = word_set("的 再 又 更 实际 名义 分别 均 共 约 近 总 净 高 低 多 少 快 慢")

#: Verbs that carry the kind "change" when they stand right before a number.
CHANGE_UP: frozenset[str] = word_set(
    "增长 增加 提高 提升 上升 上涨 扩大 增 涨 上调 多增 增收 增产 翻 翻番 增长了 增加了 提高了"
)
CHANGE_DOWN: frozenset[str] = word_set(
    "减轻 下降 降低 减少 回落 缩小 缩短 压减 削减 压缩 降 减 跌 下调 下滑 减排 降至 下降了 减少了 降低了"
)
#: Labels ending in these name a rate of change (居民消费价格涨幅3%左右 is a change).
CHANGE_NOUNS: tuple[str, ...] = ("增速", "增幅", "涨幅", "降幅", "增长率", "增长速度", "增量")

#: Verbs of doing (发放贷款, 培育基地): the counted thing is their object, never part of the label.
ACTION_VERBS: frozenset[str] = word_set("""
    发放 申报 培育 招聘 实施 推动 推进 开展 建成 引进 打造 保障 支持 投入 安排 下达 落实 减免 提供 组织
    帮助 解决 吸纳 带动 惠及 覆盖 开工 竣工 投产 拨付 筹集 发行 兑现 救助 资助 启动 创建 认定 获批 获得
    更新 建立 设立 选派 举办 举行 承办 吸引 接待 签约 签订 办理 受理 处置 化解 清理 整治 修复 恢复
    种植 播种 收购 收储 采购 开通 通车 投用 上线 入选 评为 列入 纳入 拉动 培养 表彰 完善 建设 打通
    新建成 改建 扩建 培树 认证 挂牌 争创 创成 获评 荣获 获 发布 出台 制定 修订 印发 部署 推广 支付 偿还
    聚焦 围绕 依托 统筹 实行 推行 深化 优化 扩容 提质 升级 转化 孵化 落地 招引 集聚 引育 培植 开行
    开辟 布局 规划 储备 谋划 包装 争引 盘活 处理 整合 关停 淘汰 退出 拆除 消除 整改 查处 破获 侦破 抓获
    通过 落户 入驻 运行 运营 开业 亮相 参展 集聚 聚集 提出 确定 明确 设定 拿出 召开 享受 参加 参与 进入 入围 位列 形成 投入使用 建成投用 建成投产 开工建设 走访 慰问 救治 筛查 接种 检测 安置 搬迁 转移到 回引 返还 节约 节省 带来 吸收 利用外资
    """)

_CHANGE_SUFFIXES = (
    "增长",
    "上涨",
    "下降",
    "提高",
    "降低",
    "减少",
    "增加",
    "提升",
    "上升",
    "回落",
    "扩大",
    "缩小",
)
_GLUED_OK = frozenset({"经济增长", "高速增长", "人口增长", "快速增长", "负增长", "零增长", "正增长"})

_GLUE = frozenset(
    {
        "占比",
        "兑现率",
        "增加值",
        "迈上",
        "跨上",
        "站上",
        "登上",
        "规模以上",
        "限额以上",
        "全社会",
        "全口径",
        "全球",
        "全员",
        "之比",
    }
)
#: Every ending of a _GLUE word: a word that is none cannot complete one (no string built to look it up).
_GLUE_ENDS = frozenset(g[k:] for g in _GLUE for k in range(len(g)))
#: One-character heads jieba leaves alone (赤字|率): glued to the word before them.
_SUFFIX_HEADS = frozenset("率额量数值费价")
#: Head nouns too general to be a label alone: 人均保障标准 keeps its verb (保障) rather than stop at it.
GENERIC_HEADS: frozenset[str] = (
    word_set("""标准 水平 率 额 量 数 规模 能力 面积 总量 比例 比重 占比 资金 金额 费用 人数 数量 指数 总额 产值 收入 里程
    覆盖率 达标率 完成率 合格率 满意率 办结率 增加值 营收 投资 资金量 范围 项目 人次 户数 次数 时间 强度
    效率 成本 周期""")
)

#: Nouns that close a verb–noun compound in a counted thing (全民健身中心, 污水处理厂, 养老服务站).
HEAD_NOUNS = word_set(
    """中心 基地 园区 园 平台 项目 工程 设施 场地 站 馆 厂 场 室 点 区 体系 网络 机构 企业 公司 学校 医院 设备
    线路 通道 管网 道路 载体 空间 示范区 集群 产业 工厂 车间 床位 岗位 家庭 服务 系统 网点 场所 基站 社区 村"""
)
#: Head nouns for people and places a count often names (160个国家乡村振兴重点帮扶县, 1亿农业转移人口).
_PEOPLE_AND_PLACES = frozenset({"县", "人口", "人员", "群众", "农户", "学生", "儿童", "老人", "乡镇", "村庄"})
#: 在… opens an adverbial (农业转移人口|在城镇落户), which ends a counted thing's name; these words
#: starting with 在 are part of names (在校学生, 在建项目).
_IN_WORDS = frozenset({"在校", "在建", "在册", "在岗", "在职", "在线", "在园", "在读", "在库", "在押", "在编", "在营"})
#: Verbs that always start what is said about the counted thing (国债资金|用于县…, 老旧小区|引入物业).
_PREDICATES = frozenset({"用于", "引入", "纳入", "列入", "覆盖", "惠及", "带动", "涉及"})
_GENERIC_TAILS = frozenset({"进程", "进度", "步伐", "工作", "建设"})  # not 任务: 10项改革任务 counts tasks
_OBJECT_END = frozenset({"等", "和", "及", "与", "或", "以及", "的", "中", "里", "上", "下"})
_PAST = frozenset({"上年", "去年", "前年", "同期", "上年同期", "年初"})
_COMPARISON = frozenset({"比", "较", "高于", "低于", "快于", "慢于", "相比", "比上年", "较上年"})

_BOUNDARY = frozenset("，,；;。：:！？!?、（()）\n\r\t 　")
_QUOTES = "“”‘’\"'「」『』《》〈〉【】"

_verb_lock = threading.Lock()
_verbs: frozenset[str] | None = None


def _jieba_verbs() -> frozenset[str]:
    """Words jieba's dictionary tags as verbs; read once from its dict.txt without running posseg."""
    global _verbs
    if _verbs is None:
        with _verb_lock:
            if _verbs is None:
                found: set[str] = set()
                spec = importlib.util.find_spec("jieba")
                if spec is not None and spec.origin:
                    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
                    try:
                        with open(path, "rb") as fh:
                            found = _verb_lines(fh.read())
                    except OSError:
                        pass
                _verbs = frozenset(found)
    return _verbs


_place_lock = threading.Lock()
_places: frozenset[str] | None = None


def _jieba_places() -> frozenset[str]:
    """Words jieba's dictionary tags as place names (ns): 津冀, 西山, 城区 is not one."""
    global _places
    if _places is None:
        with _place_lock:
            if _places is None:
                found: set[str] = set()
                spec = importlib.util.find_spec("jieba")
                if spec is not None and spec.origin:
                    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
                    try:
                        with open(path, "rb") as fh:
                            found = _verb_lines(fh.read(), b" ns\n")
                    except OSError:
                        pass
                _places = frozenset(found)
    return _places


def is_place(word: str) -> bool:
    """A place name (津冀, 京津冀, 长三角) by jieba's dictionary, or an area word (城区, 市区, 县城…)."""
    return word in _AREA_WORDS or word in _jieba_places() or word in _more_area_words()


@lru_cache(maxsize=1)
def _counted_heads() -> tuple[str, ...]:
    return (*HEAD_NOUNS, *_label_words().get("head_nouns", ()), *_PEOPLE_AND_PLACES)


@lru_cache(maxsize=1)
def _more_head_nouns() -> frozenset[str]:
    return frozenset(_label_words().get("head_nouns", ()))


@lru_cache(maxsize=1)
def _more_area_words() -> frozenset[str]:
    return frozenset(_label_words().get("area_words", ()))


def ends_in_head_noun(label: str) -> bool:
    """Whether ``label`` ends in a noun a count counts (企业, 中心, 电站, 人员…)."""
    return label.endswith(_counted_heads())


@lru_cache(maxsize=1)
def bare_heads() -> frozenset[str]:
    """Heads that say what is measured but not of what (营收, 产值…)."""
    return frozenset(_label_words().get("bare_heads", ()))


@lru_cache(maxsize=1)
def object_stops() -> frozenset[str]:
    """Words that start what is said of a counted thing after its name (按照, 如期, 全面…)."""
    return frozenset(_label_words().get("object_stops", ()))


def ends_in_scope(label: str) -> bool:
    """Whether ``label`` ends in a field or an area (煤化工行业, 市区周边), not a thing a count counts."""
    return label.endswith(_label_words().get("scope_endings", ()))


def is_head_noun(word: str) -> bool:
    """A noun that closes a verb–noun compound (中心, 电站…): HEAD_NOUNS and labels.toml's head_nouns."""
    return word in HEAD_NOUNS or word in _more_head_nouns()


#: Area words that name where, not what (23条主干道 in 城区 is not 城区's figure).
_AREA_WORDS = frozenset(
    {"城区", "市区", "县城", "主城区", "中心城区", "老城区", "新城区", "全域", "辖区", "园区内", "境内", "乡镇",
     "农村地区", "城乡", "全市域", "市域", "县域", "区域"}
)


def _verb_lines(data: bytes, tag: bytes = b" v\n") -> set[str]:
    """Words of dict.txt lines ``word freq v`` (or another ``tag``). The file has ~350,000 lines and ~35,000 verbs, and is read in
    the first extraction (its time counts): splitting the bytes at each `` v`` line end and reading only the
    line before costs a third of decoding and splitting every line, for the same set."""
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
    if not data.endswith(b"\n"):
        data += b"\n"
    chunks = data.split(tag)
    chunks.pop()  # what follows the last verb line
    found: set[str] = set()
    for chunk in chunks:
        parts = chunk[chunk.rfind(b"\n") + 1 :].split()
        if len(parts) == 2:
            found.add(parts[0].decode("utf-8"))
    return found


Cut = Callable[[str], tuple[str, ...]]


def _fast_cut() -> Cut | None:
    """``tokens.cut`` (jieba's accurate mode without HMM) re-done for the short strings around figures.

    jieba builds a DAG dict, a route dict and three generators for every string; the same dynamic programming
    in one right-to-left pass over each block takes about half the time, and the extractor cuts the clause of
    every figure. Same dictionary, scores, tie-breaking (a later end wins an exact tie, as jieba's ``max`` over
    (score, end) pairs) and handling of non-Chinese runs, so the words are the same (tests compare with
    jieba). None when jieba lacks the pieces this mirrors.
    """
    tok: Any = tokens.jieba_tokenizer()  # the loaded jieba.Tokenizer (its FREQ and total)
    import jieba

    re_han = getattr(jieba, "re_han_default", None)
    re_skip = getattr(jieba, "re_skip_default", None)
    re_eng = getattr(jieba, "re_eng", None)
    if re_han is None or re_skip is None or re_eng is None or not hasattr(tok, "FREQ"):
        return None
    han_split, han_match = re_han.split, re_han.match
    skip_split, skip_match = re_skip.split, re_skip.match
    eng_match = re_eng.match
    log = math.log

    def cut_block(sentence: str, out: list[str], logtotal: float) -> None:
        get = tok.FREQ.get
        n = len(sentence)
        score = [0.0] * (n + 1)  # best score of sentence[k:]
        ends = list(range(n))  # end (inclusive) of the first word of that best route
        for k in range(n - 1, -1, -1):
            best = 0.0
            found = False
            i = k
            frag = sentence[k]
            freq = get(frag)
            while freq is not None:  # every prefix of a dictionary word is in FREQ (with 0 if no word)
                if freq:
                    value = log(freq) - logtotal + score[i + 1]
                    if not found or value >= best:
                        best, ends[k], found = value, i, True
                i += 1
                if i >= n:
                    break
                frag = sentence[k : i + 1]
                freq = get(frag)
            if not found:  # no word starts here: the character alone
                best = log(get(sentence[k]) or 1) - logtotal + score[k + 1]
            score[k] = best
        x = 0
        buf = ""
        while x < n:  # runs of single letters and digits are one word, as in jieba
            y = ends[x] + 1
            word = sentence[x:y]
            if len(word) == 1 and eng_match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def cut(text: str) -> tuple[str, ...]:
        out: list[str] = []
        logtotal = log(tok.total)
        for blk in han_split(text):
            if not blk:
                continue
            if han_match(blk):
                cut_block(blk, out, logtotal)
            else:
                for x in skip_split(blk):
                    if skip_match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return tuple(out)

    return cut


class WordCutter:
    """Words of short strings for one extraction, remembered while it runs (clauses and labels repeat).

    The cutter is built at the first cut, so that a text without figures never loads jieba."""

    def __init__(self) -> None:
        self._cut: Cut | None = None
        self._seen: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> tuple[str, ...]:
        words = self._seen.get(text)
        if words is None:
            if self._cut is None:
                # rjieba when installed (the same words, faster still); else the copy of jieba's DP
                self._cut = tokens.native_cut() or _fast_cut() or tokens.cut_cached
            words = self._seen[text] = self._cut(text)
        return words


def is_verb(word: str) -> bool:
    """An action or a jieba verb; 新建/新增 style words count too (新建30所幼儿园)."""
    if word in ACTION_VERBS or word in CHANGE_UP or word in CHANGE_DOWN:
        return True
    if len(word) in (2, 3) and word[0] == "新" and word not in ("新区", "新城", "新型", "新兴"):
        return True
    return word in _jieba_verbs()


# Hot per-word tests, written with C-level calls instead of generator expressions (same results):
# ``not w.strip(_QUOTES)`` is ``all(ch in _QUOTES for ch in w)``, ``any(map(str.isdigit, w))`` is
# ``any(ch.isdigit() for ch in w)``.


def _has_digit(word: str) -> bool:
    return any(map(str.isdigit, word))


def _is_content(word: str) -> bool:
    if not word or word in STOP_WORDS:
        return False
    if word in _BOUNDARY or not word.strip(_QUOTES):
        return False
    return not any(map(str.isdigit, word))


def _clean(words: list[str]) -> str:
    label = "".join([w for w in words if w.strip(_QUOTES)])
    label = label.strip("的之和与及、［］[]【】-—–·")
    return label


@dataclass(frozen=True)
class Before:
    """What the clause before a number says: its indicator phrase and the verb the number follows."""

    phrase: str  #: the noun phrase ending right before the number (qualifiers skipped), verb included
    compared: bool  #: the phrase follows 比/较 (比去年预算高0.2个百分点): it is a base of comparison
    verb: str  #: the word right before the number when it is a verb (培育, 新建, 守住), else ""
    before_verb: str  #: the phrase before that verb (中央预算内投资 in 中央预算内投资安排6400亿元)
    last_word: str  #: the first word skipped or kept at the right (增长 in 国内生产总值增长8.1%)


def _split_change(words: list[str]) -> list[str]:
    """``价格上涨`` → ``价格`` ``上涨`` when jieba glued a change verb to the noun before it."""
    out: list[str] = []
    for w in words:
        if len(w) < 3 or not w.endswith(_CHANGE_SUFFIXES):
            out.append(w)
            continue
        for verb in _CHANGE_SUFFIXES:
            if len(w) > len(verb) and w.endswith(verb) and w not in _GLUED_OK:
                out.append(w[: -len(verb)])
                out.append(verb)
                break
        else:
            out.append(w)
    return out


#: Auxiliaries that never start a label (会使用…比例 → 使用…比例).
_LEADING_AUX = frozenset({"会", "能", "要", "将", "并", "也", "都", "还", "又"})  # not 可: 可|再生能源
_SHARE_HEADS = ("比重", "比例")


def _collect(words: list[str], i: int) -> str:
    """The label ending at ``words[i]``, collected leftwards up to an action verb or a stop word."""
    picked: list[str] = []
    length = 0
    named = terms()
    while i >= 0:
        w = words[i]
        if w in _BOUNDARY or (_has_digit(w) and w not in named):
            break
        in_share = bool(picked) and picked[0].endswith(_SHARE_HEADS)
        # 全社会研发投入占GDP比重: in a share's numerator a verb after a noun is a noun (研发投入)
        numerator_noun = in_share and "占" in picked and i > 0 and _noun_like(words[i - 1])
        # 生活垃圾收运处理的自然村: work done (labels.toml work_nouns) before 的 qualifies the thing, in its name
        relative = bool(picked) and picked[-1] == "的" and len(picked) > 1 and w in work_nouns() and i > 0
        if (
            w in ACTION_VERBS
            and not (picked and (length <= 1 or "".join(reversed(picked)) in GENERIC_HEADS))
            and not numerator_noun
            and not (relative and _is_content(words[i - 1]) and words[i - 1] not in ACTION_VERBS)
        ):
            break
        # 北京输出到津冀技术合同成交额: a verb with 到 inside the name (not 提高到, a change's end)
        moved = w in ("到", "至") and bool(picked) and i > 0 and _joins_name(words[i - 1])
        # 研发经费占地区生产总值比重: a share names its numerator and its denominator (without 研发经费 it
        # would share a row with every other share of GDP)
        share = w == "占" and bool(picked) and picked[0].endswith(_SHARE_HEADS) and i > 0
        # 上市及过会企业, 户外广告设施和招牌: two nouns joined name one counted thing
        joined = (
            w in _AND
            and bool(picked)
            and i > 0
            and (_noun_like(words[i - 1]) or _parallel_head(words, i, picked))
            and _is_content(picked[-1])
            and picked[-1] not in ACTION_VERBS
        )
        # 制造业投资占全部投资比重: a scope word inside the denominator, between 占 and 比重
        denominator = in_share and "占" not in picked and w in _SHARE_SCOPE and "占" in words[max(0, i - 4) : i]
        if w in STOP_WORDS and w != "的" and not moved and not share and not joined and not denominator:
            break
        size = len(w) if w.strip(_QUOTES) else 0
        if length + size > (MAX_LABEL + 6 if "占" in picked else MAX_LABEL) and picked:
            break
        picked.append(w)
        length += size
        i -= 1
    if i >= 0 and words[i] == "每" and picked and picked[-1][:1] in "万千百亿":
        picked.append("每")  # 每万人口高价值发明专利拥有量: 每 belongs to the name
    picked.reverse()
    while picked and (picked[0] == "的" or not picked[0].strip(_QUOTES) or picked[0] in _LEADING_AUX):
        picked.pop(0)
    return _clean(picked)


_AND = frozenset({"和", "及", "与"})
#: Scope words a share's denominator may hold (占全部投资比重, 占全省…比重).
_SHARE_SCOPE = frozenset({"全部", "全", "全省", "全市", "全区", "全县", "全国", "全社会", "各"})


def _parallel_head(words: list[str], i: int, picked: list[str]) -> bool:
    """``A和B`` whose halves end in a one-character head jieba leaves alone (断头|路|和|卡|脖|路,
    雨|污水泵|站|和|…池): a noun in each half, so the two name one counted thing."""
    head = words[i - 1]
    return (
        len(head) == 1
        and (head == picked[0][-1:] or is_head_noun(head))
        and i > 1
        and _is_content(words[i - 2])
        and words[i - 2] not in ACTION_VERBS
    )


def _noun_like(word: str) -> bool:
    """A word that can end one half of ``A和B`` inside a name: content, not a verb, a place or a time."""
    return _is_content(word) and not is_verb(word) and word not in _BOUNDARY and len(word) > 1


#: Words that may stand between 占 and a share's denominator (占全县生产总值的85%).
_SHARE_GAP = 4


def _share_of(words: list[str], i: int) -> str:
    """A share written 占B的85% (no 比重): ``A占B比重``, naming numerator and denominator as the genre's
    A占B比重 does, so that it never reads as B itself (民营经济增加值占全县生产总值的85% is no GDP figure);
    ``占B比重`` when A stands in an earlier clause (the extractor then takes it from the figure before).
    "" when ``words[i]`` (the last word before the number) is not such a denominator."""
    if i + 1 >= len(words) or words[i + 1] != "的":
        return ""
    k = i
    while k >= 0 and i - k <= _SHARE_GAP and words[k] != "占":
        if words[k] in _BOUNDARY or words[k] in ACTION_VERBS or any(map(str.isdigit, words[k])):
            return ""
        k -= 1
    if k < 0 or words[k] != "占" or k == i:
        return ""
    whole = _clean(words[k + 1 : i + 1])
    if not whole or not any(_is_content(w) and w not in STOP_WORDS for w in words[k + 1 : i + 1]):
        return ""  # 占全市的三分之一: the whole is the place itself, the label is the part's
    part = _collect(words, k - 1) if k > 0 else ""
    return f"{part}占{whole}比重" if part else f"占{whole}比重"


def _joins_name(word: str) -> bool:
    """Whether ``word`` before 到/至 is a verb of moving things somewhere (输出, 转移, 销往…), which makes
    part of an indicator's name, rather than a verb of change (提高到) or of time (截至)."""
    return word in _MOVE_VERBS


#: 输出到津冀, 转移到城镇, 出口到东盟, 销往…: the destination narrows the indicator.
_MOVE_VERBS = frozenset({"输出", "转移", "出口", "流向", "输送", "外送", "调往", "送往", "销往", "迁移", "转让"})


def _merge(words: list[str]) -> list[str]:
    """Glue pairs jieba splits but labels need whole (占|比 → 占比)."""
    out: list[str] = []
    for w in words:
        if out and (
            (w in _GLUE_ENDS and (out[-1] + w) in _GLUE)
            or (w in _SUFFIX_HEADS and _is_content(out[-1]) and len(out[-1]) > 1)
        ):
            out[-1] += w
        else:
            out.append(w)
    return out


def _glue_ratio(words: list[str]) -> list[str]:
    """城乡居民收入|比 缩小至 → 城乡居民收入比 (a ratio's name), but not 比|上年 (a comparison)."""
    if "比" not in words:
        return words
    for k in range(len(words) - 1, 0, -1):
        if words[k] == "比" and _is_content(words[k - 1]):
            rest = words[k + 1 :]
            if all((w in STOP_WORDS or w in CHANGE_UP or w in CHANGE_DOWN) and w not in _PAST for w in rest):
                return [*words[: k - 1], words[k - 1] + "比", *rest]
            break
    return words


#: Words skipped at the right end of a clause (one set lookup instead of four).
_SKIPPED_RIGHT = STOP_WORDS | SKIP_RIGHT | CHANGE_UP | CHANGE_DOWN


#: A basis phrase between an indicator and its change (按可比价格计算, 扣除价格因素): read past, as a comma.
_BASIS_PHRASE_RE = re.compile(r"按(?:可比价格?|不变价格?|现价|[0-9]{4}年(?:不变)?价格?)计算|扣除价格因素(?:后)?")


def label_before(region: str, cut: Cut = tokens.cut_cached) -> Before:
    """Read the clause up to a number: ``国内生产总值比上年增长`` → phrase 国内生产总值, last word 增长.

    ``cut`` splits a string into jieba's words (an extraction passes its ``WordCutter``)."""
    region = _BASIS_PHRASE_RE.sub("", region)  # 生产总值按可比价格计算增长6.4%: the basis is no label
    words = glue_terms(_glue_ratio(_merge(_split_change(list(cut(region)))))) if region else []
    i = len(words) - 1
    last_word = ""
    named = terms()
    while i >= 0:
        w = words[i]
        if w in _SKIPPED_RIGHT or not w.strip() or not w.strip(_QUOTES) or (_has_digit(w) and w not in named):
            if not last_word and w.strip() and w.strip(_QUOTES):
                last_word = w
            i -= 1
            continue
        break
    if i < 0:
        return Before("", False, "", "", last_word)
    if not last_word:
        last_word = words[i]
    w = words[i]
    if w in ACTION_VERBS:
        return Before("", False, w, _collect(words, i - 1), last_word)
    verb = w if is_verb(w) else ""
    phrase = _share_of(words, i) or _collect(words, i)
    compared = False
    # Cutting the phrase again (to find the word before it) is only worth it when the clause compares at all.
    if not _COMPARISON.isdisjoint(words):
        j = i - len(cut(phrase)) if phrase else i
        compared = any(words[k] in _COMPARISON for k in range(max(0, j - 1), min(len(words), j + 1)))
    return Before(phrase, compared, verb, _collect(words, i - 1) if verb else "", last_word)


def object_after(text: str, cut: Cut = tokens.cut_cached) -> str:
    """The counted thing after a unit: ``基层医疗卫生服务机构`` from 基层医疗卫生服务机构更新医疗设备。"""
    end = 0
    while end < len(text) and end < 24 and text[end] not in _BOUNDARY:
        end += 1
    text = text[:end]
    if text.startswith(("的", "级")):
        text = text[1:]
    if not text:
        return ""
    words = glue_terms(list(cut(text)))
    named = terms()
    stops = object_stops()
    if words and (words[0] in ACTION_VERBS or words[0] in CHANGE_UP or words[0] in CHANGE_DOWN):
        return ""  # 两次召开…, 5年提高…: no object, a new verb phrase
    picked: list[str] = []
    length = 0
    content = False
    for k, w in enumerate(words):
        if (_has_digit(w) and w not in named) or w in _OBJECT_END:
            break
        if not w.strip(_QUOTES):
            continue
        if (
            content
            and (w in STOP_WORDS or w in ACTION_VERBS or w in CHANGE_UP or w in CHANGE_DOWN)
            and not ((w in ACTION_VERBS or w in CHANGE_UP) and _work_done(words, k, "".join(picked)))
            and not (w in CHANGE_UP and w not in ACTION_VERBS and _ends_with_noun(words, k))  # 粮食产能提升重点县
        ):
            break
        if content and (_adverbial(w) or w in _PREDICATES or w in stops):
            break  # 农业转移人口|在城镇落户, 国债资金|用于…
        if content and w in _jieba_verbs() and not _ends_with_noun(words, k) and not _work_done(words, k, "".join(picked)):
            break  # 儿童|享受减免…, but 全民健身中心 keeps its verb
        if length + len(w) > MAX_LABEL:
            break
        picked.append(w)
        length += len(w)
        content = content or (w not in STOP_WORDS and w != "新")
    while len(picked) > 1 and picked[-1] in _GENERIC_TAILS:
        picked.pop()
    label = _clean(picked)
    return "" if len(label) < 2 or label in STOP_WORDS or label in ACTION_VERBS else label


def _work_done(words: list[str], k: int, before: str) -> bool:
    """Whether ``words[k:]`` up to the phrase's end are verbs closed by a noun of work done to the counted
    thing (80吨污泥|焚烧|处置, 6项重点领域|清理|规范): the work is part of what is counted. At most two
    verbs, and the phrase must end there (a boundary, 和, 等), else a new verb phrase starts. A thing
    already closed by a head noun is named whole (1.6公里老旧供水管网|改造: the length is the network's)."""
    if ends_in_head_noun(before):
        return False
    nouns = work_nouns()
    for j in range(k, min(k + 2, len(words))):
        if words[j] not in _jieba_verbs() and words[j] not in nouns:
            return False
        if words[j] in nouns and (j + 1 >= len(words) or words[j + 1] in _BOUNDARY or words[j + 1] in _OBJECT_END):
            return True
    return False


@lru_cache(maxsize=1)
def work_nouns() -> frozenset[str]:
    """Verbs that name work done to a counted thing when they end its phrase (改造, 处置, 规范…)."""
    return frozenset(_label_words().get("work_nouns", ()))


def _ends_with_noun(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` (a verb) modifies a noun that closes the phrase within the next few words:
    健身|中心。, 乡村|振兴|重点|帮扶|县|实施, 农业|转移|人口|在城镇. Otherwise it starts a new verb phrase
    (实验室|落户河北)."""
    for j in range(k + 1, min(k + 4, len(words))):
        w = words[j]
        if w in _BOUNDARY or w in _OBJECT_END or w in ACTION_VERBS or w in STOP_WORDS or w in _PREDICATES:
            return False
        if is_head_noun(w) or w in _PEOPLE_AND_PLACES or (len(w) > 1 and w[-1:] in _PEOPLE_AND_PLACES):
            return j + 1 >= len(words) or _closes(words[j + 1])
    return False


def _closes(word: str) -> bool:
    """Whether ``word`` ends the noun phrase before it (a boundary, 等, a verb of action, 在…)."""
    return (
        word in _BOUNDARY or word in _OBJECT_END or word in ACTION_VERBS or word in STOP_WORDS or _adverbial(word)
    )


def _adverbial(word: str) -> bool:
    return len(word) > 1 and word[0] == "在" and word not in _IN_WORDS


def change_of(word: str) -> int:
    """+1 for 增长-like words, -1 for 下降-like, 0 otherwise."""
    if word in CHANGE_UP:
        return 1
    if word in CHANGE_DOWN:
        return -1
    return 0


def is_change_label(label: str) -> bool:
    return label.endswith(CHANGE_NOUNS)
