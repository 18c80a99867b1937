"""PDF-paste repair: wrapped lines joined, page numbers dropped, normal reports left exactly alone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from core.read.unwrap import unwrap

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"
FINAL = frozenset("。！？；：!?;:…")
INDENT = "\u3000\u3000"


def seed(prefix: str) -> str:
    (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def wrap(text: str, width: int, *, indent: str = "", page_every: int = 7) -> str:
    """What a PDF paste looks like: every paragraph cut into ``width``-character lines, and a "- 3 -"
    page-number line after every ``page_every`` lines (only between two lines of text)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = indent + paragraph if paragraph.strip() else paragraph
        lines.extend([paragraph[i : i + width] for i in range(0, len(paragraph), width)] or [""])
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i % page_every == page_every - 1 and line.strip() and i + 1 < len(lines) and lines[i + 1].strip():
            out.append("- 3 -")
    return "\n".join(out)


def split_where_ambiguous(text: str, width: int) -> str:
    """The documented limit of unindented text: a cut right after 。！？；： reads as a paragraph end."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for i in range(0, len(paragraph), width):
            chunk = paragraph[i : i + width]
            current += chunk
            if i + width < len(paragraph) and chunk[-1] in FINAL:
                out.append(current)
                current = ""
        out.append(current)
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------- no-ops


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "variants").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seeds_are_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unwrap(text) == (text, [])


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_every_corpus_report_is_unchanged() -> None:
    files = corpus_files()
    assert len(files) > 40
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert unwrap(text) == (text, []), path.name


def test_segment_per_line_text_is_unchanged() -> None:
    # Like national-2019: one aligned sentence a line, different lengths, mostly ending in 。
    text = "\n".join(
        f"第{i}句话说明了一个{'很' * (i % 17)}重要的问题{'，并且' if i % 3 else ''}，我们要继续努力。"
        for i in range(60)
    )
    assert unwrap(text) == (text, [])


def test_short_text_is_unchanged() -> None:
    text = "一、2022年工作回顾\n各位代表：\n现在，我代表区政府向大会报告工作"
    assert unwrap(text) == (text, [])


# ----------------------------------------------------------------------------------------------- joining


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_indented_wrapped_seed_comes_back(prefix: str) -> None:
    text = seed(prefix)
    original = "\n".join(INDENT + p if p.strip() else p for p in text.split("\n"))
    result, notes = unwrap(wrap(text, 30, indent=INDENT))
    assert result == original
    assert notes[0].startswith("joined ")
    assert notes[-1].startswith("dropped ") and notes[-1].endswith("page-number lines")


@pytest.mark.parametrize(
    "prefix",
    [
        "000",
        "001",
        "002",
        pytest.param(
            "003",
            marks=pytest.mark.xfail(
                strict=True, reason="a heading exactly the page width (30) reads as wrapped"
            ),
        ),
        "004",
    ],
)
def test_wrapped_seed_comes_back(prefix: str) -> None:
    text = seed(prefix)
    result, _ = unwrap(wrap(text, 30))
    assert result == split_where_ambiguous(text, 30)


def test_wrapped_text_without_ambiguous_cuts_comes_back_exactly() -> None:
    paragraphs = [
        "各位代表：",
        "一、2022年工作回顧",
        "过去一年，面对复杂严峻的形势，我们坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，"
        "全区经济运行总体平稳，民生保障有力有效，社会大局和谐稳定，较好完成了全年目标任务。",
        "（一）坚持项目为王，发展后劲持续增强",
        "全年实施重点项目一百二十个，完成投资八十五亿元，增长百分之十二，新开工项目四十个，"
        "竣工项目三十五个，新签约项目六十个，签约额三百亿元，招商引资工作取得新进展新成效。",
    ]
    text = "\n".join(paragraphs)
    assert split_where_ambiguous(text, 24) == text  # no cut lands after 。！？；：
    wrapped = wrap(text, 24, page_every=3)
    pages = wrapped.count("- 3 -")
    assert pages >= 2
    result, notes = unwrap(wrapped)
    assert result == text
    assert notes == ["joined 6 wrapped lines (text pasted from a PDF?)", f"dropped {pages} page-number lines"]


@pytest.mark.parametrize("width", range(16, 61, 4))
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_unwrap_only_removes_line_breaks_and_page_numbers(path: Path, width: int) -> None:
    text = path.read_text(encoding="utf-8")
    result, _ = unwrap(wrap(text, width))
    assert result.replace("\n", "") == text.replace("\n", "")


def test_width_in_display_columns() -> None:
    # Lines wrapped at 40 columns: a CJK character is two, an ASCII digit one, so character counts differ.
    paragraph = (
        "2022年全区地区生产总值完成1353467万元增长5.2%，规模以上工业增加值增长8.1%，"
        "固定资产投资增长百分之十二，社会消费品零售总额完成2046318万元增长3.5%，一般公共预算收入完成"
        "98765万元，城乡居民人均可支配收入分别达到36785元和18562元，PM2.5平均浓度下降到"
        "每立方米28微克，新建5G基站1200个，主要经济指标增速位居全市前列"
    )
    lines, current, columns = [], "", 0
    for char in paragraph:
        w = 1 if char.isascii() else 2
        if columns + w > 40:
            lines.append(current)
            current, columns = "", 0
        current += char
        columns += w
    lines.append(current)
    counts = [len(line) for line in lines[:-1]]
    assert max(counts) - min(counts) > 4  # character counts vary more than the tolerance
    text = "\n".join(["各位代表：", *lines, "二、2023年工作安排"])
    result, _ = unwrap(text)
    assert result == f"各位代表：\n{paragraph}\n二、2023年工作安排"


def test_short_lines_and_headings_are_never_joined() -> None:
    body = "我们坚持稳中求进工作总基调统筹疫情防控和经济"  # 24 characters, no punctuation
    text = "\n".join(
        [
            "各位代表：",
            body,
            body,
            "社会发展。",
            "一、2022年工作回顾",
            body,
            body,
            "（一）坚持项目为王",
            body,
            body,
            "1.推进重点项目建设",
            body,
            "继续推进。",
        ]
    )
    result, _ = unwrap(text)
    assert result.split("\n") == [
        "各位代表：",
        body * 2 + "社会发展。",
        "一、2022年工作回顾",
        body * 2,
        "（一）坚持项目为王",
        body * 2,
        "1.推进重点项目建设",
        body + "继续推进。",
    ]


# ------------------------------------------------------------------------------------------ page numbers


@pytest.mark.parametrize(
    "page",
    ["- 3 -", "—3—", "－ 12 －", "第3页", "第 3 页 共 20 页", "第3页，共20页", "Page 3 of 20", "  — 7 —  "],
)
def test_page_number_lines_are_dropped_in_any_text(page: str) -> None:
    text = f"第一段。\n{page}\n第二段。\n"
    assert unwrap(text) == ("第一段。\n第二段。\n", ["dropped 1 page-number line"])


def test_bare_numbers_are_page_numbers_only_between_wrapped_lines() -> None:
    body = "我们坚持稳中求进工作总基调统筹疫情防控和经济"
    wrapped = "\n".join([body, body, "12", body, body, "社会发展。", body, body, "结束。"])
    result, notes = unwrap(wrapped)
    assert result == body * 4 + "社会发展。\n" + body * 2 + "结束。"
    assert "dropped 1 page-number line" in notes
    plain = "表1\n2023\n主要指标如下。\n"
    assert unwrap(plain) == (plain, [])


def test_page_break_with_blank_lines_inside_a_paragraph() -> None:
    body = "我们坚持稳中求进工作总基调统筹疫情防控和经济"
    text = "\n".join([body, body, body, "", "- 2 -", "", body, "社会发展。", body, body, "完。"])
    result, _ = unwrap(text)
    assert result == body * 4 + "社会发展。\n" + body * 2 + "完。"


# ------------------------------------------------------------------------------------------- performance


def test_unwrap_is_linear() -> None:
    text = wrap(seed("002"), 30)
    small = text * 20
    big = text * 160
    start = time.perf_counter()
    unwrap(small)
    t_small = time.perf_counter() - start
    start = time.perf_counter()
    result, notes = unwrap(big)
    t_big = time.perf_counter() - start
    assert notes
    assert len(result) < len(big)
    assert t_big < max(2.0, 30 * t_small)  # 8x the input: far from quadratic (64x)
