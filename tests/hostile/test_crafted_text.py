"""Crafted report text: invisible characters do not hide headings, junk does not become an indicator's name."""

from __future__ import annotations

import pytest

from core.report import report_from_text
from core.report_figures import report_figures

from .names import TEXT

BIDI = {"LRO": "\u202d", "RLO": "\u202e", "RLM": "\u200f", "LRM": "\u200e", "ALM": "\u061c", "LRI": "\u2066"}


@pytest.mark.parametrize("mark", sorted(BIDI))
def test_a_bidi_control_before_a_heading_does_not_hide_it(mark: str) -> None:
    c = BIDI[mark]
    text = f"各位代表：\n{c}一、总体要求\n正文。\n{c}二、重点工作\n{c}(一)加强管理\n正文。"
    report = report_from_text(text)
    labelled = [(s.label, s.title) for s in report.sections if s.label]
    assert labelled == [("一、", "总体要求"), ("二、", "重点工作")]
    assert [c.label for c in report.sections[-1].children] == ["(一)"]
    # the text as read keeps the mark (it is the report's), only the comparison key drops it
    heading = report.sections[1]
    assert report.text[heading.start - 1 : heading.start + 4] == f"{c}一、总体"


def test_labels_hold_no_control_characters_markup_or_code() -> None:
    figures = {f.text: f.label for f in report_figures(report_from_text(TEXT))}
    assert figures["5.2%"] == "地区生产总值"  # after =alert>
    assert figures["3%"] == "居民收入"  # after a BEL
    assert figures["4%"] == "居民收入"  # 居民收入@增长4%
    assert figures["5.5%左右"] == "失业率"  # 调查[/bold]失业率
    for label in figures.values():
        assert not any(ch in label for ch in "\x07\x1b@=<>[]{}|`~^\\"), label


@pytest.mark.parametrize("mark", ["[1]", "［12］", "^[7]"])
def test_a_footnote_mark_before_a_figure_is_not_part_of_its_name(mark: str) -> None:
    plain = report_figures(report_from_text("一、回顾\n累计为企业减税降费2.43亿元，新建农村“三路”631公里。"))
    marked = report_figures(report_from_text(f"一、回顾\n累计为企业减税降费{mark}2.43亿元，新建农村“三路”{mark}631公里。"))
    assert [f.label for f in marked] == [f.label for f in plain] == ["企业减税降费", "新建农村三路"]
