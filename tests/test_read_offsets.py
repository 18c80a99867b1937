"""Offsets point into the text as read: `outline --json` carries that text, and every section's and figure's
offsets cut from it what the JSON says (its heading, its figure, its sentence), whatever reading repaired."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS, needs_corpus

from core.read.files import read_bytes
from core.report_figures import report_figures
from tui.cli import main
from tui.commands.outline_command import outline_json

#: A made-up page source saved as text: its line breaks are the four characters \r\n, with &nbsp; left in.
ESCAPED = (
    r"某县人民政府工作报告\r\n各位代表：\r\n现在，我代表县人民政府向大会作工作报告，请予审议。\r\n"
    r"一、2023年工作回顾\r\n&nbsp;\r\n全年地区生产总值增长6%，固定资产投资增长10%，粮食产量达到35万吨。\r\n"
    r"二、2024年工作安排\r\n今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业3000人。\r\n"
    r"（一）抓项目建设。全年实施重点项目50个。\r\n"
)
#: Note markers are folded out of a heading ("四个不摘"[24] → "四个不摘"), and a heading's line breaks
#: (a PDF's “\n十四五\n”) out of its one line.
_NOT_IN_HEADING_RE = re.compile(r"\s|[\[［〔【]\d{1,3}[\]］〕】]")


def _sections(sections):
    for s in sections:
        yield s
        yield from _sections(s["children"])


def _bare(text: str) -> str:
    return _NOT_IN_HEADING_RE.sub("", text)


def wrong_offsets(outline: dict, figures: list[dict]) -> list[str]:
    """What the JSON's offsets do not give in its own ``text``: sections whose span does not open with
    their heading, figures whose span is not their text, sentences not their sentence."""
    text = outline["text"]
    wrong = []
    for s in _sections(outline["sections"]):
        span = text[s["start"] : s["end"]]
        if len(span) != s["chars"] or not s["start"] <= s["body_start"] <= s["end"]:
            wrong.append(f"section {s['id']}: span {s['start']}..{s['end']}")
        elif s["heading"] and not _bare(span).startswith(_bare(s["heading"])):
            wrong.append(f"section {s['id']}: {span[:20]!r} for {s['heading'][:20]!r}")
    for f in figures:
        if text[f["start"] : f["end"]] != f["text"]:
            wrong.append(f"figure {f['text']!r} at {f['start']}: {text[f['start'] : f['end']]!r}")
        if text[f["sentence_start"] : f["sentence_end"]] != f["sentence"]:
            wrong.append(f"sentence of {f['text']!r} at {f['sentence_start']}")
    return wrong


def _cli_json(capsys, *args):
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_offsets_cut_the_text_as_read_from_a_page_saved_with_literal_line_breaks(capsys, tmp_path):
    path = tmp_path / "county-2024.txt"
    path.write_text(ESCAPED, encoding="utf-8")
    outline = _cli_json(capsys, "outline", str(path), "--json")
    figures = _cli_json(capsys, "figures", str(path), "--json")
    assert outline["repaired"] is True
    assert outline["notes"][0] == "turned 9 literal \\r\\n escapes into line breaks (the page source's line ends)"
    assert "\\r\\n" not in outline["text"] and "一、2023年工作回顾\n" in outline["text"]
    headings = [s["heading"] for s in _sections(outline["sections"]) if s["heading"]]
    assert headings[:2] == ["一、2023年工作回顾", "二、2024年工作安排"]
    assert [f["text"] for f in figures][:3] == ["6%", "10%", "35万吨"]
    assert wrong_offsets(outline, figures) == []
    # Why the JSON must carry the text: the offsets are not offsets into the file's own characters.
    raw = path.read_text(encoding="utf-8")
    assert raw[figures[0]["start"] : figures[0]["end"]] != "6%"


def test_a_text_nothing_repaired_is_the_files_own_text(capsys, tmp_path):
    path = tmp_path / "county-2024.txt"
    path.write_text(ESCAPED.replace("\\r\\n", "\n").replace("&nbsp;", "\u3000"), encoding="utf-8")
    outline = _cli_json(capsys, "outline", str(path), "--json")
    assert outline["repaired"] is False
    assert outline["text"] == path.read_text(encoding="utf-8")
    assert wrong_offsets(outline, _cli_json(capsys, "figures", str(path), "--json")) == []


@pytest.mark.parametrize(
    ("data", "repaired"),
    [
        ("一、工作回顾\r\n全年地区生产总值增长6%。\r\n".encode(), False),  # line ends: every reader does that
        ("\ufeff一、工作回顾\n全年地区生产总值增长6%。\n".encode(), False),  # a leading BOM: utf-8-sig
        ("一、工作回顾\n全年地区生产总值\x00增长6%。\n".encode(), True),  # a NUL removed
        ("一、工作回顾\n全年地区生产\ufeff总值增长6%。\n".encode(), True),  # a stray BOM removed
        (ESCAPED.encode(), True),
        (("一、工作回顾\n" + "\n".join(["全年地区生产总值增长百分之六，固定资产投资增长百分之十，城乡居"] * 12) + "\n").encode(), True),
    ],
    ids=["crlf", "bom", "nul", "stray-bom", "escapes", "hard-wraps"],
)
def test_repaired_says_whether_the_text_is_the_files_decoded_text(data, repaired):
    source = read_bytes(data, "x.txt")
    assert source.repaired is repaired
    plain = data.decode("utf-8-sig").replace("\r\n", "\n")
    assert (source.text != plain) is repaired


def _corpus_folders() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted({str(p.parent.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and not p.name.startswith(".")})


@needs_corpus
@pytest.mark.parametrize("folder", _corpus_folders())
def test_every_corpus_files_offsets_cut_what_the_json_says(folder):
    """Every file of the corpus (text with literal \\r\\n, hard wraps, run-on pages, GBK, .docx, PDF…):
    sections and figures, as `outline --json` and `figures --json` give them, against the JSON's text."""
    from core.errors import ReportError
    from core.report import load_report

    wrong: dict[str, list[str]] = {}
    checked = 0
    for path in sorted(p for p in (CORPUS / folder).iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            report = load_report(path)
        except ReportError:
            continue  # not a report (the corpus keeps a few on purpose); reading is tested elsewhere
        outline = json.loads(json.dumps(outline_json(report), ensure_ascii=False))
        figures = [f.to_dict() for f in report_figures(report)]  # the rows of `figures --json` (core.batch)
        checked += 1
        if outline["format"] == "text" and not outline["repaired"]:
            raw = Path(path).read_bytes().decode(outline["encoding"]).removeprefix("\ufeff")
            assert outline["text"] == raw.replace("\r\n", "\n").replace("\r", "\n"), path.name
        problems = wrong_offsets(outline, figures)
        if problems:
            wrong[path.name] = problems[:3]
    assert checked
    assert wrong == {}
