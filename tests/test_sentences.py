"""Sentence splitting: ends at 。！？； and line breaks, closers stay, spans tile the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.sentences import sentence_spans, split_sentences


def test_ends_and_closers() -> None:
    text = "他说:“要加快发展。”持续优化营商环境！真的吗？一是稳就业；二是保民生"
    assert split_sentences(text) == [
        "他说:“要加快发展。”",
        "持续优化营商环境！",
        "真的吗？",
        "一是稳就业；",
        "二是保民生",
    ]


def test_half_width_marks_and_line_breaks() -> None:
    assert split_sentences("增长5.5%左右!下一句?第三句;\n第四句\n\n第五句") == [
        "增长5.5%左右!",
        "下一句?",
        "第三句;\n",
        "第四句\n\n",
        "第五句",
    ]


def test_decimal_point_does_not_end_a_sentence() -> None:
    assert split_sentences("赤字率拟按3.2%左右安排。") == ["赤字率拟按3.2%左右安排。"]


def test_closing_brackets_and_repeated_marks() -> None:
    assert split_sentences("(这是什么？！)然后。。结束") == ["(这是什么？！)", "然后。。", "结束"]


def test_protected_spans_do_not_split() -> None:
    text = "吉林?。?023年起步。"
    assert split_sentences(text) == ["吉林?。?", "023年起步。"]
    assert sentence_spans(text, protected=[(2, 5)]) == [(0, len(text))]


def test_empty() -> None:
    assert sentence_spans("") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab中文。！？；!?;”)」\n \t.")), max_size=60))
def test_spans_tile_the_text(text: str) -> None:
    spans = sentence_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text
    pos = 0
    for s, e in spans:
        assert s == pos and e > s
        pos = e
