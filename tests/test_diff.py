"""The word diff of two aligned sections: ops, moves, folding, exactness, shared mode, seeds."""

from __future__ import annotations

import json
import re
import time

import pytest
from conftest import CORPUS, needs_corpus, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from core.diff import SHARED_MODE_THRESHOLD, DiffOp, SectionDiff, diff_texts
from core.folding import FoldedText, find_damage, fold


def diff(a: str, b: str, **kw: object) -> SectionDiff:
    return diff_texts(fold(a), (0, len(a)), fold(b), (0, len(b)), **kw)  # type: ignore[arg-type]


def changes(d: SectionDiff) -> list[DiffOp]:
    return [op for op in d.ops if op.tag not in ("equal", "folded")]


def check_exact(d: SectionDiff, a: FoldedText, b: FoldedText) -> None:
    """The ordering rule: each op starts where the previous one ended, on both sides; texts are slices."""
    pos_a, pos_b = d.a_span[0], d.b_span[0]
    for op in d.ops:
        assert op.tag in ("equal", "delete", "insert", "replace", "move", "folded")
        assert (op.a_start, op.b_start) == (pos_a, pos_b), op
        assert op.a_text == a.original[op.a_start : op.a_end]
        assert op.b_text == b.original[op.b_start : op.b_end]
        assert op.a_end > op.a_start or op.b_end > op.b_start
        if op.tag == "insert":
            assert op.a_text == "" and op.b_text
        if op.tag == "delete":
            assert op.b_text == "" and op.a_text
        if op.tag == "move":
            assert op.move is not None and (op.a_text == "") != (op.b_text == "")
        pos_a, pos_b = op.a_end, op.b_end
    assert (pos_a, pos_b) == (d.a_span[1], d.b_span[1])
    # The rebuild rule as stated for users: A = all ops but inserts, B = all ops but deletes.
    assert "".join(op.a_text for op in d.ops if op.tag != "insert") == a.original[slice(*d.a_span)]
    assert "".join(op.b_text for op in d.ops if op.tag != "delete") == b.original[slice(*d.b_span)]
    moves: dict[int, list[DiffOp]] = {}
    for op in d.ops:
        if op.tag == "move":
            moves.setdefault(op.move, []).append(op)  # type: ignore[arg-type]
    for ends in moves.values():
        assert len(ends) == 2  # the A end and the B end, in either order
        a_end = next(op for op in ends if op.a_text)
        b_end = next(op for op in ends if op.b_text)
        assert a_end is not b_end
        assert re.sub(r"\s", "", fold(a_end.a_text).normalized) == re.sub(
            r"\s", "", fold(b_end.b_text).normalized
        )


# --- word diff ---------------------------------------------------------------------------------------


def test_changed_number_is_one_replace() -> None:
    d = diff(
        "实现城镇新增就业2000人,农村劳动力转移就业2000人。",
        "实现城镇新增就业3000人,农村劳动力转移就业2000人。",
    )
    assert d.mode == "diff" and d.changed
    assert [(op.tag, op.a_text, op.b_text) for op in changes(d)] == [("replace", "2000", "3000")]


def test_decimal_figure_stays_whole() -> None:
    d = diff("国内生产总值增长5.5%左右。", "国内生产总值增长6.5%左右。")
    assert [(op.a_text, op.b_text) for op in changes(d)] == [("5.5%", "6.5%")]


def test_inserted_words() -> None:
    d = diff("加快建设现代化产业体系。", "加快建设现代化产业体系和服务体系。")
    assert [(op.tag, op.a_text, op.b_text) for op in changes(d)] == [("insert", "", "和服务体系")]


def test_no_single_character_islands_in_changed_runs() -> None:
    d = diff("全面加快城市更新和乡村振兴重点工程建设。", "全面推进老旧小区和农村公路重点工程建设。")
    assert [(op.tag, op.a_text, op.b_text) for op in d.ops] == [
        ("equal", "全面", "全面"),
        ("replace", "加快城市更新和乡村振兴", "推进老旧小区和农村公路"),  # 和 alone is no island
        ("equal", "重点工程建设。", "重点工程建设。"),
    ]
    d = diff("扎实推进教育、医疗、养老服务。", "扎实推进托育、医疗、社保服务。")  # a word is kept
    assert [(op.a_text, op.b_text) for op in changes(d)] == [("教育", "托育"), ("养老", "社保")]


