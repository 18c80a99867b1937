"""Hostile inputs for the reading layer, and a helper that builds small .docx files for tests."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def paragraph_xml(text: str) -> str:
    """A w:p for ``text``; a tab in the text becomes <w:tab/>, a newline <w:br/>."""
    runs: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                runs.append("<w:tab/>")
            if part:
                runs.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return f"<w:p><w:r>{''.join(runs)}</w:r></w:p>"


def table_xml(rows: Sequence[Sequence[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{paragraph_xml(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr/>{cells}</w:tbl>"


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def make_docx(
    paragraphs: Sequence[str] = (),
    table: Sequence[Sequence[str]] | None = None,
    after: Sequence[str] = (),
    *,
    document: str | None = None,
) -> bytes:
    """A minimal .docx: paragraphs, an optional table, more paragraphs (or a ready ``document`` XML)."""
    if document is None:
        body = "".join(paragraph_xml(p) for p in paragraphs)
        if table is not None:
            body += table_xml(table)
        body += "".join(paragraph_xml(p) for p in after)
        document = document_xml(body)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()
