"""Property: extraction never raises and every figure's offsets point at its text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.figures import extract_figures

PIECES = (
    list("0123456789０１２３４５６７８９.,，。、；：%％-—~至到负余多以上下左右约近超过")
    + list("一二两三四五六七八九十百千万亿〇第个项家所户人元亩吨年月日倍成番")
    + list("增长下降提高新增城镇就业国内生产总值“”()（）\n ")
    + ["万元", "亿元", "平方米", "个百分点", "人次", "公里", "千瓦时", "标准箱", "2023年", "１,１００"]
)
REPORTISH = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=60), REPORTISH), offset=st.integers(min_value=0, max_value=1000))
def test_offsets_and_no_crash(text: str, offset: int) -> None:
    for fig in extract_figures(text, offset=offset):
        assert text[fig.start - offset : fig.end - offset] == fig.text
        assert fig.start < fig.end
        assert fig.kind in ("level", "change")
        assert fig.period in ("result", "target", "unknown")
        d = fig.to_dict()
        for key in ("report", "section", "text", "number", "value", "unit", "base_value", "base_unit",
                    "qualifier", "kind", "period", "label", "start", "end"):  # fmt: skip
            assert key in d
