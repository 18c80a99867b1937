"""A development zone's figures carry the zone (review finding 9): 开发区营业收入增长65.8%，税收收入增长29%，
实际利用外资增长91.6% are the zone's, so the 91.6% is no value of the county's 实际利用外资 and never meets
its target."""

from __future__ import annotations

from core.figures import build_table, extract_figures
from core.figures.identity import identify
from core.figures.subscope import sub_scope
from core.figures.tracker import track

ZONE = "开发区营业收入增长65.8%，税收收入增长29%，实际利用外资增长91.6%，创历史新高。"


def _scopes(text: str) -> dict[str, str]:
    return {f.text: sub_scope(f) for f in extract_figures(text)}


def test_a_zone_heading_a_list_scopes_every_figure_of_it() -> None:
    assert _scopes(ZONE) == {"65.8%": "开发区", "29%": "开发区", "91.6%": "开发区"}
    assert _scopes("开发区营业收入、税收收入均实现20%以上增长，承载能级不断提升。") == {"20%以上": "开发区"}


def test_the_governments_own_area_ends_the_zone() -> None:
    scopes = _scopes("全县生产总值增长7%，开发区营业收入增长10%，全县一般公共预算收入增长5%。")
    assert scopes == {"7%": "", "10%": "开发区", "5%": ""}


def test_a_zone_counted_or_acted_on_is_no_scope() -> None:
    assert set(_scopes("新建园区道路10公里，入驻园区企业30家，实际利用外资增长5%。").values()) == {""}
    assert set(_scopes("省级开发区8个，实际利用外资增长5%。").values()) == {""}
    assert set(_scopes("全年打造市级科技园区1个，新增高新技术企业3家。").values()) == {""}
    assert set(_scopes("古城香文化产业园等7个项目达到形象进度，光束激光等11个项目开工。").values()) == {""}
    # a clause without a figure of its own heads no list
    assert set(_scopes("乡村振兴示范区建设初见成效，创建省市级美丽乡村20个。").values()) == {""}


def test_the_zone_is_part_of_the_identity_and_the_row_says_so() -> None:
    fdi = next(f for f in extract_figures(ZONE) if f.text == "91.6%")
    ident = identify(fdi)
    assert ident.indicator == "fdi" and ident.scope == "开发区" and ident.sub_scope == "开发区"
    county = extract_figures("实际利用外资增长8%，进出口总额增长5%。")
    table = build_table([extract_figures(ZONE), county], ["甲", "乙"])
    rows = [r for r in table.rows if r.indicator == "fdi"]
    assert len(rows) == 2  # the zone's and the county's are never one row
    zone_row = next(r for r in rows if r.scope == "开发区")
    assert zone_row.label == "实际利用外资（开发区）" and zone_row.cells[1] is None


def test_a_zones_outcome_never_meets_the_governments_target() -> None:
    plan = extract_figures("2022年主要预期目标是：实际利用外资增长5%左右。", period_hint="target")
    review = extract_figures(ZONE, period_hint="result")
    pairs = [p for p in track([(2022, "甲 2022", plan), (2023, "甲 2023", review)], [("fdi", "growth")])
             if p.year == 2022]
    assert len(pairs) == 1 and pairs[0].outcome is None and pairs[0].verdict not in ("met", "close", "missed")


def test_a_number_takes_the_indicator_its_own_clause_opens_with() -> None:
    """Review finding 10: 力争达到3% is the 固定资产投资's (its item opens with it), not the 一般公共预算收入's."""
    figs = extract_figures(
        "一般公共预算收入增长2%左右，固定资产投资保持稳定增长、力争达到3%，社会消费品零售总额增长5.5%左右。",
        period_hint="target",
    )
    got = {f.text: (f.label, f.kind) for f in figs}
    assert got["3%"] == ("固定资产投资", "change") and got["2%左右"][0] == "一般公共预算收入"
    assert identify(next(f for f in figs if f.text == "3%")).indicator == "fixed_asset_investment"
    # an item with a number of its own still gives its label to the next bare figure
    figs = extract_figures("地区生产总值增长5%、力争达到6%。", period_hint="target")
    assert {f.text: f.label for f in figs}["6%"] == "地区生产总值"
