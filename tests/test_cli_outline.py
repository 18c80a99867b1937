"""reportdiff outline, and the conventions every subcommand shares (--help, --version, exit 2, NO_COLOR)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, seed_file

from tui.cli import main

ANSI = "\x1b["


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_outline_json_of_seed_002(capsys):
    code, out, err = run(capsys, "outline", str(seed_file("002")), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["meta"]["region"] == "东昌区" and data["meta"]["year"] == 2023
    assert data["meta"]["meeting_date"] == "2022-12-19" and data["meta"]["speaker"] == "黄正杰"
    parts = [s for s in data["sections"] if s["kind"] == "part"]
    assert [p["label"] for p in parts] == ["一、", "二、", "三、"]
    plan = parts[1]
    assert [c["label"] for c in plan["children"]] == [f"({n})" for n in "一二三四五六七"]
    for key in ("id", "level", "label", "title", "heading", "start", "end", "children"):
        assert key in plan
    text = seed_file("002").read_text(encoding="utf-8")
    assert text[plan["start"] : plan["end"]].startswith(plan["heading"])
    assert len(data["damaged"]) >= 10


def test_outline_tree_lists_labels_titles_sizes_and_damage(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, "outline", str(seed_file("002")))
    assert code == 0
    assert "二、2023年工作安排" in out or "二、2023年工作安排".replace("安排", "安排") in out
    assert "(三)" in out and "chars" in out and "damaged spans" in out
    assert ANSI not in out


def test_outline_reads_standard_input(capsys, monkeypatch):
    import io

    data = seed_file("000").read_bytes()

    class Stdin:
        buffer = io.BytesIO(data)

        def isatty(self):
            return False

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, _ = run(capsys, "outline", "-", "--json")
    assert code == 0 and json.loads(out)["sections"][0]["label"] == "(三)"


def _file(name, data):
    def make(directory):
        path = directory / name
        path.write_bytes(data)
        return path

    return make


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "directory"),
        (_file("empty.txt", b""), "empty"),
        (_file("bin.dat", bytes(range(256)) * 20), "binary"),
    ],
    ids=["missing", "directory", "empty", "binary"],
)
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, make, message):
    path = make(tmp_path)
    code, out, err = run(capsys, "outline", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and str(path) in err
    assert "Traceback" not in err


def test_help_has_examples_and_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["outline", "--help"])
    assert exc.value.code == 0
    assert "examples:" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and "reportdiff" in capsys.readouterr().out


def test_bad_option_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["outline", "--nope", "x"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_console_script_runs_without_a_terminal():
    # As a user's shell would run it: a separate process, no TTY, data on stdout.
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "outline", str(seed_file("001")), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL,
    )
    assert json.loads(out.stdout)["sections"][0]["children"][0]["label"] == "一要"
