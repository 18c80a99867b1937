"""tui.forking: a call computed in a forked child, or here when the child cannot give it; and the `diff`
command aligning in a child while it loads the dictionary, with the same output.

Each case runs in a fresh interpreter: pytest's workers have threads, where nothing forks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import seed_file

from tui.forking import NO_FORK_ENV

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")

_CASE = """
import json, os, sys
from tui.forking import fork_call
parent = os.getpid()
how = sys.argv[1]

def work():
    if how == "raises" and os.getpid() != parent:
        raise ValueError("only in the child")
    if how == "dies" and os.getpid() != parent:
        os.kill(os.getpid(), 9)
    if how == "unpicklable" and os.getpid() != parent:
        return lambda: 1
    if how == "prints":
        print("from the child")
    return {"pid": os.getpid(), "rows": [list(range(i)) for i in range(300)]}  # more than a pipe holds

call = fork_call(work)
try:
    value = call.receive() if call else work()
except EOFError:
    value = work()
print(json.dumps({"forked": call is not None, "in_child": value["pid"] != parent, "rows": len(value["rows"])}))
"""


def _case(how: str, **env: str) -> dict[str, object]:
    environ = {k: v for k, v in os.environ.items() if k != NO_FORK_ENV}
    done = subprocess.run(
        [sys.executable, "-c", _CASE, how], capture_output=True, text=True, check=True, env={**environ, **env},
        timeout=60,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_value_comes_from_the_child():
    assert _case("ok") == {"forked": True, "in_child": True, "rows": 300}


def test_the_child_never_writes_to_the_output():
    assert _case("prints") == {"forked": True, "in_child": True, "rows": 300}  # stdout is JSON only


@pytest.mark.parametrize("how", ["raises", "dies", "unpicklable"])
def test_a_failing_child_leaves_the_call_to_the_parent(how: str):
    assert _case(how) == {"forked": True, "in_child": False, "rows": 300}


def test_no_fork_when_asked():
    assert _case("ok", **{NO_FORK_ENV: "1"}) == {"forked": False, "in_child": False, "rows": 300}


_DIFF = """
import contextlib, io, sys
from tui.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(sys.argv[1:])
sys.stdout.write(out.getvalue())
sys.stderr.write(f"status={status} numpy={'numpy' in sys.modules}\\n")
"""


@pytest.mark.parametrize("level", ["chapters", "topics"])
def test_diff_aligns_in_a_child_with_the_same_output(level: str):
    """The parent never imports numpy (the aligner ran in the child), and the JSON is the one computed in
    a single process."""
    argv = ["diff", str(seed_file("000")), str(seed_file("001")), "--json", "--level", level]
    runs = {}
    for fork in (True, False):
        env = {k: v for k, v in os.environ.items() if k != NO_FORK_ENV}
        if not fork:
            env[NO_FORK_ENV] = "1"
        runs[fork] = subprocess.run(
            [sys.executable, "-c", _DIFF, *argv], capture_output=True, text=True, env=env, timeout=120
        )
    assert runs[True].stderr.strip().endswith("status=1 numpy=False")
    assert runs[False].stderr.strip().endswith("status=1 numpy=True")
    assert runs[True].stdout == runs[False].stdout
    assert json.loads(runs[True].stdout)["rows"]
