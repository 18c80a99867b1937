"""reportdiff index on a hostile folder, and runs that are interrupted (^C, kill -9) then resumed."""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.corpus.indexer import run_index
from core.corpus.store import open_store
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]

TINY = "{region}政府工作报告\n\n各位代表：\n\n一、过去一年工作回顾\n\n全年地区生产总值增长{n}%，新增就业{n}000人。\n\n" \
       "二、今年工作安排\n\n（一）优化营商环境\n\n持续优化政务服务，推进放管服改革{n}项。\n\n（二）扩大开放\n\n推动外贸外资稳定发展。\n"


def _hostile_folder(root: Path) -> dict[str, int]:
    """5,000 entries: small reports under odd names, binaries and empty files named as reports, other files,
    unreadable files, FIFOs, a socket, dangling links, link loops, hard links, deep nesting."""
    rnd = random.Random(13)
    counts = {"reports": 0, "failing": 0}
    made = 0

    def name(i: int, suffix: str) -> str:
        odd = [f"报告 {i}", f"-{i}", f"{i}\n换行", f"{i}\t制表", f"{'长' * 80}{i}", f"{i} ‮rtl", f"{i}'\"$(x)"]
        return odd[i % len(odd)] + suffix

    folders = [root / "a", root / "b" / "c", root / "d d", root / "深" / "层"]
    deep = root / "deep"
    for depth in range(60):
        deep = deep / f"{depth}"
    folders.append(deep)
    for f in folders:
        f.mkdir(parents=True)
    raw_dir = os.fsencode(root / "raw")
    os.mkdir(raw_dir)
    for i in range(1200):  # small reports (distinct text)
        folder = folders[i % len(folders)]
        (folder / name(i, ".txt")).write_text(TINY.format(region=f"第{i}县", n=i), encoding="utf-8")
        made += 1
    counts["reports"] += 1200
    for i in range(300):  # names that are not UTF-8
        path = raw_dir + b"/" + f"r{i}-".encode() + bytes([0xFF, 0xFE, 0x80 + i % 60]) + b".txt"
        with open(path, "wb") as fh:
            fh.write(TINY.format(region=f"第{i}旗", n=i + 5000).encode("gb18030"))
        made += 1
    counts["reports"] += 300
    for i in range(1200):  # binaries named as reports
        kind = i % 4
        data = {0: bytes(rnd.getrandbits(8) for _ in range(300)), 1: b"\x7fELF" + os.urandom(200),
                2: b"\x89PNG\r\n\x1a\n" + os.urandom(100), 3: b"PK\x03\x04" + os.urandom(120)}[kind]
        suffix = (".txt", ".html", ".docx", ".md")[kind]
        (folders[i % len(folders)] / name(i, f"-bin{suffix}")).write_bytes(data)
        made += 1
    counts["failing"] += 1200
    for i in range(400):  # empty
        (folders[i % len(folders)] / f"empty-{i}.txt").write_bytes(b"")
        made += 1
    counts["failing"] += 400
    for i in range(1500):  # not reports by their name
        (folders[i % len(folders)] / f"image-{i}.jpg").write_bytes(os.urandom(64))
        made += 1
    for i in range(200):  # unreadable (root reads them anyway)
        p = folders[i % len(folders)] / f"locked-{i}.txt"
        p.write_text(TINY.format(region=f"锁{i}市", n=i + 9000), encoding="utf-8")
        p.chmod(0)
        made += 1
    counts["locked"] = 200
    for i in range(5):
        os.mkfifo(root / f"pipe-{i}.txt")
        made += 1
    counts["failing"] += 5
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "socket.txt"))
    sock.close()
    made += 1
    counts["failing"] += 1
    for i in range(150):  # dangling links
        os.symlink(root / f"nowhere-{i}.txt", root / "a" / f"dangling-{i}.txt")
        made += 1
    counts["failing"] += 150
    os.symlink(root, root / "a" / "loop")  # a folder link to an ancestor
    os.symlink(root / "b", root / "b" / "c" / "up")
    os.symlink("self.txt", root / "self.txt")  # a link to itself: ELOOP
    os.symlink(root / "x1.txt", root / "x2.txt")
    os.symlink(root / "x2.txt", root / "x1.txt")
    made += 5
    counts["failing"] += 3
    first = next((root / "a").glob("*.txt"))
    for i in range(40):  # hard links and file links to a report: one file, indexed once
        os.link(first, root / "b" / f"hard-{i}.txt")
        made += 1
    counts["made"] = made
    return counts


