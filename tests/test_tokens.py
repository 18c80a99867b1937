"""The words are jieba's: whichever segmenter cuts (rjieba when installed), it gives what jieba itself gives
(accurate mode, no HMM) on the seeds, on every corpus report and on random strings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import CORPUS, ROOT, SEEDS, needs_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from core import tokens


def _texts(path: os.PathLike[str]) -> list[str]:
    """What gets cut in a report: its text as read and its folded form (what the diff cuts)."""
    from core.report import load_report

    report = load_report(str(path))
    return [report.text, report.folded.normalized]


def _same(text: str) -> None:
    got, want = tokens.cut(text), tokens.reference_cut(text)
    if got != want:  # say where, not two lists of 10,000 words
        i = next((k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
        pytest.fail(f"words differ at word {i}: {got[max(0, i - 3) : i + 3]} vs jieba {want[max(0, i - 3) : i + 3]}")


def test_rjieba_is_the_segmenter() -> None:
    pytest.importorskip("rjieba")
    assert tokens.backend() == "rjieba"  # installed with the project: the fast path is on


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_words_are_jiebas(path: os.PathLike[str]) -> None:
    for text in _texts(path):
        _same(text)


def _corpus_groups() -> list[str]:
    """Corpus folders, one test each (they spread over the test workers). raw/ is left out: its GBK files
    hold the texts of the root and variants/ folders again."""
    if not CORPUS.is_dir():
        return ["(absent)"]
    return sorted(
        {str(p.parent.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix in (".txt", ".docx")} - {"raw"}
    )


@needs_corpus
@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("folder", _corpus_groups())
def test_corpus_words_are_jiebas(folder: str) -> None:
    files = sorted(p for p in (CORPUS / folder).iterdir() if p.suffix in (".txt", ".docx") and p.stem != "SOURCES")
    assert files
    for path in files:
        for text in _texts(path):
            _same(text)


_ALPHABET = st.sampled_from(
    "的一是在不了有和人中国发展经济增长社会建设改革开放推进全面加快提高"
    "0123456789.%+-#&_ abcXYZ，。、；：“”（）,\r\n\t　１２％．①〇㐀\u9fd6\ufeff\u200b😀é"
)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_random_strings_cut_as_jieba(text: str) -> None:
    assert tokens.cut(text) == tokens.reference_cut(text)


def test_jieba_can_be_chosen() -> None:
    code = "from core import tokens; print(tokens.backend(), '|'.join(tokens.cut('国内生产总值增长5.2%')))"
    env = dict(os.environ, **{tokens.BACKEND_ENV: "jieba"})
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert out.stdout.split() == ["jieba", "国内|生产总值|增长|5|.|2|%"]
