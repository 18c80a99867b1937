"""Reading old Word files (.doc): the same report as .doc and as .txt gives the same outline."""

from __future__ import annotations

import struct

import pytest
from conftest import seed_text
from doc_builder import SECTOR, make_doc, make_ole, word_streams

from core.errors import ReadError
from core.read.files import read_bytes
from core.report import report_from_source, report_from_text


def outline_of(report):
    return [(s.kind, s.level, s.label, s.title, len(s.children)) for s in report.walk()]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("split", [True, False], ids=["mixed pieces", "one piece"])
def test_doc_gives_the_text_and_outline_of_the_txt(prefix, split):
    text = seed_text(prefix).rstrip("\n")
    source = read_bytes(make_doc(text.split("\n"), split_pieces=split), f"{prefix}.doc")
    assert (source.format, source.encoding) == ("doc", "word-97")
    assert source.text == text
    assert outline_of(report_from_source(source)) == outline_of(report_from_text(text))


def test_word_marks_become_text():
    paragraphs = [
        "一、2023年工作回顾\x13 PAGE \\* MERGEFORMAT \x143\x15",  # a field: its result stays, its code goes
        "指标\x07目标\x07\x07增长\x075%\x07\x07",  # a table: cells, row ends
        "第一行\x0b第二行",  # a soft line break (Shift+Enter)
        "脚注\x02标记与图片\x01锚点",  # footnote reference and object anchors
        "链接\x13 HYPERLINK \"http://x\" \x13 INNER \x14\x15\x14显示文字\x15结束",  # nested fields
    ]
    text = read_bytes(make_doc(paragraphs), "marks.doc").text
    assert text.split("\n") == [
        "一、2023年工作回顾3",
        "指标\t目标",
        "增长\t5%",
        "",
        "第一行",
        "第二行",
        "脚注标记与图片锚点",
        "链接显示文字结束",
    ]


def test_footnotes_are_said_to_be_left_out():
    source = read_bytes(make_doc(["正文。"], ccp_ftn=12), "x.doc")
    assert source.notes == ("the document's footnotes were left out (only the main text is read)",)


def _problem(data: bytes) -> str:
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data, "x.doc")
    assert "\n" not in str(excinfo.value)
    return excinfo.value.problem


def _broken_fat() -> bytes:
    data = bytearray(make_doc(["一、工作回顾", "正文。"]))
    fat = SECTOR  # the first FAT sector follows the header
    for i in range(3, SECTOR // 4):  # every chain points back into itself or out of the file
        struct.pack_into("<I", data, fat + 4 * i, 0x7FFFFFF0 if i % 2 else 3)
    return bytes(data)


def _fat_loop() -> bytes:
    data = bytearray(make_doc(["正文。"]))
    fat = SECTOR
    first_stream_sector = 2  # FAT, directory, then the WordDocument stream
    struct.pack_into("<I", data, fat + 4 * (first_stream_sector + 1), first_stream_sector)  # a cycle
    return bytes(data)


def _huge_stream_size() -> bytes:
    data = bytearray(make_doc(["正文。"]))
    directory = SECTOR * 2
    struct.pack_into("<Q", data, directory + 128 + 120, 1 << 40)  # WordDocument claims a terabyte
    return bytes(data)


def _flags(value: int) -> bytes:
    word, table = word_streams("正文。\r", flags=value)
    return make_ole([("WordDocument", word), ("1Table", table)])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_flags(0x0200 | 0x0100), "is a password-protected .doc; open it with its password and save an unprotected copy"),
        (make_doc(["正文。"], nfib=0x0065), "is a Word 6/95 file; save it as .docx (or Word 97–2003 .doc) and open that"),
        (make_ole([("Workbook", b"\x09\x08" * 100)]), "is an Excel 97–2003 workbook, not a Word document; save the report as .docx or .txt"),
        (make_ole([("Other", b"x" * 10)]), "is an OLE file without a Word document in it; save the report as .docx or .txt"),
        (_flags(0x0000), "corrupt .doc (no 0Table stream)"),
        (make_doc(["正文。"])[:1500], "corrupt .doc (its WordDocument stream claims 4,096 bytes, more than the file)"),
    ],
    ids=["encrypted", "word 95", "excel", "other ole", "no table stream", "truncated"],
)
def test_refusals(data, message):
    assert _problem(data) == message


@pytest.mark.parametrize("build", [_broken_fat, _fat_loop, _huge_stream_size], ids=["broken FAT", "FAT loop", "huge size"])
def test_damaged_containers_are_one_line_errors(build):
    assert _problem(build()).startswith("corrupt .doc (")
