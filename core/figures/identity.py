"""What a figure is a value of: indicator × scope × measure × horizon × period (and base unit).

Two figures belong in one row of the cross-report table only when all of these agree. The indicator and
its scope come from the reviewed catalogue (indicators.toml): 农村居民人均可支配收入 is the indicator 居民人均
可支配收入 with the scope 农村, 规模以上工业增加值 is 增加值 of 规上工业, 人均地区生产总值 is 地区生产总值 per
capita. A label outside the catalogue keeps its own words as its name and is matched to others by
similarity (table.py), never across a scope, a measure, a horizon or a period.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalog import Catalog, Indicator, catalog
from .indicator import CHANGE_NOUNS
from .model import Figure
from .subscope import sub_scope

#: Measures: a level (14.58万亿元), a growth (增长5.5%), a share or rate in per cent (失业率5.5%).
LEVEL, GROWTH, SHARE = "level", "growth", "share"

_QUOTES = "“”\"'‘’《》 　"
#: Scope words that say where, not what (全区新增就业 is 新增就业); kept apart from the catalogue's scopes
#: because they are the report's own area.
_OWN_AREA = ("全国", "全省", "全市", "全区", "全县", "全州", "全旗", "全盟", "全年", "我国", "我省", "我市", "我区",
             "我县", "年度", "本市", "本省", "本区", "本县")  # fmt: skip


ROWS_FILE = Path(__file__).with_name("rows.toml")


@dataclass(frozen=True)
class RowWords:
    """rows.toml: heads that part labels, and the denominators (per) that part figures."""

    heads: tuple[str, ...]
    per: tuple[str, ...]
    glossary_titles: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  #: words that open a label counting a year's additions (新增…)


@lru_cache(maxsize=1)
def row_words() -> RowWords:
    with ROWS_FILE.open("rb") as fh:
        data = tomllib.load(fh)

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(data.get(key, []), key=len, reverse=True))

    return RowWords(longest_first("heads"), longest_first("per"), longest_first("glossary_titles"),
                    longest_first("added"))


def _clause_before(fig: Figure) -> str:
    """The words of the figure's clause before its number ("" without a sentence)."""
    if fig.sentence_start < 0 or not fig.sentence:
        return ""
    head = fig.sentence[: max(0, fig.start - fig.sentence_start)]
    cut = max(head.rfind(c) for c in "，,；;。：:")
    return head[cut + 1 :]


def per_of(fig: Figure, label_key: str) -> str:
    """The denominator the figure's clause gives it before the number (每千人口, 日均…) that its label does not
    already carry (人均地区生产总值 is a catalogue scope); "" for none."""
    clause = _clause_before(fig)
    for word in row_words().per:
        if word in clause and word not in label_key:
            return word
    return ""


@dataclass(frozen=True)
class Identity:
    """What a figure measures, as a key of the cross-report table."""

    indicator: str  #: catalogue id ("gdp"), "" for a label outside the catalogue
    name: str  #: the row's name: 城镇居民人均可支配收入, 人均地区生产总值, or the label's own words
    scope: str  #: "" for the whole, else 城镇, 农村, 人均, 规上工业, or the words before the name as written
    measure: str  #: "level", "growth" or "share"
    horizon: str  #: "annual", "average", "multi-year", "year:2030"
    period: str  #: "result", "target", "unknown"
    base_unit: str
    per: str = ""  #: a denominator from the clause (每千人口, 日均): a rate, never in a row with totals
    #: a zone the sentence puts the figure under (开发区…税收收入增长29%), part of ``scope``; "" for none
    sub_scope: str = ""

    @property
    def comparable(self) -> bool:
        """Whether the figure may share a row with other reports' (增加值 with no sector may not, nor a
        label too general to name one thing: 企业, 项目, 总量)."""
        if not self.indicator:
            return specific(self.name)
        ind = catalog().by_id(self.indicator)
        return ind is None or not ind.needs_scope or bool(self.scope)

    @property
    def key(self) -> tuple[str, str, str, str, str, str, str]:
        what = self.indicator or "label:" + self.name
        return (what, self.scope, self.measure, self.horizon, self.period, self.base_unit, self.per)


#: Labels that name no one thing on their own (企业 132家 and 企业 11家 are two different sets of firms).
_GENERAL = frozenset(
    ["企业", "项目", "总量", "总额", "总规模", "总里程", "总投资", "总面积", "总产值", "浓度", "寿命", "规模", "数量", "人数", "面积", "里程", "资金", "金额", "产值", "收入", "投资", "产量", "比例", "比重", "占比", "增速", "增幅", "个数", "家数", "次数", "户数", "人次", "总数", "累计", "全年", "年度", "工程", "平台", "基地", "园区", "中心", "城市", "县", "村", "乡镇", "社区", "学校", "医院"]
)


def specific(label: str) -> bool:
    """Whether a label outside the catalogue names one thing: three characters or more and not a general
    head (企业, 总量, 浓度…) alone."""
    return len(label) >= 3 and label not in _GENERAL and not (label.startswith("总") and len(label) <= 3)


def normalize_label(label: str) -> str:
    """The comparison key of a label: the report's own area (全区, 全年) dropped, quotes and spaces removed."""
    key = "".join(ch for ch in label if ch not in _QUOTES)
    changed = True
    while changed:
        changed = False
        for prefix in _OWN_AREA:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                key = key[len(prefix) :]
                changed = True
    return key


