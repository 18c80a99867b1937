"""Figure extraction: one compiled regex finds number candidates; rules decide which are figures.

Works on the normalized comparison text (half-width digits and commas) and on raw full-width text alike:
the text is folded character for character (２→2, ％→%, ，→,) so offsets never move. Label finding (jieba)
runs only on the clause before each figure, which keeps whole reports at well over 1 M characters a second.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .. import tokens
from . import indicator
from .horizon import ANNUAL, HorizonReader, heading_horizon, own_years
from .indicator import word_list, word_set
from .model import Figure, Kind, Period
from .numbers import FOLD, MAGNITUDES, tidy
from .numbers import parse_folded as parse_number
from .units import RATE_DENOMINATORS, UNIT_FIRST_CHARS, match_unit, unit_info

_CN = "零〇○一二两三四五六七八九十百千万亿"
#: Any character ``FOLD`` changes.
_FOLDABLE_RE = re.compile("[" + re.escape("".join(chr(c) for c in FOLD)) + "]")
_UNIT_CLASS = re.escape(UNIT_FIRST_CHARS)

_CANDIDATE_RE = re.compile(
    r"(?P<neg>负|(?<![0-9A-Za-z%.)\]])-)?"
    r"(?P<num>"
    # digits after a magnitude are its lower places (3万4000, 25万6千, 1亿2000万), not a new number
    # (为390万65岁以上老年人: 390万, then an age)
    r"(?<![0-9.])(?<!\d,)\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"
    r"(?:[十百千万亿]+(?:\d{4}(?![\d.])|\d+(?:\.\d+)?(?=[十百千万亿]))?)*"
    rf"|(?<![{_CN}])[{_CN}]+(?=[余多]?[万亿]*[{_UNIT_CLASS}])"
    r")"
)
#: Characters a candidate can start with (a sign, a digit or a Chinese numeral). ``re`` scans for a leading
#: character class in C but tries the full pattern, lookbehinds first, at every position: finding the next
#: possible start with this class and matching only there gives the same matches several times faster.
_CANDIDATE_START_RE = re.compile(rf"[-负0-9{_CN}]")
#: A number right after a range connector (5%—6%, 3至5个, 4.5-5%).
_SECOND_RE = re.compile(
    r"(?P<neg>负|-)?(?P<num>\d+(?:,\d{3}(?!\d))*(?:\.\d+)?(?:[十百千万亿]+)?|[" + _CN + r"]+)"
)
_RANGE_CONNECTORS = frozenset("-~—–至到")

_LEAD_QUALIFIERS: tuple[str, ...] = tuple(
    sorted(
        word_set(
            """不低于 不超过 不少于 不高于 不多于 不到 超过 达到 力争 突破 接近 将近 大约 约为 约 近 逾 超 达 高于
        低于 多于 少于 至少 最多 最高 最低 累计 预计 总计 共计 合计 上"""
        ),
        key=len,
        reverse=True,
    )
)
_LEAD_LAST = frozenset(q[-1] for q in _LEAD_QUALIFIERS)
_SHARE_WORDS = frozenset({"占比", "比重", "比例", "份额"})
_CHANGE_VERBS = ("增长", "提高", "下降", "降低", "增加", "减少", "提升", "上涨", "上升")
_CN_NUMBER_RE = re.compile(f"[{_CN}]+")
_INT_RE = re.compile(r"\d+(?!\d|\.\d)")
_RATIO_RE = re.compile(r"\d+(?:\.\d+)?(?:[∶:]\d+(?:\.\d+)?)+")
_BARE_LEADS = ("达到", "达", "为", "至", "到", "超过", "突破", "增至", "降至", "由", "从", "是", "值")
_BARE_FOLLOWERS = word_list("缩小 扩大 提高 下降 上升 增加 减少 降 增 至 到 左右 以上 以下 以内")
_TRAIL_QUALIFIERS: tuple[str, ...] = word_list("以上 以下 左右 以内 之内 上下 多 余 强 出头")
#: First characters of the words above: most figures end before none of them, and skip the loops.
_TRAIL_FIRST = frozenset(q[0] for q in _TRAIL_QUALIFIERS)
_CHANGE_VERB_SET = frozenset(_CHANGE_VERBS)

#: After a number in a "过去五年" sense 年 is time, not a quantity.
_YEAR_TIME_BEFORE = word_list("过去 今后 未来 近 这 最近 此前 前 后 头 近些 往后 每隔")
_YEAR_TIME_AFTER = word_list("来 以来 前 后 间 行动 计划 攻坚 规划 级 制 一遇 不变 之内")
#: Measure words that with 一 only mean "a" (一个重要, 一批项目, 一次性).
_ONE_OK_UNITS = frozenset({"倍", "番", "%", "个百分点", "百分点"})
#: 次 after a number names a meeting (五次会议, 三次全会) or an economic sector (三次产业).
_ORDINAL_AFTER = word_list("会议 全会 代表大会 党代会 集体学习 产业 中全会 常委会 大会")
#: Set phrases: 和平共处五项原则, 两个市场两种资源, 两个积极性, 中央八项规定.
_SET_PHRASE_AFTER: dict[str, tuple[str, ...]] = {
    "项": ("原则", "规定", "主张"),
    "种": ("资源", "手段"),
    "个": ("积极性", "市场"),
    "位": ("一体",),
}
#: Slogans of the form 四个全面, 两个维护, written without quotes.
_SLOGAN_AFTER = tuple(
    word_set(
        """全面 意识 自信 维护 确立 代表 务必 优先 毫不动摇 大局 必须 坚持 一以贯之 不摘 革命 作用 文明 倍增
    转变 统筹 着力 有利于 必由之路 关键 一百年 百年 结合 服务 中心 更加 翻番 明显 不平衡 新的 严防 攻坚战
    重大 防线 底线 坚定 两个 三个 深刻 体系 基本 根本 同步 放在 扎实 打好 持续 坚决 规定 不变 落实 方面 维度
    市场 大力 必然 高地 支撑 发挥 龙江 区域"""
    )
)
#: 连续5年, 连续24个月, 连续3次, 连续12届: how long a streak lasts, like 十连冠, not a measured quantity.
_STREAK_BEFORE_RE = re.compile(r"连续(?:[0-9０-９.]+[-—–~～至到])?$")
_STREAK_UNITS = frozenset({"年", "月", "个月", "次", "届", "天", "日", "轮", "期", "周", "季", "季度", "个季度"})
#: 65岁以上老年人, 3岁以下婴幼儿, 0—6岁儿童: an age that names a group of people, not a measured age
#: (人均预期寿命达到78岁 is one).
#: After the X of 从X…到Y: a verb of change, then 到/至 (提高到, 降至, 调整为).
_TO_AFTER_RE = re.compile(
    r"(?:提高|提升|增加|增长|上调|下调|降低|下降|减少|扩大|缩小|调整|缩短|延长|放宽)(?:到|至|为)|增至|降至|减至|到|至"
)
_AGE_GROUP_RE = re.compile(
    r"(?:及以上|以上|及以下|以下|以内)?的?(?:老年人|老人|老年|婴幼儿|幼儿|儿童|少年|青少年|人口|居民|妇女|人群|群众|学生|孩子|新生儿|婴儿)"
)
_NAME_TAIL_RE = re.compile(r"^[^，,；;。：:、！？\n]{0,6}?(工程|行动|计划|战略|工作法|模式|体系|机制|格局)")
_BOUNDARY_CHARS = "，,；;。：:、！？!?\n"
_SENTENCE_RE = re.compile(r"[。！？!?\n]")
#: A figure's sentence is carried whole up to this many characters (every sentence of 291 corpus reports
#: is shorter: the longest holding a figure has 791); past it (a page without punctuation, crafted text)
#: each figure carries its own clause, at most SENTENCE_CONTEXT characters either side of it, with that
#: stretch's offsets: a 100 KB sentence of 10,000 figures would otherwise be written 10,000 times.
MAX_SENTENCE_CHARS = 1000
SENTENCE_CONTEXT = 100
#: Characters that no indicator's name holds: controls, bidirectional controls and ASCII symbols of code
#: and markup. Labels never carry them.
_NOT_IN_NAMES = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069@#$^*=<>\\[\\]{}\\\\|~`"
_NOT_IN_NAMES_RE = re.compile(f"[{_NOT_IN_NAMES}]")
#: A footnote's mark in scraped pages: [2], ^[7] (full-width brackets are folded to these).
_FOOTNOTE_RE = re.compile(r"\^?\[[0-9]{1,3}\]")
_TO_LAST_NOT_IN_NAMES_RE = re.compile(f"^.*[{_NOT_IN_NAMES}]", re.S)
_CLAUSE_END_RE = re.compile(r"[，,；;。：:！？!?\n]")
_TO_CLAUSE_START_RE = re.compile(r".*[，,；;。：:！？!?\n]", re.S)
#: Everything up to the last boundary character of a string (one C-level match instead of a loop).
_TO_LAST_BOUNDARY_RE = re.compile(rf".*[{re.escape(_BOUNDARY_CHARS)}]", re.S)
_QUOTE_RE = re.compile(
    r"“[^“”\n]{0,24}”|\"[^\"\n]{0,24}\"|「[^」\n]{0,24}」|『[^』\n]{0,24}』|‘[^‘’\n]{0,24}’|《[^》\n]{0,80}》|〈[^〉\n]{0,40}〉"
)
_HEADING_RE = re.compile(
    r"^[ \t　]*(?:[一二三四五六七八九十]{1,3}、[^\n]{0,60}|[^\n]{0,30}回顾[^\n]{0,20})$", re.M
)
_REVIEW_WORDS = (
    "回顾",
    "工作总结",
    "过去五年",
    "过去一年",
    "五年工作",
    "取得的成绩",
    "发展成就",
    "主要工作和",
)
_PLAN_WORDS = ("总体要求", "预期目标", "目标任务", "主要目标", "重点工作", "工作任务", "主要任务", "工作安排",
               "总体部署", "工作部署", "政策取向", "奋斗目标", "工作建议", "今年")  # fmt: skip

_TARGET_STRONG = ("力争", "确保", "预期目标", "目标是", "目标为", "主要目标", "计划", "今年", "明年", "拟", "争取",
                  "力求", "年内", "预期", "目标")  # fmt: skip
_TARGET_WEAK = ("将", "要", "努力", "到20")
_RESULT_STRONG = ("过去一年", "去年", "一年来", "五年来", "过去五年", "上年")
_RESULT_WEAK = (
    "比上年",
    "同比",
    "较上年",
    "已",
    "累计",
    "完成了",
    "实现了",
    "达到了",
    "增长了",
    "下降了",
    "提高了",
)


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds any of ``words``: one search instead of ``any(w in text for w in words)``."""
    return re.compile("|".join(re.escape(w) for w in words))


