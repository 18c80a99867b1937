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
