"""The same report saved as GB18030, Big5, UTF-16, HTML and .docx gives the same outline as the UTF-8 text."""

from __future__ import annotations

import html
import re

import pytest
from conftest import seed_text
from hostile import make_docx

from core.read.files import read_bytes
from core.report import report_from_source, report_from_text


def outline_of(report):
    return [(s.kind, s.level, s.label, s.title, s.children and len(s.children)) for s in report.walk()]


def as_html(text: str) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>p{margin:0}</style>"
        f"<script>var a='一、假标题';</script></head><body><div class='content'>{body}</div>"
        "<script>document.write('(九)假标题')</script></body></html>"
    )
    return page.encode("utf-8")


@pytest.mark.parametrize("prefix", ["000", "003"])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings_give_the_same_outline(prefix, encoding):
    text = seed_text(prefix)
    expected = outline_of(report_from_text(text))
    got = report_from_source(read_bytes(text.encode(encoding), f"{prefix}.txt"))
    assert outline_of(got) == expected


def test_big5_002_gives_the_same_outline():
    # Big5 cannot hold the pinyin annotations' tone marks: compare the text without them, both ways.
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", seed_text("002"))
    lines = [ln for ln in text.split("\n") if _encodes(ln, "big5")]
    text = "\n".join(lines)
    expected = outline_of(report_from_text(text))
    got = report_from_source(read_bytes(text.encode("big5"), "002.txt"))
    assert got.encoding.startswith("big5")
    assert outline_of(got) == expected
    assert [s.label for s in got.sections if s.kind == "part"] == ["一、", "二、", "三、"]


def _encodes(line: str, encoding: str) -> bool:
    try:
        line.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_html_gives_the_same_outline(prefix):
    text = seed_text(prefix)
    got = report_from_source(read_bytes(as_html(text), f"{prefix}.html"))
    assert got.format == "html"
    assert outline_of(got) == outline_of(report_from_text(text))


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_docx_gives_the_same_outline(prefix):
    text = seed_text(prefix)
    expected = outline_of(report_from_text(text))
    got = report_from_source(read_bytes(make_docx(text.split("\n")), f"{prefix}.docx"))
    assert got.format == "docx"
    assert outline_of(got) == expected