_TARGET_STRONG_RE = _any_of(_TARGET_STRONG)
_TARGET_WEAK_RE = _any_of(_TARGET_WEAK)
_RESULT_RE = _any_of(_RESULT_STRONG + _RESULT_WEAK)


class _WordsBefore:
    """Whether a word of a literal-word regex stands in ``text[lo:hi]``, asked for the figures of one
    sentence in order (``hi`` growing): each question searches only the text added since the last one, so
    a sentence of n figures costs n, not n² (a sentence of 10,000 figures took minutes)."""

    def __init__(self, pattern: re.Pattern[str], longest: int) -> None:
        self.pattern = pattern
        self.longest = longest
        self._key: tuple[int, int] = (-1, -1)
        self._hi = 0
        self._found = False

    def found(self, text: str, lo: int, hi: int) -> bool:
        key = (id(text), lo)
        if key != self._key or hi < self._hi:
            self._key, self._hi, self._found = key, lo, False
        if not self._found and hi > self._hi:
            # a word ending after the last question's end starts at most longest - 1 characters before it
            start = max(lo, self._hi - self.longest + 1)
            self._found = self.pattern.search(text, start, hi) is not None
            self._hi = hi
        return self._found
#: A sentence opening with these looks back (过去一年，我们…): so do the sentences after it in its paragraph.
_LOOKING_BACK_RE = re.compile(
    r"(?:^|[。！？!?])[ \t　]*(?:(?P<back>过去一年|去年|一年来|过去五年|五年来|刚刚过去的)|今年|明年|今后|未来|新的一年|下一步)"
)
#: In the review part, a sentence that opens a list of targets (主要预期目标是：…) still states targets.
_TARGETS_LEAD_RE = re.compile(r"目标(?:是|为)[:：]")
#: In the review part, a clause with these words still states a target.
_CLAUSE_TARGET_RE = _any_of(("力争", "确保", "预期目标", "目标是", "今年", "明年", "计划"))
#: A plan as what was completed, in a review (完成全年计划的120.3%, 占年度计划的114%): no target stated.
_PLAN_DONE_RE = re.compile(r"(?:完成|占)[^,，;；。]{0,8}计划")
#: The total cost of projects counted just before (项目76个、总投资1015亿元).
_TOTAL_COST = frozenset({"总投资", "投资总额", "总金额", "计划总投资", "总投资额"})
_PROJECT_HEADS = ("项目", "工程")
#: Verbs between a subject and a bare head (…产业实现营收, …企业完成产值).
_RESULT_VERBS = ("实现", "完成", "达到", "取得", "创造")
#: 改善, 好转 right before a per cent: a change for the better (not part of a name, as in 林相改善6.88万亩).
_BETTER = ("改善", "好转")
#: Heads of a class named by an amount before them (过100亿元企业, 超千亿元县): counted with the class.
_CLASS_HEADS = frozenset({"企业", "县", "市", "城市", "项目", "产业", "集群", "园区", "镇", "龙头企业", "产业集群", "工业企业"})
_CLASS_QUALIFIER_RE = re.compile(r"(?:超过|过|超|达|投资)$")  # 投资5000万元以上项目: a class by cost
#: 累计达, 总数达, 总量达: a total so far, after the year's new ones (新增…6家、累计达100家).
_TOTAL_SO_FAR_RE = re.compile(r"^(?:累计|总数|总量|共计|总计)")
_NEWLY_RE = re.compile(r"^(?:新增|新培育|新认定|新引进|新建|新发展|新签约|新开工)")
#: A clause that is only the share of a plan done (完成全年计划的, 占年度计划的): its own words are the label.
_PLAN_SHARE_RE = re.compile(r"^(?P<done>(?:完成|占)(?:全年|年度|当年|年)?(?:投资)?计划)的?$")
#: The longest word each period regex can match (目标是： is 4 characters).
_LONGEST = {
    _TARGET_STRONG_RE: max(map(len, _TARGET_STRONG)),
    _TARGET_WEAK_RE: max(map(len, _TARGET_WEAK)),
    _RESULT_RE: max(map(len, _RESULT_STRONG + _RESULT_WEAK)),
    _TARGETS_LEAD_RE: 4,
}


@dataclass
class _Raw:
    """A figure before label and period are known."""

    start: int  # number start (after a leading sign)
    end: int
    lead_start: int  # start of a leading qualifier, or ``start``
    number: str
    value: float
    value_high: float | None
    unit: str
    base_unit: str
    factor: float
    dimension: str
    qualifier: str
    kind: Kind
    direction: int


