"""Wrapping report text on terminal cells (the panes' text view): never wider than the pane, Chinese
line-breaking rules where the text allows them."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.widgets.text_view import NO_LINE_END, NO_LINE_START, wrap_offsets


def lines(text: str, width: int) -> list[str]:
    starts = wrap_offsets(text, width)
    return [text[a:b].rstrip("\n") for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


NATIONAL = "国内生产总值达到114万亿元，增长8.1%。全国财政收入突破20万亿元，增长10.7%。（三）依靠创新推动实体经济高质量发展，培育壮大新动能。"


def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one():
    for width in range(12, 41):
        got = lines(NATIONAL, width)
        assert "".join(got) == NATIONAL
        assert all(cell_len(line) <= width for line in got)
        assert not any(line[0] in NO_LINE_START for line in got[1:]), (width, got)
        assert not any(line[-1] in NO_LINE_END for line in got), (width, got)


def test_numbers_with_their_unit_sign_stay_on_one_line():
    for width in range(12, 41):
        got = lines(NATIONAL, width)
        for number in ("114", "8.1%", "10.7%"):
            assert any(number in line for line in got), (width, number, got)


def test_a_run_that_cannot_be_kept_whole_is_still_cut_at_the_width():
    text = "1" * 50 + "，" * 30
    got = lines(text, 10)
    assert "".join(got) == text and all(cell_len(line) <= 10 for line in got)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("政府工作报告，。、（）“”%.0123456789abc \n")), max_size=300),
    st.integers(min_value=2, max_value=60),
)
def test_wrapping_keeps_every_character_and_respects_the_width(text, width):
    starts = wrap_offsets(text, width)
    assert starts[0] == 0 and all(a < b for a, b in pairwise(starts))
    got = lines(text, width)
    assert "".join(got) == text.replace("\n", "")
    assert all(cell_len(line) <= width for line in got)
