"""The command line's outputs at their edges: hostile names and text never act on the terminal or a
spreadsheet, every output stays valid UTF-8, and a failed write to standard output is one line and exit 2."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import seed_file

from tui.cli import main

from .cli import CONTROL_BYTES, ROOT, Run, env, one_line_error, reportdiff
from .names import NAMES, TEXT, hostile_file, undecodable_file

S000, S002 = str(seed_file("000")), str(seed_file("002"))
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def on_tty(*args: str) -> bytes:
    """``reportdiff ARGS`` with standard output on a pseudo-terminal: what a terminal would receive."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", *args],
            stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env(NO_COLOR="1"), cwd=ROOT,
        )
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed its side
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else b""
        if proc.stderr:
            proc.stderr.close()
    finally:
        os.close(master)
    return b"".join(chunks)


# --- one way to the terminal ------------------------------------------------------------------------


def main_run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """``reportdiff ARGS`` in this process (fast: no start-up, jieba loaded once)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return Run(code, out.encode("utf-8"), err.encode("utf-8"))


def test_a_hostile_name_in_an_error_message_is_one_inert_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for key, name in NAMES.items():
        missing = tmp_path / name
        assert one_line_error(main_run(capsys, "outline", str(missing))).endswith("no such file"), key
        empty = tmp_path / ("empty" + name)
        empty.write_bytes(b"")
        assert one_line_error(main_run(capsys, "figures", str(empty))).endswith("file is empty"), key
        # the app's refusal, and --html naming an impossible output
        one_line_error(main_run(capsys, str(missing)))
        one_line_error(main_run(capsys, "diff", S000, S002, "--html", str(tmp_path / "no-dir" / name)))
        # argparse quotes what was typed
        with pytest.raises(SystemExit) as stop:
            main(["diff", S000, S002, "--level", name])
        assert stop.value.code == 2
        one_line_error(Run(2, b"", capsys.readouterr().err.encode()))


@pytest.mark.parametrize(
    "args",
    [["--csv"], ["--md"], ["--json"], ["--table", "--csv"], ["--table", "--md"], ["--table", "--json"], [],
     ["--table"]],
    ids=["csv", "md", "json", "table-csv", "table-md", "table-json", "terminal", "table-terminal"],
)  # fmt: skip
def test_outputs_on_a_terminal_carry_no_control_sequence(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(hostile_file(tmp_path, key)) for key in ("osc52", "title", "clear")]
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    run = main_run(capsys, "figures", *files, *args)
    assert run.code == 0
    assert "生产总值".encode() in run.out or b"GDP" in run.out, run.out[:300]
    assert not CONTROL_BYTES.search(run.out) and b"\r" not in run.out, run.out[:400]


@pytest.mark.parametrize("args", [["--csv", "--excel"], ["--table", "--md"]], ids=["csv", "table-md"])
def test_outputs_on_a_real_terminal_carry_no_control_sequence(tmp_path: Path, args: list[str]) -> None:
    files = [str(hostile_file(tmp_path, key)) for key in ("osc52", "title", "clear")]
    out = on_tty("figures", *files, *args)
    assert "生产总值".encode() in out, out[:300]
    lines = out.replace(b"\r\n", b"\n")  # the terminal's own line ends
    assert not CONTROL_BYTES.search(lines) and b"\r" not in lines, lines[:400]


def test_data_into_a_file_keeps_the_report_s_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not a terminal: the CSV holds the text as read (a BEL in the report stays a BEL), nothing lost."""
    path = hostile_file(tmp_path, "title")
    run = main_run(capsys, "figures", str(path), "--csv")
    rows = list(csv.DictReader(io.StringIO(run.out.decode())))
    assert any("\x07" in r["sentence"] for r in rows)
    assert all(r["report"] == NAMES["title"][:-4] for r in rows)


# --- one way to a spreadsheet ---------------------------------------------------------------------------