def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _inside(pos: int, starts: list[int], ends: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


@dataclass(frozen=True)
class _Parts:
    """What the part headings of a text say: where review and plan parts start (``pos``/``hints``) and the
    horizon each top-level part starts with (``resets``)."""

    pos: list[int]
    hints: list[Period]
    resets: list[tuple[int, str]]


#: A plan period named in a heading (“十四五”时期), and how its body may name it again (第十四个五年).
_PLAN_NAME_RE = re.compile(r"十([一二三四五六七])五")
_NEXT_PLAN_WORDS = ("今后五年", "未来五年")


def _plan_split(text: str, heading: re.Match[str], stop: int) -> int | None:
    """Where a part headed 二、“十四五”时期发展成就和“十五五”时期主要目标任务 turns from the achievements
    of the plan ending to the targets of the next: the first line after the heading that names the second
    plan (“十五五”时期是…, 第十五个五年规划…) or 今后五年/未来五年."""
    plans = list(dict.fromkeys(m.group() for m in _PLAN_NAME_RE.finditer(heading.group())))
    if len(plans) < 2:
        return None
    second = plans[-1]
    ordinal = "第十" + second[1] + "个五年"
    pos = heading.end()
    while pos < stop:
        end = text.find("\n", pos + 1, stop)
        end = stop if end < 0 else end
        line = text[pos:end]
        if second in line or ordinal in line or any(w in line for w in _NEXT_PLAN_WORDS):
            return pos
        pos = end
    return None


#: A top-level part the caller knows (from the report's outline): where its heading starts and where the
#: part ends (in the extractor's coordinates plus ``offset``; end -1: not known), "result"/"target"/None,
#: and its heading.
KnownPart = tuple[int, str | None, str, int]


def _with_known_parts(parts: _Parts, known: Sequence[KnownPart], offset: int) -> _Parts:
    """The headings found in the text, and the parts the outline knows, which decide where they say:
    inside a known part whose period is sure (its hint is given), the part's hint replaces what the
    extractor read from headings inside it (高唐's unnumbered 2022年工作回顾 holds chapters 一、…六、, which
    the extractor took for the plan's parts); a part with no sure hint (one on a plan's achievements and
    the next plan's targets, 二、“十四五”时期发展成就和“十五五”时期主要目标任务) keeps the extractor's reading
    (it splits such a part where the next plan is named). A known part the headings missed (甘肃's
    “十五五”时期的主要目标任务 carries no 一、) adds its start."""
    sure = sorted(
        (pos - offset, (end - offset) if end >= 0 else None, hint)
        for pos, hint, _heading, end in known
        if hint in ("result", "target")
    )

    def overridden(at: int) -> bool:
        # within a sure part (its heading line included: a found heading a few characters off is that part's)
        return any(start - 3 <= at and (stop is None or at < stop) for start, stop, _ in sure)

    events: list[tuple[int, Period]] = [
        (p, h) for p, h in zip(parts.pos, parts.hints, strict=True) if not overridden(p)
    ]
    for start, stop, hint in sure:
        if stop is None or stop > 0:  # (a part wholly before this text says nothing of it)
            events.append((max(start, 0), hint))  # type: ignore[arg-type]
    resets = list(parts.resets)
    found = sorted(p for p, _ in parts.resets)
    for pos, _hint, heading, _end in known:
        at = pos - offset
        if at < 0 or any(abs(at - p) <= 3 for p in found):
            continue
        resets.append((at, heading_horizon(heading)))
    events.sort(key=lambda e: e[0])
    resets.sort(key=lambda e: e[0])
    return _Parts([p for p, _ in events], [h for _, h in events], resets)


def _part_hints(text: str) -> _Parts:
    """Review/plan parts from the headings in ``text`` (一、2022年工作回顾 … 二、2023年工作安排).

    Reports review the past year first and plan after it: the first top-level heading (or any heading with
    回顾) opens the review, and every later top-level heading that does not look back opens the plan. A part
    on one plan period's achievements and the next one's targets is a review up to where the next plan is
    first named, then a plan.
    """
    positions: list[int] = []
    hints: list[Period] = []
    resets: list[tuple[int, str]] = []
    seen_review = False
    heads = [m for m in _HEADING_RE.finditer(text) if len(m.group().strip()) <= 60 and "。" not in m.group()]
    for k, m in enumerate(heads):
        line = m.group().strip()
        numbered = line[:4].find("、") > 0
        looks_back = any(w in line for w in _REVIEW_WORDS)
        plans = any(w in line for w in _PLAN_WORDS)
        if numbered or looks_back:
            resets.append((m.start(), heading_horizon(line)))
        if "回顾" in line or (looks_back and not plans) or (numbered and not seen_review and not plans):
            if not seen_review or looks_back:
                positions.append(m.start())
                hints.append("result")
            seen_review = True
        elif numbered and looks_back and plans:
            stop = heads[k + 1].start() if k + 1 < len(heads) else len(text)
            split = _plan_split(text, m, stop)
            positions.append(m.start())
            hints.append("result" if split is not None else "target")
            if split is not None:
                positions.append(split)
                hints.append("target")
            seen_review = True
        elif numbered and (seen_review or plans):
            positions.append(m.start())
            hints.append("target")
    return _Parts(positions, hints, resets)


def _lead_qualifier(f: str, pos: int, floor: int) -> tuple[str, int]:
    if f[pos - 1 : pos] not in _LEAD_LAST:
        return "", pos  # most figures: the character before is no qualifier's last (no slice, no endswith)
    if not f[floor:pos].endswith(_LEAD_QUALIFIERS):
        return "", pos
    for q in _LEAD_QUALIFIERS:
        s = pos - len(q)
        if s >= floor and f.startswith(q, s):
            return q, s
    return "", pos


def _word_goes_on(f: str, pos: int) -> bool:
    """Whether a Chinese character other than 的 follows at ``pos``: a qualifier before it is really the
    first character of the next word."""
    ch = f[pos : pos + 1]
    return bool(ch) and "\u4e00" <= ch <= "\u9fff" and ch != "的"


def _split_magnitude(num: str) -> tuple[str, str]:
    """``1000万`` → (``1000``, ``万``); ``二十万亿`` → (``二十``, ``万亿``); the head must stay a number."""
    if num[-1] not in "万亿":
        return num, ""  # most numbers: no magnitude
    k = len(num)
    while k > 0 and num[k - 1] in "万亿":
        k -= 1
    if k == len(num) or k == 0:
        return num, ""
    head, mag = num[:k], num[k:]
    if mag not in MAGNITUDES or parse_number(head) is None:
        return num, ""
    if mag == "万" and "亿" in head:
        return num, ""  # 1亿2000万元: 万 is a place of the number (1.2亿 元), not the unit's 万元
    return head, mag


#: (start, end) in the extractor's coordinates → (start, end, text, section id, period hint or None).
Resolver = Callable[[int, int], tuple[int, int, str, str, str | None]]


class _Extractor:
    resolve: Resolver | None = None

    def __init__(
        self,
        text: str,
        section: str,
        report: str,
        period_hint: str | None,
        offset: int,
        year: int | None = None,
        horizon_hint: str | None = None,
        known_parts: Sequence[KnownPart] = (),
    ) -> None:
        self.text = text
        # Normalized text has nothing to fold, and translate costs a dict lookup a character: skip it then.
        self.f = text.translate(FOLD) if _FOLDABLE_RE.search(text) else text
        if "\\r\\n" in self.f or "\\n" in self.f:
            # Scraped pages that carry their line breaks as the text \r\n: read as breaks, same length, so
            # headings and sentences are found and offsets stay valid
            self.f = self.f.replace("\\r\\n", "   \n").replace("\\n", " \n")
        self.section = section
        self.report = report
        self.hint: Period | None = None
        if period_hint == "result":
            self.hint = "result"
        elif period_hint == "target":
            self.hint = "target"
        self.offset = offset
        self.cut = indicator.WordCutter()
        self.quote_starts, self.quote_ends = _spans(_QUOTE_RE, self.f)
        self.sentence_ends = [m.start() for m in _SENTENCE_RE.finditer(self.f)]
        parts = _part_hints(self.f)
        if known_parts:
            parts = _with_known_parts(parts, known_parts, offset)
        if self.hint is None:
            self.part_pos, self.part_hint = parts.pos, parts.hints
        else:
            self.part_pos, self.part_hint = [], []
        self.horizons = HorizonReader(self.f, self.sentence_ends, year, parts.resets, horizon_hint or ANNUAL)
        self._searchers: dict[re.Pattern[str], _WordsBefore] = {}
        self._looked_back: dict[int, bool] = {}

    # -- finding numbers -------------------------------------------------------------------------------
    def candidates(self) -> list[_Raw]:
        f = self.f
        out: list[_Raw] = []
        pos = 0
        n = len(f)
        next_start = _CANDIDATE_START_RE.search
        match = _CANDIDATE_RE.match
        while pos < n:
            # the leftmost match at or after pos, as _CANDIDATE_RE.search(f, pos) would find it
            s = next_start(f, pos)
            if s is None:
                break
            m = match(f, s.start())
            if m is None:
                pos = s.start() + 1
                continue
            raw = self._figure_at(m)
            if raw is None:
                pos = m.end() if m.end() > m.start() else m.start() + 1
                continue
            out.append(raw)
            pos = raw.end
        return out

    def _figure_at(self, m: re.Match[str]) -> _Raw | None:
        f = self.f
        num = m.group("num")
        start = m.start("num")
        end = m.end("num")
        arabic = num[0].isdigit()
        neg = m.group("neg") or ""
        if neg == "-" and not arabic:
            neg = ""
        # 2000千瓦, 0.5百分点: the magnitude character belongs to the unit
        while (
            len(num) > 1
            and num[-1] in "千百"
            and (f[end : end + 1] in "瓦米克伏" or f.startswith("分点", end))
        ):
            num = num[:-1]
            end -= 1
        sign_start = start - len(neg)
        if not self._number_context_ok(start, sign_start, neg):
            return None
        head, mag = _split_magnitude(num)
        pos = end
        mid_q = ""
        if f[pos : pos + 1] in ("余", "多", "几"):
            mid_q = f[pos]
            more = pos + 1
            while more < len(f) and f[more] in "十百千万亿":
                more += 1
            extra = f[pos + 1 : more]
            if extra and (mag + extra in MAGNITUDES or (not mag and extra in MAGNITUDES)):
                mag = mag + extra
                pos = more
            else:
                pos += 1
            if mid_q == "几":
                return None  # 十几个: no value
        value = parse_number(head)
        if value is None:
            return None
        if arabic and len(head) > 1 and head[0] == "0" and head[1].isdigit():
            return None  # "023年": a damaged year or a code, never a quantity written with a leading zero
        if head == "零" and not mag:
            return None  # 清零, 零容忍, 零距离: a word, not the number zero
        unit_word, upos = self._read_unit(pos, arabic)
        if unit_word == "个" and not mid_q and f.startswith("多百分点", upos):
            mid_q, unit_word, upos = "多", "个百分点", upos + 4  # 提高2个多百分点
        if not unit_word and arabic and f[pos : pos + 1] in ("∶", ":"):
            return self._ratio(m, sign_start, start)
        if not unit_word and not mag and not mid_q and (f.startswith("分之", pos) or f.startswith("/", pos)):
            return self._fraction(sign_start, start, pos, value, arabic)
        if not unit_word and arabic and f[pos : pos + 1].isascii() and f[pos : pos + 1].isalpha():
            return None  # 5G, 3D, C919
        number_text = self.text[sign_start : start + len(head)]
        value_high: float | None = None
        conn_pos = upos if unit_word else pos
        conn = f[conn_pos : conn_pos + 1]
        if conn and conn in _RANGE_CONNECTORS and not mid_q:
            lead = f[sign_start - 1 : sign_start] if sign_start else ""
            m2 = _SECOND_RE.match(f, conn_pos + 1)
            if (
                m2
                and not (conn in "至到" and lead in ("从", "由"))
                and m2.group("num")[0].isdigit() == arabic
            ):
                head2, mag2 = _split_magnitude(m2.group("num"))
                v2 = parse_number(head2)
                unit2, upos2 = self._read_unit(m2.end(), arabic)
                same_unit = (
                    unit2 == unit_word if unit_word else bool(unit2) or (bool(mag2) and conn not in "至到")
                )
                if v2 is not None and same_unit and (not mag or not mag2 or mag == mag2):
                    value_high = -v2 if m2.group("neg") else v2
                    unit_word = unit_word or unit2
                    mag = mag or mag2
                    upos = upos2 if unit2 else m2.end()
                    number_text += self.text[conn_pos : m2.start("num") + len(head2)]
        if not unit_word and not mag and not self._bare_quantity(sign_start, pos, arabic, value, head):
            return None
        full_unit = mag + unit_word
        info = unit_info(full_unit) if full_unit else None
        if full_unit and info is None:
            return None
        if unit_word == "年" and self._is_time_year(head, sign_start, upos, arabic):
            return None
        if not self._plausible(head, unit_word, mag, sign_start, upos, arabic):
            return None
        tail_q = ""
        for q in _TRAIL_QUALIFIERS if f[upos : upos + 1] in _TRAIL_FIRST else ():
            if f.startswith(q, upos):
                if q in ("多", "余", "出头") and mid_q:
                    continue
                if q == "强" and unit_word not in ("%", "成", "倍"):
                    continue
                if q == "多" and _word_goes_on(f, upos + 1):
                    continue  # 5条|多式联运示范线路: 多 starts the next word
                tail_q = q
                upos += len(q)
                break
        if neg:
            value = -value
        lead_q, lead_start = _lead_qualifier(f, sign_start, max(0, sign_start - 4))
        # (all change verbs have two characters; near the text start the loop keeps startswith's reading of
        # a negative start)
        if not lead_q and (sign_start < 2 or f[sign_start - 2 : sign_start] in _CHANGE_VERB_SET):
            # 力争增长8%: the qualifier stands before the change verb
            for verb in _CHANGE_VERBS:
                if f.startswith(verb, sign_start - len(verb)):
                    q, _ = _lead_qualifier(f, sign_start - len(verb), max(0, sign_start - len(verb) - 4))
                    if q and q not in ("上", "达", "超"):
                        lead_q = q
                    break
        if lead_q == "上" and not (head and all(ch in "十百千万亿" for ch in head)):
            lead_q, lead_start = "", sign_start  # 上 qualifies only 上万, 上千
        return _Raw(
            start=sign_start,
            end=upos,
            lead_start=lead_start,
            number=number_text,
            value=value,
            value_high=value_high,
            unit=full_unit,
            base_unit=info.base if info else "",
            factor=info.factor if info else MAGNITUDES.get(mag, 1.0),
            dimension=info.dimension if info else ("number" if mag else ""),
            qualifier=tail_q or mid_q or lead_q,
            kind="change" if unit_word in ("个百分点", "百分点") else "level",
            direction=0,
        )

    def _number_context_ok(self, start: int, sign_start: int, neg: str) -> bool:
        """Not after 第 (ordinals), letters (PM2.5, G20), + (1+N) or inside a short quotation or a title."""
        f = self.f
        before = f[start - 1 : start] if start else ""
        if before == "第" or (before == "号" and f[max(0, start - 2) : start] in ("序号", "编号")):
            return False
        if not neg and before and ((before.isascii() and before.isalpha()) or before in "+·×#№_"):
            return False
        return not _inside(start, self.quote_starts, self.quote_ends)

    def _read_unit(self, pos: int, arabic: bool) -> tuple[str, int]:
        """Unit at ``pos`` (with a rate denominator: 元/人), or ("", pos)."""
        f = self.f
        ch = f[pos : pos + 1]
        if ch in ("%", "‰"):
            return ch, pos + 1
        unit = match_unit(f, pos, arabic)
        if unit is None:
            return "", pos
        end = pos + len(unit)
        if f.startswith("/", end):
            for den in RATE_DENOMINATORS:
                if f.startswith(den, end + 1):
                    return unit + "/" + den, end + 1 + len(den)
        return unit, end

    def _fraction(
        self, sign_start: int, start: int, pos: int, denominator: float, arabic: bool
    ) -> _Raw | None:
        """三分之一 (one third), 1/10 (占全国1/10): the value is the fraction, e.g. 0.333…"""
        f = self.f
        if f.startswith("分之", pos):
            m2 = _CN_NUMBER_RE.match(f, pos + 2)
            if m2 is None or arabic:
                return None
            numerator = parse_number(m2.group())
            end = m2.end()
        else:
            m2 = _INT_RE.match(f, pos + 1)
            if m2 is None or not arabic or f[pos + 1 : pos + 2] == "0":
                return None
            numerator, denominator = denominator, float(m2.group())
            end = m2.end()
            if numerator != int(numerator) or f[end : end + 1] in ("/", "."):
                return None  # 2024/12/31, 1.5/2.0
        if numerator is None or not denominator or numerator > denominator:
            return None
        tail_q = ""
        for q in ("以上", "以下", "左右", "多"):
            if f.startswith(q, end):
                tail_q = q
                end += len(q)
                break
        lead_q, lead_start = _lead_qualifier(f, sign_start, max(0, sign_start - 4))
        return _Raw(
            start=sign_start,
            end=end,
            lead_start=lead_start,
            number=self.text[sign_start : m2.end()],
            value=tidy(numerator / denominator),
            value_high=None,
            unit="",
            base_unit="",
            factor=1.0,
            dimension="fraction",
            qualifier=tail_q or lead_q,
            kind="level",
            direction=0,
        )

    def _ratio(self, m: re.Match[str], sign_start: int, start: int) -> _Raw | None:
        """2.21∶1 (城乡居民收入比), 4.0∶37.7∶58.3 (三次产业比重)."""
        r = _RATIO_RE.match(self.f, start)
        if r is None:
            return None
        parts = re.split(r"[∶:]", r.group())
        if ":" in r.group() and (len(parts) != 2 or parts[-1] != "1"):
            return None  # 10:30 is a time
        first = float(parts[0])
        last = float(parts[-1])
        value = first / last if len(parts) == 2 and last else first
        lead_q, lead_start = _lead_qualifier(self.f, sign_start, max(0, sign_start - 4))
        end = r.end()
        tail_q = ""
        for q in ("左右", "以上", "以下", "以内"):
            if self.f.startswith(q, end):
                tail_q = q
                end += len(q)
                break
        return _Raw(
            start=sign_start,
            end=end,
            lead_start=lead_start,
            number=self.text[sign_start : r.end()],
            value=tidy(value),
            value_high=None,
            unit="",
            base_unit="",
            factor=1.0,
            dimension="ratio",
            qualifier=tail_q or lead_q,
            kind="level",
            direction=0,
        )

    def _bare_quantity(self, start: int, pos: int, arabic: bool, value: float, head: str) -> bool:
        """A number with neither unit nor magnitude counts only as a value: 由3.27缩小至2.93, 指数达到105。"""
        if not arabic:
            return False
        f = self.f
        nxt = f[pos : pos + 2]
        if nxt and nxt[0] not in _BOUNDARY_CHARS and not nxt.startswith(_BARE_FOLLOWERS):
            return False
        if not f[max(0, start - 2) : start].endswith(_BARE_LEADS):
            return False
        return "." in head or not (1900 <= value <= 2100)

    def _is_time_year(self, head: str, start: int, upos: int, arabic: bool) -> bool:
        """2023年 (a date), 过去5年 / 5年来 / 3年行动 (time and names), 五年 (always time) — not figures."""
        f = self.f
        if not arabic:
            return True
        if len(head) == 4 and head.isdigit():
            return True
        if f[max(0, start - 4) : start].endswith(_YEAR_TIME_BEFORE):
            return True
        return f.startswith(_YEAR_TIME_AFTER, upos)

    def _plausible(self, head: str, unit_word: str, mag: str, start: int, upos: int, arabic: bool) -> bool:
        """Rules against words and set phrases that look like counts (一个, 四个全面, 八项规定, 百年)."""
        f = self.f
        after = f[upos : upos + 8]
        if unit_word == "次" and after.startswith(_ORDINAL_AFTER):
            return False
        if _STREAK_BEFORE_RE.search(f, max(0, start - 12), start) and (
            unit_word in _STREAK_UNITS or (unit_word == "个" and after.startswith(("月", "季度", "年头")))
        ):
            return False
        if unit_word in ("岁", "周岁") and _AGE_GROUP_RE.match(f, upos):
            return False
        if unit_word in ("位", "名") and f[start - 1 : start] == "前":
            return False  # 居全国前10位, 跻身全球城市前五位: a rank, like 第一

        if f[start - 1 : start] == "届" or (after.startswith("级") and not arabic):
            return False  # 十一届十次全会 (an ordinal), 亿元级项目 / 千亿级产业 (a class, not an amount)
        if after.startswith(_SET_PHRASE_AFTER.get(unit_word, ())):
            return False
        if arabic:
            return True
        if head in ("一", "壹") and unit_word not in _ONE_OK_UNITS and not mag:
            return False
        if unit_word == "轮" and head == "二":
            return False  # 二轮土地承包 (the second round)
        if unit_word == "个" and (after.startswith(_SLOGAN_AFTER) or after.startswith("“")):
            return False
        bare_magnitude = all(ch in "十百千万亿" for ch in head) and head != "十"
        if bare_magnitude and f[start - 1 : start] not in ("近", "上", "逾", "超", "约"):
            return False  # 百年, 千家万户, 万人空巷: a bare magnitude counts only as 近千万, 上万, 超千亿
        return not (_NAME_TAIL_RE.match(after) and unit_word not in ("%", "个百分点"))  # 千万头肉牛工程

    # -- labels and periods -----------------------------------------------------------------------------
    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_left(self.sentence_ends, pos)
        start = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        end = self.sentence_ends[i] + 1 if i < len(self.sentence_ends) else len(self.f)
        return start, end

    def _clause_region(self, lead_start: int, floor: int) -> str:
        """Text from the clause start (or ``floor``) to the figure, parentheses dropped."""
        f = self.f
        limit = max(floor, lead_start - 40)
        if limit >= 0:
            seg = f[limit:lead_start]
            if "(" not in seg and ")" not in seg:
                # no parentheses to drop: the clause is what follows the last boundary character
                m = _TO_LAST_BOUNDARY_RE.match(seg)
                return seg[m.end() :] if m else seg
        out: list[str] = []
        i = lead_start - 1
        depth = 0
        while i >= limit:
            ch = f[i]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0:
                if ch in _BOUNDARY_CHARS:
                    break
                out.append(ch)
            i -= 1
        out.reverse()
        return "".join(out)


    def _period(self, pos: int, s_start: int, lead_context: str, clause: str) -> Period:
        """Result or target, from the words before the figure: ``lead_context`` + the sentence up to ``pos``."""
        hint = self.hint
        if hint is None and self.part_pos:
            i = bisect_right(self.part_pos, pos) - 1
            if i >= 0:
                hint = self.part_hint[i]
        # The words before the figure: a list's lead line, then its sentence up to it (searched in place,
        # only what was added since the sentence's previous figure).
        strong_target = self._before(_TARGET_STRONG_RE, lead_context, s_start, pos)
        if hint == "target":
            if not strong_target and (clause.startswith(_RESULT_STRONG) or self._looking_back(s_start)):
                return "result"
            return "target"
        if hint == "result":
            # 完成年度投资计划的140%, 占全年计划的118%: how much of the plan was done, a result
            clause = _PLAN_DONE_RE.sub("", clause) if "计划" in clause else clause
            if _CLAUSE_TARGET_RE.search(clause) or self._before(_TARGETS_LEAD_RE, lead_context, s_start, pos):
                return "target"
            return "result"
        if strong_target:
            return "target"
        if self._before(_RESULT_RE, lead_context, s_start, pos):
            return "result"
        if self._before(_TARGET_WEAK_RE, lead_context, s_start, pos):
            return "target"
        return "unknown"

    def _before(self, pattern: re.Pattern[str], lead: str, s_start: int, pos: int) -> bool:
        """Whether a word of ``pattern`` stands in ``lead + f[s_start:pos]``."""
        searcher = self._searchers.get(pattern)
        if searcher is None:
            searcher = self._searchers[pattern] = _WordsBefore(pattern, _LONGEST[pattern])
        if searcher.found(self.f, s_start, pos):
            return True
        if not lead:
            return False
        # the lead line alone, or a word running from its end into the sentence
        k = _LONGEST[pattern] - 1
        joint = lead[-k:] + self.f[s_start : min(pos, s_start + k)] if k else ""
        return pattern.search(lead) is not None or (bool(joint) and pattern.search(joint) is not None)

    def _looking_back(self, s_start: int) -> bool:
        """Whether the paragraph before ``s_start`` has turned to the past (…开局之年。过去一年，我们的各项
        工作取得了很大成绩。国内生产总值增长10.3%…): a plan part often opens with last year's results.
        Asked once a sentence (its figures share the answer)."""
        hit = self._looked_back.get(s_start)
        if hit is None:
            hit = self._looked_back[s_start] = self._looking_back_now(s_start)
        return hit

    def _looking_back_now(self, s_start: int) -> bool:
        para = self.f.rfind("\n", 0, s_start) + 1
        last = None
        for m in _LOOKING_BACK_RE.finditer(self.f, para, s_start):
            last = m  # the latest opener decides: 去年…。今年通货膨胀压力仍然较大…。把…控制在3.5%左右 is ahead
        return last is not None and last.group("back") is not None

    def run(self) -> list[Figure]:
        figures: list[Figure] = []
        sentence_start = -1
        sentence = ""
        sentence_at = 0
        sentence_norm = ""
        norm_sentences: list[str] = []  # the sentence of each figure in this text (for 分别 lists)
        prev: Figure | None = None
        prev_end = 0  # where the previous figure ended, in this text (a resolved figure's end is elsewhere)
        lead_context = ""
        for raw in self.candidates():
            s_start, s_end = self._sentence_bounds(raw.start)
            if s_start != sentence_start:
                sentence_start = s_start
                sentence_norm = self.text[s_start:s_end].strip()  # shared by the figures of the sentence
                # Shown to the user: the sentence as the report writes it, when the caller can place it.
                if self.resolve is not None:
                    o_start, _, as_read, _, _ = self.resolve(s_start + self.offset, s_end + self.offset)
                else:
                    o_start, as_read = s_start + self.offset, self.text[s_start:s_end]
                sentence = as_read.strip()
                sentence_at = o_start + len(as_read) - len(as_read.lstrip())
                prev = None
                # a list item after "今年发展的主要预期目标是：" takes the lead line's wording
                lead_context = self._list_lead(s_start)
            floor = prev_end if prev is not None else s_start
            region = self._clause_region(raw.lead_start, floor)
            label, kind, direction = self._label_and_kind(raw, region, prev)
            if _NOT_IN_NAMES_RE.search(label):  # a label read from elsewhere (the sentence's subject…)
                label = _NOT_IN_NAMES_RE.sub("", label)
            period = self._period(raw.start, s_start, lead_context, region)
            if period == "target" and _starts_change(self.f, raw.lead_start, raw.end):
                period = "result"  # 比例从75%提高到100%: 75% is where things stand, 100% the target
            start, end = raw.start + self.offset, raw.end + self.offset
            text = self.text[raw.start : raw.end]
            section = self.section
            if self.resolve is not None:
                start, end, text, section, hint = self.resolve(start, end)
                if period == "unknown" and hint:
                    period = hint  # type: ignore[assignment]
            horizon = self.horizons.at(raw.start, s_start, region, period, kind)
            shown, shown_at = sentence, sentence_at
            if len(sentence) > MAX_SENTENCE_CHARS:
                shown, shown_at = _clause_around(sentence, sentence_at, start, end)
            fig = Figure(
                text=text,
                number=raw.number,
                value=raw.value,
                unit=raw.unit,
                base_value=_scale(raw.value, raw.factor),
                base_unit=raw.base_unit,
                start=start,
                end=end,
                value_high=raw.value_high,
                base_value_high=None if raw.value_high is None else _scale(raw.value_high, raw.factor),
                qualifier=raw.qualifier,
                kind=kind,
                direction=direction,
                period=period,
                label=label,
                sentence=shown,
                section=section,
                report=self.report,
                dimension=raw.dimension,
                horizon=horizon,
                sentence_start=shown_at,
                sentence_end=shown_at + len(shown),
            )
            figures.append(fig)
            norm_sentences.append(sentence_norm)
            prev = fig
            prev_end = raw.end
        return _pair_joined(_respectively(figures, norm_sentences, self.horizons.year))

    def _list_lead(self, s_start: int) -> str:
        """The line that opens a list (今年的主要预期目标是：) when ``s_start`` begins one of its items."""
        f = self.f
        pos = s_start
        for _ in range(16):
            if pos < 2 or f[pos - 1] != "\n":
                return ""
            end_char = f[pos - 2]
            line_start, _ = self._sentence_bounds(pos - 2)
            if end_char in ":：":
                return f[line_start : pos - 1]
            if end_char not in "；;，,":
                return ""
            pos = line_start
        return ""

    def _label_seen(self, region: str) -> indicator.Before:
        """What the clause says before the figure. A character no name holds (a control character, ``@``,
        ``=``, ``<``, ``[``… from crafted or garbled text) ends the phrase before it: the name is read after
        the last one (…\x07居民收入增长 → 居民收入), or with them left out when only a verb follows
        (居民收入@增长 → 居民收入)."""
        if not _NOT_IN_NAMES_RE.search(region):
            return indicator.label_before(region, self.cut)
        region = _FOOTNOTE_RE.sub("", region)  # 减税降费[1]2.43亿元: a note's number, as if not there
        if not _NOT_IN_NAMES_RE.search(region):
            return indicator.label_before(region, self.cut)
        tail = _TO_LAST_NOT_IN_NAMES_RE.sub("", region)
        seen = indicator.label_before(tail, self.cut)
        if seen.phrase:
            return seen
        return indicator.label_before(_NOT_IN_NAMES_RE.sub("", region), self.cut)

    def _label_and_kind(self, raw: _Raw, region: str, prev: Figure | None) -> tuple[str, Kind, int]:
        """The indicator label, and level/change with its direction, from the clause before the figure."""
        f = self.f
        seen = self._label_seen(_label_region(region))
        kind: Kind = raw.kind
        direction = 0
        change = indicator.change_of(seen.last_word)
        stripped = region.rstrip()
        if change and not stripped.endswith(("到", "至", "为", "达到")):
            kind, direction = "change", change
        label = seen.phrase
        if raw.unit in ("%", "个百分点") and label.endswith(_BETTER):
            # 空气质量综合污染指数同比改善4.9%: a change for the better of what stands before
            better = indicator.label_before(_label_region(region).rstrip()[:-2], self.cut)
            if better.phrase:
                label, kind, direction = better.phrase, "change", 1
        if label in indicator.bare_heads() and stripped.endswith(label):
            before = stripped[: -len(label)]
            if before.endswith(_RESULT_VERBS):
                # 电子信息产业实现营收1670亿元: whose 营收 stands before the verb
                whose = indicator.label_before(before, self.cut).phrase
                stem = before.removesuffix(next(v for v in _RESULT_VERBS if before.endswith(v)))
                if not whose and stem.endswith(_WORK_TAILS):
                    # 电网建设完成投资10亿元: 建设 (an action verb) ends the name of what was built
                    tail = next(t for t in _WORK_TAILS if stem.endswith(t))
                    whose = indicator.label_before(stem[: -len(tail)], self.cut).phrase
                    whose = whose + tail if whose else ""
                if whose and len(whose + label) <= indicator.MAX_LABEL and not indicator.is_place(whose):
                    label = whose + label
        subject = _compared_subject(region, self.cut) if seen.compared else ""
        if subject:
            label = subject  # 农村居民人均可支配收入增长高于城镇1个百分点: 城镇 is what it is compared with
        elif seen.compared and prev is not None:
            label = prev.label  # 比去年预算高0.2个百分点: 预算 is what it is compared with
        # 分别增长10%、6.4%: an item of a list shares the kind of the one before
        after_comma = f[raw.lead_start - len(region) - 1 : raw.lead_start - len(region)] in ("，", ",", "")
        bare = (
            not label
            and not seen.verb
            and raw.lead_start == raw.start
            and (stripped in ("和", "及", "与", "分别", "分别为", "或") or (not stripped and not after_comma))
        )
        if bare and prev is not None and kind == "level":
            kind, direction = prev.kind, prev.direction
        if kind == "level" and indicator.is_change_label(label):
            kind = "change"
        if kind == "change" and direction == 0:
            direction = -1 if raw.value < 0 else 1
        if kind == "change" and raw.value < 0:
            direction = -1
        # the counted thing follows the unit: 培育2户返乡人才创业基地, 荆州、孝感3个…城市, 产业集群和18条…
        listed = (
            seen.last_word == "等"
            or stripped.endswith(("和", "及", "与", "以及"))
            or f[raw.lead_start - len(region) - 1 : raw.lead_start - len(region)] == "、"
        )
        of_what = f.startswith("的", raw.end) and raw.unit in ("%", "成")  # 85%的村
        if seen.verb or len(label) <= 1 or listed or of_what:
            obj = ""
            if of_what or (
                raw.unit not in ("%", "‰", "个百分点", "百分点", "倍", "成") and raw.dimension != "ratio"
            ):
                obj = indicator.object_after(f[raw.end : raw.end + 24], self.cut)
            if obj:
                verb = seen.verb if seen.verb.startswith("新") else ""
                label = verb + obj if verb and len(verb + obj) <= indicator.MAX_LABEL else obj
            elif seen.verb in indicator.ACTION_VERBS and raw.unit in _EVENT_UNITS and seen.before_verb:
                # 组织集中开工4次: a count of times counts the doing itself (集中开工), not what stands before it
                doing = seen.before_verb + seen.verb
                label = doing if len(doing) <= indicator.MAX_LABEL else seen.before_verb
            elif seen.verb in indicator.ACTION_VERBS and kind == "change" and seen.before_verb:
                label = seen.before_verb + seen.verb  # 全社会研发投入年均增长10%
            elif seen.verb in indicator.ACTION_VERBS or (seen.verb.startswith("新") and seen.before_verb):
                label = seen.before_verb  # 中央预算内投资安排6400亿元, 高新技术企业新增20家
            elif listed and stripped.endswith(("和", "及", "与", "以及")):
                label = ""
        if label in _SHARE_WORDS and prev is not None and prev.label and prev.label != label:
            joined = prev.label + label  # 新能源汽车年产量增至82万辆、占比达到45% → …年产量占比
            label = joined if len(joined) <= indicator.MAX_LABEL else label
        elif label.startswith("占") and prev is not None and prev.label and "占" not in prev.label:
            # 民生支出15亿元，占一般公共预算支出的80.5%: the part is the figure before's
            joined = prev.label + label
            label = joined if len(joined) <= indicator.MAX_LABEL + 6 else label
        if (
            not label
            and prev is not None
            and not (prev.dimension == "count" and raw.unit in ("%", "个百分点") and kind == "change")
        ):
            # 一般公共预算收入增长2%左右，固定资产投资保持稳定增长、力争达到3%: the 3% is of the indicator its own
            # clause opens with, not the figure before's (the smallest fix; the label rules are elsewhere)
            named, grows = _clause_indicator(f[max(0, raw.lead_start - 60) : raw.lead_start])
            if named and named != prev.label:
                label = named
                if grows and kind == "level" and raw.unit == "%":
                    kind, direction = "change", 1  # 保持稳定增长、力争达到3%: a growth of 3%
            else:
                label = prev.label
        if not label and kind == "change":
            label = self._subject(raw.start)  # 地区生产总值连跨两个万亿元台阶，年均增长5.7%
        if label in _CLASS_HEADS and stripped == label and prev is not None and not prev.label:
            label = self._with_class(raw.lead_start - len(region), prev, label)
        elif label.endswith(_SHARE_ENDINGS) and prev is not None and stripped.startswith("的" + label):
            # 村集体经济收入超10万元的村占比达到77%: the share of a class named by the amount before
            classed = self._with_class(raw.lead_start - len(region), prev, "的" + label)
            if classed != "的" + label and not classed.startswith(("超", "过", "达")):
                label = classed
        if label and prev is not None and _TOTAL_SO_FAR_RE.search(stripped):
            # 新增上市企业6家、累计达100家 / 总数达270家: the total so far, not the year's new ones
            base = _NEWLY_RE.sub("", prev.label)
            if base != prev.label and label == prev.label:
                label = "累计" + base
            elif base != prev.label and label in ("总数", "总量"):
                label = base + label
        if (
            label in _TOTAL_COST
            and stripped.startswith(label)  # the clause opens with it (…项目76个、总投资…), not 推进总投资…
            and prev is not None
            and prev.dimension == "count"
            and prev.label.endswith(_PROJECT_HEADS)
            and 2 < len(prev.label) <= indicator.MAX_LABEL + 4 - len(label)
        ):
            label = prev.label + label  # 签约项目76个、总投资1015亿元: the cost of the projects just counted
        done = _PLAN_SHARE_RE.search(stripped) if "计划" in stripped else None
        if done and prev is not None and label == prev.label:
            # 当年投资30.1亿元，完成全年计划的120.3%: how much of the plan the figure before did
            joined = prev.label + done.group("done")
            label = joined if len(joined) <= indicator.MAX_LABEL + 4 else done.group("done")
        if label in ("目标", "预期目标", ""):
            named = _target_name(stripped, self.cut)
            label = named or label  # 经济增长预期目标为7%左右: the target's name, not 目标
        if label.startswith(("岁", "周岁")):
            label = _with_age(region, label)  # 0—6岁儿童健康管理率: the age is part of the name
        if kind == "level" or not label or _TIME_ONLY_RE.fullmatch(label):
            label = self._named_after(raw, label, region, prev)
        if label and f[raw.lead_start - len(region) - 1 : raw.lead_start - len(region)] == "、":
            label = self._shared_by_items(raw.lead_start - len(region) - 1, region) or label
        return label, kind, direction

    def _shared_by_items(self, comma: int, region: str) -> str:
        """``A、B各40家``, ``A、B、C均削减3.5%``: one value for every item of the list before it; the label
        names them all (A、B), not only the last. "" when the clause is no such list."""
        if not _SHARED_RE.search(region.rstrip()):
            return ""
        f = self.f
        s_start, _ = self._sentence_bounds(comma)
        i = comma
        while i > s_start and f[i - 1] not in _ITEMS_CLAUSE_END:
            i -= 1
        items = [*f[i:comma].split("、"), _SHARED_RE.sub("", region.rstrip())]
        if any(not x or _HAS_DIGIT_RE.search(x) for x in items):
            return ""  # 新增A30家、B各40家: the items before have values of their own
        names = [indicator.label_before(x, self.cut).phrase for x in items]
        # 信访受理率、按期办结率均达100%: an item cut at its verb (受理|率 gives 率) is kept as written
        words = list(self.cut(names[0]))
        opening = indicator.leading_verbs()
        while len(words) > 1 and (
            words[0] in indicator.STOP_WORDS or words[0] in indicator.ACTION_VERBS or words[0] in opening
        ):  # not any jieba verb: 信访|受理|率 is one name
            words.pop(0)  # 新发展创新型中小企业、…: the verb is the list's, not the first item's
        names[0] = "".join(words)
        joined = "、".join(names)
        return joined if all(names) and len(joined) <= 2 * indicator.MAX_LABEL + 4 else ""

    def _named_after(self, raw: _Raw, label: str, region: str, prev: Figure | None) -> str:
        """Labels the words after a figure give better than those before it:

        - an amount put into something (投资400万元完成1.6公里老旧供水管网改造) measures that thing, not 投资;
        - a count whose clause before names only a place or a time (城区23条主干道, 教育园区内3条高压线路)
          counts the noun after the number;
        - no label is a place or a time alone: then the noun after, or nothing.
        """
        f = self.f
        after = f[raw.end : raw.end + 40]
        if label in _TOTAL_COST or label in _VAGUE_THINGS:
            program = self._program_before(raw)
            if program:
                return program if label in _TOTAL_COST else program + label
        if raw.dimension.startswith("money") and _CLASS_AFTER_RE.match(after):
            return ""  # 惠州博罗成为生产总值超千亿元县: a class of counties, not the report's GDP
        if raw.dimension.startswith("money") and self._money_generic(label) and after.startswith("的"):
            thing = self._thing_named_after(after[1:])  # 投资25亿元的大唐350兆瓦光伏发电: the project
            if thing:
                return thing
        if raw.dimension == "power" and label:
            obj = indicator.object_after(after, self.cut)
            if obj and not indicator.is_place(obj):
                # 装机容量100万千瓦光伏: the noun after says of what; 大唐350兆瓦光伏发电: whose and of what
                head = next(
                    (
                        h
                        for h in sorted(indicator.capacity_heads(), key=len, reverse=True)
                        if label.endswith(h)
                    ),
                    "",
                )
                # 新增装机容量100万千瓦光伏 → 新增光伏装机容量
                joined = label[: len(label) - len(head)] + obj + head if head else label + obj
                if len(joined) <= indicator.MAX_LABEL and not label.endswith(obj):
                    return joined
        if (
            raw.dimension == "count"
            and label
            and not indicator.ends_in_head_noun(label)
            and not indicator.is_change_label(label)
        ):
            obj = indicator.object_after(after, self.cut)
            fits = obj not in _VAGUE_THINGS and (indicator.ends_in_head_noun(obj) or indicator.ends_in_scope(label))
            if fits and obj not in label and not indicator.is_place(obj):
                # 全面完成煤化工行业247台常压间歇式气化炉淘汰提升: the count's noun follows the number
                return obj
        if raw.dimension.startswith("money") and normalize_money_label(label) in _MONEY_GENERIC:
            m = _PUT_INTO_RE.match(after)
            if m:
                rest = _LEADING_COUNT_RE.sub("", after[m.end() :])
                obj = indicator.object_after(rest, self.cut)
                if obj and _ends_in_place(obj) and rest[len(obj) : len(obj) + 1] in ("内", "中"):
                    # 完成教育园区内3条高压线路迁改: the place is where, the lines are what
                    inner = indicator.object_after(_LEADING_COUNT_RE.sub("", rest[len(obj) + 1 :]), self.cut)
                    obj = inner or obj
                if obj:
                    return obj
        place_or_time = (
            indicator.is_place(label)
            or _is_place_name(label)
            or bool(_TIME_ONLY_RE.fullmatch(label))
            or (not label and _TIME_IN_CLAUSE_RE.search(region) is not None)  # 2017年完成94.8亿元
        )
        if place_or_time or (raw.dimension == "count" and _ends_in_place(label)):
            if raw.dimension in (
                "count",
                "households",
                "people",
                "area",
                "area-mu",
                "length",
                "length-m",
            ) or (
                raw.dimension.startswith("money")
                and indicator.is_place(label)  # 我区308亿元绿色农畜产品进首都
            ):
                obj = indicator.object_after(after, self.cut)
                if obj and label.endswith(obj):
                    return label  # 新建3至5个产业园区: the label already names what follows
                if obj and not indicator.is_place(obj):
                    return obj
            if place_or_time:
                # 森林覆盖率由“十二五”末的33.74%…: the name before the time word; else the list's own
                head = _TIME_IN_CLAUSE_RE.split(region, maxsplit=1)[0].rstrip("由从比较到至在于的")
                before = indicator.label_before(head, self.cut).phrase if head else ""
                if before and not indicator.is_place(before) and not _TIME_ONLY_RE.fullmatch(before):
                    return before
                if prev is not None and prev.label and prev.label != label:
                    return prev.label
                subject = self._subject(raw.start)  # 全社会消费品零售总额稳定增长，2017年完成94.8亿元
                return "" if not subject or _TIME_ONLY_RE.fullmatch(subject) or indicator.is_place(subject) else subject
        return label

    def _with_class(self, at: int, prev: Figure, label: str) -> str:
        """营业收入过100亿元企业1家: the amount right before (a class, no label of its own) and what stands
        before it name what is counted (营业收入过100亿元企业), not 企业 alone."""
        f = self.f
        amount = prev.text
        start = at - len(amount)
        if start < 0 or f[start:at] != amount:
            return label
        clause = self._clause_region(start, max(0, start - 30))
        m = _CLASS_QUALIFIER_RE.search(clause)
        if m is None:
            # 10亿元以上项目60个: the amount says its class by itself
            return amount + label if amount.endswith(("以上", "级")) else label
        before = indicator.label_before(clause[: m.start()], self.cut).phrase if m.start() else ""
        whole = before + m.group() + amount + label
        return whole if len(whole) <= indicator.MAX_LABEL + 4 else m.group() + amount + label

    def _money_generic(self, label: str) -> bool:
        """投资, 总投资, 启动投资…: a label that says only that money was spent (its verb aside)."""
        if normalize_money_label(label) in _MONEY_GENERIC:
            return True
        words = list(self.cut(label))
        return len(words) == 2 and indicator.is_verb(words[0]) and words[1] in _MONEY_GENERIC

    def _program_before(self, raw: _Raw) -> str:
        """加强专业镇建设，深入推进总投资162亿元的74个项目: the projects (their count and their total cost) are
        the programme the clause before names (专业镇建设), when that clause is a verb and a programme
        (…工程, …建设, …行动: labels.toml program_heads) and this one only pushes 总投资…的…项目 on."""
        f = self.f
        comma = max(f.rfind(c, max(0, raw.start - 40), raw.start) for c in "，,")
        if comma < 0 or not _PROGRAM_PUSH_RE.fullmatch(f[comma + 1 : raw.start]):
            return ""
        if raw.dimension == "count" and not f.startswith("个项目", raw.end - 1):
            return ""
        begin = max(f.rfind(c, max(0, comma - 30), comma) for c in _BOUNDARY_CHARS) + 1
        words = list(self.cut(f[begin:comma]))
        if not words or not (indicator.is_verb(words[0]) or words[0] in indicator.ACTION_VERBS):
            return ""
        name = "".join(words[1:])
        heads = indicator.label_words("program_heads")
        ok = 2 < len(name) <= indicator.MAX_LABEL and name.endswith(heads) and not any(map(str.isdigit, name))
        return name if ok else ""

    def _thing_named_after(self, rest: str) -> str:
        """The project after ``…亿元的``: 梁洁华希望中学改扩建工程; 大唐350兆瓦光伏发电 (a size inside the name,
        kept); "" for a bare count of projects (总投资1059亿元的165个项目: 项目 says nothing more)."""
        if rest[:1].isdigit():
            obj = indicator.object_after(_LEADING_COUNT_RE.sub("", rest), self.cut)
            return "" if obj in indicator.GENERIC_HEADS else obj
        # A name runs to the clause's end, verbs inside it too (梁洁华希望中学改扩建工程, 神南抽水蓄能电站),
        # up to what is said of it (…建成投用, …等项目审批落地)
        picked: list[str] = []
        stops = indicator.object_stops()
        for w in self.cut(rest[:30]):
            if w in indicator.ACTION_VERBS or w in _NAME_ENDS or w in stops or (picked and w in indicator.STOP_WORDS and w != "新"):
                break
            if _HAS_DIGIT_RE.search(w) and not _SIZE_START_RE.match(w):
                break
            picked.append(w)
        name = "".join(picked).strip(_NAME_QUOTES)
        if len(name) < 3 or len(name) > indicator.MAX_LABEL + 4 or name in indicator.GENERIC_HEADS:
            return ""
        return name

    def _subject(self, pos: int) -> str:
        """The noun phrase opening the sentence at ``pos``, up to its first verb or number."""
        s_start, _ = self._sentence_bounds(pos)
        f = self.f
        end = s_start
        while end < pos and f[end] not in _BOUNDARY_CHARS and not f[end].isdigit() and end - s_start < 24:
            end += 1
        if end >= pos:
            return ""
        return indicator.label_before(f[s_start:end], self.cut).phrase


#: Inside the clause before a figure, words that are not the indicator's name: a streak (连续30个月居全国
#: 前10位) and the "per" half of a rate unit written before the number (每立方米19微克).
_NOT_LABEL_RE = re.compile(
    r"连续[0-9０-９.一二三四五六七八九十两]+个?(?:年|月|次|届|天|季度|轮)|每(?:立方米|平方米|平方公里|公里|千人口|千人|万人口|万人|百人|人|户|亩|公顷|吨|千克|公斤|小时|天)$"
)


_TARGET_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,12}?)(预期目标|增长目标|目标)(?:为|是|定为|确定为|设定为|拟定为)?$")


