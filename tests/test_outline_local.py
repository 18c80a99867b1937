"""How city, county and district reports are written, as the outline must read them (texts written for these
tests in the forms the local corpus uses; no corpus text)."""

from __future__ import annotations

import pytest

from core.leads import find_paragraph_leads, is_clause_lead, is_lead_shaped
from core.report import report_from_text

BODY = "围绕这一目标，实施一批重点项目，完善配套政策，强化要素保障，确保各项任务落到实处，取得扎实成效。"


def _topics(report, label: str) -> list[str]:
    section = next(s for s in report.walk() if s.label == label)
    return [c.title for c in section.children]


@pytest.mark.parametrize(
    "sentence",
    ["在农业更强上下功夫。", "在农民更富上见实效。", "以系统思维打造畅联交通。", "坚决打好“蓝天保卫战”。",
     "通过链式发展“育集群”。"],
)
def test_lead_forms_of_local_reports(sentence: str) -> None:
    assert is_lead_shaped(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["全年新增就业2000人。", "在市委的坚强领导下。", "我们始终坚持人民至上。", "这是一项长期任务。"],
)
def test_statements_are_not_leads(sentence: str) -> None:
    assert not is_lead_shaped(sentence) and not is_clause_lead(sentence)


def test_two_clause_leads_open_paragraphs() -> None:
    text = (
        "各位代表：\n一、2023年工作回顾\n过去一年，全区经济平稳运行。\n二、2024年工作安排\n"
        "（一）聚焦安全稳定，建设平安城区\n安而不忘危，存而不忘亡。\n"
        f"坚守“一条底线”，打造疫情防控坚实堡垒。{BODY}\n"
        f"远离“一条红线”，确保安全管理落实落地。{BODY}\n"
        f"贯穿“一条主线”，维护社会大局和谐稳定。{BODY}\n"
    )
    r = report_from_text(text)
    # The opening motto is the chapter's introduction, not a topic.
    assert _topics(r, "(一)") == ["坚守“一条底线”，打造疫情防控坚实堡垒", "远离“一条红线”，确保安全管理落实落地",
                                  "贯穿“一条主线”，维护社会大局和谐稳定"]


def test_dash_bullets_and_parallel_openings_are_review_topics() -> None:
    dashes = "".join(f"——{t}。{BODY}\n" for t in ("经济运行稳中有进", "城乡面貌持续改善", "民生福祉不断增进"))
    marks = find_paragraph_leads(dashes)
    assert [m.title for m in marks] == ["经济运行稳中有进", "城乡面貌持续改善", "民生福祉不断增进"]
    assert marks[0].start == 0 and dashes[marks[0].title_start :].startswith("经济")  # the unit starts at the dash
    parallel = "".join(f"一年来，我们始终{t}。{BODY}\n" for t in
                       ("保持战略定力，经济指标稳定增长", "注重品质为先，城市建设提质扩能", "牢记为民宗旨，民生事业全面进步"))
    assert len(find_paragraph_leads(parallel)) == 3


def test_an_enumeration_inside_a_paragraph_is_the_topics_when_nothing_opens_paragraphs() -> None:
    text = (
        "二、2024年工作安排\n（三）加强政府自身建设\n新的形势对政府工作提出了更高要求。一要旗帜鲜明讲政治，"
        "坚定拥护“两个确立”，全面落实各项部署。二要依法行政重监督，自觉接受人大监督，主动接受社会监督。"
        "三要担当作为抓落实，持续改进作风，提高行政效能。\n"
    )
    assert [t[:6] for t in _topics(report_from_text(text), "(三)")] == ["旗帜鲜明讲政", "依法行政重监", "担当作为抓落"]


def test_a_list_of_difficulties_is_not_a_review_s_topics() -> None:
    text = (
        "一、2023年工作回顾\n一年来，全县经济平稳运行，各项事业取得新进展，较好完成了年度目标任务。\n"
        "在肯定成绩的同时，我们也清醒看到存在的问题：一是经济总量小，二是财政收支矛盾突出，"
        "三是营商环境还不够优化。我们将采取有力措施，切实加以解决。\n二、2024年工作安排\n今年要抓好以下工作。\n"
    )
    r = report_from_text(text)
    review = next(s for s in r.walk() if s.label == "一、")
    assert review.children == ()


def test_an_address_to_the_deputies_between_parts_is_a_part_of_its_own() -> None:
    plan = "".join(f"（{n}）{t}\n{BODY * 3}\n" for n, t in zip("一二", ("壮大实体经济", "改善民生福祉"), strict=True))
    own = "".join(f"{t}。{BODY * 2}\n" for t in ("提高政治站位强自觉", "坚持依法治政履职责", "持续转变作风促廉政"))
    text = (
        f"各位代表：\n一、2023年工作回顾\n{BODY * 3}\n二、2024年工作安排\n{plan}"
        f"各位代表，新的形势和任务对政府工作提出了新的更高要求，我们一定担当作为、真抓实干。\n{own}"
        "各位代表！让我们更加紧密地团结起来，奋力谱写新篇章！\n"
    )
    r = report_from_text(text)
    parts = [s for s in r.sections if s.kind == "part"]
    assert [p.title[:4] for p in parts] == ["2023", "2024", "新的形势"]  # titled after the address
    assert [c.title for c in parts[-1].children] == ["提高政治站位强自觉", "坚持依法治政履职责", "持续转变作风促廉政"]
    assert parts[1].end <= parts[-1].start  # the plan's last chapter ends where the address starts


def test_review_and_plan_numbered_twice_get_their_periods() -> None:
    review = "".join(f"{n}、{t}\n{BODY * 2}\n" for n, t in zip("一二三", ("稳增长", "强产业", "惠民生"), strict=True))
    plan = "".join(f"{n}、坚定不移抓{t}\n{BODY * 2}\n" for n, t in zip("一二三", ("投入", "创新", "民生"), strict=True))
    text = f"各位代表：\n{review}各位代表，今后五年，我们要在新的起点上接续奋斗，开创发展新局面。{BODY * 3}\n{plan}"
    r = report_from_text(text)
    periods = [s.period for s in r.sections if s.kind == "part" and s.label]
    assert periods == ["review"] * 3 + ["plan"] * 3


def test_unnumbered_part_titles_above_the_numbering() -> None:
    text = (
        f"各位代表：\n过去五年工作回顾\n五年来，我们坚持稳中求进，{BODY}\n今年政府工作重点\n"
        f"2024年是关键之年，{BODY}\n一、聚焦产业兴县\n{BODY * 2}\n二、聚焦乡村振兴\n{BODY * 2}\n"
    )
    r = report_from_text(text)
    tops = [s for s in r.sections if s.kind == "part"]
    assert [t.title for t in tops] == ["过去五年工作回顾", "今年政府工作重点"]
    assert [c.label for c in tops[1].children] == ["一、", "二、"]
    assert tops[0].period == "review" and tops[1].period == "plan"


def test_a_page_holding_the_report_twice_keeps_the_second_copy_as_an_appendix() -> None:
    report = "".join(f"{n}、{t}\n{BODY * 2}\n" for n, t in zip("一二三四", ("回顾", "目标", "任务", "自身建设"), strict=True))
    text = f"各位代表：\n{report}各位代表！让我们奋勇前进！\n来源：某某网\n首页\n各位代表：\n{report}各位代表！让我们奋勇前进！\n"
    r = report_from_text(text)
    assert [s.label for s in r.sections if s.kind == "part"] == ["一、", "二、", "三、", "四、"]
    assert r.sections[-1].kind == "appendix" and r.text[r.sections[-1].start :].count("一、回顾") == 1