def test_figure_csv_cells_are_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile_file(tmp_path, "formula")
    rows = list(csv.reader(io.StringIO(main_run(capsys, "figures", str(path), "--csv").out.decode())))
    assert len(rows) > 5
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA) or cell.lstrip("-").replace(".", "").isdigit(), cell


def test_table_csv_header_and_cells_are_inert_and_a_cr_does_not_break_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(hostile_file(tmp_path, key)) for key in ("formula", "cr")]
    for args in ([], ["--excel"], ["--long"]):
        out = main_run(capsys, "figures", *files, "--table", "--csv", *args).out.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(out, newline="")))
        header = rows[0]
        assert all(len(r) == len(header) for r in rows), args
        if not args or args == ["--excel"]:
            assert "'" + NAMES["formula"][:-4] in header  # the name, neutralized
            assert NAMES["cr"][:-4] in header  # CR kept inside its quoted cell
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA) or cell.lstrip("-").replace(".", "").isdigit(), (args, cell)


def test_markdown_escapes_html_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(hostile_file(tmp_path, key)) for key in ("markup", "html")]
    for args in (["--md"], ["--table", "--md"]):
        out = main_run(capsys, "figures", *files, *args).out.decode()
        assert "<img" not in out and not re.search(r"(?<!\\)\]\(javascript", out), out
        assert "&lt;img src=x onerror=alert(1)&gt;" in out
        assert "\\[@click=app.quit\\]x\\[b\\]bold" in out  # the name, shown as written


# --- names that are not UTF-8 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["outline", "--json"], ["outline"], ["figures", "--json"], ["figures", "--csv"], ["figures", "--md"],
     ["figures", "--table"], ["figures", "--table", "--json"], ["figures", "--table", "--csv"], ["figures"],
     ["align", "--json"], ["diff", "--json"], ["diff"]],
    ids=lambda a: "-".join(a),
)  # fmt: skip
def test_a_name_that_is_not_utf8_is_written_with_escapes(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(undecodable_file(tmp_path))  # as Python reads it from the command line: \udcff…
    second = [S000] if args[0] in ("align", "diff") else []
    run = main_run(capsys, args[0], name, *second, *args[1:])
    assert run.code in (0, 1), run.err  # (diff: 1, the reports differ)
    out = run.out.decode("utf-8")  # the text holds no lone surrogate: valid UTF-8 in any locale
    if "--json" in args:
        json.loads(out)
        assert "\\\\xff\\\\xfe-report" in out  # the string \xff\xfe-report, written as JSON
    elif args == ["figures", "--md"]:
        assert "\\\\xff\\\\xfe-report" in out  # Markdown escapes the backslash
    elif args != ["outline"]:  # (the outline's heading is the report's title)
        assert "\\xff\\xfe-report" in out


@pytest.mark.parametrize("args", [["outline", "--json"], ["figures", "--csv"], ["figures"]], ids="-".join)
def test_a_name_that_is_not_utf8_under_a_strict_utf8_locale(tmp_path: Path, args: list[str]) -> None:
    name = undecodable_file(tmp_path)
    run = reportdiff(args[0], name, *args[1:], PYTHONIOENCODING="utf-8:strict", LC_ALL="en_US.UTF-8")
    assert run.code == 0, run.err
    assert "\\xff\\xfe-report" in run.out.decode("utf-8").replace("\\\\", "\\")


def test_a_diff_page_of_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = undecodable_file(tmp_path)
    page = tmp_path / "page.html"
    run = reportdiff("diff", name, S000, "--html", str(page))
    assert run.code == 1, run.err
    assert "\\xff\\xfe-report" in page.read_bytes().decode("utf-8")


# --- standard output that cannot be written ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["figures", S000, "--json"], ["diff", S000, S000]],
    ids=lambda a: "-".join(x for x in a if not x.startswith("/")),
)  # fmt: skip
def test_a_full_disk_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        run = reportdiff(*args, stdout=full)
    assert "No space left on device" in one_line_error(run)


