"""``reportdiff targets``: a government's yearly targets against the next report's outcomes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.cli import main

REPORT = """{year}年东昌区人民政府工作报告
一、{prev}年工作回顾
过去一年，全区地区生产总值增长{result}，城镇新增就业{jobs}人。
二、{year}年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长{target}，城镇新增就业2000人以上。
“十五五”时期，地区生产总值年均增长6%左右。
"""


def _write(tmp_path: Path, year: int, result: str, target: str, jobs: int) -> str:
    path = tmp_path / f"dongchang-{year}.txt"
    path.write_text(REPORT.format(year=year, prev=year - 1, result=result, target=target, jobs=jobs), encoding="utf-8")
    return str(path)


def test_targets_pair_each_year_with_the_next_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path, 2025, "5.1%", "5.5%左右", 1800)
    b = _write(tmp_path, 2026, "5.2%", "5%以上", 2300)
    assert main(["targets", b, a, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["years"] == [2025, 2026]
    gdp = {p["year"]: p for p in data["pairs"] if p["indicator"] == "gdp"}
    assert gdp[2025]["target"]["text"] == "5.5%左右" and gdp[2025]["outcome"]["text"] == "5.2%"
    assert gdp[2025]["verdict"] == "close" and gdp[2025]["outcome"]["sentence"].startswith("过去一年")
    assert gdp[2026]["verdict"] == "no report"  # no 2027 report yet; the 年均 target is no annual one
    jobs = {p["year"]: p for p in data["pairs"] if p["indicator"] == "new_urban_jobs"}
    assert jobs[2025]["verdict"] == "met" and jobs[2025]["difference"] == 300
    assert main(["targets", a, b, "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    line = next(r for r in rows if r["indicator"] == "gdp" and r["year"] == "2025")
    assert line["target_value"] == "5.5" and line["target_qualifier"] == "左右" and line["outcome_value"] == "5.2"
    assert main(["targets", a, b]) == 0
    out = capsys.readouterr().out
    assert "2025" in out and "close" in out


def test_targets_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path, 2025, "5.1%", "5.5%左右", 1800)
    assert main(["targets", a, "--indicator", "nonsense"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_targets_over_a_folder_pair_each_government_with_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 东昌区 2025 and 建华区 2026 in one folder: no 2025 outcome for 东昌区 (its 2026 report is missing),
    # though 建华区's 2026 report states one
    _write(tmp_path, 2025, "5.1%", "5.5%左右", 1800)
    other = tmp_path / "jianhua-2026.txt"
    other.write_text(
        REPORT.format(year=2026, prev=2025, result="9.9%", target="5%以上", jobs=2300).replace("东昌区", "建华区"),
        encoding="utf-8",
    )
    assert main(["targets", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {g["government"] for g in data["governments"]} == {"东昌区 (county)", "建华区 (county)"}
    gdp = [p for p in data["pairs"] if p["indicator"] == "gdp"]
    assert not [p for p in gdp if p["verdict"] in ("met", "close", "missed")]
    dongchang = next(p for p in gdp if p["government"] == "东昌区 (county)" and p["year"] == 2025)
    assert dongchang["verdict"] == "no report" and dongchang["outcome"] is None
    assert main(["targets", str(tmp_path), "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["government"] for r in rows} == {"东昌区 (county)", "建华区 (county)"}


def test_targets_help_lists_every_accepted_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    """Every catalogue id works with --indicator (trade and fdi did, unlisted): the help names them all."""
    from core.figures.catalog import catalog

    with pytest.raises(SystemExit):
        main(["targets", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for ind in catalog().indicators:
        assert f" {ind.id} " in f" {text} ", ind.id
    assert "value_added" in text.split("by default:")[1].split("Also accepted")[0]


def test_targets_at_80_columns_never_cut_a_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _write(tmp_path, 2025, "5.1%", "5.5%左右", 1800)
    b = _write(tmp_path, 2026, "5.2%", "5%以上", 2300)
    for width in (80, 60):
        monkeypatch.setenv("COLUMNS", str(width))
        assert main(["targets", a, b, "--no-color"]) == 0
        out = capsys.readouterr().out
        assert "│2025 │" in out and "│2026 │" in out, out
        assert "5.5%左右" in out and "…" not in out, out  # no value, no header cut
        assert max(len(line) for line in out.splitlines()) <= width