#: Units that count times or events (4次, 68场): after an action verb, the doing is what is counted.
_EVENT_UNITS = frozenset({"次", "场", "场次", "轮", "批次", "期"})

#: Comparison words written after the subject in its clause (A增长高于B…): A is the label.
_AFTER_SUBJECT = ("高于", "低于", "快于", "慢于")


def _compared_subject(region: str, cut: indicator.Cut) -> str:
    """The subject before 高于/低于 in the figure's clause (农村居民人均可支配收入 in 农村居民人均可支配收入增长高于
    城镇1个百分点), "" when the clause has none before the comparison."""
    clause = re.split(r"[,，;；。:：]", region)[-1]
    at = max(clause.rfind(w) for w in _AFTER_SUBJECT)
    if at <= 0:
        return ""
    # 不低于, 不高于: the negation belongs to the comparison
    return indicator.label_before(clause[:at].removesuffix("不"), cut).phrase


def _target_name(clause: str, cut: indicator.Cut) -> str:
    """``经济增长预期目标`` from 今年经济增长预期目标为: what a target sentence names (its time words dropped)."""
    m = _TARGET_NAME_RE.search(clause)
    if m is None:
        return ""
    words = list(cut(m.group(1)))
    while words and (words[0] in indicator.STOP_WORDS or words[0] in ("的",)):
        words.pop(0)
    name = "".join(words) + m.group(2)
    return name if len(name) > len(m.group(2)) + 1 and len(name) <= indicator.MAX_LABEL else ""


