"""Number parsing and the unit table."""

from __future__ import annotations

import pytest

from core.figures import match_unit, parse_chinese, parse_number, unit_info


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,100", 1100),
        ("12,345.6", 12345.6),
        ("２０００", 2000),
        ("３．７５", 3.75),
        ("三千", 3000),
        ("两", 2),
        ("一万五千", 15000),
        ("二十万亿", 2e13),
        ("〇", 0),
        ("十五", 15),
        ("一百二十三", 123),
        ("一千零五", 1005),
        ("三千五", 3500),
        ("一万五", 15000),
        ("三亿五千万", 350_000_000),
        ("1.2万", 12000),
        ("3万4000", 34000),
        ("25万6千", 256000),
        ("1.37万亿", 1.37e12),
        ("3亿5000万", 350_000_000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["一二三", "十四五", "二〇二六", "十连", "", "百百"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_chinese_rejects_digit_strings() -> None:
    assert parse_chinese("一九九八") is None
    assert parse_chinese("九十八") == 98


@pytest.mark.parametrize(
    ("unit", "base", "factor"),
    [
        ("亿元", "元", 1e8),
        ("万亿元", "元", 1e12),
        ("万平米", "平方米", 1e4),
        ("平米", "平方米", 1),
        ("千米", "公里", 1),
        ("万千瓦", "千瓦", 1e4),
        ("亿千瓦时", "千瓦时", 1e8),
        ("万标箱", "标准箱", 1e4),
        ("万人次", "人次", 1e4),
        ("蒸吨", "蒸吨", 1),
        ("公斤", "千克", 1),
        ("成", "%", 10),
        ("个百分点", "个百分点", 1),
        ("元/人", "元/人", 1),
        ("万", "", 1e4),
    ],
)
def test_unit_info(unit: str, base: str, factor: float) -> None:
    info = unit_info(unit)
    assert info is not None
    assert (info.base, info.factor) == (base, pytest.approx(factor))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("户以上", "户"),
        ("人次,", "人次"),
        ("个百分点", "个百分点"),
        ("平方米", "平方米"),
        ("所以上", "所"),
        ("所有", None),
        ("家庭", "家庭"),
        ("周年", None),
        ("次产业", None),
        ("人防工程", None),
        ("Gbps", None),
    ],
)
def test_match_unit(text: str, unit: str | None) -> None:
    assert match_unit(text, 0) == unit


def test_arabic_only_units() -> None:
    assert match_unit("期工程", 0, arabic=False) is None
    assert match_unit("期培训", 0, arabic=True) == "期"
    assert match_unit("成建设", 0, arabic=False) is None
    assert match_unit("成以上", 0, arabic=False) == "成"
