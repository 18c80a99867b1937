"""Metadata a report states about itself: title, region, year, meeting date, speaker, part names."""

from __future__ import annotations

import re
from collections import Counter

from .gazetteer import named_most
from .model import ReportMeta, Section
from .numerals import cn_to_int

_CN_DIGITS = "〇零一二三四五六七八九十"
_DATE = re.compile(
    rf"([0-9]{{4}}|[{_CN_DIGITS}]{{4}})年([0-9]{{1,2}}|[{_CN_DIGITS}]{{1,3}})月([0-9]{{1,2}}|[{_CN_DIGITS}]{{1,3}})日"
)
_MEETING = re.compile(r"^[—\-－]{1,2}.{0,40}?(会议|大会|[0-9〇零一二三四五六七八九十]日在)")
_YEAR_IN_TITLE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年?(?=.*(?:政府工作报告|政府))")
_REGION = re.compile(
    r"((?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|特别行政区|市|地区|盟|自治州|州|区|县|自治县|旗|自治旗|新区))+?)"
    r"(?:人民政府|政府工作报告|第[一二三四五六七八九十]+届|[一二三四五六七八九十]+届)"
)
_REGION_BEFORE_YEAR = re.compile(
    r"([\u4e00-\u9fff]{1,12}?(?:省|自治区|特别行政区|市|地区|盟|自治州|州|区|县|自治县|旗|自治旗|新区))"
    r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:度)?(?:国民经济和社会发展计划执行情况与)?政府工作报告"
)
_AT_BEFORE_REGION = re.compile(r"^(?:[0-9〇零一二三四五六七八九十]+[年月日])*[月日]?在(?=[\u4e00-\u9fff]{2})")
_ON_BEHALF = re.compile(
    r"我代表([\u4e00-\u9fff]{1,12}?(?:省|自治区|市|自治州|州|盟|地区|区|自治县|县|自治旗|旗))人民政府"
)
#: 我代表市人民政府 with no name: the level of the government that reports (its name is then looked for in the body).
_ON_BEHALF_UNNAMED = re.compile(r"我代表(?:(省|自治区|市|州|盟|地区)(?:人民)?政府|(行署))")
#: How a report speaks of its own government's area: 全市, 我州 (全区 is a district's or an autonomous region's).
_SELF_UNIT = re.compile(r"[全我](省|市|州|盟|县|旗)")
#: A text that says 全市/我市 this many times more than any other unit is a city's.
MIN_SELF_UNIT = 5
_ROLE = (
    r"国务院总理|总理|代省长|省长|代市长|市长|代区长|区长|代县长|县长|代州长|州长|代旗长|旗长|"
    r"自治区主席|代主席|主席|盟长|镇长|乡长"
)
_SPEAKER = re.compile(rf"^(?:.{{0,16}}?)({_ROLE})[\s\u3000?]*([\u4e00-\u9fff][\u4e00-\u9fff·]{{1,11}})$")
#: A caption or news line: 省长毛伟明作政府工作报告 (the role and name in running text).
_SPEAKER_IN_TEXT = re.compile(rf"({_ROLE})([\u4e00-\u9fff][\u4e00-\u9fff·]{{1,3}}?)(?:同志)?作(?:了)?(?:政府工作)?报告")
_PART_YEAR = re.compile(r"^((?:19|20)[0-9]{2})年")
_NAME_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
#: A line that is only a date, as under a speaker's name: (2008年1月23日), 二〇一九年一月十四日.
_DATE_LINE = re.compile(rf"^[(（]?{_DATE.pattern}[)）]?$")
#: A title naming its meeting's month instead of the report's year: 政府工作报告——2008年1月在…会议上.
_MONTH_IN_TITLE = re.compile(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月")
#: How a report's opening names the year it reviews: 刚刚过去的2023年, 2023年是…, 2023年，在…领导下,
#: 奋力完成2023年…任务, 2023年工作回顾 (the report's own year is the next one).
_REVIEWED_YEAR = re.compile(
    r"(?:刚刚过去的|过去的|完成)((?:19|20)[0-9]{2})年"  # a year looked back on, whatever follows
    r"|((?:19|20)[0-9]{2})年(?=是|[，,]|工作回顾|主要工作|工作总结|以来)"  # a year the opening sentence is about
)
_ON_BEHALF_SENTENCE = re.compile(r"我代表[^。]{0,40}(?:人民政府|政府)[^。]{0,80}。")
_SALUTATION = re.compile(r"^(各位代表|各位委员|同志们)[:：!！,，]?\s*\??$")
_LEVELS = ("省", "自治区", "市", "盟", "州", "地区", "区", "县", "旗", "新区")


def _to_int(s: str) -> int | None:
    return int(s) if s.isdigit() else cn_to_int(s)


def parse_date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = (_to_int(g) for g in m.groups())
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _last_unit(region: str) -> str:
    """通化市东昌区 → 东昌区: the report's own government is the last unit named."""
    # 州 ends a unit only when no other unit word follows: 贵州省, 广州市越秀区 (not 贵州 + 省).
    parts = re.findall(
        r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|自治旗|新区|地区|省|市|盟|州(?![省市区县盟旗])|区|县|旗)", region
    )
    return parts[-1] if parts else region


