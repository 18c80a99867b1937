"""The comparison state behind the app: loading in a forked process or a thread, failures, search."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, seed_file

from tui.session import Session

FORKED = """
import sys
from tui.loader import fork_loader
loader = fork_loader(sys.argv[1:])
assert loader is not None, "expected a forked loader in a single-threaded program"
from tui.session import Session
s = Session(sys.argv[1:])
s.use_loader(loader)
al = s.wait_loaded()
print(len(s.reports), len(s.failures), len(al.rows), s.reports[0].meta.region)
"""


def test_forked_loader_sends_back_reports_and_alignment(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", FORKED, str(seed_file("002")), str(seed_file("000")), str(tmp_path / "missing.txt")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    reports, failures, rows, region = out.stdout.split()
    assert (reports, failures, region) == ("2", "1", "东昌区") and int(rows) > 5


FAILING_CHILD = """
import sys
import tui.session
from tui.loader import fork_loader

def broken(paths):
    raise RuntimeError("the child fails")

tui.session.load_and_align = broken  # only the forked child calls it
loader = fork_loader(sys.argv[1:])
assert loader is not None
s = tui.session.Session(sys.argv[1:])
s.use_loader(loader)
al = s.wait_loaded()  # the child sent nothing: the session reads the files itself
print(len(s.reports), len(al.rows) >= 4, loader.pid)
"""


def test_a_failed_loader_child_is_replaced_by_reading_here():
    out = subprocess.run(
        [sys.executable, "-c", FAILING_CHILD, str(seed_file("000")), str(seed_file("001"))],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert out.stdout.split() == ["2", "True", "0"]  # both reports, and the child was reaped


def test_thread_loader_and_search(tmp_path):
    s = Session([str(seed_file("000")), str(seed_file("001")), str(tmp_path)])
    s.start_loading()  # in a test process there are other threads: a thread, not a fork
    al = s.wait_loaded()
    assert len(s.reports) == 2 and "directory" in s.failures[0].message
    hits = s.search("營商環境")  # traditional query finds simplified text
    assert hits and all(al.rows[h.row].cells[h.report] is not None for h in hits)
    assert all(h.section == al.rows[h.row].cells[h.report].label for h in hits)  # the hit says where it is
    assert any(h.section == "(三)" for h in hits)