@pytest.mark.slow
def test_hostile_folder_of_5000(tmp_path):
    root = tmp_path / "hostile"
    root.mkdir()
    counts = _hostile_folder(root)
    assert counts["made"] >= 5000
    store = open_store(tmp_path / "idx", create=True)
    listed: list[str] = []
    stats = run_index(store, [str(root)], jobs=2, on_failure=lambda p, r: listed.append(p))
    locked_fail = 0 if os.geteuid() == 0 else counts["locked"]
    assert stats.failed == counts["failing"] + locked_fail
    assert len(listed) == len(set(listed)) == stats.failed  # each failure listed once
    assert all(r and "\n" not in r for _, r in stats.failures)
    reasons = {r.split(" (")[0] for _, r in stats.failures}
    assert any("FIFO" in r for r in reasons) and any("socket" in r for r in reasons)
    assert any("leads nowhere" in r for r in reasons) and "file is empty" in reasons
    assert stats.repeats >= 40 + 2  # hard links and folder loops: walked once
    expected = counts["reports"] + (counts["locked"] if os.geteuid() == 0 else 0)
    assert store.count("reports") == expected
    assert store.verify() == []
    # odd names are kept exactly (the bytes) and shown on one line
    shown = [r[0] for r in store.conn.execute("SELECT path FROM files")]
    assert all("\n" not in p for p in shown) and any("\\xff" in p for p in shown)
    again = run_index(store, [str(root)], jobs=2)
    assert (again.read, again.failed, again.failed_before) == (0, 0, stats.failed)


def _series(folder: Path, n: int) -> None:
    """``n`` distinct reports from the seeds (each copy with a line of its own)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    folder.mkdir()
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"r{i:03d}.txt").write_text(text + f"\n（第{i}份）\n", encoding="utf-8")


def _start(folder: Path, idx: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tui.cli", "index", str(folder), "--index", str(idx),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)


def _reports(idx: Path) -> int:
    try:
        con = sqlite3.connect(idx / "index.sqlite", timeout=5)
        try:
            return int(con.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _wait_for(idx: Path, at_least: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        n = _reports(idx)
        if n >= at_least:
            return n
        time.sleep(0.05)
    raise AssertionError(f"the run did not reach {at_least} reports (exit {proc.poll()})")


def _gone(pgid: int, timeout: float = 20) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("how", ["kill -9", "ctrl-c"])
def test_interrupted_run_is_consistent_and_resumes(tmp_path, how):
    folder, idx = tmp_path / "reports", tmp_path / "idx"
    _series(folder, 60)
    proc = _start(folder, idx)
    _wait_for(idx, 5, proc)
    if how == "kill -9":
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone: its workers must notice and go
    else:
        os.killpg(proc.pid, signal.SIGINT)  # ^C reaches the whole process group
    _, err = proc.communicate(timeout=60)
    assert _gone(proc.pid), "workers outlived the run"
    if how == "ctrl-c":
        assert proc.returncode == 130
        assert b"interrupted" in err and b"run the same command again" in err
        assert b"Traceback" not in err
    else:
        assert proc.returncode == -signal.SIGKILL
    done = _reports(idx)
    assert 5 <= done < 60
    store = open_store(idx)
    assert store.verify() == []
    stats = run_index(store, [str(folder)], jobs=2)
    assert stats.parsed == 60 - done and stats.reports == 60
    assert store.verify() == []
    assert run_index(store, [str(folder)], jobs=1).read == 0
