"""Repair what scraping a government or portal web page leaves in a report's text.

Seen in the county and city reports scraped from portal sites (中国县域 and the like):

- **literal line breaks**: the page's line breaks stored as the four characters ``\\r\\n`` (a whole report
  on one line, paragraphs separated by the escape), and HTML entities left in (``&nbsp;``);
- **a 内容摘要 teaser**: the first ~150 characters of the report, run together on one line after
  "内容摘要：", before the report itself: noticed and said, not dropped (see ``teaser_note``);
- **the site's navigation after the report**: 分享到/上一篇/相关文章/本栏最新/标签… link lists.

Each repair changes only what is certainly page furniture, says what it did in a note, and leaves the
report's own text as it was: an occurrence of a heading counted from the start of the text (how labelled
anchors name a section) stays the same occurrence. Where the page holds something else after the navigation (a glossary with
long entries), nothing is dropped.
"""

from __future__ import annotations

import html
import re

__all__ = ["drop_site_navigation", "literal_line_breaks", "teaser_note"]

#: The escapes that stand for a line break in text saved from a page's source.
_LITERAL_BREAK_RE = re.compile(r"\\r\\n|\\n|\\r")
#: At least this many: one "\n" in a report can be a path or a quotation, a dozen is a lost line break.
MIN_LITERAL_BREAKS = 3
_ENTITY_RE = re.compile(r"&(?:nbsp|ensp|emsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|#\d{2,6}|#x[0-9a-fA-F]{2,5});")

_TEASER_LABEL_RE = re.compile(r"^[ \t\u3000]*内容(?:摘要|提要|简介)[:：]?[ \t\u3000]*")
_TEASER_END_RE = re.compile(r"(?:\.{3,}|…+|。{3,})[ \t\u3000]*$")
_NOT_WORDS_RE = re.compile(r"[\s?？\u00a0\u3000]|&nbsp;")

#: Lines that start a portal's navigation after the report (a share bar, neighbour and related links,
#: tag lists, disclaimers).
_NAVIGATION_RE = re.compile(
    r"^[ \t\u3000]*(?:分享到|上一篇|下一篇|上一页|下一页|责任编辑|相关文章|相关阅读|相关新闻|相关评论|本栏最新|本栏推荐|阅读排行|热门文章|"
    r"标签云|标签[:：]|免责声明|扫一扫|【?打印本页|【?关闭窗口|返回顶部)"
)
#: A glossary entry: 【1】…, [1]…, 〔1〕…, 1.…
_NOTE_ENTRY_RE = re.compile(r"^[ \t\u3000]*(?:[\[［〔【(（]\s*\d{1,3}\s*[\]］〕】)）]|\d{1,3}[.、．])")
#: A line this long with a full stop is prose (a glossary entry, a paragraph), not navigation.
_PROSE = 60


def literal_line_breaks(text: str) -> tuple[str, list[str]]:
    """Turn literal ``\\r\\n`` escapes back into line breaks, and decode HTML entities left in such text."""
    notes: list[str] = []
    breaks = len(_LITERAL_BREAK_RE.findall(text))
    if breaks >= MIN_LITERAL_BREAKS:
        text = _LITERAL_BREAK_RE.sub("\n", text)
        notes.append(f"turned {breaks} literal \\r\\n escapes into line breaks (the page source's line ends)")
    entities = _ENTITY_RE.findall(text)
    if entities:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
        shown = " ".join(sorted(set(entities))[:4])
        notes.append(f"decoded {len(entities)} HTML entit{'y' if len(entities) == 1 else 'ies'} left in the text ({shown})")
    return text, notes


def teaser_note(text: str) -> tuple[str, list[str]]:
    """Notice a 内容摘要 teaser that repeats the report's opening. It is kept, like every word of the
    report's front matter: what a user (or a labelled anchor such as ``["一、2021年工作回顾", 2]``) finds
    in the text must stay where it was; the note says why the opening shows twice."""
    lines = text.split("\n")
    for i in range(min(len(lines), 40)):
        m = _TEASER_LABEL_RE.match(lines[i])
        if not m:
            continue
        j = i if lines[i][m.end() :].strip() else i + 1
        if j >= len(lines):
            return text, []
        teaser = lines[j][m.end() :] if j == i else lines[j]
        words = _NOT_WORDS_RE.sub("", _TEASER_END_RE.sub("", teaser))
        rest = _NOT_WORDS_RE.sub("", "\n".join(lines[j + 1 : j + 201]))
        if len(words) < 20 or words[:40] not in rest[:5000]:
            return text, []
        return text, [
            "the 内容摘要 teaser before the report repeats its opening (kept in the front matter: its words "
            "and figures show twice there)"
        ]
    return text, []


def drop_site_navigation(text: str) -> tuple[str, list[str]]:
    """Drop a portal's navigation after the report: from the first navigation line in the last half of
    the text to the end, when what follows is navigation too (at most a disclaimer's two sentences of
    prose, and no glossary entry)."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    half = len(text) // 2
    prose = [len(line.strip()) >= _PROSE and bool(re.search(r"[。；！？]", line)) for line in lines]
    entry = [bool(_NOTE_ENTRY_RE.match(line)) for line in lines]
    after_prose = [0] * (len(lines) + 1)  # prose lines from i to the end
    after_entry = [False] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        after_prose[i] = after_prose[i + 1] + prose[i]
        after_entry[i] = after_entry[i + 1] or entry[i]
    for i, line in enumerate(lines):
        if offsets[i] < half or not _NAVIGATION_RE.match(line):
            continue
        if after_prose[i + 1] <= 2 and not after_entry[i + 1]:
            dropped = sum(1 for rest in lines[i:] if rest.strip())
            kept = "\n".join(lines[:i]).rstrip("\n")
            notes = [f"dropped {dropped} lines of the web site's navigation after the report ({line.strip()[:8]}…)"]
            pages = _pager_pages(lines[i:])
            if pages:
                notes.append(f"the page ends with a pager (1 … {pages} 下一页): this file holds one page of the "
                             f"report, the rest is on the site's other pages")
            return kept, notes
    return text, []


def _pager_pages(lines: list[str]) -> int:
    """The last page number of a pager (上一页 1 2 3 4 下一页, a line each or on one line) among ``lines``;
    0 when they hold none."""
    if not any("下一页" in line for line in lines):
        return 0
    numbers = [int(n) for line in lines for n in re.findall(r"(?<!\d)\d{1,3}(?!\d)", line)
               if re.fullmatch(r"[\d\s上下一页首尾末]+", line.strip())]
    return max(numbers) if numbers and max(numbers) >= 2 else 0
