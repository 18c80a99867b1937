"""``reportdiff diff A B``: rows with their differences, exit status like diff(1), JSON and HTML output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import seed_file

from tui.cli import main

S000, S002 = str(seed_file("000")), str(seed_file("002"))
ANSI = re.compile(r"\x1b\[")

REPORT_A = """(一)加强科技创新,推动产业升级。
今年我们要[bold red]加快建设创新平台,全年新增高新技术企业20家。
(二)保障改善民生。
全力办好教育,新建幼儿园3所。
"""


@pytest.fixture(autouse=True)
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test chooses colour and width itself."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_damaged_copy_differs_only_in_its_damage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, S000, S002, "--json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"reports", "level", "mode", "rows", "summary"}
    assert data["level"] == "chapters" and data["mode"] == "series"
    assert [r["path"] for r in data["reports"]] == [S000, S002]
    paired = [r for r in data["rows"] if all(r["cells"])]
    assert [r["cells"][0]["label"] for r in paired] == ["(三)", "(四)", "(五)", "(六)"]
    for row in paired:
        assert row["cells"][0]["label"] == row["cells"][1]["label"]
        assert row["diff"]["similarity"] >= 0.995
        assert all(op["damaged"] for op in row["diff"]["ops"] if op["tag"] != "equal")
    assert any(r["diff"]["changed"] for r in paired)
    assert all(r["diff"] is None for r in data["rows"] if not all(r["cells"]))
    assert data["summary"]["differences"] is True
    assert data["summary"]["only_b"] == len(data["rows"]) - len(paired)


def test_same_report_twice_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, S000, S000)
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "4 rows: no changes"


def test_section_prints_only_that_row(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, S000, S002, "--section", "(三)")
    assert code == 0  # (三) differs only by script and pinyin: folded, not a difference
    assert "着力深化改革" in out
    assert "(四)" not in out and "(五)" not in out
    assert out.rstrip().endswith("1 row: no changes")


def test_section_only_in_b_is_shown_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, S000, S002, "--section", "(七)")
    assert code == 1
    assert "only in B" in out
    assert "安全形勢" in out  # the body, not only the title


def test_unknown_section_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, S000, S002, "--section", "(九)")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "(九)" in err and "(三)" in err


def test_changed_only_and_show_folded(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, S000, S002, "--changed-only")
    assert code == 1
    assert "着力深化改革" not in out  # (三): unchanged, left out
    assert "着力优化环境" in out  # (五): 002's damage
    assert run(capsys, S000, S002, "--section", "(六)")[0] == 0
    assert run(capsys, S000, S002, "--section", "(六)", "--show-folded")[0] == 1


def test_html_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "diff.html"
    code, out, err = run(capsys, S000, S002, "--html", str(page))
    assert code == 1
    assert out == ""
    assert err.startswith(f"wrote {page}")
    html = page.read_text(encoding="utf-8")
    assert "<del" in html or "<ins" in html or 'class="shared"' in html
    assert not re.search(r"(src|href)\s*=|url\(|@import|<script|<link", html)


def test_html_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "diff.html"
    page.write_text("keep", encoding="utf-8")
    code, _, err = run(capsys, S000, S002, "--html", str(page))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert page.read_text(encoding="utf-8") == "keep"
    assert run(capsys, S000, S002, "--html", str(page), "--force")[0] == 1
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_never_overwrites_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    shutil.copy(S000, a)
    before = a.read_bytes()
    code, _, err = run(capsys, str(a), S002, "--html", str(a), "--force")
    assert code == 2
    assert "input" in err
    assert a.read_bytes() == before


def test_json_and_html_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["diff", S000, S002, "--json", "--html", "x.html"])
    assert exc.value.code == 2


def test_no_color_means_no_escape_sequences(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, coloured, _ = run(capsys, S000, S002, "--section", "(五)")
    assert ANSI.search(coloured)  # the check below means something
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, S000, S002, "--section", "(五)")
    assert code == 1
    assert not ANSI.search(out)
    assert "⚠[-扬-]" in out  # the change is marked without colour
    assert max(len(line) for line in out.splitlines()) > 100  # side by side at 140 columns


def test_report_text_is_not_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_A.replace("20家", "30家").replace("3所", "4所\x1b[31m"), encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, str(a), str(b))
    assert code == 1
    assert out.count("[bold red]") == 2  # literally, on both sides
    assert "\x1b[31m" not in out  # the report's escape sequence is made inert
    assert "␛[31m" in out


def test_plain_output_has_no_trailing_spaces(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Rich pads side-by-side columns and wrapped lines to the width; piped into a file that is noise.
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(capsys, S000, str(seed_file("001")))
    assert code == 1 and out.count("\n") > 20
    assert not [line for line in out.splitlines() if line != line.rstrip(" ")]


def test_section_by_its_path_or_title_words_as_similar_reads_it(capsys: pytest.CaptureFixture[str]) -> None:
    by_label = run(capsys, S000, S002, "--section", "(三)")[1]
    by_path = run(capsys, S000, S002, "--section", "二、(三)")[1]
    by_words = run(capsys, S000, S002, "--section", "着力深化改革")[1]
    assert by_path == by_label == by_words and by_label.rstrip().endswith("1 row: no changes")
    code, out, err = run(capsys, S000, S002, "--section", "一、(三)")  # a path no report has
    assert code == 2 and out == "" and "its path such as 二、(三)" in err


def test_diff_and_align_describe_the_alignment_alike(capsys: pytest.CaptureFixture[str]) -> None:
    """One alignment, one description: a series is aligned by content with order as a prior, and both
    commands say so (diff once said "in order" while align said "by content")."""
    code, out, _ = run(capsys, S000, S002)
    assert code == 1
    diff_line = next(line for line in out.splitlines() if " rows at chapters level, aligned " in line)
    assert main(["align", S000, S002]) == 0
    align_line = next(line for line in capsys.readouterr().out.splitlines() if " rows at chapters level" in line)
    assert diff_line == align_line
    assert "order as a prior" in diff_line and "in order" not in diff_line
