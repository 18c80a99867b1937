"""Hostile file names and report text, written into a test's own temporary directory."""

from __future__ import annotations

import os
from pathlib import Path

#: File names that try to act on the terminal, the app's markup, a spreadsheet or a CSV row.
NAMES = {
    "osc52": "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\clip.txt",  # sets the clipboard to "echo pwned"
    "title": "\x1b]0;pwned\x07title.txt",
    "clear": "\x1b[2J\x1b[31mred\x9b2J.txt",
    "markup": "[@click=app.quit]x[b]bold.txt",
    "html": "<img src=x onerror=alert(1)>.txt",
    "formula": "=HYPERLINK(\"http:evil\",\"x\")+1.txt",
    "cr": "a\rb,c\"d.txt",
    "bidi": "\u202etxt.exe\u202c.txt",
}

#: A report whose text holds escape sequences, markup, HTML and formulas where labels and figures are read.
TEXT = (
    "\x1b]0;pwned\x07政府工作报告\n"
    "一、\x1b[2J总体要求\n"
    "=alert>地区生产总值增长5.2%，\x07居民收入增长3%，居民收入@增长4%，调查[/bold]失业率5.5%左右。\n"
    "二、<img src=x onerror=alert(1)>重点工作\n"
    "新增[就业](javascript:alert(1))2000人，@SUM(A1)投资10亿元，+1+2项目30个，-3-4工程5个。\n"
)


def hostile_file(directory: Path, key: str, text: str = TEXT) -> Path:
    path = directory / NAMES[key]
    path.write_text(text, encoding="utf-8")
    return path


def undecodable_file(directory: Path, text: str = TEXT) -> bytes:
    """A report whose name is not UTF-8 (bytes 0xFF 0xFE): returned as the bytes of its path."""
    name = os.fsencode(directory) + b"/\xff\xfe-report.txt"
    with open(name, "wb") as fh:
        fh.write(text.encode("utf-8"))
    return name
