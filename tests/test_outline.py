from __future__ import annotations

import difflib
from itertools import pairwise

import pytest
from conftest import corpus_files, needs_corpus, seed_file, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from core.folding import fold
from core.outline import parse_outline
from core.report import report_from_text


def tree(sections):
    return [(s.label, [c.label for c in s.children if c.kind == "part"]) for s in sections if s.kind == "part"]


def titles(section):
    return [c.title for c in section.children if c.kind == "topic"]


def test_seed_002_parts_and_meta(seed_reports):
    r = seed_reports["002"]
    parts = [s for s in r.sections if s.kind == "part"]
    assert [s.label for s in parts] == ["一、", "二、", "三、"]
    assert [c.label for c in parts[1].children] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)"]
    assert [c.label for c in parts[2].children] == ["(一)", "(二)", "(三)", "(四)"]
    assert r.sections[0].kind == "front" and r.sections[-1].kind == "closing"
    m = r.meta
    assert (m.region, m.year, m.meeting_date, m.speaker, m.speaker_role) == ("东昌区", 2023, "2022-12-19", "黄正杰", "区长")
    assert m.parts == ("2022年工作回顾", "2023年工作安排", "加强政府自身建设")
    assert parts[0].period == "review" and parts[1].period == "plan"
    assert len(r.damaged) >= 10


def test_seed_000_inline_leads(seed_reports):
    r = seed_reports["000"]
    s3 = r.find_label("(三)")[0]
    assert titles(s3) == ["持续优化政务服务", "持续优化育企政策", "持续优化营商环境"]
    s6 = r.find_label("(六)")[0]
    assert titles(s6)[:2] == ["全力保障就业", "全力办好教育"]
    assert s3.title == "着力深化改革,打造最优营商环境"
    assert s3.heading == "(三)着力深化改革,打造最优营商环境。"


def test_seed_001_yi_yao(seed_reports):
    s2 = seed_reports["001"].find_label("(二)")[0]
    assert [c.label for c in s2.children] == ["一要", "二要", "三要"]
    assert titles(s2)[0] == "深化数字政务改革"


def test_seed_003_paragraph_leads(seed_reports):
    s4 = seed_reports["003"].find_label("四、")[0]
    assert titles(s4) == ["持续推进深化改革", "持续优化营商环境", "持续扩大对外开放"]
    # Short sentences inside paragraphs of a paragraph-led section are not topics.
    s5 = seed_reports["003"].find_label("五、")[0]
    assert titles(s5) == ["提高农业质量效益", "开展乡村建设行动", "促进农民持续增收"]


def test_seed_004_preamble_and_topics(seed_reports):
    r = seed_reports["004"]
    assert r.sections[0].kind == "preamble"
    assert [s.label for s in r.sections if s.kind == "part"] == ["(二)", "(三)", "(四)", "(五)"]
    s4 = r.find_label("(四)")[0]
    assert titles(s4) == ["实施更高质量就业", "提高社会保障水平", "办好人民满意教育", "繁荣文化体育事业"]


def test_offsets_point_into_original_text(seed_reports):
    r = seed_reports["002"]
    for s in r.walk():
        assert 0 <= s.start <= s.body_start <= s.end <= len(r.text)
        if s.heading:
            assert r.text[s.start : s.end].startswith(s.heading)
        for c in s.children:
            assert s.start <= c.start <= c.end <= s.end


def test_normalized_002_equals_000_except_damage(seed_reports):
    a, b = seed_reports["000"], seed_reports["002"]
    for label in ("(三)", "(四)", "(五)", "(六)"):
        sa = a.find_label(label)[0]
        sb = next(s for s in b.find_label(label) if s.period == "plan")
        ta = a.folded.normalized[sa.norm_start : sa.norm_end]
        tb = b.folded.normalized[sb.norm_start : sb.norm_end]
        ratio = difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()
        assert ratio >= 0.995, (label, ratio)


def test_enumerations_and_ordinals():
    text = "(一)做好三件事。第一,稳增长。要扩大投资。第二,保就业。要稳岗。第三,防风险。要化债。"
    (s,) = parse_outline(fold(text))
    assert [(c.label, c.title) for c in s.children] == [("第一", "稳增长"), ("第二", "保就业"), ("第三", "防风险")]
    text = "二、任务\n首先,抓发展。很多字很多字很多字。其次,抓民生。很多字很多字。"
    (s,) = parse_outline(fold(text))
    assert [c.label for c in s.children] == ["首先", "其次"]


