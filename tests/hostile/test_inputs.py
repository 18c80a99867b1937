"""Hostile and odd inputs: the reader keeps the text, repairs what it can, and refuses with a ReadError."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from core.errors import ReadError
from core.read.docx_text import MAX_DOCX_XML_BYTES
from core.read.files import read_bytes, read_source

from . import CONTENT_TYPES, document_xml, make_docx, paragraph_xml

ROOT = Path(__file__).resolve().parents[2]
LINE = "现在，我代表区政府向大会报告工作，请予审议。"


def seed(prefix: str) -> str:
    (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------- characters, lines


def test_nul_bytes_are_removed() -> None:
    data = "各位代表：\n".encode() + b"\x00" + LINE.encode() + b"\x00\x00\n"
    source = read_bytes(data)
    assert source.text == f"各位代表：\n{LINE}\n"
    assert source.notes == ("removed 3 NUL bytes",)


def test_bom_in_the_middle_is_removed() -> None:
    data = "\ufeff各位代表：\n".encode() + "\ufeff".encode() + LINE.encode()
    source = read_bytes(data)
    assert source.text == f"各位代表：\n{LINE}"
    assert source.encoding == "utf-8-sig"
    assert source.notes == ("removed 1 stray byte-order mark (U+FEFF)",)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_become_newlines(newline: str) -> None:
    text = newline.join(["各位代表：", LINE, "", "一、工作回顾", ""])
    assert read_bytes(text.encode("gb18030")).text == "各位代表：\n" + LINE + "\n\n一、工作回顾\n"


def test_mixed_line_ends() -> None:
    assert read_bytes("甲\r\n乙\r丙\n丁\r\r\n".encode()).text == "甲\n乙\n丙\n丁\n\n"


def test_invisible_and_unusual_characters_are_kept() -> None:
    text = (
        "零宽\u200b空格\u200c与\u200d连接\u2060符；表情😀🇨🇳👨‍👩‍👧；"
        "\u200fמימין לשמאל\u200e；全角：ＡＢＣ１２３，（括号）；繁體：東昌區；\u3000缩进；\u00a0不换行空格。"
    )
    source = read_bytes(text.encode())
    assert source.text == text
    assert source.notes == ()


def test_mixed_encodings_line_by_line() -> None:
    data = (
        "各位代表：\n".encode()
        + "现在，我代表区政府向大会报告工作。\n".encode("gbk")
        + "一、2022年工作回顾\n".encode()
        + "這一年，我們千方百計穩增長。\n".encode("big5")
        + "二、2023年工作安排\n".encode()
    )
    source = read_bytes(data)
    assert source.text == (
        "各位代表：\n现在，我代表区政府向大会报告工作。\n一、2022年工作回顾\n"
        "這一年，我們千方百計穩增長。\n二、2023年工作安排\n"
    )
    assert source.encoding == "utf-8"
    assert source.notes == ("2 lines not valid UTF-8; decoded as GB18030 (1) and BIG5 (1)",)


def test_gbk_file_with_a_few_utf8_lines() -> None:
    gbk_lines = "".join(f"第{i}段，继续推进改革开放，加快建设现代化经济体系。\n" for i in range(20))
    data = gbk_lines.encode("gbk") + "附：标注为UTF-8的一行。\n".encode()
    source = read_bytes(data)
    assert source.text == gbk_lines + "附：标注为UTF-8的一行。\n"
    assert source.encoding == "gb18030"
    assert source.notes == ("decoded 1 line as UTF-8, the rest as GB18030",)


def test_invalid_utf8_in_the_middle() -> None:
    good = seed("000")
    k = good.index("营")  # a three-byte character in the middle
    data = bytearray(good.encode())
    data[len(good[:k].encode())] = 0xFF  # its lead byte: all three bytes become undecodable
    source = read_bytes(bytes(data))
    assert source.encoding == "utf-8"
    assert source.text == good[:k] + "\ufffd" * 3 + good[k + 1 :]
    assert source.notes == ("3 undecodable bytes replaced with U+FFFD",)


def test_damaged_gbk_file_still_reads() -> None:
    text = seed("001")
    data = text.encode("gbk")
    cut = len(text[:500].encode("gbk"))  # between two characters
    damaged = data[:cut] + b"\xff" + data[cut:]
    source = read_bytes(damaged)
    assert source.encoding == "gb18030"
    assert source.text.count("\ufffd") == 1
    assert source.text.replace("\ufffd", "") == text


def test_utf16_with_odd_length_does_not_crash() -> None:
    data = b"\xff\xfe" + "各位代表：".encode("utf-16-le") + b"\x41"
    source = read_bytes(data)
    assert source.text.startswith("各位代表：")


def test_control_heavy_data_is_binary() -> None:
    with pytest.raises(ReadError, match="looks like binary data"):
        read_bytes(b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 50)


def test_escape_sequences_do_not_make_text_binary() -> None:
    text = "各位代表：\x1b[31m红色\x1b[0m\t制表\x0c换页\n"
    assert read_bytes(text.encode()).text == text


# ----------------------------------------------------------------------------------------------------- HTML


def test_hostile_html() -> None:
    page = """<!doctype html>