def measure_of(fig: Figure, label_key: str) -> str:
    if fig.kind == "change" or label_key.endswith(CHANGE_NOUNS):
        return GROWTH
    if fig.base_unit in ("%", "‰"):
        return SHARE
    return LEVEL


def _strip_change_noun(key: str) -> str:
    """居民消费价格涨幅 → 居民消费价格 (the measure, growth, is read apart)."""
    for noun in sorted(CHANGE_NOUNS, key=len, reverse=True):
        if key.endswith(noun) and len(key) > len(noun):
            return key[: -len(noun)]
    return key


@lru_cache(maxsize=1)
def _by_last_char(cat: Catalog) -> dict[str, tuple[tuple[str, Indicator, bool], ...]]:
    """Catalogue names by their last character, longest first (a label is matched from its end)."""
    out: dict[str, list[tuple[str, Indicator, bool]]] = {}
    for entry in cat.names:
        out.setdefault(entry[0][-1], []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


def _scope(prefix: str, ind: Indicator, cat: Catalog) -> str:
    """The scope the words before an indicator's name give: "" (the whole), a catalogue scope, or the words."""
    if not prefix or prefix in ind.scopes:
        return ""
    for written, scope in cat.scopes:
        if prefix == written:
            return scope
    # 城镇居民人均 before 可支配收入 when 人均 is the name's own: a catalogue scope followed by a word the
    # indicator's longer names start with
    for written, scope in cat.scopes:
        if prefix.startswith(written) and any(n.startswith(prefix[len(written) :]) for n in ind.names):
            return scope
    return prefix


@lru_cache(maxsize=8192)
def catalogue_match(label: str, growth: bool) -> tuple[str, str, str] | None:
    """(indicator id, scope, row name) for a normalized label, or None when the catalogue does not know it."""
    cat = catalog()
    key = _strip_change_noun(label)
    if not key:
        return None
    for name, ind, growth_only in _by_last_char(cat).get(key[-1], ()):
        if not key.endswith(name):
            continue
        prefix = key[: -len(name)]
        if growth_only and (prefix or not growth):
            continue
        scope = _scope(prefix, ind, cat)
        # a scope the catalogue does not know is named as the report writes it (县域生产总值)
        return ind.id, scope, key if prefix and scope == prefix else _row_name(ind, scope)
    return None


def _row_name(ind: Indicator, scope: str) -> str:
    """城镇 + 居民人均可支配收入, 人均 + 地区生产总值, 规上工业 + 增加值."""
    return scope + ind.name


#: A label naming the target rather than the indicator (经济增长预期目标为5%左右): read without it.
_TARGET_SUFFIXES = ("预期目标", "目标", "预期")


_TIME_WORDS = ("今年", "明年", "全年", "去年", "当年")


def _without_target_word(key: str) -> tuple[str, bool]:
    """经济增长预期目标 → (经济, growth): the indicator a target sentence names, and whether it is a growth
    (中央提出今年经济增长预期目标: what follows the time word)."""
    for word in _TIME_WORDS:
        at = key.rfind(word)
        if at > 0 and len(key) - at - len(word) >= 2:
            key = key[at + len(word) :]
    for suffix in _TARGET_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    else:
        return key, False
    for verb in ("增长", "增速"):
        if key.endswith(verb) and len(key) > len(verb):
            return key[: -len(verb)], True
    return key, False


#: Time and hedge words that may stand before a clause's 新增 (全年新增…, 力争新增…).
_CLAUSE_LEADS = ("全年", "今年", "年内", "预计", "力争")
#: Words after which a clause opened by 新增 counts a stock again (新建成5G基站3000个、累计达到2万个).
_STOCK_AGAIN = ("累计", "达到", "总数", "总量", "总计", "共有", "总规模")


def added_of(fig: Figure, label_key: str) -> str:
    """The word (新增…) that opens the figure's clause and, across an enumeration, counts it as a year's
    addition although its label lacks it (新增省级高新区2家、高新技术企业390家: 390 firms added, not the
    stock); "" for none."""
    if label_key.startswith(row_words().added):
        return ""
    clause = _clause_before(fig)
    for lead in _CLAUSE_LEADS:
        clause = clause.removeprefix(lead)
    word = next((w for w in row_words().added if clause.startswith(w)), "")
    if not word or any(w in clause for w in _STOCK_AGAIN):
        return ""
    return word


def identify(fig: Figure) -> Identity:
    """The identity of ``fig`` from its label, kind, unit, horizon and period."""
    key, growth = _without_target_word(normalize_label(fig.label))
    measure = GROWTH if growth and fig.base_unit == "%" else measure_of(fig, key)
    hit = catalogue_match(key, measure == GROWTH)
    per = per_of(fig, key)
    zone = sub_scope(fig)  # 开发区…，实际利用外资增长91.6%: the zone's, never the government's total
    if hit is not None:
        ident, scope, name = hit
        if zone and zone not in scope:
            scope = zone + scope
        return Identity(ident, name, scope, measure, fig.horizon, fig.period, fig.base_unit, per, zone)
    key = added_of(fig, key) + key
    return Identity("", key, zone, measure, fig.horizon, fig.period, fig.base_unit, per, zone)
