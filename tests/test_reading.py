"""Reading layer: encodings, formats (text, HTML, .docx), standard input and every refusal message."""

from __future__ import annotations

import codecs
import html
import io
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ReadError
from core.read.decoding import decode, decode_detailed
from core.read.files import MAX_INPUT_BYTES, read_bytes, read_source
from core.read.source import Source

try:  # the helper lives in tests/hostile; how it is importable depends on pytest's import mode
    from hostile import make_docx, table_xml
except ImportError:  # pragma: no cover
    from tests.hostile import make_docx, table_xml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def big5_part_of_seed_002() -> str:
    """Seed 002 without its pinyin annotations (區(qū) → 區), keeping the lines Big5 can encode."""
    text = re.sub(r"\([a-zA-Z\u00c0-\u024f]+\)", "", seed("002"))
    lines = []
    for line in text.split("\n"):
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- encodings

ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-32-le BOM": lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"),
    "utf-32-be BOM": lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"),
    "utf-16-le no BOM": lambda t: t.encode("utf-16-le"),
    "utf-16-be no BOM": lambda t: t.encode("utf-16-be"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_seed_000_in_every_encoding_reads_the_same(name: str) -> None:
    text = seed("000")
    source = read_bytes(ENCODINGS[name](text), "seed.txt")
    assert source.text == text
    assert source.format == "text"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gb18030", "gb18030"),
        ("utf-8 BOM", "utf-8-sig"),
        ("utf-16-le BOM", "utf-16-le"),
        ("utf-16-be BOM", "utf-16-be"),
    ],
)
def test_encoding_is_named(name: str, expected: str) -> None:
    assert read_bytes(ENCODINGS[name](seed("000"))).encoding == expected


def test_decode_returns_text_and_encoding() -> None:
    text = seed("001")
    assert decode(text.encode("gb18030"), "x") == (text, "gb18030")
    assert decode(text.encode("utf-8"), "x") == (text, "utf-8")


def test_big5_traditional_seed_decodes_as_big5() -> None:
    text = big5_part_of_seed_002()
    assert len(text) > 5000  # most of the seed survives the filter
    data = text.encode("big5", errors="strict")
    assert data.decode("gb18030", errors="replace") != text  # GB18030 alone would get it wrong
    decoded, encoding = decode(data, "x")
    assert (decoded, encoding) == (text, "big5")


@pytest.mark.parametrize("line", ["各位代表：", "政府工作報告", "一、2022年工作回顧", "區長 黃正杰"])
def test_short_big5_lines(line: str) -> None:
    assert read_bytes(line.encode("big5")).text == line


@pytest.mark.parametrize("line", ["各位代表：", "政府工作报告", "一、", "区长 黄正杰"])
def test_short_gbk_lines(line: str) -> None:
    assert read_bytes(line.encode("gbk")).text == line


@needs_corpus
@pytest.mark.corpus
def test_raw_gbk_corpus_files_equal_their_utf8_copies() -> None:
    raws = sorted((CORPUS / "raw").glob("*.gbk.txt"))
    assert raws
    for raw in raws:
        name = raw.name.replace(".gbk.txt", ".txt")
        copy = CORPUS / name if (CORPUS / name).exists() else CORPUS / "variants" / name
        source, utf8 = read_source(raw), read_source(copy)
        assert source.encoding == "gb18030", raw.name
        # The same text, with the same repairs (a run-on scrape is broken into paragraphs in both).
        assert source.text == utf8.text, raw.name
        assert source.notes == utf8.notes, raw.name
        assert source.text.replace("\n", "") == copy.read_text(encoding="utf-8").replace("\n", ""), raw.name


# --------------------------------------------------------------------------------------------------- HTML


def html_page(paragraphs: list[str]) -> str:
    body = []
    for i, paragraph in enumerate(paragraphs):
        escaped = html.escape(paragraph, quote=False)
        if i % 3 == 0:  # some characters as numeric references too
            escaped = escaped.replace("发展", "&#21457;&#x5C55;").replace("發展", "&#30332;&#x5C55;")
        body.append(f'<p class="para">{escaped}</p>\n')
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><style>p { color: red; }</style>"
        '<script>var x = "<p>不可见</p>"; if (a < b) {}</script></head>\n<body>\n'
        + "".join(body[:2])
        + "<div><b>broken <i>markup</div></span>\n"  # unclosed and stray tags
        + "".join(body[2:])
        + "<script type='text/javascript'>document.write('隐藏');</script></body></html>"
    )


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_html_page_gives_the_seed_paragraphs(prefix: str) -> None:
    paragraphs = [line for line in seed(prefix).split("\n") if line.strip()]
    source = read_bytes(html_page(paragraphs).encode("utf-8"), "page.html")
    assert source.format == "html"
    lines = source.text.split("\n")
    assert "broken markup" in lines
    lines.remove("broken markup")
    assert lines == paragraphs
    assert "不可见" not in source.text and "隐藏" not in source.text and "color" not in source.text