#: An amount right before one of these names a class (千亿元县, 过三千亿元城市, 百亿元企业), not a value.
_CLASS_AFTER_RE = re.compile(r"(?:级)?(?:县|市|城市|企业|项目|产业|集群|园区|强县|大县|强镇|镇|龙头企业)(?![\u4e00-\u9fff]*(?:增长|增加|下降))")
#: Words ending a thing's name that are action verbs too (电网建设完成投资…).
_WORK_TAILS = ("建设", "改造", "工作")
#: The clause of a programme's projects: 深入推进总投资…亿元的 (before the count) or 深入推进总投资 (before the cost).
_PROGRAM_PUSH_RE = re.compile(r"(?:深入|加快|全力|扎实)?(?:推进|推动|实施)总投资(?:[0-9.]+亿元的)?")
#: Endings of a share's name (村占比, 比重).
_SHARE_ENDINGS = ("占比", "比重", "比例")
#: Labels that say only that money was spent (投资, 投入, 资金): the thing it went into names the figure.
_MONEY_GENERIC = frozenset({"投资", "投入", "资金", "总投资", "累计投资", "筹集资金", "安排资金", "整合资金", "争取资金"})
#: …万元 推进/用于/完成/实施… : what the money went into follows.
_PUT_INTO_RE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(indicator.label_words("put_into_verbs"), key=len, reverse=True))) + ")"
)
#: A count right after the verb (完成1.6公里老旧供水管网改造): skipped to reach the thing.
_LEADING_COUNT_RE = re.compile(r"^[0-9.,余多万千百十]+[^\u4e00-\u9fff0-9]*?(?:个|条|处|所|栋|座|家|项|户|套|间|公里|千米|米|亩|平方米|万平方米|吨|台|辆|批|件)")
#: Nouns after a count too vague to replace the label before it (对不符合投资方向的264个项目).
_VAGUE_THINGS = frozenset({"", "项目", "工作", "任务", "事项", "方面"})
#: Digits a project's name may hold (大唐350兆瓦光伏发电, 2×66万千瓦机组): jieba keeps them a word.
_SIZE_START_RE = re.compile(r"^[0-9][0-9.×x]*$")
#: What ends a project's name after …亿元的: a boundary, a list's 等/和, a predicate.
_NAME_ENDS = frozenset(
    {"，", ",", "、", "；", ";", "。", "：", ":", "等", "和", "及", "与", "（", "(", "用于", "落地", "顺利", "全面", "已", "正在", "主体"}
)
_NAME_QUOTES = "“”\"'‘’《》"
#: A time alone is no indicator: 十二五末, 2025年, 上半年, 年底.
_TIME_ONLY_RE = re.compile(
    r"“?十[一二三四五六七]五”?(?:末|期间|时期|以来|初)?|[0-9]{4}年(?:底|末|初|以来)?|上半年|下半年|[一二三四]季度|年底|年末|年初|目前|当前|今年|去年|全年|届时|期末"
)
#: A time word inside a clause (森林覆盖率由“十二五”末的): what stands before it may name the figure.
_TIME_IN_CLAUSE_RE = re.compile(r"“?十[一二三四五六七]五”?(?:末|期间|时期|以来|初)?|[0-9]{4}年(?:底|末|初)?")
#: Endings of place names: a count labelled with one (教育园区 3条) counts the noun after the number.
_PLACE_ENDINGS = ("区", "县", "镇", "乡", "村", "街道", "保护区", "园区", "开发区", "新区", "景区", "片区", "城区", "市区", "流域")


