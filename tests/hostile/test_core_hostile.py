"""Hostile and oversized input through the whole core: outline, alignment, diff and figures.

Each case must give a correct result (or a one-line ReportError), never a traceback or a hang.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.align import align, units_of
from core.diff import diff_texts
from core.report import report_from_text
from core.report_figures import report_figures

HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def everything(text_a: str, text_b: str):
    """Parse both, align at both levels, diff every row, extract figures: what the app does."""
    a, b = report_from_text(text_a, "a.txt"), report_from_text(text_b, "b.txt")
    for level in ("chapters", "topics"):
        al = align([a, b], level)
        for i, r in enumerate((a, b)):
            ids = [row.cells[i].id for row in al.rows if row.cells[i] is not None]
            assert sorted(ids) == sorted(s.id for s in units_of(r, level))
            assert len(ids) == len(set(ids))
        for row in al.rows:
            ca, cb = row.cells
            sa = (ca.start, ca.end) if ca else (0, 0)
            sb = (cb.start, cb.end) if cb else (0, 0)
            d = diff_texts(a.folded, sa, b.folded, sb, damaged_a=a.damaged, damaged_b=b.damaged)
            assert "".join(op.a_text for op in d.ops if op.a_end > op.a_start) == a.text[sa[0] : sa[1]]
            assert "".join(op.b_text for op in d.ops if op.b_end > op.b_start) == b.text[sb[0] : sb[1]]
    for r in (a, b):
        for f in report_figures(r):
            assert r.text[f.start : f.end] == f.text
    return a, b


def test_one_megabyte_line_without_punctuation():
    rnd = random.Random(7)
    line = "".join(rnd.choice(HAN) for _ in range(1_000_000))
    changed = line[:500_000] + "改" + line[500_001:]
    a = report_from_text(line)
    b = report_from_text(changed)
    assert [s.kind for s in a.sections] == ["preamble"]
    assert len(align([a, b], "chapters").rows) == 1
    d = diff_texts(a.folded, (0, len(line)), b.folded, (0, len(changed)))
    assert d.changed and d.similarity > 0.99


def test_ten_thousand_headings():
    text = "\n".join(f"({'一二三四五六七八九十'[i % 10]})第{i}项工作\n全年新增就业{i + 1}人。" for i in range(10_000))
    a = report_from_text(text)
    assert sum(1 for s in a.sections if s.kind == "part") == 10_000
    assert len(report_figures(a)) >= 9_000


def test_headings_only_and_no_headings():
    headings = "\n".join(f"{n}、标题" for n in "一二三四五六七八九十")
    plain = "这是一段没有标题的文字。全年新增就业2000人。" * 50
    a, b = everything(headings, plain)
    assert [s.label for s in a.sections] == [f"{n}、" for n in "一二三四五六七八九十"]
    assert [s.kind for s in b.sections] == ["preamble"]
    figs = report_figures(b)
    assert figs and figs[0].text == "2000人"
    # A text without headings still diffs against another one.
    c = report_from_text(plain.replace("2000人", "3000人"))
    d = diff_texts(b.folded, (0, len(b.text)), c.folded, (0, len(c.text)))
    assert {op.a_text for op in d.ops if op.tag == "replace"} == {"2000"}


def test_twenty_megabytes_parse(tmp_path):
    from core.report import load_report

    unit = "一、总体要求\n全年新增就业2000人,持续优化营商环境。\n" * 10
    data = (unit * (20_000_000 // len(unit.encode("utf-8")) + 1)).encode("utf-8")
    p = tmp_path / "big.txt"
    p.write_bytes(data)
    assert len(data) >= 20_000_000  # a 20 MB file: read and parsed, not refused
    r = load_report(str(p))
    assert sum(1 for s in r.sections if s.kind == "part") > 100_000


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02一、标题\x1b[31m红\x1b[0m\n正文。",
        "(一)[bold red]加强[/]管理 [link=http://x]点我[/link]。全年2000人。",
        "\u200b\u200d\ufeff一、零宽\u202e字符\u202c\n😀全年新增2000人😀。",
        "一、标题\r\n正文。\r二、标题\r正文。",
        "\x1b]52;c;ZXZpbA==\x07二、标题\n正文\x9b2J。",
    ],
    ids=["controls", "markup", "zero-width-emoji-rtl", "cr-crlf", "osc52"],
)
def test_hostile_characters(text):
    a, _ = everything(text, text[::-1])
    assert a.text == text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.text(max_size=400))
def test_whole_core_never_raises_on_any_unicode(a, b):
    everything(a, b)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["一、", "二、", "(一)", "(二)", "1.", "一要", "二要", "一是", "二是", "持续优化政务服务。", "全年新增2000户以上。",
             "增长8.1%", "\n", "各位代表:", "區(qū)", "吉林?。?023", "，", "。", "三千", "1.2万", "5%—6%", "第七届"]
        ),
        max_size=60,
    ).map("".join),
    st.lists(st.sampled_from(["一、", "(一)", "持续优化营商环境。", "全年新增3000户。", "\n", "增长7%", "。"]), max_size=40).map(
        "".join
    ),
)
def test_whole_core_never_raises_on_report_like_text(a, b):
    everything(a, b)
