"""``reportdiff figures``: JSON/CSV/Markdown/table output, offsets, directories on worker processes,
unreadable files as warnings, and report text kept as data (no markup, no escapes, NO_COLOR)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import seed_file
from hypothesis import given
from hypothesis import strategies as st

from core.batch import expand_paths, unique_names
from core.export import FIGURE_COLUMNS
from tui.cli import main
from tui.commands.figures_command import ProgressBar

S000 = str(seed_file("000"))
ANSI = re.compile(r"\x1b\[")
REQUIRED = {
    "report", "section", "text", "number", "value", "unit", "base_value", "base_unit", "qualifier", "kind",
    "period", "label", "start", "end", "path",
}  # fmt: skip


@pytest.fixture(autouse=True)
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test chooses colour and width itself."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["figures", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def figures_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_seed_000_json_fields_values_and_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    data = figures_json(capsys, S000)
    assert data and all(set(d) >= REQUIRED for d in data)
    jobs = [d for d in data if d["label"] == "城镇新增就业"]
    assert [(d["text"], d["base_value"], d["base_unit"]) for d in jobs] == [("2000人", 2000, "人")]
    loan = next(d for d in data if d["text"] == "1000万元以上")
    assert (loan["base_value"], loan["base_unit"], loan["qualifier"]) == (10_000_000, "元", "以上")
    assert not any(d["text"].startswith(("第七届", "十连冠")) for d in data)
    text = Path(S000).read_text(encoding="utf-8")
    for d in data:
        assert text[d["start"] : d["end"]] == d["text"]
        assert d["path"] == S000 and d["report"] == "000"
    assert {d["section_label"] for d in jobs} == {"(六)"}


def test_csv_for_excel_has_bom_crlf_and_parses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, S000, "--csv", "--excel")
    assert code == 0
    assert out.startswith("\ufeff") and "\r\n" in out
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert tuple(rows[0]) == FIGURE_COLUMNS
    record = dict(zip(rows[0], next(r for r in rows if "1000万元以上" in r), strict=True))
    assert record["base_value"] == "10000000" and record["section"] == "(六)"
    code, plain, _ = run(capsys, S000, "--csv")
    assert code == 0 and not plain.startswith("\ufeff") and "\r\n" not in plain


def test_several_files_make_one_document_in_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    s003 = str(seed_file("003"))
    data = figures_json(capsys, s003, S000)
    paths = [d["path"] for d in data]
    assert paths == sorted(paths, key=[s003, S000].index) and set(paths) == {s003, S000}
    code, out, _ = run(capsys, s003, S000, "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and sum(r[0] == "report" for r in rows) == 1 and len(rows) == len(data) + 1
    _, out, _ = run(capsys, s003, S000, "--md")
    lines = out.splitlines()
    assert lines[0].startswith("| report | section | label | text") and re.fullmatch(r"\|(---\|)+", lines[1])
    assert sum(line.startswith("| report") for line in lines) == 1 and len(lines) == len(data) + 2


def test_table_lines_up_new_jobs_across_four_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(seed_file(p)) for p in ("000", "001", "003", "004")]
    code, out, _ = run(capsys, *files, "--table", "--json")
    assert code == 0
    table = json.loads(out)
    assert table["names"] == ["000", "001", "003", "004"]
    # 000 and 001 are plan fragments without headings (period unknown); 003 and 004 say 力争/确保
    row = next(r for r in table["rows"] if r["indicator"] == "new_urban_jobs" and r["period"] == "target")
    assert [c and c["text"] for c in row["cells"]] == [None, None, "5000人以上", "8000人"]
    assert row["cells"][2]["sentence"] and row["cells"][2]["others"] == []
    code, out, _ = run(capsys, *files, "--table", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    line = next(r for r in rows if r["label"] == row["label"] and r["period"] == "target")
    assert line["003"] == "5000人以上" and line["003 value"] == "5000" and line["003 qualifier"] == "以上"
    assert "5000人以上" in line["003 source"]
    code, out, _ = run(capsys, *files, "--table", "--md")
    assert out.startswith("| label | measure | horizon | period | base_unit | 000 | 001 | 003 | 004 |")
    code, out, _ = run(capsys, *files, "--table", "--min-reports", "2")
    assert code == 0 and "新增就业" in out and "8000人" in out and "706项" not in out


def test_table_of_two_reports_has_a_change(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, S000, str(seed_file("001")), "--table", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[-1] == "change"
    assert any(r["change"] for r in rows)


def test_directory_with_unreadable_files_warns_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for p in ("000", "004"):
        shutil.copy(seed_file(p), tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.md").write_bytes(b"%PDF-1.4 not a report")
    (tmp_path / "README.md").write_text("不是报告:新增就业2000人。", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path), "--json", "--jobs", "1")
    assert code == 0
    warnings = err.splitlines()
    assert len(warnings) == 2 and all(w.startswith("reportdiff: warning: ") for w in warnings)
    assert "empty.txt" in warnings[0] and "scan.md" in warnings[1]
    assert {Path(d["path"]).name[:3] for d in json.loads(out)} == {"000", "004"}


def test_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.htm").write_bytes(b"\x89PNG\r\n\x1a\n0000")
    code, out, err = run(capsys, str(tmp_path), "--json")
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == "reportdiff: none of the 2 files could be read"
    code, out, err = run(capsys, str(tmp_path / "a.txt"))
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "file is empty" in err
    code, out, err = run(capsys, str(tmp_path / "missing.txt"), str(tmp_path / "a.txt"))
    assert code == 2 and len(err.splitlines()) == 3


def test_bad_command_lines_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, S000, "--json", "--excel")[0] == 2
    assert run(capsys, S000, "--min-reports", "2")[0] == 2
    assert run(capsys, str(tmp_path))[0] == 2  # a directory without reports
    with pytest.raises(SystemExit) as exc:
        main(["figures", S000, "--jobs", "0"])
    assert exc.value.code == 2


def test_many_files_on_worker_processes_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = ("000", "001", "003", "004")
    expected = {}
    for p in seeds:
        expected[p] = [
            {k: v for k, v in d.items() if k not in ("report", "path")}
            for d in figures_json(capsys, str(seed_file(p)))
        ]
    for i in range(200):
        shutil.copy(seed_file(seeds[i % 4]), tmp_path / f"r{i:03d}_{seeds[i % 4]}.txt")
    data = figures_json(capsys, str(tmp_path), "--jobs", "2")
    paths = list(dict.fromkeys(d["path"] for d in data))
    assert paths == sorted(str(p) for p in tmp_path.iterdir())
    for path in paths:
        got = [{k: v for k, v in d.items() if k not in ("report", "path")} for d in data if d["path"] == path]
        assert got == expected[path[-7:-4]]


def test_no_color_and_report_text_as_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "x[bold]y.txt"
    report.write_text("(一)发展经济。\n全年新增[red]市场主体\x1b[31m2000户以上。\n", encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, S000)
    assert code == 0 and ANSI.search(out)  # colour when forced: the NO_COLOR check below means something
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, S000, str(report))
    assert code == 0 and "\x1b" not in out
    assert "城镇新增就业" in out and "10,000,000元" in out and "x[bold]y" in out
    code, out, _ = run(capsys, S000, str(report), "--table")
    assert code == 0 and "\x1b" not in out and "x[bold]y" in out


def test_expand_paths_and_unique_names(tmp_path: Path) -> None:
    for name in ("b.TXT", "a.md", "c.docx", "README.md", ".hidden.txt", "d.pdf", "e.doc", "f.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    files, warnings = expand_paths([str(tmp_path), "-", "x.txt"])
    names = [Path(f).name for f in files]
    assert names == ["a.md", "b.TXT", "c.docx", "d.pdf", "e.doc", "-", "x.txt"] and warnings == []
    assert unique_names(["a", "b", "a"], ["1/x.txt", "2/y.txt", "3/z.txt"]) == ["a (x.txt)", "b", "a (z.txt)"]
    assert unique_names(["a", "a"], ["1/x.txt", "2/x.txt"]) == ["a (x.txt)", "a (x.txt) #2"]


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, tty = io.StringIO(), Tty()
    for stream in (quiet, tty):
        bar = ProgressBar(3, stream)
        bar.update(1, 3)
        bar.warn("a.txt: file is empty")
        bar.update(3, 3)
        bar.clear()
    assert quiet.getvalue() == "reportdiff: warning: a.txt: file is empty\n"
    assert "1/3 reports" in tty.getvalue() and "3/3 reports" in tty.getvalue()
    assert tty.getvalue().endswith("\r")


_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())


@given(st.dictionaries(st.text(), _SCALAR) | st.dictionaries(st.text(), st.lists(st.integers())))
def test_a_figure_row_is_written_as_json_writes_it(row):
    """The fast writer of --json rows gives what json's own indenting encoder gives, byte for byte
    (NaN, infinities, surrogates and nested values included)."""
    from tui.commands.common import json_text
    from tui.commands.figures_command import _row_json

    assert _row_json(row) == json_text(row).replace("\n", "\n  ")
