"""National reports: headline targets (GDP growth, new urban jobs, CPI, deficit) checked by hand for 2005,
2015 and 2022, plus last year's results; the whole file is read, so headings decide result/target.

Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.figures import Figure, extract_figures

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = pytest.mark.corpus

# (label, value, unit, qualifier, kind, period) read by hand from each report's 主要预期目标 paragraph
HEADLINES: dict[str, list[tuple[str, float, str, str, str, str]]] = {
    "national-2005.txt": [
        ("国内生产总值", 8, "%", "左右", "change", "target"),
        ("城镇新增就业", 900, "万人", "", "level", "target"),
        ("城镇登记失业率", 4.6, "%", "", "level", "target"),
        ("居民消费价格总水平涨幅", 4, "%", "", "change", "target"),
        ("中央财政赤字", 3000, "亿元", "", "level", "target"),
    ],
    "national-2015.txt": [
        ("国内生产总值", 7, "%", "左右", "change", "target"),
        ("居民消费价格涨幅", 3, "%", "左右", "change", "target"),
        ("城镇新增就业", 1000, "万人", "以上", "level", "target"),
        ("城镇登记失业率", 4.5, "%", "以内", "level", "target"),
        ("财政赤字", 1.62, "万亿元", "", "level", "target"),
        ("赤字率", 2.3, "%", "", "level", "target"),
        # last year's results in the review
        ("国内生产总值", 63.6, "万亿元", "达到", "level", "result"),
        ("国内生产总值", 7.4, "%", "", "change", "result"),
        ("城镇新增就业", 1322, "万人", "", "level", "result"),
    ],
    "national-2022.txt": [
        ("国内生产总值", 5.5, "%", "左右", "change", "target"),
        ("城镇新增就业", 1100, "万人", "以上", "level", "target"),
        ("城镇调查失业率", 5.5, "%", "以内", "level", "target"),
        ("居民消费价格涨幅", 3, "%", "左右", "change", "target"),
        ("赤字率", 2.8, "%", "左右", "level", "target"),
        ("国内生产总值", 114, "万亿元", "达到", "level", "result"),
        ("国内生产总值", 8.1, "%", "", "change", "result"),
        ("城镇新增就业", 1269, "万人", "", "level", "result"),
        ("居民消费价格", 0.9, "%", "", "change", "result"),
    ],
}


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[Figure]]:
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    out = {}
    for name in HEADLINES:
        text = (CORPUS / name).read_text(encoding="utf-8")
        out[name] = extract_figures(text, report=name)
    return out


@pytest.mark.parametrize(
    ("name", "row"), [(name, row) for name, rows in HEADLINES.items() for row in rows], ids=lambda x: str(x)
)
def test_headline(
    by_file: dict[str, list[Figure]], name: str, row: tuple[str, float, str, str, str, str]
) -> None:
    label, value, unit, qualifier, kind, period = row
    hits = [
        fig
        for fig in by_file[name]
        if fig.label == label
        and fig.value == pytest.approx(value)
        and fig.unit == unit
        and fig.period == period
    ]
    assert hits, f"{name}: {row} not found"
    fig = hits[0]
    assert (fig.qualifier, fig.kind) == (qualifier, kind)


def test_headline_targets_come_first_in_their_list(by_file: dict[str, list[Figure]]) -> None:
    """The first target of 2022 is GDP growth: the plan part starts with the 预期目标 list."""
    targets = [fig for fig in by_file["national-2022.txt"] if fig.period == "target"]
    assert targets[0].label == "国内生产总值"
    assert targets[0].text == "5.5%左右"


def test_whole_corpus_offsets() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    for path in sorted(CORPUS.glob("*.txt"))[:12]:
        text = path.read_text(encoding="utf-8")
        for fig in extract_figures(text):
            assert text[fig.start : fig.end] == fig.text
            # 16 (MAX_LABEL) for a clause label or an item of a 分别 list; a project named after …亿元的
            # (大唐350兆瓦光伏发电) up to 20; a share names numerator and denominator
            # (高技术制造业增加值占规模以上工业增加值比重): up to 22; the items of a list that share one value
            # (A、B各40家) are all named: up to 36
            assert len(fig.label) <= (36 if "、" in fig.label else 22 if "占" in fig.label else 20)
            assert fig.period in ("result", "target", "unknown")
            assert fig.kind in ("level", "change")
            assert fig.text in fig.sentence
