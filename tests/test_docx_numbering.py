"""A .docx whose headings get their 一、 and （一） from Word's list numbering (numbering.xml), directly or
through a heading style: the numbers are written out, so the headings are still headings."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from hostile import CONTENT_TYPES, W_NS

from core.read.files import read_bytes
from core.report import report_from_source, report_from_text

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
  <w:style w:type="paragraph" w:styleId="Part"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def numbered(text: str, *, ilvl: int | None = None, style: str | None = None, num_id: int = 1) -> str:
    props = ""
    if style:
        props = f'<w:pStyle w:val="{style}"/>'
    if ilvl is not None:
        props += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx(paragraphs: list[str]) -> bytes:
    body = "".join(paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", NUMBERING)
        archive.writestr("word/styles.xml", STYLES)
    return buffer.getvalue()


EXPECTED = (
    "各位代表：\n一、2023年工作回顾\n过去一年，经济稳中有进。\n（一）产业升级。\n新增企业120家。\n（二）民生改善。\n"
    "就业稳定。\n二、2024年工作安排\n（一）扩大内需。\n1.促进消费。\n2.扩大投资。\n（二）深化改革。\n要点\n"
    "各位代表！让我们团结奋斗！"
)


def test_word_list_numbers_are_written_out_and_headings_stay_headings():
    paragraphs = [
        numbered("各位代表："),
        numbered("2023年工作回顾", ilvl=0),
        numbered("过去一年，经济稳中有进。"),
        numbered("产业升级。", ilvl=1),
        numbered("新增企业120家。"),
        numbered("民生改善。", ilvl=1),
        numbered("就业稳定。"),
        numbered("2024年工作安排", style="Part"),  # numbered through its style; (一) restarts below it
        numbered("扩大内需。", ilvl=1),
        numbered("促进消费。", ilvl=2),
        numbered("扩大投资。", ilvl=2),
        numbered("深化改革。", ilvl=1),
        numbered("要点", ilvl=0, num_id=2),  # a bullet: no number
        numbered("各位代表！让我们团结奋斗！"),
    ]
    source = read_bytes(docx(paragraphs), "numbered.docx")
    assert source.text == EXPECTED
    outline = [(s.label, s.title) for s in report_from_source(source).walk() if s.kind == "part"]
    assert outline == [(s.label, s.title) for s in report_from_text(EXPECTED).walk() if s.kind == "part"]
    assert [label for label, _ in outline] == ["一、", "(一)", "(二)", "二、", "(一)", "1.", "2.", "(二)"]