@pytest.mark.parametrize(
    "args", [["diff", S000, S002], ["outline", S000, "--json"]],
    ids=lambda a: "-".join(x for x in a if not x.startswith("/")),
)
def test_a_closed_pipe_is_one_line_and_exit_2(args: list[str]) -> None:
    """The reader has gone before the first write (`reportdiff … | head` once head is done)."""
    read, write = os.pipe()
    os.close(read)
    try:
        run = reportdiff(*args, stdout=write)
    finally:
        os.close(write)
    assert "broken pipe" in one_line_error(run)


def test_html_with_an_empty_name_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert one_line_error(main_run(capsys, "diff", S000, S002, "--html", "")).endswith("no file name given")


def test_html_with_a_name_too_long_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error(main_run(capsys, "diff", S000, S002, "--html", str(tmp_path / ("长" * 300 + ".html"))))
    assert line.endswith("the file name is too long")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may look into any directory")
def test_html_into_a_directory_without_search_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o600)
    try:
        line = one_line_error(reportdiff("diff", S000, S002, "--html", str(locked / "x.html")))
    finally:
        locked.chmod(0o700)
    assert "permission denied" in line


def test_the_hostile_text_is_read_whole() -> None:
    """The fixture itself: every figure of the crafted text is found (the tests above see them all)."""
    from core.report import report_from_text
    from core.report_figures import report_figures

    assert len(report_figures(report_from_text(TEXT))) == 8


def screen_lines(data: bytes) -> list[str]:
    """The lines a terminal shows for ``data``: a carriage return goes back to the line's start."""
    lines = []
    for raw in data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n"):
        cells: list[str] = []
        col = 0
        for ch in raw:
            if ch == "\r":
                col = 0
                continue
            if col < len(cells):
                cells[col] = ch
            else:
                cells.append(ch)
            col += 1
        lines.append("".join(cells).rstrip())
    return lines


def test_the_progress_bar_leaves_no_debris_between_tables() -> None:
    """Standard output and error on one terminal: the bar is cleared before each report's table."""
    master, slave = pty.openpty()
    files = [str(seed_file(p)) for p in ("000", "001", "002", "003")]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "figures", *files, "--jobs", "1"],
        stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env=env(NO_COLOR="1", COLUMNS="100"), cwd=ROOT,
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=60) == 0
    os.close(master)
    lines = screen_lines(b"".join(chunks))
    assert sum(1 for line in lines if "figures  ·" in line) == 4  # the four reports' headings
    assert not [line for line in lines if "reports " in line and "[" in line], lines


@pytest.mark.parametrize("error", [MemoryError, RuntimeError])
def test_running_out_of_memory_or_a_bug_is_one_line_and_exit_2(
    error: type[BaseException], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never a traceback's exit 1, which `reportdiff diff` uses for "different"."""

    def fails(*args: object, **kwargs: object) -> None:
        raise error("boom")

    monkeypatch.delenv("REPORTDIFF_DEBUG", raising=False)
    monkeypatch.setattr("core.align.align", fails)  # diff imports it when it runs (in a forked child, or here)
    line = one_line_error(main_run(capsys, "diff", S000, S002))
    assert ("not enough memory" in line) if error is MemoryError else ("internal error (RuntimeError: boom)" in line)


def test_a_folder_s_outlines_as_json_lines_and_its_errors_stay_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undecodable_file(tmp_path)
    hostile_file(tmp_path, "title")
    (tmp_path / ("empty" + NAMES["osc52"])).write_bytes(b"")
    run = main_run(capsys, "outline", str(tmp_path), "--json")
    assert run.code == 0
    lines = run.out.decode("utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)
    assert "\\\\xff\\\\xfe-report" in run.out.decode()
    err = run.err_lines
    assert len(err) == 1 and err[0].endswith("file is empty") and not CONTROL_BYTES.search(run.err)