<html><head><title>无关的标题</title>
<style>body { font: 12px; } p::after { content: "样式文字"; }</style>
<script>document.write("<p>脚本文字</p>"); if (a < b && c > d) {}</script>
<link rel=stylesheet href=x.css><meta name="x" content="元数据">
</head>
<body onload="alert('x')">
<h1>政府工作报告</h1>
<noscript><p>请启用JavaScript</p></noscript>
<iframe src="https://example.com">框架内容</iframe>
<template><p>模板内容</p></template>
<p>各位代表：</p>
<p>现在&#65292;我代表&nbsp;区政府 &amp; 向大会&lt;报告&gt;工作&#x3002;</p>
<p>未闭合的<b>粗体<i>斜体</p>
<div>标签</span>错位</div></div>
<p>断开的<a href="x"
>链接</a>文字</p>
<svg><text>矢量图文字</text></svg>
<!-- 注释文字 -->
<script>never closed
"""
    source = read_bytes(page.encode(), "page.html")
    assert source.format == "html"
    assert source.text.split("\n") == [
        "政府工作报告",
        "各位代表：",
        "现在，我代表\u00a0区政府 & 向大会<报告>工作。",
        "未闭合的粗体斜体",
        "标签错位",
        "断开的链接文字",
    ]


def test_deeply_nested_html() -> None:
    page = "<html><body>" + "<div>" * 5000 + "深处的文字" + "</div>" * 5000 + "</body></html>"
    assert read_bytes(page.encode()).text == "深处的文字"


def test_html_entity_soup() -> None:
    page = "<html><body><p>&amp &lt &gt &#0; &#xD800; &#99999999; &bogus; &copy;</p></body></html>"
    source = read_bytes(page.encode())
    assert source.text.startswith("& < >")
    assert "&bogus;" in source.text and "©" in source.text


# ----------------------------------------------------------------------------------------------------- docx


def test_docx_zip_bomb_is_refused_before_expanding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            for _ in range(200):  # 200 MB of zeros, streamed: never in memory at once
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(ReadError) as excinfo:
        read_source(path)
    assert time.perf_counter() - start < 1.0
    assert (
        excinfo.value.problem
        == "refused .docx: word/document.xml would expand to 200.0 MB, the limit is 64 MB"
    )


def test_docx_with_absurd_compression_ratio_is_refused() -> None:
    body = paragraph_xml("各位代表：") + "<w:p/>" * 1_000_000  # 6 MB of repeats: compresses ~1000:1
    data = make_docx(document=document_xml(body))
    assert len(document_xml(body)) < MAX_DOCX_XML_BYTES
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data, "x.docx")
    assert excinfo.value.problem.startswith("refused .docx: word/document.xml is compressed")


def test_docx_whose_sizes_lie_is_bounded() -> None:
    # Headers claim 10 bytes for a longer document.xml: zipfile stops at the claim and checks the CRC.
    data = bytearray(make_docx(["各位代表：" * 100]))
    name = b"word/document.xml"
    for signature, name_offset, size_offset in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        start = data.find(signature)
        while start != -1:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                data[start + size_offset : start + size_offset + 4] = (10).to_bytes(4, "little")
            start = data.find(signature, start + 4)
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").file_size == 10
    with pytest.raises(ReadError) as excinfo:
        read_bytes(bytes(data), "x.docx")
    assert excinfo.value.problem.startswith("corrupt .docx (")


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + b"garbage" * 100)
    with pytest.raises(ReadError) as excinfo:
        read_source(path)
    assert excinfo.value.problem == "corrupt .docx (not a valid zip)"


def test_damaged_docx_member() -> None:
    data = bytearray(make_docx(["各位代表：" * 200]))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    data[start + 20 : start + 40] = b"\xff" * 20  # inside the deflated stream
    with pytest.raises(ReadError) as excinfo:
        read_bytes(bytes(data), "x.docx")
    assert excinfo.value.problem.startswith("corrupt .docx")


def test_docx_table_text_is_kept() -> None:
    data = make_docx(
        ["主要指标"],
        table=[
            ["项目", "完成", "增长"],
            ["地区生产总值", "135亿元", "5.2%"],
            ["财政收入", "9.8亿元", "3.1%"],
        ],
    )
    assert (
        read_bytes(data).text
        == "主要指标\n项目\t完成\t增长\n地区生产总值\t135亿元\t5.2%\n财政收入\t9.8亿元\t3.1%"
    )


def test_deeply_nested_docx_is_a_read_error_or_text() -> None:
    body = "<w:sdt><w:sdtContent>" * 3000 + paragraph_xml("深处") + "</w:sdtContent></w:sdt>" * 3000
    try:
        source = read_bytes(make_docx(document=document_xml(body)))
    except ReadError:
        return
    assert source.text == "深处"


# ------------------------------------------------------------------------------------------ paths, sizes


def test_path_with_spaces_and_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "政府 工作 报告"
    folder.mkdir()
    path = folder / "2023年 东昌区 报告.txt"
    path.write_text(seed("000"), encoding="utf-8")
    source = read_source(path)
    assert source.path == str(path)
    assert source.text == seed("000")


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="is a directory, not a report"):
        read_source(tmp_path)
    with pytest.raises(ReadError, match="no such file"):
        read_source(tmp_path / "没有 这个 文件.txt")
    with pytest.raises(ReadError, match="no such file"):
        read_source(tmp_path / "a" / "b.txt")


def test_one_megabyte_single_line() -> None:
    text = "发展经济保障民生推进改革" * (1024 * 1024 // 36)
    assert len(text.encode()) > 1_000_000
    source = read_bytes(text.encode())
    assert source.text == text
    assert source.notes == ()


@pytest.mark.slow
def test_twenty_megabytes_read_quickly(tmp_path: Path) -> None:
    block = "\n".join(seed(p) for p in ("000", "001", "003", "004")) + "\n"
    text = block * (20 * 1024 * 1024 // len(block.encode()) + 1)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 20 * 1024 * 1024
    start = time.perf_counter()
    source = read_source(path)
    elapsed = time.perf_counter() - start
    assert source.text == text
    assert elapsed < 5.0, f"{elapsed:.2f} s for {len(text) / 1e6:.1f} M chars"


@pytest.mark.slow
def test_twenty_megabytes_of_gbk_read_in_reasonable_time() -> None:
    block = "\n".join(seed(p) for p in ("000", "001", "003", "004")) + "\n"
    text = block * (20 * 1024 * 1024 // len(block.encode("gbk")) + 1)
    start = time.perf_counter()
    source = read_bytes(text.encode("gbk"))
    assert time.perf_counter() - start < 10.0
    assert source.text == text


# ------------------------------------------------------------------------------------ HTML at the limits


class _CountingList(list):  # type: ignore[type-arg]
    """A stack that counts the elements its membership tests and pops go through."""

    visited = 0

    def __contains__(self, item: object) -> bool:
        _CountingList.visited += len(self)
        return list.__contains__(self, item)

    def pop(self, *args: int) -> str:
        _CountingList.visited += 1
        return list.pop(self, *args)  # type: ignore[no-any-return]


def _html_work(html: str) -> int:
    from core.read import html_text

    class Counted(html_text._TextExtractor):
        def __init__(self) -> None:
            super().__init__()
            self._hidden = _CountingList()

    _CountingList.visited = 0
    parser = Counted()
    parser.feed(html)
    parser.close()
    assert parser.lines == ["各位代表："]
    return _CountingList.visited


def test_unmatched_end_tags_inside_a_hidden_element_cost_linear_work() -> None:
    """<svg>×n then </x>×n: each end tag asked whether </x> closes an open element by scanning them all
    (900 KB took 130 s)."""

    def page(n: int) -> str:
        return "<html><body><p>各位代表：</p>" + "<svg>" * n + "</x>" * n + "</svg>" * n + "</body></html>"

    small, large = _html_work(page(2_000)), _html_work(page(8_000))
    assert large <= 4.5 * small, (small, large)  # 4× the tags: 4× the work (it was 16×)
    assert large <= 3 * 8_000


# ------------------------------------------------------------------------------- inputs that could hang


def _finishes(fn, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    """``fn()``'s result, run in a thread that must finish (a guard against hanging the suite, not a timing)."""
    import threading

    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the test
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "it hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def test_a_fifo_nothing_writes_to_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError) as excinfo:
        _finishes(lambda: read_source(fifo))
    assert excinfo.value.problem == "is a named pipe (FIFO) that nothing writes to"