def test_moved_sentence_is_a_move() -> None:
    a = "甲方案稳步推进落实。持续优化营商环境。加快建设现代化产业体系。推进乡村振兴战略。"
    b = "持续优化营商环境。加快建设现代化产业体系。推进乡村振兴战略。甲方案稳步推进落实。"
    d = diff(a, b)
    moves = [op for op in d.ops if op.tag == "move"]
    assert [(op.a_text, op.b_text) for op in moves] == [
        ("甲方案稳步推进落实。", ""),
        ("", "甲方案稳步推进落实。"),
    ]
    assert moves[0].move == moves[1].move is not None
    assert not any(op.tag in ("delete", "insert", "replace") for op in d.ops)
    assert d.changed
    check_exact(d, fold(a), fold(b))


def test_unpaired_sentences_are_deleted_and_inserted() -> None:
    d = diff("保持不变的句子。完全删除的内容在这里。", "保持不变的句子。")
    assert [(op.tag, op.a_text) for op in changes(d)] == [("delete", "完全删除的内容在这里。")]
    d = diff("", "新增的一句。")
    assert [(op.tag, op.b_text) for op in d.ops] == [("insert", "新增的一句。")]
    assert d.similarity == 0.0 and d.mode == "diff"


def test_traditional_equals_simplified_unless_asked() -> None:
    a, b = "完成區(qū)政務服務大廳搬遷改造。", "完成区政务服务大厅搬迁改造。"
    d = diff(a, b)
    assert not d.changed and d.similarity == 1.0
    assert [op.tag for op in d.ops] == ["equal"]
    folded = diff(a, b, show_folded=True)
    assert not folded.changed
    assert [(op.tag, op.a_text, op.b_text) for op in folded.ops if op.tag == "folded"] == [
        ("folded", "區(qū)政務服務大廳搬遷", "区政务服务大厅搬迁")
    ]
    check_exact(folded, fold(a), fold(b))


def test_pinyin_width_and_whitespace_are_no_change() -> None:
    assert not diff("推進(jìn)鄉(xiāng)村振興(xīng)。", "推进乡村振兴。").changed
    assert not diff("（一）增长６％，好。", "(一)增长6%,好。").changed
    assert not diff("持续优化营商环境。\n\n加快建设。", "持续优化营商环境。加快  建设。\n").changed


def test_equal_texts() -> None:
    d = diff("一样的文字。", "一样的文字。")
    assert not d.changed and d.mode == "diff" and [op.tag for op in d.ops] == ["equal"]
    assert diff("", "").ops == ()


def test_modes_and_errors() -> None:
    a, b = "一样的文字。第二句话。", "一样的文字。第三句话。"
    assert diff(a, b, mode="shared").mode == "shared"
    assert diff(a, b, mode="diff").mode == "diff"
    with pytest.raises(ValueError):
        diff(a, b, mode="words")
    with pytest.raises(ValueError):
        diff_texts(fold(a), (0, len(a) + 1), fold(b), (0, len(b)))


def test_spans_inside_longer_texts() -> None:
    a = "前文。(三)着力深化改革,打造最优营商环境。\n(四)后文"
    b = "(三)著力深化改革,打造最優(yōu)營(yíng)商環(huán)境。\n(四)"
    fa, fb = fold(a), fold(b)
    span_a = (a.index("(三)"), a.index("(四)"))
    span_b = (0, b.index("(四)"))
    d = diff_texts(fa, span_a, fb, span_b, show_folded=True)
    assert not d.changed and d.a_span == span_a and d.b_span == span_b
    check_exact(d, fa, fb)


def test_damage_flags() -> None:
    a = "确保吉林省2023年经济增长。"
    b = "确保吉林?。?023年经济增长。"
    d = diff_texts(fold(a), (0, len(a)), fold(b), (0, len(b)), damaged_b=find_damage(b))
    assert changes(d) and all(op.damaged for op in changes(d))
    assert not any(op.damaged for op in d.ops if op.tag == "equal")


