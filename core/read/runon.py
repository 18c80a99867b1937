"""Break run-on text back into paragraphs: pages scraped with their line breaks lost.

Some scraped copies (gov.cn pages saved as text) hold a whole report in a handful of lines tens of
thousands of characters long, where paragraphs were joined with nothing, or with the two ideographic spaces
that indented them (。　　各位代表！), and numbered headings run on from the sentence before
(…厚望。二、2014年工作总体部署…). Without line breaks no heading can be found and the report reads as one
block. In such lines only, a line break goes back before each indent and before each numbered heading
that follows the end of a sentence. Ordinary reports, one paragraph a line, are never touched.
"""

from __future__ import annotations

import re

__all__ = ["split_run_on"]

#: Lines at least this long are run-on text (a national report's longest paragraph is ~1,500 characters).
MIN_RUN_ON = 4000
_CN = "一二三四五六七八九十"
_BREAK_RE = re.compile(
    r"(?<=[。！？；!?;])[ \t\u00a0]*(?:<U\+00A0>)*"
    rf"(?=[\u3000]{{2}}|[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]|第[{_CN}]{{1,3}}部分)"
)


def split_run_on(text: str) -> tuple[str, list[str]]:
    """``text`` with run-on lines broken at paragraph indents and numbered headings, and a note saying so."""
    if len(text) < MIN_RUN_ON or not any(len(line) >= MIN_RUN_ON for line in text.split("\n")):
        return text, []
    breaks = 0
    lines = []
    for line in text.split("\n"):
        if len(line) >= MIN_RUN_ON:
            line, n = _BREAK_RE.subn(lambda m: m.group() + "\n", line)  # nothing of the text is dropped
            breaks += n
        lines.append(line)
    if not breaks:
        return text, []
    return "\n".join(lines), [f"broke {breaks} run-on paragraphs apart (the page had lost its line breaks)"]