def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    data = ("各位代表：\n" + LINE + "\n").encode()
    opened = threading.Event()

    def write() -> None:
        fd = os.open(fifo, os.O_WRONLY)  # waits for the reader
        opened.set()
        os.write(fd, data[:10])
        threading.Event().wait(0.3)  # a pause between two pieces
        os.write(fd, data[10:])
        os.close(fd)

    threading.Thread(target=write, daemon=True).start()

    def read() -> str:
        import time

        while True:  # (the writer can only open once the reader has)
            try:
                return read_source(fifo).text
            except ReadError as exc:
                if "nothing writes" not in str(exc):
                    raise
                time.sleep(0.05)

    assert _finishes(read) == data.decode()


def test_the_cli_refuses_a_fifo_in_one_line(tmp_path: Path) -> None:
    import os

    from .cli import one_line_error, reportdiff

    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    line = one_line_error(reportdiff("outline", str(fifo), timeout=60))
    assert line.endswith("is a named pipe (FIFO) that nothing writes to")


def test_just_over_the_size_limit_says_so_in_bytes(tmp_path: Path) -> None:
    from core.read.files import MAX_INPUT_BYTES

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(ReadError) as excinfo:
        read_source(big)
    assert excinfo.value.problem == "too large: 33,554,433 bytes, the limit is 33,554,432 bytes (32 MB)"
    with open(big, "wb") as fh:
        fh.truncate(40 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"too large: 40\.0 MB, the limit is 32 MB"):
        read_source(big)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_and_one_odd_byte_is_read(codec: str) -> None:
    text = ("各位代表：\n现在，我代表区政府向大会报告2023年工作，请予审议。\n全年新增就业2000人，增长5.2%。\n") * 5
    source = read_bytes(text.encode(codec) + b"\x41")
    assert source.encoding == codec
    assert source.text == text + "\ufffd"
    assert "1 trailing byte (half a code unit) replaced with U+FFFD" in source.notes


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_docx_with_a_doctype_in_utf16_is_refused(codec: str) -> None:
    body = paragraph_xml("各位代表：") + "<w:p><w:r><w:t>&big;</w:t></w:r></w:p>"
    header = f'<?xml version="1.0" encoding="{codec.upper()}"?>'
    doctype = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY big "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    xml = header + doctype + document_xml(body).split("?>", 1)[1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", xml.encode(codec))
    with pytest.raises(ReadError, match="declares a DOCTYPE; refused"):
        read_bytes(buffer.getvalue(), "x.docx")
