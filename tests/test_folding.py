from __future__ import annotations

import pytest
from conftest import corpus_files, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from core.folding import FoldOptions, find_damage, fold


def test_script_width_pinyin_fold():
    f = fold("堅(jiān)持著力推進（一）２０２３年，區(qū)長")
    assert f.normalized == "坚持着力推进(一)2023年,区长"
    assert f.counts["pinyin"] == 2
    assert f.counts["script"] >= 5
    assert f.counts["width"] >= 6


def test_variant_words_only_in_their_words():
    # 著 stays in 显著/著名 (simplified text writes them so) and folds in 著力/随著.
    assert fold("成效显著，著名品牌，著力推进，随著发展").normalized == "成效显著,著名品牌,着力推进,随着发展"


def test_whitespace_collapsed_inside_lines_paragraphs_kept():
    f = fold("　　一、总体要求\n\n\n各位 代表 ， good  news\n")
    assert f.normalized == "一、总体要求\n各位代表,good news\n"


def test_each_step_can_be_turned_off():
    text = "區(qū)長，２"
    assert fold(text, FoldOptions.none()).normalized == text
    assert fold(text, FoldOptions(script=False)).normalized == "區長,2"
    assert fold(text, FoldOptions(pinyin=False)).normalized == "区(qū)长,2"
    assert fold(text, FoldOptions(width=False)).normalized == "区长，２"


def test_scrape_noise_dropped():
    assert fold("<U+00A0><U+00A0>一、回顾&nbsp;工作").normalized == "一、回顾工作"


def test_map_back_to_original():
    text = "東昌區(qū)人民政府　工作"
    f = fold(text)
    i = f.normalized.index("人民政府")
    a, b = f.to_original(i, i + 4)
    assert text[a:b] == "人民政府"
    a, b = f.to_original(0, 3)
    assert text[a:b] == "東昌區"
    assert f.to_normalized(a, b) == (0, 3)


def test_seed_002_damage_listed():
    damage = find_damage(seed_text("002"))
    texts = [d.text for d in damage]
    assert texts[0] == "?。?"  # (吉林?。?023
    assert "?fù)P" in texts  # 工地?fù)P塵: the stray P belongs to the damage
    assert all(d.kind in ("question-marks", "replacement-char", "latin-fragment") for d in damage)
    assert len(damage) >= 10


def test_no_damage_in_clean_text():
    assert find_damage(seed_text("000")) == ()
    assert find_damage("What is it? A GDP of 5G and M2.") == ()


def test_replacement_char_is_damage():
    (d,) = find_damage("吉林\ufffd\ufffd省")
    assert (d.start, d.end, d.kind) == (2, 4, "replacement-char")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("區(qū)長东 　，,（）２a?\n著力\ufffd<U+00A0>&nbsp;")), max_size=60))
def test_map_is_monotonic_and_in_range(text):
    f = fold(text)
    assert len(f.source) == len(f.normalized)
    assert list(f.source) == sorted(f.source)
    assert all(0 <= i < len(text) for i in f.source)
    for i in range(len(f.normalized)):
        a, b = f.to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
    find_damage(text)


def test_a_line_break_inside_a_number_is_folded_away():
    # Files with one translation segment a line break numbers: 贷款增长27.⏎3%
    from core.report import report_from_text
    from core.report_figures import report_figures

    assert fold("贷款增长27.\n3%，大型商业银行").normalized == "贷款增长27.3%,大型商业银行"
    assert fold("增长8\n%。").normalized == "增长8%。"
    assert fold("2021年\n2022年").normalized == "2021年\n2022年"  # a break between numbers stays
    report = report_from_text("(一)金融。普惠小微企业贷款增长27.\n3%，大型商业银行放贷1.5万亿元。\n", "x.txt")
    found = {(f.value, f.unit) for f in report_figures(report)}
    assert (27.3, "%") in found and (3.0, "%") not in found


def test_script_folding_keeps_characters_in_the_basic_plane():
    """t2s turns the 澫 of the place name 渔澫 into U+2C1D5; folding keeps 澫 (one character outside the
    plane would store the whole normalized text at 4 bytes a character) and still folds the rest."""
    f = fold("推动渔澫港区建設")
    assert f.normalized == "推动渔澫港区建设"
    assert max(f.normalized) <= "\uffff"
    # A text that already holds such characters keeps its conversion as it was.
    g = fold("𠀀渔澫")
    assert g.normalized.startswith("𠀀")


# --- Latin letters of terms are not damage; real damage still is (issue 14) ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "年度A股、港股最大", "考核结果为A级。", "建成5A级景区", "深入开展劣V类水体剿灭", "地表水IV类",
        "新增环保绩效B级及以上企业", "国家创业投资S基金", "提升环保绩效创A成效", "建成“南A中心”",
        "渤中G一期等重大工程", "“陵城e政务”平台",
    ],
)
def test_letters_of_terms_are_not_damage(text):
    assert find_damage(text) == ()


def test_a_term_letter_is_clean_even_beside_damage():
    text = "吉林?。?023年获评A级"
    assert [d.kind for d in find_damage(text)] == ["question-marks"]


def test_a_lone_letter_beside_damage_is_damage():
    # 區F代: a mojibake remnant next to question marks keeps being listed
    spans = find_damage("吉林?。?023年區F代化")
    assert [(d.kind, d.text) for d in spans] == [("question-marks", "?。?"), ("latin-fragment", "F")]


@pytest.mark.parametrize("codec, shown_as", [("gbk", "latin-1"), ("utf-8", "cp1252"), ("gbk", "cp1252")])
def test_bytes_read_as_latin1_are_damage(codec, shown_as):
    garbled = "政府工作报告".encode(codec).decode(shown_as, errors="replace")
    text = f"前言{garbled}。今年"
    (d,) = find_damage(text)
    assert d.kind == "mojibake" and d.text == garbled and text[d.start : d.end] == garbled


def test_accents_and_symbols_are_not_mojibake():
    assert find_damage("Müller café © 2024 ± 5% naïve Ångström") == ()


def test_province_reports_flag_only_real_damage():
    """On the 31 province reports of 2026 only the two '?' left by a conversion are flagged (before the
    term rule: 20 flags, 18 of them letters of terms such as A级, A股, 劣V类, S基金)."""
    files = corpus_files("*-2026.txt")
    if len(files) < 31:
        pytest.skip("corpus absent")
    flags = [d for f in files for d in find_damage(f.read_text(encoding="utf-8"))]
    assert all(d.kind == "question-marks" for d in flags)
    assert len(flags) == 2
