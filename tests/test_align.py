from __future__ import annotations

import pytest
from conftest import CORPUS, needs_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align import align, units_of
from core.alignment import Pin
from core.report import report_from_text


def pairs(al, a=0, b=1, key=lambda s: s.label):
    return [(key(r.cells[a]), key(r.cells[b])) for r in al.rows if r.cells[a] and r.cells[b]]


def test_000_vs_002_same_text_in_two_scripts(seed_reports):
    al = align([seed_reports["000"], seed_reports["002"]], "chapters")
    assert al.series
    got = pairs(al)
    assert got == [("(三)", "(三)"), ("(四)", "(四)"), ("(五)", "(五)"), ("(六)", "(六)")]
    for row in al.rows:
        if row.cells[0] and row.cells[1]:
            assert row.score >= 0.99 and "same ordinal" in row.reasons


def test_000_vs_001_chapters_follow_content(seed_reports):
    al = align([seed_reports["000"], seed_reports["001"]], "chapters")
    assert not al.series
    got = set(pairs(al))
    assert {("(三)", "(二)"), ("(五)", "(四)"), ("(六)", "(五)")} <= got
    assert ("(三)", "(三)") not in got


def test_000_vs_003_chapters(seed_reports):
    al = align([seed_reports["000"], seed_reports["003"]], "chapters")
    got = set(pairs(al))
    assert {("(三)", "四、"), ("(四)", "五、"), ("(五)", "七、"), ("(六)", "八、")} <= got


def test_000_vs_004_topics(seed_reports):
    al = align([seed_reports["000"], seed_reports["004"]], "topics")
    got = set(pairs(al, key=lambda s: s.title))
    assert ("全力保障就业", "实施更高质量就业") in got
    assert ("全力办好教育", "办好人民满意教育") in got


def test_every_section_in_exactly_one_row(seed_reports):
    reports = [seed_reports[k] for k in ("000", "001", "002", "003", "004")]
    for level in ("chapters", "topics"):
        al = align(reports, level)
        for i, r in enumerate(reports):
            ids = [row.cells[i].id for row in al.rows if row.cells[i] is not None]
            expected = [s.id for s in units_of(r, level)]
            assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))  # each exactly once
            if i == 0:
                assert ids == expected  # the first report reads in order down the rows


def test_pin_and_unpin(seed_reports):
    a, b = seed_reports["000"], seed_reports["001"]
    s4 = a.find_label("(四)")[0]
    b3 = b.find_label("(三)")[0]
    al = align([a, b], "chapters", pins=[Pin(0, s4.id, 1, b3.id)])
    row = next(r for r in al.rows if r.cells[0] is not None and r.cells[0].id == s4.id)
    assert row.cells[1] is not None and row.cells[1].id == b3.id and row.pinned
    # Unpair a pair the aligner made: it splits into two rows, the rest stays.
    s3 = a.find_label("(三)")[0]
    b2 = b.find_label("(二)")[0]
    al = align([a, b], "chapters", pins=[Pin(0, s3.id, 1, b2.id, pair=False)])
    assert (s3.label, b2.label) not in pairs(al)
    assert ("(五)", "(四)") in pairs(al)


def test_a_pin_between_two_reports_leaves_the_third_in_the_row(seed_reports):
    # Pinning 000 (三) to 002 (三), already side by side, must not pull 001's section out of their row.
    reports = [seed_reports["000"], seed_reports["002"], seed_reports["001"]]
    before = align(reports, "chapters")
    row = next(r for r in before.rows if r.cells[0] is not None and r.cells[0].label == "(三)")
    assert all(c is not None for c in row.cells)
    pinned = align(reports, "chapters", pins=[Pin(0, row.cells[0].id, 1, row.cells[1].id)])
    after = next(r for r in pinned.rows if r.cells[0] is not None and r.cells[0].id == row.cells[0].id)
    assert after.pinned and [c.id for c in after.cells] == [c.id for c in row.cells]
    assert len(pinned.rows) == len(before.rows)


def test_eight_reports(seed_reports):
    reports = [seed_reports[k] for k in ("000", "001", "002", "003", "004", "000", "001", "003")]
    al = align(reports, "chapters")
    assert all(len(r.cells) == 8 for r in al.rows)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("一二三、()。,就业教育医疗改革\n持续优化政务服务")), max_size=80),
                min_size=2, max_size=4))