def test_skipped_repeated_and_out_of_order_ordinals():
    text = "一、甲\n正文。\n三、乙\n正文。\n三、丙\n正文。\n二、丁\n正文。"
    parts = parse_outline(fold(text))
    assert [s.label for s in parts] == ["一、", "三、", "三、", "二、"]


def test_statement_of_fact_is_not_a_lead():
    text = "一、回顾\n全年新增市场主体2000户以上。这是很长的一句话用来说明情况和做法。\n工业稳定运行。我们引导企业积极应对,科学制定预案,实施闭环生产。"
    (s,) = parse_outline(fold(text))
    assert titles(s) == ["工业稳定运行"]


def test_reported_events_are_not_leads():
    # Reviews report events in sentences as short as leads; a topic is what the sentences after it carry out.
    text = ("一、2023年工作回顾\n"
            "工业经济稳步增长。全年实施重点工业项目二十多个,工业投资保持较快增长,企业效益明显改善。\n"
            "荣获国家卫生城市称号。城市管理更加精细,市容市貌明显改观,群众满意度持续提升。\n"
            "文化事业繁荣发展。新建一批文化场馆,举办各类群众文化活动,公共文化服务更加便利。\n")
    (s,) = parse_outline(fold(text))
    assert titles(s) == ["工业经济稳步增长", "文化事业繁荣发展"]


def test_a_lead_right_after_a_lead_is_its_first_task():
    # Inline leads: 强化水污染防治。 names the topic, 严格落实河湖长制。 is the first thing it does.
    body = ("强化水污染防治。严格落实河湖长制。把上游综合治理作为重中之重,持续开展清理整治行动,完成主要河道治理任务,"
            "加强农村污水治理和入河排污监测。"
            "强化大气污染防治。突出重点领域,强化源头治理。全面禁止燃放烟花爆竹,持续做好散乱污企业排查整治工作,"
            "加强扬尘和机动车尾气管控。")
    text = "(四)加强治理修复,着力建设美丽新城。" + body + "\n"
    (s,) = parse_outline(fold(text))
    assert titles(s) == ["强化水污染防治", "强化大气污染防治"]


def test_a_paragraph_to_the_deputies_ends_the_last_topic():
    from core.align import units_of

    text = (
        "一、2020年工作回顾\n"
        "过去的五年是综合实力大幅提高的五年。全县生产总值年均增长,财政收入稳步提高,发展后劲明显增强。\n"
        "过去的五年是生态环境明显改善的五年。空气质量持续好转,河湖水质稳定达标,绿化面积不断扩大。\n"
        "过去的五年是幸福指数大幅提升的五年。民生投入占比保持高位,城镇新增就业持续增加,社会保障更加完善。\n"
        "各位代表！五年的发展历程不平凡、不容易、不简单,我们深切体会到,必须坚持发展第一要务,必须坚持人民至上。\n"
        "二、2021年工作任务\n今年要稳字当头。\n"
    )
    r = report_from_text(text, "x.txt")
    review = r.find_label("一、")[0]
    last = review.children[-1]
    assert last.title.startswith("过去的五年是幸福指数") and "各位代表" not in r.text[last.start : last.end]
    tail = next(u for u in units_of(r, "topics") if u.id == review.id + ".z")
    assert r.text[tail.start : tail.end].strip().startswith("各位代表")


def test_no_headings_at_all():
    r = report_from_text("这是一段没有标题的文字。它讲了很多事情。")
    assert [s.kind for s in r.sections] == ["preamble"]


def test_empty_text():
    assert report_from_text("").sections == ()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、()（）1.。,，是要第首先其次\n 区长各位代表:持续优化政务服务全年2000户")), max_size=200))
def test_outline_never_raises(text):
    r = report_from_text(text)
    for s in r.walk():
        assert 0 <= s.start <= s.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_outline_never_raises_on_any_unicode(text):
    report_from_text(text)