def test_to_dict_is_json() -> None:
    d = diff("甲乙丙丁。", "甲乙丙戊。")
    data = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert data["mode"] == "diff" and data["changed"] is True
    assert set(data["ops"][0]) == {
        "tag",
        "a_start",
        "a_end",
        "b_start",
        "b_end",
        "a_text",
        "b_text",
        "move",
        "damaged",
    }


# --- exactness -----------------------------------------------------------------------------------------

_ATOMS = st.sampled_from(
    [
        "区",
        "區(qū)",
        "经济",
        "經濟",
        "发展",
        "發(fā)展",
        "着力",
        "著力",
        "，",
        ",",
        "。",
        "！",
        "?",
        "；",
        "?。?",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\u3000",
        "2000",
        "5.5%",
        "GDP",
        "a",
        "(",
        ")",
        "（",
        "）",
        "(xiàn)",
        "\ufffd",
        "F",
        "的",
        "和",
        "、",
        "”",
        "“",
    ]
)
_TEXT = st.lists(st.one_of(_ATOMS, st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT, st.data(), st.booleans(), st.sampled_from([None, "diff", "shared"]))
def test_ops_rebuild_both_sides_exactly(
    a: str, b: str, data: st.DataObject, show_folded: bool, mode: str | None
) -> None:
    fa, fb = fold(a), fold(b)
    sa = tuple(sorted(data.draw(st.tuples(st.integers(0, len(a)), st.integers(0, len(a))))))
    sb = tuple(sorted(data.draw(st.tuples(st.integers(0, len(b)), st.integers(0, len(b))))))
    d = diff_texts(
        fa,
        sa,
        fb,
        sb,
        show_folded=show_folded,
        damaged_a=find_damage(a),  # type: ignore[arg-type]
        damaged_b=find_damage(b),
        mode=mode,
    )
    check_exact(d, fa, fb)
    assert 0.0 <= d.similarity <= 1.0
    json.dumps(d.to_dict())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "持续优化营商环境。",
                "加快建设现代化产业体系。",
                "推进乡村振兴战略。",
                "确保粮食安全。",
                "新增就业2000人。",
                "扩大内需。\n",
            ]
        ),
        max_size=8,
    ),
    st.randoms(),
)
def test_shuffled_sentences_are_moves_not_changes(sentences: list[str], rnd: object) -> None:
    shuffled = sentences[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = "".join(sentences), "".join(shuffled)
    d = diff(a, b)
    check_exact(d, fold(a), fold(b))
    assert d.mode == "diff" and d.similarity == 1.0  # the same sentences in another order
    if len(set(sentences)) == len(sentences):  # distinct sentences: only moves
        assert not [op for op in changes(d) if op.tag != "move"]


# --- seeds ---------------------------------------------------------------------------------------------

_SECTION = re.compile(r"^\(([一二三四五六七八九十])\)", re.M)
_HEAD = re.compile(r"^(?:\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)", re.M)


def sections(folded: FoldedText, after: str = "") -> dict[str, tuple[int, int]]:
    """Original spans of the "(n)" sections, found by line start on the folded text (after a heading)."""
    n = folded.normalized
    base = n.index(after) if after else 0
    heads = [m.start() for m in _HEAD.finditer(n)] + [len(n)]
    out: dict[str, tuple[int, int]] = {}
    for m in _SECTION.finditer(n, base):
        if m.group(1) not in out:
            end = min(h for h in heads if h > m.start())
            out[m.group(1)] = folded.to_original(m.start(), end)
    return out


def test_seed_000_vs_002_only_damage_differs() -> None:
    t0, t2 = seed_text("000"), seed_text("002")
    f0, f2 = fold(t0), fold(t2)
    d0, d2 = find_damage(t0), find_damage(t2)
    s0, s2 = sections(f0), sections(f2, after="\n二、")
    for label in "三四五六":
        d = diff_texts(f0, s0[label], f2, s2[label], damaged_a=d0, damaged_b=d2)
        assert d.mode == "diff"
        assert d.similarity >= 0.995, (label, d.similarity)
        assert all(op.damaged for op in changes(d)), (label, [op for op in changes(d) if not op.damaged])
        check_exact(d, f0, f2)
        shown = diff_texts(f0, s0[label], f2, s2[label], damaged_a=d0, damaged_b=d2, show_folded=True)
        assert any(op.tag == "folded" for op in shown.ops)  # the scripts differ everywhere
        assert [op for op in changes(shown)] == [op for op in changes(d)] or all(
            op.damaged for op in changes(shown)
        )
    # (五) holds the one damaged span of these sections: 揚 written as ?fù)P
    d = diff_texts(f0, s0["五"], f2, s2["五"], damaged_a=d0, damaged_b=d2)
    assert [(op.a_text, op.b_text) for op in changes(d)] == [("扬", "?fù)P")]


def _line_span(text: str, prefix: str) -> tuple[int, int]:
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.startswith(prefix):
            return pos, pos + len(line)
        pos += len(line)
    raise AssertionError(prefix)


def test_shared_mode_for_different_governments() -> None:
    t0, t1 = seed_text("000"), seed_text("001")
    d = diff_texts(fold(t0), _line_span(t0, "(三)"), fold(t1), _line_span(t1, "(二)"))
    assert d.similarity < SHARED_MODE_THRESHOLD
    assert d.mode == "shared" and d.changed
    texts = {p.text for p in d.shared}
    assert {"市场主体", "新增市场主体"} <= texts
    for p in d.shared:
        assert p.a_spans and p.b_spans
        for s, e in p.a_spans:
            assert fold(t0[s:e]).normalized == p.text
        for s, e in p.b_spans:
            assert fold(t1[s:e]).normalized == p.text
        assert p.text not in ("进一步", "加强", "推进", "工作", "建设", "发展")
    assert len(d.ops) == 1 and d.ops[0].tag == "replace"  # the coarse op still rebuilds both texts
    check_exact(d, fold(t0), fold(t1))
    env = diff_texts(fold(t0), _line_span(t0, "(五)"), fold(t1), _line_span(t1, "(四)"))
    assert {"蓝天保卫战", "碧水保卫战", "净土保卫战"} <= {p.text for p in env.shared}


# --- speed -------------------------------------------------------------------------------------------


@needs_corpus
@pytest.mark.corpus
def test_national_sections_are_fast() -> None:
    """Every same-numbered (一)…(十) pair of two consecutive national reports, well under the budget."""
    from core import tokens

    tokens.warm_up()
    texts = [(CORPUS / f"national-{y}.txt").read_text(encoding="utf-8") for y in (2021, 2022)]
    (fa, fb) = (fold(t) for t in texts)
    (da, db) = (find_damage(t) for t in texts)
    sa, sb = sections(fa, after="\n三、"), sections(fb, after="\n三、")
    assert len(sa) >= 8 and len(sb) >= 8
    start = time.perf_counter()
    results = [diff_texts(fa, sa[k], fb, sb[k], damaged_a=da, damaged_b=db) for k in sa if k in sb]
    forced = [diff_texts(fa, sa[k], fb, sb[k], mode="diff") for k in sa if k in sb]
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, elapsed  # measured ~0.03 s; the bench wants the whole alignment+diff < 0.15 s
    for d in results + forced:
        check_exact(d, fa, fb)


def _common_runs_by_search(x: str, y: str, min_len: int) -> list[str]:
    """The plain definition: at each place of x, the longest x[i:j] that occurs in y."""
    out, i = [], 0
    while i <= len(x) - min_len:
        if x[i : i + min_len] not in y:
            i += 1
            continue
        j = i + min_len
        while j < len(x) and x[i : j + 1] in y:
            j += 1
        out.append(x[i:j])
        i = j
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙丙丁。", max_size=60), st.text(alphabet="甲乙丙丁。", max_size=60),
       st.integers(min_value=1, max_value=4))
def test_common_runs_are_the_longest_matches_at_each_place(x, y, min_len):
    from core.diff import _common_runs

    assert list(_common_runs(x, y, min_len)) == _common_runs_by_search(x, y, min_len)