def test_html_in_gbk_with_entities_and_table() -> None:
    page = (
        "<html><body><h1>政府工作报告</h1><p>A &amp; B &lt;C&gt; &quot;D&quot; &#20013;&#x56FD;</p>"
        "<table><tr><td>指标</td><td>目标</td></tr><tr><td>GDP</td><td>5%左右</td></tr></table>"
        "<p>第一行<br>第二行</p></body></html>"
    )
    source = read_bytes(page.encode("gbk"), "page.htm")
    assert source.encoding == "gb18030"
    assert source.text.split("\n") == [
        "政府工作报告",
        'A & B <C> "D" 中国',
        "指标\t目标",
        "GDP\t5%左右",
        "第一行",
        "第二行",
    ]


def test_html_unclosed_head_ends_at_the_first_body_element() -> None:
    page = "<html><head><meta charset=utf-8><title>标题</title><script>x()</script><p>正文第一段</p><p>第二段</p>"
    assert read_bytes(page.encode()).text == "标题\n正文第一段\n第二段"


def test_html_title_kept_when_there_is_no_h1() -> None:
    page = "<html><head><title>2023年政府工作报告</title></head><body><p>各位代表：</p></body></html>"
    assert read_bytes(page.encode()).text == "2023年政府工作报告\n各位代表："


def test_html_whitespace_collapsed_but_chinese_kept_intact() -> None:
    page = "<html><body><p>  现在，我代表\n   区政府向大会\t报告工作   and   more  </p><p>\u3000\u3000缩进保留</p>"
    assert (
        read_bytes(page.encode()).text == "现在，我代表区政府向大会 报告工作 and more\n\u3000\u3000缩进保留"
    )


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    text = "各位代表：\n增长率<5%，目标>3%。\n<p>只有一个标签</p>\n"
    source = read_bytes(text.encode())
    assert source.format == "text"
    assert source.text == text


def test_markdown_with_a_few_tags_stays_text() -> None:
    text = (
        "# 政府工作报告\n\n" + "".join(f"第{i}段。<br>\n正文内容。\n\n" for i in range(3)) + "正文。\n" * 20
    )
    source = read_bytes(text.encode(), "report.md")
    assert source.format == "text"
    assert source.text == text


def test_html_fragment_without_html_element() -> None:
    fragment = "<div class='article'>\n<p>各位代表：</p>\n<p>现在，我代表区政府。</p>\n</div>\n"
    source = read_bytes(fragment.encode(), "report.txt")
    assert (source.format, source.text) == ("html", "各位代表：\n现在，我代表区政府。")


# --------------------------------------------------------------------------------------------------- docx


def test_docx_paragraphs_and_table() -> None:
    data = make_docx(
        ["政府工作报告", "各位代表：", "现在，我代表\t区政府\n报告工作。"],
        table=[["指标", "2022年", "2023年"], ["地区生产总值", "增长3%", "增长6%"]],
        after=["结束语。"],
    )
    source = read_bytes(data, "report.docx")
    assert source.format == "docx"
    assert source.text.split("\n") == [
        "政府工作报告",
        "各位代表：",
        "现在，我代表\t区政府",
        "报告工作。",
        "指标\t2022年\t2023年",
        "地区生产总值\t增长3%\t增长6%",
        "结束语。",
    ]


def test_docx_is_detected_from_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(make_docx(["各位代表："]))
    assert read_source(path).format == "docx"


def test_docx_deleted_text_and_nested_table() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    nested = table_xml([["内层"]])
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>'
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
        f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外层</w:t></w:r></w:p>{nested}</w:tc>"
        "<w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "</w:body></w:document>"
    )
    assert read_bytes(make_docx(document=document)).text == "保留插入\n外层 内层\t右"


# ---------------------------------------------------------------------------------------------- refusals


def problem(excinfo: pytest.ExceptionInfo[ReadError]) -> str:
    error = excinfo.value
    assert "\n" not in str(error)
    return error.problem


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as excinfo:
        read_source(tmp_path / "nope.txt")
    assert problem(excinfo) == "no such file"
    assert str(excinfo.value).startswith(str(tmp_path / "nope.txt"))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as excinfo:
        read_source(tmp_path)
    assert problem(excinfo) == "is a directory, not a report"


def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("各位代表：", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        with pytest.raises(ReadError) as excinfo:
            read_source(path)
        assert problem(excinfo) == "permission denied"
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (IsADirectoryError(21, "Is a directory"), "is a directory, not a report"),
        (OSError(5, "Input/output error"), "cannot read it (input/output error)"),
    ],
)
def test_os_errors_become_read_errors(monkeypatch: pytest.MonkeyPatch, error: OSError, message: str) -> None:
    # Works as root too (root reads files whatever their mode): the error comes from open() itself.
    import core.read.files

    def failing_open(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(core.read.files, "open", failing_open, raising=False)
    with pytest.raises(ReadError) as excinfo:
        read_source("report.txt")
    assert problem(excinfo) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\t\r\n  ", "contains no text"),
        ("\u3000\u3000\n".encode(), "contains no text"),
        (codecs.BOM_UTF8, "contains no text"),
        (b"<html><body><script>x()</script></body></html>", "contains no text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "corrupt PDF (PDFium cannot parse it)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like binary data (a PNG image), not text"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "looks like binary data (an executable), not text"),
        (bytes(range(256)) * 4, "looks like binary data, not text"),
        (
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8,
            "looks like binary data, not text",
        ),
        (bytes([0x80, 0xFF, 0xA0, 0xFE]) * 200, "cannot decode text (not UTF-8, UTF-16, GB18030 or Big5)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50),
            "corrupt .doc (its OLE container is damaged: not an OLE2 structured storage file)",
        ),
    ],
)
def test_refusals(data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data, "input")
    assert problem(excinfo) == message


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as excinfo:
        read_source(path)
    assert problem(excinfo) == "file is empty"


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(45 * 1024 * 1024)  # sparse: no disk space used
    with pytest.raises(ReadError) as excinfo:
        read_source(path)
    assert problem(excinfo) == "too large: 45.0 MB, the limit is 32 MB"


