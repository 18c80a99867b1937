"""Outputs that never lose what was there: no device, FIFO or link replaced, two writers cannot both win,
and an interrupted write leaves nothing behind."""

from __future__ import annotations

import os
import signal
import stat
import threading
from pathlib import Path

import pytest
from conftest import seed_file

from core import atomic
from core.atomic import ExportError, inspect_target, write_atomic
from tui.cli import main

S000, S002 = str(seed_file("000")), str(seed_file("002"))


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_force_refuses_a_device_and_leaves_it_a_device(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", S000, S002, "--html", "/dev/null", "--force"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "reportdiff: /dev/null: is a character device, not a regular file; refusing to replace it"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_force_refuses_a_fifo_and_a_socket(tmp_path: Path) -> None:
    import socket

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="named pipe"):
        write_atomic(fifo, b"x", overwrite=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(ExportError, match="socket"):
            write_atomic(sock_path, b"x", overwrite=True)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("dangling", [False, True])
def test_force_does_not_write_through_a_link_or_replace_it(tmp_path: Path, dangling: bool) -> None:
    real = tmp_path / "real.html"
    if not dangling:
        real.write_bytes(b"the user's file")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link"):
        write_atomic(link, b"new", overwrite=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert (real.read_bytes() == b"the user's file") if not dangling else not real.exists()
    assert leftovers(tmp_path) == []


def test_a_link_to_standard_output_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.html"
    link.symlink_to("/proc/self/fd/1")
    with pytest.raises(ExportError, match="symbolic link"):
        write_atomic(link, b"x", overwrite=True)


def test_two_writers_of_one_new_file_cannot_both_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both pass the check (the file is not there yet), both write their temporary file; exactly one
    gets the name, the other is told, and the winner's data is what the file holds."""
    target = tmp_path / "out.csv"
    barrier = threading.Barrier(2)
    create = atomic._create

    def in_step(tmp: str, path: Path, data: bytes) -> None:
        barrier.wait(timeout=10)  # both writers are past the check
        create(tmp, path, data)

    monkeypatch.setattr(atomic, "_create", in_step)
    outcomes: dict[bytes, str] = {}

    def writer(data: bytes) -> None:
        try:
            write_atomic(target, data)
            outcomes[data] = "wrote"
        except ExportError as exc:
            outcomes[data] = str(exc)

    threads = [threading.Thread(target=writer, args=(d,)) for d in (b"first", b"second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(outcomes.values()).count("wrote") == 1, outcomes
    loser = next(v for v in outcomes.values() if v != "wrote")
    assert "file exists (another program wrote it just now)" in loser
    winner = next(d for d, v in outcomes.items() if v == "wrote")
    assert target.read_bytes() == winner
    assert leftovers(tmp_path) == []


def test_without_hard_links_the_create_is_still_exclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def no_links(src: str, dst: Path) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.csv"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    with pytest.raises(ExportError, match="file exists"):
        atomic._create(str(tmp_path / "x.tmp"), target, b"two")
    assert target.read_bytes() == b"one"


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit])
def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupt: type[BaseException]
) -> None:
    def stop(fd: int) -> None:
        raise interrupt()

    monkeypatch.setattr(os, "fsync", stop)
    with pytest.raises(interrupt):
        write_atomic(tmp_path / "page.html", b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_an_export_cleans_up_and_exits_143(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fsync = os.fsync

    def terminated(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # the handler raises here, inside the write
        fsync(fd)

    monkeypatch.setattr(os, "fsync", terminated)
    assert main(["diff", S000, S002, "--html", str(tmp_path / "page.html")]) == 143
    assert capsys.readouterr().err.strip() == "reportdiff: terminated"
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is not None  # restored after the command


def test_inspect_target_never_raises(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    for path in ["", "   ", "a\x00b", str(tmp_path / ("x" * 300)), str(tmp_path / "f" / "under-a-file"),
                 str(tmp_path / "missing" / "x"), str(tmp_path), "/dev/zero", str(tmp_path / "f")]:  # fmt: skip
        target = inspect_target(path, inputs=[str(tmp_path / "f")])
        assert target.problem is not None or target.exists is False, path
    assert inspect_target(str(tmp_path / "f"), [str(tmp_path / "f")]).problem == "refusing to overwrite an input report"
    assert inspect_target(str(tmp_path / "new.csv")) == atomic.Target(tmp_path / "new.csv")


def test_a_directory_one_may_not_look_into_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a user without search permission meets (the tests may run as root, who meets none)."""
    lstat = os.lstat

    def denied(path: os.PathLike[str] | str, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(tmp_path / "locked")):
            raise PermissionError(13, "Permission denied", str(path))
        return lstat(path)

    monkeypatch.setattr(os, "lstat", denied)
    target = inspect_target(tmp_path / "locked" / "x.html")
    assert target.problem == "permission denied (cannot look into its directory)"
    with pytest.raises(ExportError, match="permission denied"):
        write_atomic(tmp_path / "locked" / "x.html", b"x")