def test_alignment_never_drops_or_duplicates(texts):
    reports = [report_from_text(t) for t in texts]
    for level in ("chapters", "topics"):
        al = align(reports, level)
        for i, r in enumerate(reports):
            ids = [row.cells[i].id for row in al.rows if row.cells[i] is not None]
            assert sorted(ids) == sorted(s.id for s in units_of(r, level))
            assert len(ids) == len(set(ids))


@needs_corpus
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Checked by hand: the work plan's (一)…(九) of 2022 against 2021's (一)…(八).
        ("national-2021.txt", "national-2022.txt",
         [("一、", "一、"), ("(二)", "(三)"), ("(三)", "(四)"), ("(五)", "(六)"), ("(六)", "(七)"),
          ("(七)", "(八)"), ("(八)", "(九)")]),
        ("national-2016.txt", "national-2017.txt",
         [("一、", "一、"), ("(三)", "(三)"), ("(四)", "(五)"), ("(六)", "(七)"), ("(七)", "(八)"),
          ("(八)", "(九)")]),
    ],
)
def test_national_consecutive_years(a, b, expected):
    ra = report_from_text((CORPUS / a).read_text(encoding="utf-8"), a)
    rb = report_from_text((CORPUS / b).read_text(encoding="utf-8"), b)
    al = align([ra, rb], "chapters")
    assert al.series
    got = pairs(al)
    for pair in expected:
        assert pair in got


def test_large_inputs_are_scored_in_a_band(seed_reports, monkeypatch):
    # Past DENSE_CELLS pairs only sections near the diagonal are compared (time and memory near linear):
    # two copies of one text still pair section by section, every section once, and the result says so.
    from core.align import scores

    a, b = seed_reports["000"], seed_reports["002"]
    whole = align([a, b], "topics")
    monkeypatch.setattr(scores, "DENSE_CELLS", 10)
    monkeypatch.setattr(scores, "BAND_UNITS", 2)
    banded = align([a, b], "topics")
    assert banded.notes and "compared with those within 2 places" in banded.notes[0]
    assert pairs(banded, key=lambda s: s.id) == pairs(whole, key=lambda s: s.id)
    for i, r in enumerate((a, b)):
        ids = [row.cells[i].id for row in banded.rows if row.cells[i] is not None]
        assert sorted(ids) == sorted(s.id for s in units_of(r, "topics"))


def _cand(entries, n_rows, n_cols):
    import numpy as np

    from core.align.candidates import from_entries

    r, c, s = (np.array(x) for x in zip(*entries, strict=True))
    return from_entries(r.astype(np.int32), c.astype(np.int32), s.astype(np.float32),
                        np.arange(len(entries), dtype=np.int32), n_rows, n_cols)


def test_what_is_left_under_paired_chapters_pairs_as_each_others_best():
    from core.align import pairing

    # Row 1 and column 1 are each other's best under the same chapters, but weak (0.16); row 2 and column 2
    # as weak, but under different chapters; row 3's best, column 3, prefers row 0 (taken already).
    c = _cand([(0, 0, 0.6), (1, 1, 0.16), (2, 2, 0.16), (3, 3, 0.16), (0, 3, 0.5)], 4, 4)
    same = ~((c.row == 2) & (c.col == 2))
    got = pairing.pair_within(c, [(0, 0)], same, 0.15)
    assert got == [(0, 0), (1, 1), (3, 3)]
    assert pairing.pair_within(c, [(0, 0)], same, 0.2) == [(0, 0)]


