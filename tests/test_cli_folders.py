"""Every subcommand takes folders (and many files) in one process: outline DIR (a tree a report, or JSON
lines), align DIR (N-way), diff DIR refuses with a hint, reportdiff DIR needs a terminal for its picker."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import seed_file
from doc_builder import make_doc
from pdf_builder import make_pdf

from tui.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Seed 003 as .txt, .pdf and .doc, seed 004 as .txt, a README and an unreadable file."""
    text = seed_file("003").read_text(encoding="utf-8")
    shutil.copy(seed_file("003"), tmp_path / "a-003.txt")
    (tmp_path / "b-003.pdf").write_bytes(make_pdf(text.split("\n")))
    (tmp_path / "c-003.doc").write_bytes(make_doc(text.rstrip("\n").split("\n")))
    shutil.copy(seed_file("004"), tmp_path / "d-004.txt")
    (tmp_path / "README.md").write_text("not a report", encoding="utf-8")
    (tmp_path / "e-broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    return tmp_path


def test_outline_of_a_folder_prints_a_tree_a_report(capsys, folder):
    code, out, err = run(capsys, "outline", str(folder), "--no-color", "--depth", "1")
    assert code == 0
    assert err == f"reportdiff: {folder / 'e-broken.pdf'}: corrupt PDF (PDFium cannot parse it)\n"
    headers = [line for line in out.splitlines() if line.startswith("── ")]
    assert headers == [f"── {folder / n}" for n in ("a-003.txt", "b-003.pdf", "c-003.doc", "d-004.txt")]
    trees = out.split("── ")[1:]
    assert _parts(trees[0]) and _parts(trees[0]) == _parts(trees[1]) == _parts(trees[2])  # .txt, .pdf, .doc


def _parts(tree: str) -> tuple[str, ...]:
    return tuple(line.split("  ")[0] for line in tree.splitlines() if line[:1] in "一二三四五六七八九十")


def test_outline_json_of_a_folder_is_json_lines(capsys, folder):
    code, out, _ = run(capsys, "outline", str(folder), "--json")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert [Path(o["path"]).name for o in objects] == ["a-003.txt", "b-003.pdf", "c-003.doc", "d-004.txt"]
    assert [o["format"] for o in objects] == ["text", "pdf", "doc", "text"]
    sections = [[(s["kind"], s["label"], s["title"]) for s in o["sections"]] for o in objects[:3]]
    assert sections[0] == sections[1] == sections[2]


def test_outline_of_one_file_is_still_one_json_document(capsys):
    code, out, _ = run(capsys, "outline", str(seed_file("003")), "--json")
    assert code == 0 and json.loads(out)["format"] == "text"


def test_outline_of_a_folder_where_nothing_reads_fails(capsys, tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 nothing")
    code, _, err = run(capsys, "outline", str(tmp_path))
    assert code == 2 and err.splitlines()[-1] == "reportdiff: none of the 1 reports could be read"


def test_align_a_folder_n_way(capsys, folder):
    (folder / "e-broken.pdf").unlink()
    code, out, _ = run(capsys, "align", str(folder), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["reports"]) == 4
    # The .txt, .pdf and .doc of one report line up section for section.
    for row in data["rows"]:
        ids = [c["id"] if c else None for c in row["cells"][:3]]
        assert len(set(ids)) == 1


def test_diff_refuses_a_folder_with_a_hint(capsys, folder):
    code, _, err = run(capsys, "diff", str(folder), str(seed_file("003")))
    assert code == 2
    assert err == (
        f"reportdiff: {folder} is a folder: diff compares two reports; name two files of it, "
        f"or see all of them side by side with `reportdiff align {folder}`\n"
    )


def test_diff_of_one_folder_gets_the_same_hint_and_one_file_is_told_to_give_two(capsys, folder):
    code, _, err = run(capsys, "diff", str(folder))
    assert code == 2
    assert err.startswith(f"reportdiff: {folder} is a folder: diff compares two reports;")
    code, out, err = run(capsys, "diff", str(seed_file("003")))
    assert (code, out) == (2, "")
    assert err == "reportdiff: diff compares two reports: give A and B (reportdiff diff A B; see --help)\n"


def test_the_app_on_a_folder_needs_a_terminal(capsys, folder):
    code, _, err = run(capsys, str(folder))
    assert code == 2
    assert err == (
        "reportdiff: the app needs a terminal; for a folder's outlines or alignment use "
        "`reportdiff outline DIR` or `reportdiff align DIR`\n"
    )
