"""Units that follow numbers in work reports, with the base unit and multiplier of each.

The table grew from what follows numbers in the national reports 2003–2026 and the 31 provincial reports of
2026. A magnitude word between number and unit (万, 亿, 万亿) is not part of the table: ``unit_info("亿元")``
splits it off, so 3.75亿元 → 375,000,000 元 and 36万平米 → 360,000 平方米.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .numbers import MAGNITUDES


@dataclass(frozen=True)
class UnitInfo:
    """What a unit word measures: ``base`` unit, ``factor`` to it, and a ``dimension`` for matching rows."""

    base: str
    factor: float
    dimension: str


def _u(base: str, dimension: str, factor: float = 1.0) -> UnitInfo:
    return UnitInfo(base, factor, dimension)


#: Unit word → its base. Words written with a magnitude (万元, 亿千瓦时) are found by ``unit_info``.
UNITS: dict[str, UnitInfo] = {
    # money
    "元": _u("元", "money"),
    "美元": _u("美元", "money-usd"),
    "欧元": _u("欧元", "money-eur"),
    "港元": _u("港元", "money-hkd"),
    "港币": _u("港元", "money-hkd"),
    "日元": _u("日元", "money-jpy"),
    # proportions and changes
    "%": _u("%", "percent"),
    "‰": _u("‰", "permille"),
    "个百分点": _u("个百分点", "points"),
    "百分点": _u("个百分点", "points"),
    "成": _u("%", "percent", 10.0),
    "倍": _u("倍", "times"),
    "番": _u("番", "doublings"),
    # people and households
    "人": _u("人", "people"),
    "名": _u("人", "people"),
    "位": _u("位", "people"),
    "人次": _u("人次", "visits"),
    "户": _u("户", "households"),
    "户次": _u("户次", "visits"),
    "人份": _u("人份", "count"),
    "剂次": _u("剂次", "count"),
    # counts (measure words)
    "个": _u("个", "count"),
    "项": _u("项", "count"),
    "家": _u("家", "count"),
    "所": _u("所", "count"),
    "座": _u("座", "count"),
    "条": _u("条", "count"),
    "套": _u("套", "count"),
    "间": _u("间", "count"),
    "张": _u("张", "count"),
    "台": _u("台", "count"),
    "台套": _u("台套", "count"),
    "台(套)": _u("台套", "count"),
    "套(间)": _u("套", "count"),
    "辆": _u("辆", "count"),
    "栋": _u("栋", "count"),
    "幢": _u("幢", "count"),
    "处": _u("处", "count"),
    "批": _u("批", "count"),
    "批次": _u("批次", "count"),
    "件": _u("件", "count"),
    "件次": _u("件次", "count"),
    "次": _u("次", "count"),
    "场": _u("场", "count"),
    "场次": _u("场次", "count"),
    "架": _u("架", "count"),
    "架次": _u("架次", "count"),
    "艘": _u("艘", "count"),
    "列": _u("列", "count"),
    "车次": _u("车次", "count"),
    "班次": _u("班次", "count"),
    "部": _u("部", "count"),
    "篇": _u("篇", "count"),
    "册": _u("册", "count"),
    "份": _u("份", "count"),
    "种": _u("种", "count"),
    "类": _u("类", "count"),
    "宗": _u("宗", "count"),
    "笔": _u("笔", "count"),
    "款": _u("款", "count"),
    "轮": _u("轮", "count"),
    "头": _u("头", "count"),
    "只": _u("只", "count"),
    "株": _u("株", "count"),
    "棵": _u("棵", "count"),
    "支": _u("支", "count"),
    "对": _u("对", "count"),
    "口": _u("口", "count"),
    "眼": _u("眼", "count"),
    "盏": _u("盏", "count"),
    "片": _u("片", "count"),
    "块": _u("块", "count"),
    "床": _u("张", "count"),
    "起": _u("起", "count"),
    "组": _u("组", "count"),
    "群": _u("群", "count"),
    "枚": _u("枚", "count"),
    "航次": _u("航次", "count"),
    "车道": _u("车道", "count"),
    "期": _u("期", "count"),
    "届": _u("届", "count"),
    "家庭": _u("户", "households"),
    # area
    "平方米": _u("平方米", "area"),
    "平米": _u("平方米", "area"),
    "㎡": _u("平方米", "area"),
    "平方公里": _u("平方公里", "area-km2"),
    "平方千米": _u("平方公里", "area-km2"),
    "亩": _u("亩", "area-mu"),
    "公顷": _u("公顷", "area-ha"),
    # length
    "公里": _u("公里", "length"),
    "千米": _u("公里", "length"),
    "km": _u("公里", "length"),
    "米": _u("米", "length-m"),
    "延米": _u("米", "length-m"),
    "厘米": _u("厘米", "length-cm"),
    "毫米": _u("毫米", "length-mm"),
    "英寸": _u("英寸", "inch"),
    "纳米": _u("纳米", "length-nm"),
    # mass
    "吨": _u("吨", "mass"),
    "千克": _u("千克", "mass-kg"),
    "公斤": _u("千克", "mass-kg"),
    "斤": _u("斤", "mass-jin"),
    "克": _u("克", "mass-g"),
    "吨标准煤": _u("吨标准煤", "coal"),
    "吨标煤": _u("吨标准煤", "coal"),
    "蒸吨": _u("蒸吨", "boiler"),
    "载重吨": _u("载重吨", "deadweight"),
    "微克/立方米": _u("微克/立方米", "concentration"),
    "微克": _u("微克", "mass-ug"),
    # volume
    "立方米": _u("立方米", "volume"),
    "方": _u("立方米", "volume"),
    "升": _u("升", "volume-l"),
    # energy and power
    "千瓦时": _u("千瓦时", "energy"),
    "度": _u("千瓦时", "energy"),
    "兆瓦时": _u("千瓦时", "energy", 1e3),
    "GWh": _u("千瓦时", "energy", 1e6),
    "千瓦": _u("千瓦", "power"),
    "瓦": _u("千瓦", "power", 1e-3),
    "兆瓦": _u("千瓦", "power", 1e3),
    "吉瓦": _u("千瓦", "power", 1e6),
    "kW": _u("千瓦", "power"),
    "MW": _u("千瓦", "power", 1e3),
    "GW": _u("千瓦", "power", 1e6),
    "千伏": _u("千伏", "voltage"),
    "伏": _u("千伏", "voltage", 1e-3),
    "千伏安": _u("千伏安", "capacity"),
    "兆伏安": _u("千伏安", "capacity", 1e3),
    # freight
    "标准箱": _u("标准箱", "containers"),
    "标箱": _u("标准箱", "containers"),
    "TEU": _u("标准箱", "containers"),
    # computing
    "P": _u("PFlops", "compute"),
    "PF": _u("PFlops", "compute"),
    "PFlops": _u("PFlops", "compute"),
    "PFLOPS": _u("PFlops", "compute"),
    "EFlops": _u("PFlops", "compute", 1e3),
    "Eflops": _u("PFlops", "compute", 1e3),
    "EFLOPS": _u("PFlops", "compute", 1e3),
    "次/秒": _u("次/秒", "speed-ops"),
    # time and age
    "年": _u("年", "duration"),
    "个月": _u("月", "duration-month"),
    "天": _u("天", "duration-day"),
    "个工作日": _u("天", "duration-day"),
    "工作日": _u("天", "duration-day"),
    "周": _u("周", "duration-week"),
    "小时": _u("小时", "duration-hour"),
    "个小时": _u("小时", "duration-hour"),
    "分钟": _u("分钟", "duration-minute"),
    "秒": _u("秒", "duration-second"),
    "岁": _u("岁", "age"),
    "周岁": _u("岁", "age"),
    # scores
    "分": _u("分", "score"),
}

#: Words that start like a unit but are not one after a number (80周年 is an anniversary, 5G is a name).
NOT_UNITS: frozenset[str] = frozenset(
    {"周年", "年级", "年代", "日电", "分之", "分别", "方面", "方式", "方案", "方向", "方位", "天然气"}
)

#: Characters that, right after a one-character unit, show that the character starts a word instead
#: (两所 but 所有, 三次 but 三次产业, 5家 but 家庭).
BLOCKED_NEXT: dict[str, str] = {
    "个": "人体性别税",
    "家": "庭长园乡属电政居底门具风族",
    "所": "有在以得属谓长",
    "条": "件例理线款约",
    "部": "署分门位队长件委署属",
    "处": "理置罚分长室级",
    "次": "产会全要序生级贷",
    "场": "景所地馆合面域站",
    "名": "单称义牌誉字片列录额",
    "位": "置于数次一列居",
    "台": "阶湾风账州",
    "张": "力扬",
    "座": "谈右",
    "间": "隔接歇距断",
    "种": "子植业养质源粮苗类",
    "类": "似别型",
    "批": "准示评发复",
    "套": "餐利",
    "户": "籍口外型主",
    "人": "民才口员大士工类文物群均生社力心们权居情事防格",
    "元": "旦素首气年老化",
    "天": "然津下地空气府",
    "周": "边期末转全",
    "度": "假过量身化",
    "分": "钟别配布工析解享担批类区散",
    "轮": "胎船车",
    "头": "部号雁脑等条羊",
    "只": "有要能是好",
    "支": "持撑付出援柱部配线行流",
    "对": "口接于外象照标比",
    "口": "岸径号罩碑",
    "眼": "光睛界前",
    "片": "区面",
    "块": "状",
    "项": "目",
    "方": "面式案向法针位便舱言阵正圆",
    "升": "级至到为值温高",
    "列": "入为举出席支车",
    "架": "构起子势",
    "米": "粮",
    "克": "服难",
    "床": "位",
    "秒": "级",
    "款": "项式待",
    "笔": "记者试画",
    "宗": "教旨族师",
    "起": "来步点草飞航源诉义",
    "组": "织建成团合件长委群装图网",
    "群": "众体落岛组",
    "期": "间待望盼限末初中货刊",
    "届": "时满",
    "成": "为立果效本员绩长功熟就都型品交份套片批",
}

#: ``成`` after a Chinese numeral is a unit (八成 = 80%) only before these; elsewhere it is a verb or a word.
CHENG_FOLLOWERS = "以左多，,。；;、）)的”"
#: Units only after Arabic digits: 40期 is a count, but 一期/二期 are phases; 八方 and 十分 are words.
ARABIC_ONLY: frozenset[str] = frozenset({"期", "届", "方", "分", "起", "组", "群"})
#: A blocked next character is fine when it starts one of these (200所以上 is not 所以).
_QUALIFIER_STARTS = ("以上", "以下", "以内", "左右")

_BY_FIRST: dict[str, list[str]] = {}
for _word in sorted(UNITS, key=len, reverse=True):
    _BY_FIRST.setdefault(_word[0], []).append(_word)
for _word in sorted(NOT_UNITS, key=len, reverse=True):
    _BY_FIRST.setdefault(_word[0], []).insert(0, _word)

#: Characters a unit can start with (for the extractor's look-ahead).
UNIT_FIRST_CHARS: str = "".join(sorted(_BY_FIRST))
MAX_UNIT_LEN: int = max(len(w) for w in UNITS)

#: Magnitude words, longest first, as they stand before a unit (万, 亿, 万亿; 千万 and 百万 too).
_MAGNITUDE_PREFIXES: tuple[str, ...] = tuple(sorted(MAGNITUDES, key=len, reverse=True))


def match_unit(text: str, pos: int, arabic: bool = True) -> str | None:
    """The longest unit word starting at ``text[pos]``, or None (also when it is really a longer word).

    ``arabic`` tells whether the number before was written in digits: some words are units only then.
    """
    candidates = _BY_FIRST.get(text[pos : pos + 1])
    if not candidates:
        return None
    for word in candidates:
        if text.startswith(word, pos):
            if word in NOT_UNITS:
                return None
            end = pos + len(word)
            nxt = text[end : end + 1]
            if len(word) == 1:
                if not arabic and word in ARABIC_ONLY:
                    continue
                if word == "成" and not arabic:
                    if nxt and nxt not in CHENG_FOLLOWERS:
                        continue
                elif (
                    nxt and nxt in BLOCKED_NEXT.get(word, "") and not text.startswith(_QUALIFIER_STARTS, end)
                ):
                    continue
            if word.isascii() and word.isalpha() and nxt.isascii() and nxt.isalnum():
                continue  # 5G, 3D, "P" in "PM"
            return word
    return None


@lru_cache(maxsize=4096)  # a few hundred unit words in all; the table is fixed at import (as _BY_FIRST)
def unit_info(unit: str) -> UnitInfo | None:
    """Base unit and factor of a unit as written, magnitude included: ``亿元`` → (元, 1e8)."""
    if unit in UNITS:
        return UNITS[unit]
    for prefix in _MAGNITUDE_PREFIXES:
        if unit.startswith(prefix):
            rest = unit[len(prefix) :]
            factor = MAGNITUDES[prefix]
            if not rest:
                return UnitInfo("", factor, "number")
            info = UNITS.get(rest)
            if info is not None:
                return UnitInfo(info.base, info.factor * factor, info.dimension)
    if "/" in unit:
        head, _, tail = unit.partition("/")
        info = unit_info(head)
        if info is not None:
            return UnitInfo(f"{info.base}/{tail}", info.factor, f"{info.dimension}/{tail}")
    return None


#: Denominators accepted after a slash (元/人, 元/吨, 公里/小时).
RATE_DENOMINATORS: tuple[str, ...] = (
    "平方米", "立方米", "千瓦时", "小时", "人", "月", "年", "天", "日", "亩", "吨", "户", "次", "人·月",
    "人·年", "公斤", "千克", "斤", "度", "秒", "标准箱", "辆", "件", "个", "台", "张",
)  # fmt: skip