def test_same_ordinal_counts_only_under_paired_chapters():
    from core.align import scores
    from core.align.units import build_units

    a = report_from_text("一、甲\n一是防控疫情。正文。二是蓄水。正文。\n二、乙\n一是治理污染。正文。二是修路。正文。\n", "a.txt")
    b = report_from_text("一、甲\n一是防控疫情。正文。二是蓄水。正文。\n二、乙\n一是治理污染。正文。二是修路。正文。\n", "b.txt")
    table = build_units([a, b], "topics")
    rows, cols = list(table.by_report[0]), list(table.by_report[1])
    label = {u: table.sections[u].label for u in (*rows, *cols)}
    before = scores.channels(table, rows, cols, series=True).same_ordinal
    # Topics of chapter 一、 under row 0, of 二、 under row 1, in both reports.
    for u in (*rows, *cols):
        table.parent[u] = 0 if table.sections[u].id.startswith("1") else 1
    after = scores.channels(table, rows, cols, series=True).same_ordinal
    assert sorted(label[u] for u in rows if label[u]) == ["一是", "一是", "二是", "二是"]
    assert after.sum() == 4 and before.sum() == 8
    for i, u in enumerate(rows):
        for j, v in enumerate(cols):
            if label[u] and label[u] == label[v]:
                assert before[i, j]
                assert after[i, j] == (table.parent[u] == table.parent[v])


def test_chapters_of_a_five_year_plan_are_told_from_the_years_plan():
    from core.align.units import PLAN_YEARS, build_units

    annual = "".join(f"({n})抓好第{n}项工作。" + "具体措施很多,需要认真落实到位。" * 8 + "\n" for n in "一二三")
    text = ("一、2020年工作回顾\n过去一年,我们做了很多工作,取得了新的成绩。\n"
            "二、“十四五”时期的主要目标任务\n“十四五”时期,我们要坚持新发展理念。\n"
            "(一)坚持生态优先,在治污上求突破。加强生态环境保护。\n(二)坚持人民至上,在民生上求突破。办好民生实事。\n"
            "三、2021年主要工作\n今年是“十四五”开局之年,做好政府工作意义重大,重点抓好以下工作。\n" + annual)
    r = report_from_text(text, "x.txt")
    table = build_units([r], "chapters")
    code = {s.id: int(p) for s, p in zip(table.sections, table.period, strict=True)}
    assert code["2.1"] == code["2.2"] == PLAN_YEARS
    assert all(code[f"3.{k}"] != PLAN_YEARS for k in (1, 2, 3))


def test_a_weak_same_ordinal_pair_gives_way_to_a_better_partner_by_content():
    # Rows 0, 1 against columns 0, 1 of one series. (0, 0) scores 0.30, but only 0.14 by content; row 1
    # and column 0 are each other's best by content (0.27). (1, 1) scores 0.26 with 0.10 of content:
    # below MIN_CONTENT, the ordinal and the place alone may not make it.
    import numpy as np

    from core.align import pairing
    from core.align.candidates import Candidates

    c = Candidates(np.array([0, 0, 1, 1], np.int32), np.array([0, 1, 0, 1], np.int32),
                   np.array([0.30, 0.05, 0.29, 0.26], np.float32), np.array([0, 0, 1, 1], np.int32), 2, 2)
    content = np.array([0.14, 0.05, 0.27, 0.10], np.float32)
    assert pairing.pair_series(c, pairing.SERIES_FLOOR["chapters"]) == [(0, 0), (1, 1)]  # the priors alone
    out = pairing.without_weak_priors(c, content)
    assert out.score.tolist() == pytest.approx([0.14, 0.05, 0.29, 0.10])
    assert pairing.pair_series(out, pairing.SERIES_FLOOR["chapters"]) == [(1, 0)]


@needs_corpus
def test_series_chapters_follow_their_topics_not_their_ordinals():
    # 顺平 2022 → 2023 (read in full, review finding 1): the plan was regrouped; (一)项目园区's topics
    # (园区提升, 项目建设, 招商引资) are 2023 (二)工业强县's, (七)群众期盼's (教育, 医疗, 养老, 就业) are 2023
    # (六)民生强县's; 2022 (六)绿色发展 and 2023 (六)民生强县 share only their ordinal.
    from core.report import load_report

    ra, rb = (load_report(CORPUS / "local" / "county" / f"baoding-shunping-{y}.txt") for y in (2022, 2023))
    al = align([ra, rb], "chapters")
    assert al.series
    got = {(a.title[:4], b.title[:4]) for row in al.rows if None not in row.cells
           for a, b in [row.cells] if a.title and b.title}
    assert ("聚焦项目", "锚定工业") in got
    assert ("聚焦群众", "锚定民生") in got
    assert ("聚焦绿色", "锚定民生") not in got
