"""Remove the note markers a report sets after a term that its glossary explains: 〔1〕 [1] ［1］ ^[1] 【1】.

Reports with a 名词解释 glossary mark each explained term in the text, "“六稳” ［4］ 工作", "“四上”企业^[4]".
The marker is neither a figure (it would be extracted as "4") nor part of a heading ("三、坚持“抓好两端，
畅通中间”[12]"), and it breaks the comparison of two years' wording. Markers inside lines are removed
with the spaces that pad them; a marker that starts a line is a glossary entry's number and stays, so the
glossary still says which note is which.
"""

from __future__ import annotations

import re

__all__ = ["drop_note_markers"]

_MARKER_RE = re.compile(
    r"[ \u00a0]*\^?(?:\[\s*\d{1,3}\s*\]|［\s*\d{1,3}\s*］|〔\s*\d{1,3}\s*〕|【\s*\d{1,3}\s*】)[ \u00a0]*"
)
_LATIN_RE = re.compile(r"[A-Za-z0-9]")


def drop_note_markers(text: str) -> tuple[str, list[str]]:
    """``text`` without inline note markers, and a note saying how many went."""
    if not any(c in text for c in "[［〔【"):
        return text, []
    count = 0

    def strip_line(line: str) -> str:
        nonlocal count

        def replace(m: re.Match[str]) -> str:
            nonlocal count
            if not line[: m.start()].strip():
                return m.group()  # the line's start: a glossary entry's own number
            count += 1
            before = line[m.start() - 1]
            after = line[m.end()] if m.end() < len(line) else ""
            # Between two Latin words or numbers the padding stays as one space ("GDP [2] grew").
            padded = m.group()[:1] in " \u00a0" or m.group()[-1:] in " \u00a0"
            return " " if padded and _LATIN_RE.match(before) and _LATIN_RE.match(after) else ""

        return _MARKER_RE.sub(replace, line)

    out = "\n".join(strip_line(line) for line in text.split("\n"))
    if not count:
        return text, []
    return out, [f"removed {count} note marker{'s' if count != 1 else ''} ([1], 〔1〕, 【1】…) after explained terms"]
