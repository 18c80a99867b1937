from __future__ import annotations

from tui.cli import main


def test_mistyped_subcommand_is_an_error_not_the_app(capsys):
    assert main(["bogus"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bogus: no such file" in err and "outline" in err


def test_the_app_needs_a_terminal(capsys, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("一、总体要求\n正文。", encoding="utf-8")
    # pytest captures standard output: no terminal, so the app refuses instead of drawing into a pipe.
    assert main([str(p), str(p)]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_too_many_reports(capsys):
    assert main(["a"] * 9) == 2
    assert "at most 8" in capsys.readouterr().err