@needs_corpus
@pytest.mark.parametrize("path", corpus_files("*.txt") + corpus_files("variants/*.txt"), ids=lambda p: p.name)
def test_corpus_parses(path):
    r = report_from_text(path.read_text(encoding="utf-8"), str(path))
    parts = [s for s in r.sections if s.kind == "part"]
    if "govcn-scrape" in path.name and "2014" in path.name:
        return  # a page without the report's part headings: parses, nothing to check
    assert len(parts) >= 2, [s.kind for s in r.sections]
    if path.name.startswith("national") and "scrape" not in path.name:
        assert parts[0].label == "一、" and parts[1].label == "二、"
        assert r.meta.region == "全国" or "partial" in path.name
    if path.name.startswith("national-20") and int(path.name[9:13]) in (2019, 2021, 2022):
        plan = parts[-1]
        assert [c.label for c in plan.children][:3] == ["(一)", "(二)", "(三)"]
    if not path.name.startswith("national"):
        assert r.meta.year == 2026 and r.meta.region


def test_seed_files_exist():
    assert seed_file("002").exists()
    assert "區(qū)" in seed_text("002")


def test_speaker_named_in_a_caption_before_the_salutation():
    # Scraped pages (湖南) carry the speaker only in a photo caption or news line, not on a line of its own.
    text = (
        "2026年湖南省政府工作报告\n——2026年2月3日在湖南省第十四届人民代表大会第四次会议上\n来源：湖南日报\n"
        "2月3日，湖南省第十四届人民代表大会第四次会议在省人民会堂开幕。省长毛伟明作政府工作报告。记者 刘尚文 摄\n"
        "各位代表：\n现在，我代表省人民政府，向大会作政府工作报告。\n一、2025年工作回顾\n过去一年，全省经济稳中有进。\n"
    )
    m = report_from_text(text, "hunan.txt").meta
    assert (m.speaker_role, m.speaker, m.region, m.year) == ("省长", "毛伟明", "湖南省", 2026)


@pytest.mark.parametrize(
    ("named", "own"),
    [("贵州省", "贵州省"), ("广州市越秀区", "越秀区"), ("通化市东昌区", "东昌区"), ("杭州市", "杭州市"), ("甘孜藏族自治州", "甘孜藏族自治州")],
)
def test_region_is_the_last_unit_named(named, own):
    from core.meta import _last_unit

    assert _last_unit(named) == own  # 州 inside a name (贵州, 广州) is not a unit of its own


def test_year_of_a_body_only_copy_comes_from_its_part_headings():
    text = (
        "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2023年工作回顾\n过去一年，经济回升向好。\n"
        "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右。\n"
    )
    r = report_from_text(text, "national-2024-partial.txt")
    assert (r.meta.region, r.meta.year, r.name) == ("全国", 2024, "全国 2024")


def test_the_meeting_date_decides_the_year_over_a_portals_title():
    """Portals title a report with the year it reviews; the meeting line says when it was given."""
    text = (
        "标题：2018年河北省政府工作报告\n\n二〇一九年一月十四日在河北省第十三届人民代表大会第二次会议上\n"
        "河北省人民政府省长 许勤\n各位代表：\n一、2018年工作回顾\n过去一年，经济运行稳中向好。\n"
    )
    m = report_from_text(text, "hebei.txt").meta
    assert (m.region, m.year, m.meeting_date) == ("河北省", 2019, "2019-01-14")


def test_a_date_on_its_own_line_is_the_meeting_date():
    text = (
        "政府工作报告——2008年1月在河北省第十一届人民代表大会第一次会议上\n\n"
        "在河北省第十一届人民代表大会第一次会议上\n河北省省长 郭庚茂\n(2008年1月23日)\n各位代表:\n"
        "现在，我代表河北省人民政府，向大会作政府工作报告，请予审议。\n一、过去五年工作回顾\n"
    )
    m = report_from_text(text, "hebei.txt").meta
    assert (m.year, m.meeting_date) == (2008, "2008-01-23")


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("一、2023年主要工作\n2023年是具有重要意义的一年。\n二、2024年主要目标和重点工作\n今年的主要预期目标是：", 2024),
        ("2023年工作回顾\n\n刚刚过去的2023年，是全面贯彻党的二十大精神的开局之年。", 2024),
        ("2023年，在市委的坚强领导下，我们全面贯彻落实各项部署。", 2024),
        ("奋力完成2023年高质量发展的各项任务\n2023年，是疫情防控转段后经济恢复发展的一年。", 2024),
    ],
)
def test_a_body_only_copy_takes_the_year_after_the_one_it_reviews(opening: str, year: int):
    text = "各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。\n" + opening + "\n"
    assert report_from_text(text, "city.txt").meta.year == year