def normalize_money_label(label: str) -> str:
    return label.strip("的")


def _is_place_name(label: str) -> bool:
    """A place written with its level (西山自然保护区, 经开区, 城区): ends in a place ending, at most 8 chars."""
    return len(label) <= 8 and label.endswith(("保护区", "开发区", "园区", "新区", "景区", "城区", "市区", "片区", "街道"))


def _ends_in_place(label: str) -> bool:
    return label.endswith(_PLACE_ENDINGS) and len(label) <= 8


#: Where the clause of a list of indicators ends: ，；。：(a 、 parts its items).
_CLAUSE_CUT_RE = re.compile(r".*[，,；;。：:！？!?\n]", re.S)
_OWN_AREA_LEAD = ("全国", "全省", "全市", "全区", "全县", "全州", "全社会")
#: What follows an indicator's name when the item is about it (固定资产投资保持稳定增长): a predicate, not
#: more of a longer name (贫困人口参保率 is no 贫困人口).
_PREDICATE_STARTS = word_list(
    "保持 力争 争取 确保 突破 实现 达到 达 完成 稳定 稳中 继续 持续 在 比 同比 较 预计 要 将 总量 规模 增速"
)


def _clause_indicator(before: str) -> tuple[str, bool]:
    """The catalogue indicator an item of the figure's clause opens with, when no number stands between it
    and the figure (固定资产投资保持稳定增长、力争达到 → 固定资产投资), and whether that item says it grows;
    ("", False) for none."""
    from .catalog import catalog

    m = _CLAUSE_CUT_RE.match(before)
    items = (before[m.end() :] if m else before).split("、")
    names = [(name, growth_only) for name, _ind, growth_only in catalog().names if not growth_only]
    for item in reversed(items):
        if any(ch.isdigit() for ch in item):
            break  # the figure before stands here: its item is its own
        head = item
        for area in _OWN_AREA_LEAD:
            head = head.removeprefix(area)
        for name, _g in names:  # longest first
            if head.startswith(name):
                rest = head[len(name) :]
                if not rest.startswith((*_PREDICATE_STARTS, *indicator.CHANGE_UP, *indicator.CHANGE_DOWN)):
                    return "", False
                return name, any(w in rest for w in indicator.CHANGE_UP)
    return "", False