def test_too_large_bytes() -> None:
    with pytest.raises(ReadError) as excinfo:
        read_bytes(b"a" * (MAX_INPUT_BYTES + 1))
    # one byte over: "32.0 MB, the limit is 32 MB" would say nothing
    assert problem(excinfo) == "too large: 33,554,433 bytes, the limit is 33,554,432 bytes (32 MB)"


def test_corrupt_docx() -> None:
    data = make_docx(["各位代表："])
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data[: len(data) // 2], "report.docx")
    assert problem(excinfo) == "corrupt .docx (not a valid zip)"


def test_docx_without_document_xml() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(ReadError) as excinfo:
        read_bytes(buffer.getvalue(), "report.docx")
    assert problem(excinfo) == "corrupt .docx (no word/document.xml)"


def test_docx_with_bad_xml() -> None:
    with pytest.raises(ReadError) as excinfo:
        read_bytes(make_docx(document="<w:document><w:body><w:p>"), "report.docx")
    assert problem(excinfo).startswith("corrupt .docx (bad XML in word/document.xml")


def test_docx_with_doctype_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        "<w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(ReadError) as excinfo:
        read_bytes(make_docx(document=laughs), "report.docx")
    assert problem(excinfo) == "corrupt .docx (word/document.xml declares a DOCTYPE; refused)"


def test_other_zip_is_binary() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "各位代表")
    with pytest.raises(ReadError) as excinfo:
        read_bytes(buffer.getvalue(), "archive.zip")
    assert problem(excinfo) == "looks like binary data (a zip archive), not text"


# ------------------------------------------------------------------------------------------------- stdin


class FakeStdin:
    def __init__(self, data: bytes, tty: bool = False) -> None:
        self.buffer = io.BytesIO(data)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    text = seed("004")
    monkeypatch.setattr(sys, "stdin", FakeStdin(text.encode("gb18030")))
    source = read_source("-")
    assert (source.path, source.text, source.encoding) == ("-", text, "gb18030")


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b""))
    with pytest.raises(ReadError) as excinfo:
        read_source("-")
    assert (excinfo.value.path, problem(excinfo)) == ("-", "standard input is empty")


def test_stdin_terminal_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"", tty=True))
    with pytest.raises(ReadError) as excinfo:
        read_source("-")
    assert problem(excinfo).startswith("standard input is a terminal")


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"x" * (MAX_INPUT_BYTES + 10)))
    with pytest.raises(ReadError) as excinfo:
        read_source("-")
    assert problem(excinfo) == "too large: more than 32 MB on standard input"


# ------------------------------------------------------------------------------------------------ general


def test_source_for_a_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    text = "# 政府工作报告\n\n各位代表：\n"
    path.write_text(text, encoding="utf-8")
    source = read_source(str(path))
    assert source == Source(path=str(path), text=text, encoding="utf-8", format="text", notes=())


def test_reading_never_modifies_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    data = "各位代表：\r\n现在，我代表政府报告工作。\r\n".encode("gb18030")
    path.write_bytes(data)
    path.chmod(0o444)
    before = path.stat()
    source = read_source(path)
    assert source.text == "各位代表：\n现在，我代表政府报告工作。\n"
    after = path.stat()
    assert path.read_bytes() == data
    assert (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)


def test_decode_detailed_notes_for_mixed_lines() -> None:
    data = "第一行是UTF-8。\n".encode() + "第二行是GBK。\n".encode("gbk") + "第三行。\n".encode()
    result = decode_detailed(data, "x")
    assert result.text == "第一行是UTF-8。\n第二行是GBK。\n第三行。\n"
    assert result.encoding == "utf-8"
    assert result.notes == ("1 line not valid UTF-8; decoded as GB18030",)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_read_errors(data: bytes) -> None:
    try:
        source = read_bytes(data, "fuzz")
    except ReadError as e:
        assert "\n" not in str(e)
        return
    assert source.text.strip()
    assert "\r" not in source.text and "\x00" not in source.text and "\ufeff" not in source.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_in_utf8_round_trips(text: str) -> None:
    try:
        source = read_bytes(text.encode("utf-8", "surrogatepass"), "fuzz")
    except ReadError:
        return
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufeff", "")
    if source.format == "text" and not source.notes:
        assert source.text == expected
