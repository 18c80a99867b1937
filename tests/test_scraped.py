"""What scraping leaves in a report (literal \\r\\n, a 内容摘要 teaser, the site's navigation, HTML entities),
repaired or noticed at reading time and said in a note, and glossary note markers, folded away for
comparison: the report's own words stay where they were (a heading's n-th occurrence stays the n-th)."""

from __future__ import annotations

import pytest

from core.folding import fold
from core.read.files import read_bytes
from core.read.scraped import drop_site_navigation, literal_line_breaks, teaser_note
from core.report import report_from_source

OPENING = "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议，并请各位政协委员和列席会议的同志提出意见。\n"
BODY = (
    "一、2023年工作回顾\n2023年，全县经济稳中有进。全年地区生产总值增长6.5%，一般公共预算收入完成12.3亿元。\n"
    "二、2024年工作安排\n今年要坚持稳中求进。主要预期目标是：地区生产总值增长6%左右。\n"
    "各位代表！让我们团结奋斗，为建设现代化新县城而努力奋斗！\n"
)


def test_literal_crlf_separators_become_lines():
    scraped = (OPENING + BODY).replace("\n", "\\r\\n")
    text, notes = literal_line_breaks(scraped)
    assert text == OPENING + BODY
    assert notes == [f"turned {scraped.count(chr(92) + 'r')} literal \\r\\n escapes into line breaks (the page source's line ends)"]


def test_a_few_backslash_n_in_a_report_are_left_alone():
    text = "见附件C:\\new\\report.txt。\n"
    assert literal_line_breaks(text) == (text, [])


def test_html_entities_are_decoded():
    text, notes = literal_line_breaks("同比分别下降8.7%&nbsp;和5.7%。&ldquo;双减&rdquo;")
    assert text == "同比分别下降8.7%\u00a0和5.7%。“双减”"
    assert notes == ["decoded 3 HTML entities left in the text (&ldquo; &nbsp; &rdquo;)"]


def test_the_scraped_report_reads_as_the_clean_one():
    teaser = OPENING.replace("\n", "")[:60] + "......"
    page = (
        "工作报告\n某县2024年政府工作报告\n时间：2024-03-30????\t作者：中国县域\n阅读：\n175\n内容摘要：\n"
        + teaser
        + "\n"
        + OPENING
        + BODY
        + "分享到：\nQQ空间\n新浪微博\n上一篇：\n某县2023年政府工作报告\n相关文章\n03-30\n某县2023年政府工作报告\n"
    )
    scraped = page.replace("\n", "\\r\\n").encode()
    source = read_bytes(scraped, "county.txt")
    assert "分享到" not in source.text
    assert source.text.endswith("为建设现代化新县城而努力奋斗！")
    assert teaser in source.text  # kept: the opening's words show twice, at the same places as on the page
    assert [n.split(" (")[0] for n in source.notes] == [
        "turned 22 literal \\r\\n escapes into line breaks",
        "the 内容摘要 teaser before the report repeats its opening",
        "dropped 8 lines of the web site's navigation after the report",
    ]
    report = report_from_source(source)
    assert [s.kind for s in report.sections] == ["front", "part", "part", "closing"]


def test_a_teaser_that_does_not_repeat_the_opening_is_not_noted():
    text = "内容摘要：\n本报告总结了过去一年的工作并提出今年的主要任务和重大举措安排。\n" + OPENING + BODY
    assert teaser_note(text) == (text, [])


def test_navigation_before_a_glossary_is_not_dropped():
    glossary = "名词解释\n【1】“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期，这是中央提出的工作要求。\n"
    text = OPENING + BODY + "相关文章\n某县2023年政府工作报告\n" + glossary
    assert drop_site_navigation(text) == (text, [])


def test_navigation_with_a_short_disclaimer_is_dropped():
    text = OPENING + BODY + "免责声明：本文仅代表作者观点，不代表本站立场，来源于网络的作品如有侵权请联系我们删除处理。\n标签：\n2024年\n"
    kept, notes = drop_site_navigation(text)
    assert kept == (OPENING + BODY).rstrip("\n")
    assert notes == ["dropped 3 lines of the web site's navigation after the report (免责声明：本文仅…)"]


@pytest.mark.parametrize("pager", ["上一页\n1\n2\n3\n4\n下一页\n", "上一页 1 2 3 4 下一页\n"])
def test_a_pager_after_the_report_says_the_file_is_one_page_of_it(pager):
    text = OPENING + BODY + pager + "标签：\n工作报告\n"
    kept, notes = drop_site_navigation(text)
    assert kept == (OPENING + BODY).rstrip("\n")
    assert notes[1] == ("the page ends with a pager (1 … 4 下一页): this file holds one page of the report, "
                        "the rest is on the site's other pages")


def test_navigation_without_page_numbers_says_nothing_of_pages():
    text = OPENING + BODY + "上一篇：某县2023年政府工作报告\n下一页\n标签：\n"
    _, notes = drop_site_navigation(text)
    assert len(notes) == 1


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("按照省委“3689” ［1］ 、市委“19” ［2］ 和县委“五个一” ［3］ 工作部署", "按照省委“3689”、市委“19”和县委“五个一”工作部署"),
        ("三、坚持“抓好两端，畅通中间”[12]，大力推动城乡融合发展", "三、坚持“抓好两端,畅通中间”,大力推动城乡融合发展"),
        ("“四上”企业^[4]净增169户", "“四上”企业净增169户"),
        ("完成地方生产总值[1]202亿元", "完成地方生产总值202亿元"),
        ("“两免一补”〔2〕“三免一助”〔3〕救助", "“两免一补”“三免一助”救助"),
        ("围绕区委“1135”【1】发展思路", "围绕区委“1135”发展思路"),
    ],
)
def test_note_markers_after_terms_are_folded_away(line, clean):
    folded = fold(line)
    assert folded.normalized == clean
    assert folded.original == line  # the text as read keeps them


def test_glossary_entry_numbers_stay():
    glossary = "名词解释\n【1】“南延北伸”：南延至保定。\n[2]“一减四增”：见上。\n〔3〕三免一助：对在高中阶段。"
    assert fold(glossary).normalized.split("\n")[1].startswith("【1】")
    assert fold(glossary).normalized.split("\n")[3].startswith("〔3〕")


def test_note_markers_are_neither_figures_nor_in_headings():
    from core.report_figures import report_figures

    text = OPENING + "一、坚持“抓好两端，畅通中间”[12]\n全县新增“四上”企业^[4]169户。\n二、推进“三个一”工程〔1〕，做好工作\n增长6%左右。\n"
    report = report_from_source(read_bytes(text.encode(), "x.txt"))
    parts = [s for s in report.sections if s.kind == "part"]
    assert [p.title for p in parts] == ["坚持“抓好两端，畅通中间”", "推进“三个一”工程，做好工作"]
    assert [f.value for f in report_figures(report)] == [169, 6]