def _label_region(region: str) -> str:
    return _NOT_LABEL_RE.sub("", region) if ("连续" in region or "每" in region) else region


_AGE_BEFORE_RE = re.compile(r"[0-9０-９]+(?:[-—–~～至到][0-9０-９]+)?$")


def _with_age(region: str, label: str) -> str:
    """``label`` with the age in front of it in ``region``, if it is there (…0—6岁儿童… → 0—6岁儿童…)."""
    at = region.rfind(label)
    m = _AGE_BEFORE_RE.search(region, 0, at) if at > 0 else None
    joined = m.group() + label if m else label
    return joined if len(joined) <= indicator.MAX_LABEL else label


def _scale(value: float, factor: float) -> float:
    return float(f"{value * factor:.12g}")


def extract_figures(
    text: str,
    *,
    section: str = "",
    report: str = "",
    period_hint: str | None = None,
    offset: int = 0,
    resolve: Resolver | None = None,
    year: int | None = None,
    horizon_hint: str | None = None,
    parts: Sequence[KnownPart] = (),
) -> list[Figure]:
    """Every figure in ``text``, in order; offsets are positions in ``text`` plus ``offset``.

    ``resolve(start, end)``, when given, turns those offsets into the figure's final place: (start, end,
    text, section, period hint) — e.g. offsets and text of the report as read, for folded input. It is
    called once a figure, so that callers need not copy every figure afterwards.

    ``period_hint`` is "result" for text from the review part of a report, "target" for the plan part,
    None when unknown (then headings such as 一、2022年工作回顾 inside ``text`` and the wording decide).
    ``year`` is the report's year (a target of that year, a result of the year before, is "annual");
    ``horizon_hint`` the horizon ``text`` starts with ("multi-year" inside a part on a five-year plan).
    ``parts`` are the top-level parts the caller knows (offset, "result"/"target"/None, heading), used
    beside the headings the extractor finds itself.
    """
    if not text:
        return []
    extractor = _Extractor(text, section, report, period_hint, offset, year, horizon_hint, parts)
    extractor.resolve = resolve
    return extractor.run()


_RESPECTIVELY_ITEMS = re.compile(r"[、和及与]")
#: Between 分别 and a figure of its list, or between two of them: a verb and separators (分别增长, 、, 和).
_LIST_GAP_RE = re.compile(r"(?:分别)?(?:为|是|达到?|增长|增加|提高|提升|下降|降低|减少|上涨|突破|超过|占)?[、,，和及与 ]*(?:分别)?")
_CLAUSE_BREAK = re.compile(r"[,，;；:：。]")
_LEADING_TIME = re.compile(
    r"^(?:其中|预计|力争|全年|今年|去年|上年|当年|过去一年|一年来|五年来|[0-9]{4}年(?:全年)?|全[省市区县州盟旗])+"
)
#: What ends the items of a list before 分别 when a predicate comes first (国内游客人数、旅游收入均超过…).
_ITEMS_END = re.compile(r"(?<![人年户亩日月平])均|都|全部|同比|比上年|较上年|分别")  # (not the 均 of 人均)
#: 三次产业分别增长4.5%、6.5%、7%: the three sectors.
_THREE_SECTORS = ("三次产业", "三次产业增加值", "一二三产", "一二三产业")
_SECTOR_NAMES = ("第一产业", "第二产业", "第三产业")
_NUMERAL_ITEM = re.compile(r"^[一二三]$")
_SCOPE_PAIRS = frozenset({"城镇", "农村", "城市", "城乡", "农民", "乡村"})


def _clause_around(sentence: str, at: int, start: int, end: int) -> tuple[str, int]:
    """The clause of ``sentence`` (which starts at offset ``at``) holding the figure at ``start``–``end``,
    at most SENTENCE_CONTEXT characters either side of it, and where that stretch starts."""
    a = max(0, start - at - SENTENCE_CONTEXT)
    lo = start - at
    m = _TO_CLAUSE_START_RE.match(sentence, a, max(a, lo))
    if m:
        a = m.end()
    b = min(len(sentence), end - at + SENTENCE_CONTEXT)
    m = _CLAUSE_END_RE.search(sentence, max(0, end - at), b)
    if m:
        b = m.start()
    b = max(a, b)
    return sentence[a:b], at + a