def test_a_caption_that_mentions_the_report_is_not_its_title():
    text = (
        "政府工作报告。 贵州日报天眼新闻记者 李森 摄\n政府工作报告\n"
        "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n省长 李炳军\n各位代表：\n"
        "一、2025年工作回顾\n过去一年，全省经济稳中有进。\n"
    )
    m = report_from_text(text, "guizhou.txt").meta
    assert (m.title, m.region, m.year, m.speaker) == ("政府工作报告", "贵州省", 2026, "李炳军")


def test_a_reviews_closing_passage_on_difficulties_is_not_its_last_items():
    from core.align import units_of

    text = (
        "一、2021年工作回顾\n过去一年，我们主要做了以下工作。\n"
        "一是保持宏观政策连续性。实施减税降费。\n二是推动创新。研发投入增长10%。\n"
        "三是保障民生。新增就业1200万人。\n"
        "在肯定成绩的同时，我们也清醒看到面临的问题和挑战。经济恢复基础尚不牢固。我们要直面问题。\n"
        "二、2022年工作任务\n今年要稳字当头。\n"
    )
    r = report_from_text(text, "x.txt")
    review = r.find_label("一、")[0]
    last = review.children[-1]
    assert last.label == "三是" and "清醒看到" not in r.text[last.start : last.end]
    units = units_of(r, "topics")
    tail = next(u for u in units if u.id == review.id + ".z")
    assert r.text[tail.start : tail.end].strip().startswith("在肯定成绩的同时")
    # Every character of the review is in exactly one unit.
    inside = sorted((u.start, u.end) for u in units if review.start <= u.start < review.end)
    assert all(a[1] <= b[0] for a, b in pairwise(inside))


def test_a_part_on_achievements_is_a_review():
    text = (
        "一、2025年主要工作和“十四五”发展成就\n过去一年，全省生产总值增长5.5%。\n"
        "二、“十五五”时期的主要目标任务\n到2030年，人均生产总值达到15万元。\n三、2026年重点工作\n今年增长5%左右。\n"
    )
    r = report_from_text(text, "x.txt")
    assert [s.period for s in r.sections if s.kind == "part"] == ["review", "plan", "plan"]


def test_parts_whose_titles_say_neither_are_plans_their_openings_announce():
    """After a review, a part titled in slogans (二、一张蓝图绘到底…) is the plan when its first sentences set
    out what comes (总体要求, 主要预期目标, 我们将); the previous part's period alone made it a review (issue 11)."""
    text = (
        "一、一年接着一年干，新发展持续取得新成效\n过去一年，全省生产总值增长5.5%。\n"
        "二、一张蓝图绘到底，奋力谱写新篇章\n“十五五”时期全省经济社会发展的总体要求是：坚持稳中求进。\n"
        "三、一鼓作气勇争先，全力开好局\n今年经济社会发展的主要预期目标是：全省生产总值增长5%左右。\n"
        "四、一以贯之转作风，努力建设服务型政府\n我们将继续加强作风建设。\n"
    )
    r = report_from_text(text, "x.txt")
    assert [s.period for s in r.sections if s.kind == "part"] == ["review", "plan", "plan", "plan"]


def test_a_plan_part_opening_with_a_look_back_stays_a_plan():
    """Only a review's successor asks its opening: a plan part that opens with 一年来 stays in the plan."""
    text = (
        "一、2004年工作回顾\n一年来，国内生产总值增长9.5%。\n二、2005年工作的总体部署\n今年要做好以下工作。\n"
        "三、加强行政能力建设\n一年来，我们做了一些工作。我们要加快政府自身改革。\n"
    )
    r = report_from_text(text, "x.txt")
    assert [s.period for s in r.sections if s.kind == "part"] == ["review", "plan", "plan"]


