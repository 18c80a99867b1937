"""`python -m bench --quick` runs every benchmark at small sizes and prints the one table.

No timing is asserted here (numbers depend on the machine); this only proves the suite runs end to end.
Parts that need ../shared/corpus show as skipped rows when it is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["NO_COLOR"] = "1"
    return env


def test_table_lines_up_columns():
    sys.path.insert(0, str(ROOT))
    try:
        from bench.common import Result
        from bench.runner import COLUMNS, table
    finally:
        sys.path.remove(str(ROOT))
    text = table(
        [
            Result("outline: 种子", "1.00 M chars/s", goal=">= 300 k chars/s", status="pass"),
            Result("x", "1 s", "peer unavailable: ImportError: no", status="n/a"),
        ]
    )
    lines = text.splitlines()
    assert lines[0].split(" | ")[0].strip() == COLUMNS[0]
    assert len(lines) == 4
    assert "peer unavailable" in lines[3]
    # every row has the column separators at the same terminal columns (CJK counts two cells)
    assert len({line.count(" | ") for line in lines if " | " in line}) == 1


@pytest.mark.slow
def test_quick_run_prints_the_table(tmp_path):
    out_json = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out_json)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=240,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = done.stdout
    assert out.startswith("machine: ")
    assert "\npython 3." in out
    header = next(line for line in out.splitlines() if line.startswith("benchmark "))
    for column in ("ours", "baseline (same run)", "ratio", "goal", "result"):
        assert column in header
    data = json.loads(out_json.read_text(encoding="utf-8"))
    names = [r["name"] for r in data["results"]]
    assert any(n.startswith("outline") for n in names)
    assert any("align" in n for n in names)
    assert any(n.startswith("figures") for n in names)
    assert any(n.startswith("TUI") for n in names)
    assert any(n.startswith("CLI") for n in names)
    assert all(r["status"] != "error" for r in data["results"]), [
        r for r in data["results"] if r["status"] == "error"
    ]
    for r in data["results"]:
        assert r["name"] in out