def _list_items(before: str, count: int) -> list[str]:
    """The ``count`` items a 分别 list pairs its figures with, from the clauses before 分别, nearest first:
    城镇和农村居民人均可支配收入 → 城镇…, 农村…; 城乡低保平均标准 (two figures) → 城市…, 农村…;
    三次产业 (three) → 第一产业…; 一、二、三产 → 一产, 二产, 三产; [] when no clause has ``count`` items."""
    clauses = [c for c in _CLAUSE_BREAK.split(before)]
    for k, clause in enumerate(reversed(clauses)):
        subject = _LEADING_TIME.sub("", clause.strip())
        if k > 0:
            m = _ITEMS_END.search(subject)
            subject = subject[: m.start()] if m else subject
        if not subject:
            continue
        if count == 3 and subject in _THREE_SECTORS:
            return [name + "增加值" for name in _SECTOR_NAMES]
        if count == 2 and subject.startswith("城乡") and len(subject) > 3:
            rest = subject[2:]
            return [("城镇" if rest.startswith("居民") else "城市") + rest, "农村" + rest]
        items = [x for x in _RESPECTIVELY_ITEMS.split(subject) if x]
        if len(items) == count:
            return _with_heads(items)
        if k == 0 and len(items) > 1:
            return []  # the nearest clause lists other things: no guessing further back
    return []


_YEAR_ITEMS_RE = re.compile(
    r"^(?P<subject>.*?)(?P<years>(?:(?:19|20)[0-9]{2}年(?:底|末)?[、和及与至到—-]?){2,})(?:均|都)?$"
)


def _year_items(before: str, count: int) -> tuple[str, list[int]] | None:
    """The subject and the years of a 分别 list of years in the clause before 分别 (全省生产总值2021年、2022年、
    2023年 → 全省生产总值, [2021, 2022, 2023]) when there are ``count`` of them, else None."""
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(before)]
    for k, clause in enumerate(reversed(clauses)):
        m = _YEAR_ITEMS_RE.match(clause)
        if m is None or (k > 0 and m.group("subject").strip()):
            if k > 0:
                return None
            continue  # 2023年和2024年，全市地区生产总值分别…: the years may open the sentence, a clause alone
        each = [int(y) for y in re.findall(r"((?:19|20)[0-9]{2})年", m.group("years"))]
        if len(each) != count:
            return None
        subject = _LEADING_TIME.sub("", (m.group("subject") if k == 0 else clauses[-1]).strip())
        return subject, each
    return None


def _with_heads(items: list[str]) -> list[str]:
    """Each item with the head the items share, from the last item (工业机器人产量 → 产量)."""
    last = items[-1]
    first = items[0]
    out: list[str] = []
    if all(_NUMERAL_ITEM.match(x) for x in items[:-1]) and last[:1] in "一二三":
        tail = last[1:]  # 一、二、三产业增加值: each numeral with the last item's words after its numeral
        return [_sector(x + tail) for x in items[:-1]] + [_sector(last)]
    if first in _SCOPE_PAIRS and last[: len(first)] in _SCOPE_PAIRS:
        head = last[len(first) :]  # 城镇、农村居民人均可支配收入: 城镇 + 居民人均可支配收入
    else:
        f_words = tokens.cut_cached(first)
        l_words = tokens.cut_cached(last)
        head = "".join(l_words[len(f_words) :]) if len(l_words) > len(f_words) else ""
    # 全县地区生产总值和一般公共预算收入: an item that already ends in an indicator's head keeps its words,
    # unless the shared head says what is measured of each (工业投资、高新技术投资占固定资产投资比重, …增速)
    whole = indicator.item_heads() if head and "占" not in head and not indicator.is_change_label(head) else ()
    for item in items:
        out.append(item if item.endswith(head) or (item is not last and item.endswith(whole)) else item + head)
    return out


def _sector(label: str) -> str:
    """一产业增加值 → 第一产业增加值 (二产, 三产 stay as written)."""
    return "第" + label if label[:1] in "一二三" and label[1:3] == "产业" else label


#: How far before 分别 its items are looked for (whole clauses within this many characters): a subject
#: listing the items stands in the clauses just before; a bound keeps a sentence of many lists linear.
LIST_LOOKBACK_CHARS = 300


def _label_list(
    out: list[Figure],
    sentence: str,
    pos: int,
    places: list[tuple[int, int]],
    found_at: list[int],
    found_k: list[int],
    year: int | None = None,
) -> None:
    """Label the figures of the 分别 list at ``pos`` (in place). ``found_at``/``found_k``: the places found
    in the sentence (in order), to start at the list without walking the figures before it."""
    after: list[int] = []
    list_end = pos  # where the list after 分别 has got to: its figures follow one another closely
    first = bisect_left(found_at, pos)
    start = found_k[first] if first < len(found_k) else len(places)
    before_count = start  # every place before the list's first figure stands before 分别 (or was not found)
    extra_before: list[int] = []  # places not found, met while walking the list
    for n in range(start, len(places)):  # (no slice: that would copy the rest of the list each time)
        k, at = places[n]
        if at < pos:
            extra_before.append(k)
            before_count += 1
        elif _LIST_GAP_RE.fullmatch(sentence, list_end, at):
            after.append(k)
            list_end = at + len(out[k].text)
        else:
            break  # …分别增长4.5%、6.5%、7%以上；固定资产投资增长7%: the list has ended
    if len(after) < 2:
        return
    lo = max(0, pos - LIST_LOOKBACK_CHARS)
    before = sentence[lo:pos]
    if lo:
        cut = _CLAUSE_BREAK.search(before)
        before = before[cut.end() :] if cut else ""  # whole clauses only
    years = _year_items(before, len(after))
    if years is not None:
        # 生产总值2021年、2022年、2023年分别达到…: one indicator, each figure its own year
        subject, each = years
        for k, y in zip(after, each, strict=True):
            fig = out[k]
            own = y in own_years(fig.period, year)
            out[k] = replace(fig, label=subject or fig.label, horizon=ANNUAL if own else f"year:{y}")
        return
    items = _list_items(before, len(after))
    if items:
        for k, item in zip(after, items, strict=True):
            if 1 < len(item) <= 16:
                out[k] = replace(out[k], label=item)
    elif before_count >= len(after):
        tail = [places[i][0] for i in range(max(0, start - len(after)), start)] + extra_before
        prior = tail[-len(after) :]
        labels = [out[k].label for k in prior]
        # the figures named are levels in the same part of the sentence (…5300万人次，…438亿元，分别增长
        # 44.6%、35.2%), not the changes of other clauses beyond a ；(地区生产总值年均增长3.5%，…；金融机构
        # 存贷款余额年均分别增长4.5%、17.2%)
        first_at = min((at for k, at in places if k in prior and at >= 0), default=-1)
        same_part = first_at >= 0 and not re.search(r"[；;]", sentence[first_at:pos])
        if (
            all(labels)
            and len(set(labels)) == len(labels)
            and all(out[k].kind == "change" for k in after)
            and all(out[k].kind == "level" for k in prior)
            and same_part
        ):
            for k, label in zip(after, labels, strict=True):
                out[k] = replace(out[k], label=label)
    # one predicate for the whole list (年均分别增长4.5%、17.2%): every figure of it spans what the first does
    horizon = out[after[0]].horizon
    for k in after[1:]:
        if out[k].horizon != horizon:
            out[k] = replace(out[k], horizon=horizon)


def _respectively(figures: list[Figure], sentences: list[str], year: int | None = None) -> list[Figure]:
    """Labels for lists written with 分别: 新能源汽车、集成电路、工业机器人产量分别增长49.8%、11.9%、36.4%.

    The figures of such a sentence all got the clause's label (工业机器人产量). The items before 分别 are
    parallel, so each figure takes its own item plus the head the items share, in order. When no clause
    before 分别 lists as many items as there are figures after it, but as many figures stand before it
    (接待游客5300万人次，实现旅游总收入438亿元，分别增长44.6%、35.2%), the changes take those figures' labels
    in order.
    """
    out = list(figures)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and sentences[j + 1] == sentences[i]:
            j += 1
        group = range(i, j + 1)
        sentence = sentences[i]
        if j > i and "分别" in sentence:
            # Where each figure stands in the sentence, scanning in order (5.5% may occur twice).
            places: list[tuple[int, int]] = []
            cursor = 0
            for k in group:
                needle = out[k].number or out[k].text
                at = sentence.find(needle, cursor)
                cursor = at + len(needle) if at >= 0 else cursor
                places.append((k, at))
            found = [(at, n) for n, (_, at) in enumerate(places) if at >= 0]
            found_at, found_k = [at for at, _ in found], [n for _, n in found]
            pos = sentence.find("分别")
            while pos > 0:
                _label_list(out, sentence, pos, places, found_at, found_k, year)
                pos = sentence.find("分别", pos + 2)
        i = j + 1
    return out


_JOINERS = ("和", "及", "与")
#: 各/均 after the last item of a list, before the value (…各40家, …均削减3.5%); not 人均, 年均, 平均…
_SHARED_RE = re.compile(r"(?<![人年平户亩日月次场])(?:各|均)(?:[\u4e00-\u9fff]{0,3})$")
_ITEMS_CLAUSE_END = frozenset("，,；;。：:！？!?\n")
_HAS_DIGIT_RE = re.compile(r"[0-9０-９]")


def _pair_joined(figures: list[Figure]) -> list[Figure]:
    """``A和B`` followed by two values (起数和死亡人数下降23.5%、7.5%; 城镇和农村居民人均可支配收入80392元、48825元):
    the values are A's and B's in order, as with 分别, each item with the head the items share."""
    out = list(figures)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        label = a.label
        if b.label != label or a.sentence != b.sentence or a.sentence_start < 0:
            continue
        words = tokens.cut_cached(label)
        parts = [w for w in words if w in _JOINERS]  # a word of its own: not the 及 of 普及率
        if len(parts) != 1:
            continue
        gap = a.sentence[a.end - a.sentence_start : b.start - a.sentence_start]
        if gap not in ("、", "和", "及", ",", "，"):
            continue
        if (k + 2 < len(out) and out[k + 2].label == label) or (k > 0 and figures[k - 1].label == label):
            continue  # three values for one joined name: not A's and B's
        at = words.index(parts[0])
        first, second = "".join(words[:at]), "".join(words[at + 1 :])
        if not first or not second:
            continue
        items = _with_heads([first, second])
        out[k] = replace(a, label=items[0])
        out[k + 1] = replace(b, label=items[1])
    return out


_FROM_BEFORE_RE = re.compile(r"[从由](?:去年|上年|前年|[0-9]{4}年(?:底|末)?)?的?(?:不到|不足|超过|近|约|仅)?$")


def _starts_change(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the X of 从X提高到Y / 由X降至Y: the level a change starts from."""
    return bool(_FROM_BEFORE_RE.search(text, max(0, start - 10), start)) and bool(_TO_AFTER_RE.match(text, end))


def is_starting_point(fig: Figure) -> bool:
    """Whether ``fig`` is the X of 从X提高到Y in its sentence: where a change starts, not a level the report
    gives for its year (so the cross-report table does not line it up with other reports' levels)."""
    i = fig.sentence.find(fig.text)
    return i >= 0 and _starts_change(fig.sentence, i, i + len(fig.text))