def test_a_heading_read_past_broken_quotations():
    """二、“ / 十四五 / ”时期…重点任务: a page broke the quotation over lines; the title is read to its close
    (it was “ alone, and the part a review by the previous part's period)."""
    text = (
        "一、2020年工作回顾\n过去一年，全省生产总值增长3.9%，城镇新增就业88万人，较好完成了全年任务。\n"
        "二、“\n十四五\n”时期发展的总体思路和重点任务\n到2025年，常住人口城镇化率达到65%以上，森林覆盖率达到36.5%。\n"
        "三、2021年主要工作\n今年全省生产总值增长6.5%左右，城镇新增就业86万人。\n"
    )
    r = report_from_text(text, "x.txt")
    parts = [s for s in r.sections if s.kind == "part"]
    assert [s.title for s in parts] == ["2020年工作回顾", "“十四五”时期发展的总体思路和重点任务", "2021年主要工作"]
    assert [s.period for s in parts] == ["review", "plan", "plan"]


def test_dated_titles_decide_over_zhuyao_gongzuo_and_gongzuo_jianyi_is_a_plan():
    """一、2023年主要工作 before 二、2024年主要目标和重点工作 is the year reviewed; 2024年工作建议 titles a plan."""
    r = report_from_text(
        "一、2023年主要工作\n过去一年，全市生产总值增长6%，城镇新增就业5万人，完成了年度目标。\n"
        "二、2024年主要目标和重点工作\n今年全市生产总值增长6%左右，城镇新增就业5万人以上。\n", "x.txt")
    assert [s.period for s in r.sections if s.kind == "part"] == ["review", "plan"]
    r = report_from_text(
        "各位代表：\n2023年工作回顾\n过去一年，全市生产总值增长6%，城镇新增就业5万人，完成了年度目标。\n"
        "2024年工作建议\n今年全市生产总值增长6%左右，城镇新增就业5万人以上，居民收入稳步增长。\n", "x.txt")
    assert [s.period for s in r.sections if s.kind == "part"] == ["review", "plan"]


def test_the_outline_period_decides_figures_inside_a_review():
    """An unnumbered review (2022年工作回顾) whose chapters are numbered 一、二、: the extractor took 二、 for
    the plan's first part; the outline's period of the part decides (高唐 2021–2023: 399 figures)."""
    from core.report_figures import report_figures

    text = (
        "各位代表：\n2022年工作回顾\n过去一年，全县经济运行稳中向好，各项事业取得新的进展。\n"
        "一、经济运行稳中向好\n全县地区生产总值增长5.1%，一般公共预算收入增长6%。\n"
        "二、城乡面貌持续改善\n新建城市道路6条，完成农村危房改造51户。\n"
        "2023年工作目标任务\n今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右，新建城市道路8条。\n"
    )
    r = report_from_text(text, "x.txt")
    assert [s.period for s in r.sections if s.kind == "part"] == ["review", "plan"]
    got = {(f.text, f.period) for f in report_figures(r)}
    assert {("6条", "result"), ("51户", "result"), ("5.1%", "result"), ("6%左右", "target"), ("8条", "target")} <= got


@pytest.mark.parametrize(
    ("passage", "title"),
    [
        # the first clause whole, not cut at a fixed width (要求 was lost at 20 characters)
        ("各位代表，新形势、新任务对政府自身建设提出了更高要求。我们要坚持依法行政。", "新形势、新任务对政府自身建设提出了更高要求"),
        # a clause too short to name the part takes the next one with it
        ("各位代表，踏上新征程，肩负新使命，我们要团结奋斗，努力实现今年目标任务。", "踏上新征程，肩负新使命"),
        # a clause longer than any title is cut at the width, never after an opening mark
        ("各位代表，对标高质量发展这个硬道理和中国式现代化这一最大的政治的新要求并且坚持不懈地推进各项改革任务。", "对标高质量发展这个硬道理和中国式现代化这"),
    ],
)
def test_interlude_titles_end_at_a_clause(passage, title):
    from core.outline import _interlude_node

    node = _interlude_node(passage, 0, len(passage))
    assert passage[node.title_start : node.title_end] == title
