"""Run-on scrapes (a whole report in a few lines, its line breaks lost) are broken back into paragraphs."""

from __future__ import annotations

from conftest import seed_text

from core.read.runon import MIN_RUN_ON, split_run_on
from core.report import report_from_text


def labels(text: str) -> list[str]:
    return [s.label for s in report_from_text(text, "x.txt").sections if s.label]


def test_a_report_that_lost_its_line_breaks_gets_its_outline_back():
    original = seed_text("002")
    run_on = original.replace("\n", "")
    assert len(run_on) >= MIN_RUN_ON and labels(run_on) == []
    repaired, notes = split_run_on(run_on)
    assert notes and labels(repaired) == labels(original)
    assert repaired.replace("\n", "") == run_on  # only line breaks were added


def test_paragraph_indents_become_line_breaks_and_ordinary_text_is_untouched():
    paragraph = "过去一年，全区经济稳中有进，各项工作取得新成效。" * 200
    run_on = paragraph + "\u3000\u3000各位代表！" + paragraph
    repaired, _ = split_run_on(run_on)
    assert "。\n\u3000\u3000各位代表！" in repaired
    ordinary = seed_text("000")
    assert split_run_on(ordinary) == (ordinary, [])


def test_a_text_holding_the_report_several_times_is_noted_not_cut():
    from core.read.files import read_bytes
    from core.read.repeats import repeated_text_note

    once = seed_text("000")
    assert repeated_text_note(once) is None
    source = read_bytes(("\n".join([once] * 3)).encode("utf-8"), "thrice.txt")
    assert any(n.startswith("the text repeats itself") and "3 times" in n for n in source.notes)
    assert source.text.count(once.strip()[:200]) == 3  # every copy is kept
