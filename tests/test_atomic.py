from __future__ import annotations

import pytest

from core.atomic import ExportError, write_atomic


def test_writes_and_refuses_to_overwrite(tmp_path):
    p = tmp_path / "out.csv"
    write_atomic(p, b"one")
    assert p.read_bytes() == b"one"
    with pytest.raises(ExportError, match="file exists"):
        write_atomic(p, b"two")
    assert p.read_bytes() == b"one"
    write_atomic(p, b"two", overwrite=True)
    assert p.read_bytes() == b"two"
    assert [x.name for x in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_never_over_an_input(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("一、总体要求", encoding="utf-8")
    with pytest.raises(ExportError, match="input report"):
        write_atomic(report, b"x", overwrite=True, inputs=[str(report)])
    assert report.read_text(encoding="utf-8") == "一、总体要求"


def test_directory_and_missing_parent(tmp_path):
    with pytest.raises(ExportError, match="directory"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(ExportError, match="no such directory"):
        write_atomic(tmp_path / "nope" / "f.csv", b"x")


def test_mode_follows_umask(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        p = write_atomic(tmp_path / "x.html", b"x")
    finally:
        os.umask(old)
    assert p.stat().st_mode & 0o777 == 0o644
