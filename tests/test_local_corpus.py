"""Every report of ../shared/corpus/local (county, city, provincial; .txt, .docx and the GBK originals)
parses to a plausible tree: nothing raises, sections stay in order inside the text, a report with
numbered headings has parts, a teaser is noted, no site navigation is left and no note marker is in a
heading."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, needs_corpus

from core.batch import REPORT_SUFFIXES

LOCAL = CORPUS / "local"
FILES = (
    sorted(p for p in LOCAL.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.name != "SOURCES.md")
    if LOCAL.is_dir()
    else []
)
_NUMBERED = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])", re.M)
_NAVIGATION = re.compile(r"^(?:分享到|上一篇|下一篇|相关文章|本栏最新|阅读排行)", re.M)
_MARKER = re.compile(r"[\[［〔【]\d{1,3}[\]］〕】]")


@pytest.fixture(scope="module")
def reports():
    from core.report import load_report

    return {path: load_report(path) for path in FILES}


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(LOCAL)))
def test_local_report_parses_to_a_plausible_tree(reports, path):
    report = reports[path]
    text = report.text
    previous_end = 0
    for section in report.sections:
        assert previous_end <= section.start <= section.end <= len(text)
        previous_end = section.end
        for child in section.walk():
            assert section.start <= child.start <= child.end <= section.end
            assert not _MARKER.search(child.title), child.title
    parts = [s for s in report.sections if s.kind == "part"]
    if len(_NUMBERED.findall(text)) >= 2:
        assert len(parts) >= 2, [s.kind for s in report.sections]
    if "内容摘要" in text[:3000]:
        assert any(note.startswith("the 内容摘要 teaser") for note in report.notes)
    assert not _NAVIGATION.search(text[len(text) // 2 :])


@needs_corpus
def test_most_local_reports_name_their_year_and_the_scraped_ones_their_region(reports):
    if not reports:
        pytest.skip("no local corpus")
    years = sum(1 for r in reports.values() if r.meta.year)
    assert years >= 0.9 * len(reports), years  # 236 of 258 today
    # The county pages carry a title line; most city texts start at 各位代表 and say only 我代表市人民政府.
    county = [r for p, r in reports.items() if p.parent.name == "county"]
    assert sum(1 for r in county if r.meta.region) >= 0.85 * len(county)


@needs_corpus
@pytest.mark.parametrize(
    "name",
    ["city-2024/docx/city-zaozhuang-2024", "city-2024/docx/city-luzhou-2024", "city-2024/docx/city-hefei-2024",
     "city-2024/docx/city-bengbu-2024", "city-2024/docx/city-fangchenggang-2024", "province-2025/docx/sichuan-2025"],
)
def test_real_docx_gives_the_outline_of_its_text(reports, name):
    """Real .docx edge cases: the whole report in one or two paragraphs (枣庄, 泸州), soft line breaks
    instead of paragraphs (合肥, 蚌埠, 防城港): the outline is the one of the text made from it."""
    docx, txt = LOCAL / f"{name}.docx", LOCAL / (name.replace("/docx", "") + ".txt")
    if docx not in reports or txt not in reports:
        pytest.skip("file absent")

    def outline(r):
        return [(s.kind, s.level, s.label, s.title) for s in r.walk()]

    assert outline(reports[docx]) == outline(reports[txt])
