"""Whose report a city report is when its title and opening do not name it (core/gazetteer.py)."""

from __future__ import annotations

import pytest
from conftest import needs_corpus

from core.gazetteer import _names, named_most
from core.report import report_from_text

FILLER = "我们坚持稳中求进工作总基调，统筹发展和安全，推动经济实现质的有效提升和量的合理增长。" * 3


def _city_report(opening: str, mentions: list[str]) -> str:
    body = "".join(f"{FILLER}{m}经济持续回升向好。" for m in mentions)
    return f"各位代表：\n{opening}\n一、2023年工作回顾\n{body}\n二、2024年重点工作\n{FILLER}\n"


def test_short_names_of_every_kind():
    cities = _names()["city"]
    assert cities["赣州"] == "赣州市"
    assert cities["黔东南"] == "黔东南苗族侗族自治州"
    assert cities["克孜勒苏"] == "克孜勒苏柯尔克孜自治州"
    assert cities["兴安"] == "兴安盟" and cities["阿里"] == "阿里地区"
    assert cities["重庆"] == "重庆市"  # a municipality says 我代表市人民政府 too
    assert _names()["province"]["新疆"] == "新疆维吾尔自治区"
    assert len([n for n in cities.values() if n not in ("北京市", "天津市", "上海市", "重庆市")]) == 333 + 21


def test_the_city_a_report_names_most_is_its_own():
    text = _city_report("现在，我代表市人民政府，向大会报告工作。", ["赣州"] * 8 + ["南昌"] * 2)
    assert report_from_text(text, "x.txt").meta.region == "赣州市"


def test_without_an_opening_how_it_speaks_of_itself_gives_the_level():
    text = _city_report("", ["全市", "柳州", "全市", "柳州", "全市", "柳州", "全市", "柳州", "全市", "柳州"])
    assert report_from_text(text, "x.txt").meta.region == "柳州市"


@pytest.mark.parametrize(
    "mentions",
    [
        ["武汉"] * 3,  # the big city next door, named a few times: no clear self-name
        ["宜昌"] * 5 + ["荆州"] * 4,  # two cities nearly as often: no clear majority
    ],
)
def test_no_name_rather_than_a_wrong_one(mentions):
    text = _city_report("现在，我代表市人民政府，向大会报告工作。", mentions)
    assert report_from_text(text, "x.txt").meta.region is None


def test_a_county_is_not_given_its_city():
    text = _city_report("现在，我代表县人民政府，向大会报告工作。", ["保定"] * 10)
    assert report_from_text(text, "x.txt").meta.region is None


def test_named_most_needs_density():
    assert named_most("赣州" * 4 + "。" * 10_000, "city") is None
    assert named_most("赣州" * 20 + "。" * 10_000, "city") == "赣州市"


@needs_corpus
def test_city_reports_of_2024_get_their_region():
    from conftest import CORPUS

    from core.report import load_report

    files = sorted((CORPUS / "local" / "city-2024").glob("city-*.txt"))
    regions = [load_report(str(p)).meta.region for p in files]
    # 131 of 133 by the title, the opening or the body (22 before the body was read); the rest say nothing
    assert sum(r is not None for r in regions) >= 130