def extract_meta(text: str, normalized: str, sections: tuple[Section, ...]) -> ReportMeta:
    """Metadata from the front matter (normalized text, so 區 reads 区) and the part headings."""
    front_end = next((s.norm_end for s in sections if s.kind in ("front",)), 0)
    first_part = next((s.norm_start for s in sections if s.kind == "part"), len(normalized))
    head = normalized[: max(front_end, min(first_part, 3000))]
    lines = [ln.strip() for ln in head.split("\n") if ln.strip()]

    # The title line ends with 政府工作报告 (a caption such as 政府工作报告。贵州日报记者…摄 only mentions it).
    # A sentence (现在，我代表蠡县人民政府，向大会作政府工作报告，…) is no title.
    named = [ln for ln in lines if "政府工作报告" in ln and len(ln) <= 60 and not re.search(r"[，。；]", ln)]
    title = next((ln for ln in named if ln.rstrip("》」”\"'").endswith("政府工作报告")), named[0] if named else None)
    meeting = next((ln for ln in lines if _MEETING.match(ln)), None)
    if meeting is None:
        meeting = next((ln for ln in lines if ("会议上" in ln or "大会上" in ln) and len(ln) <= 80), None)
    meeting_date = parse_date(meeting) if meeting else None
    if meeting_date is None:
        # The date on a line of its own below the meeting or the speaker: (2008年1月23日).
        dated = next((ln for ln in lines[:12] if _DATE_LINE.match(ln.replace(" ", ""))), None)
        meeting_date = parse_date(dated) if dated else None

    speaker = role = None
    for ln in lines[:40]:
        m = _SPEAKER.match(ln.replace(" ", "").replace("\u3000", ""))
        if m and "报告" not in ln:
            role, speaker = m.group(1), m.group(2)
            break
    salutation = next((ln for ln in lines if _SALUTATION.match(ln)), None)
    if speaker is None:
        before = lines[: lines.index(salutation)] if salutation else lines[:40]
        m = next((m for ln in before if (m := _SPEAKER_IN_TEXT.search(ln.replace(" ", "")))), None)
        if m:
            role, speaker = m.group(1), m.group(2)
    if speaker is None and salutation:
        # A name alone on the line before 各位代表 (some pages drop the role).
        i = lines.index(salutation)
        if i > 0 and _NAME_ONLY.match(lines[i - 1]) and "报告" not in lines[i - 1]:
            speaker = lines[i - 1]

    region = None
    for source in (title, meeting):
        if source:
            # "2026年甘肃省政府工作报告": the region follows the year.
            m = _REGION.search(re.sub(r"^.*?[0-9〇零一二三四五六七八九]{4}年", "", re.sub(r"^.*日在", "", source)))
            if m:
                region = _last_unit(m.group(1))
                break
            # "保定市清苑区2020年政府工作报告": the region before the year.
            m = _REGION_BEFORE_YEAR.search(source)
            if m:
                region = _last_unit(m.group(1))
                break
    if region is not None:
        # "——2008年1月在河北省第十一届…": 在 (at) and a date before it are not the region's name
        region = _AT_BEFORE_REGION.sub("", region) or region
    if region is None:
        # No title or meeting line: the opening says whose government reports (我代表蠡县人民政府).
        m = _ON_BEHALF.search(head)
        if m:
            region = _last_unit(m.group(1))
    if region is None:
        # 我代表市人民政府 (or, with no opening, 我州经济… and 全市… throughout): the city (or province) its body
        # names far more than any other (core/gazetteer.py).
        level = _unnamed_level(head, normalized)
        if level is not None:
            region = named_most(normalized, level)
    if region is None and meeting and "全国人民代表大会" in meeting:
        region = "全国"
    if region is None and (role in ("国务院总理", "总理") or (title and "国务院" in title) or "代表国务院" in head):
        region = "全国"

    # The year: the meeting's date first (portals title a report with the year it reviews:
    # 标题：2018年河北省政府工作报告 above 二〇一九年一月十四日在…会议上), then the title, then the parts
    # (一、2023年工作回顾 reviews the year before the report's, 三、2024年政府工作任务 plans its own year),
    # then how the opening names the year it reviews (a copy of the body only).
    parts = tuple(s.title_norm for s in sections if s.kind == "part" and s.title_norm)
    year = None
    if meeting_date:
        y, mo = int(meeting_date[:4]), int(meeting_date[5:7])
        # A report is given at the start of its year; a December meeting reports on the year ahead.
        year = y + 1 if mo >= 11 else y
    if year is None and title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            year = int(m.group(1))
        elif m := _MONTH_IN_TITLE.search(title):
            year = int(m.group(1)) + (1 if int(m.group(2)) >= 11 else 0)
    if year is None:
        for part in (s for s in sections if s.kind == "part" and s.title_norm):
            m = _PART_YEAR.match(part.title_norm)
            if m:
                reviews = part.period == "review" or "回顾" in part.title_norm
                year = int(m.group(1)) + (1 if reviews else 0)
                break
    if year is None:
        # The opening after 现在，我代表…提出意见。 (the salutation's sentence), else the text's start.
        m = _ON_BEHALF_SENTENCE.search(normalized, 0, 3000)
        start = m.end() if m else 0
        m = _REVIEWED_YEAR.search(normalized, start, start + 600)
        if m:
            year = int(m.group(1) or m.group(2)) + 1
    return ReportMeta(
        title=_original_line(text, title),
        region=region,
        year=year,
        meeting_date=meeting_date,
        meeting=_original_line(text, meeting),
        speaker=speaker,
        speaker_role=role,
        salutation=salutation,
        parts=parts,
    )


def _unnamed_level(head: str, normalized: str) -> str | None:
    """The level ("province", "city") of the government that reports when its name is not given: from
    我代表市人民政府, else from how the text speaks of its own area (全市, 我州); None for a county's."""
    m = _ON_BEHALF_UNNAMED.search(head)
    if m:
        unit = m.group(1)
    else:
        counts = Counter(m.group(1) for m in _SELF_UNIT.finditer(normalized))
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < MIN_SELF_UNIT or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        unit = ranked[0][0]
    if unit in ("省", "自治区"):
        return "province"
    return "city" if unit in ("市", "州", "盟", "地区", None) else None


def _original_line(text: str, normalized_line: str | None) -> str | None:
    # The folded line is good enough to identify; the caller shows the original via sections when needed.
    return normalized_line
