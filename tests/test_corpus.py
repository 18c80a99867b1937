"""The corpus index: indexing only what changed, counterparts, phrases, indicators and exports."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.corpus.indexer import run_index
from core.corpus.store import open_store
from tests.conftest import CORPUS, SEEDS, needs_corpus

CASES = Path(__file__).parent / "cases" / "corpus"


def _index(tmp: Path, roots: list[str], jobs: int = 1):
    store = open_store(tmp / "idx", create=True)
    stats = run_index(store, roots, jobs=jobs)
    return store, stats


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """The seeds, national 2003–2026 and the 31 provinces of 2026."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    tmp = tmp_path_factory.mktemp("corpus-index")
    roots = [str(SEEDS), *sorted(str(p) for p in CORPUS.glob("*.txt"))]
    store, stats = _index(tmp, roots, jobs=2)
    assert stats.failed == 0
    yield store
    store.close()


@pytest.fixture
def seed_copy(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


# --- indexing ---------------------------------------------------------------------------------------


def test_index_seeds_then_only_changes(tmp_path, seed_copy):
    store, stats = _index(tmp_path, [str(seed_copy)])
    assert (stats.found, stats.read, stats.parsed, stats.failed) == (5, 5, 5, 0)
    assert store.count("reports") == 5 and store.verify() == []
    again = run_index(store, [str(seed_copy)])
    assert (again.read, again.parsed, again.unchanged) == (0, 0, 5)
    # touched: read (hashed) again, not parsed again
    first = sorted(seed_copy.iterdir())[0]
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
    touched = run_index(store, [str(seed_copy)])
    assert (touched.read, touched.parsed, touched.linked, touched.unchanged) == (1, 0, 1, 4)
    # changed: read and parsed, the old content leaves the index
    with first.open("a", encoding="utf-8") as fh:
        fh.write("\n附：本报告新增一段文字。\n")
    changed = run_index(store, [str(seed_copy)])
    assert (changed.read, changed.parsed) == (1, 1)
    assert store.count("reports") == 5
    # gone: the file and its report leave the index
    first.unlink()
    gone = run_index(store, [str(seed_copy)])
    assert (gone.read, gone.removed, gone.reports) == (0, 1, 4)
    assert store.verify() == []


def test_same_text_twice_is_one_report(tmp_path, seed_copy):
    src = next(seed_copy.iterdir())
    (seed_copy / "copy.txt").write_bytes(src.read_bytes())
    text = src.read_text(encoding="utf-8")
    (seed_copy / "gbk.txt").write_bytes(text.encode("gb18030"))
    # as a .docx saved to text differs: blank lines between paragraphs, an indent, no final line break
    spaced = "\n\n".join("\u3000\u3000" + line for line in text.split("\n")).rstrip()
    (seed_copy / "saved-from-word.txt").write_text(spaced, encoding="utf-8")
    store, stats = _index(tmp_path, [str(seed_copy)])
    assert stats.found == 8 and store.count("reports") == 5
    assert stats.parsed + stats.linked == 8
    rows = store.conn.execute("SELECT COUNT(DISTINCT report_id) FROM files").fetchone()[0]
    assert rows == 5


def test_failures_are_listed_once_and_not_retried(tmp_path, seed_copy):
    (seed_copy / "empty.txt").write_bytes(b"")
    (seed_copy / "binary.txt").write_bytes(bytes(range(256)) * 40)
    store, stats = _index(tmp_path, [str(seed_copy)])
    assert sorted(Path(p).name for p, _ in stats.failures) == ["binary.txt", "empty.txt"]
    assert all(reason and "\n" not in reason for _, reason in stats.failures)
    again = run_index(store, [str(seed_copy)])
    assert (again.failed, again.failed_before, again.read) == (0, 2, 0)


def test_read_only_folder_needs_an_index_elsewhere(tmp_path, seed_copy):
    from core.corpus.store import CorpusError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CorpusError, match="--index"):
        open_store(blocker / ".reportdiff", create=True)


def test_unknown_index_is_one_line(tmp_path):
    from core.corpus.store import CorpusError

    with pytest.raises(CorpusError, match="no index here"):
        open_store(tmp_path)
    bad = tmp_path / "index.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CorpusError, match="not a readable index"):
        open_store(bad)


# --- counterparts -----------------------------------------------------------------------------------


@needs_corpus
def test_counterparts_of_opening_up_among_the_provinces(corpus_index):
    from core.corpus.query import select_reports
    from core.corpus.similar import similar

    case = json.loads((CASES / "similar_open_2022.json").read_text(encoding="utf-8"))
    provinces = select_reports(corpus_index, levels=["province"])
    assert len(provinces) == 31
    result = similar(corpus_index, str(CORPUS / "national-2022.txt"), "(七)", reports=provinces, top=None,
                     phrases=False)
    assert result.query.title.startswith("扩大高水平对外开放")
    assert len(result.counterparts) == 31
    top5 = [[c.name, c.outline_path, c.title] for c in result.counterparts[:5]]
    assert top5 == case["expected_top5"]
    from core.corpus.similar import _section_text

    # every other counterpart is its province's chapter on opening up: by its title, or (青海's
    # (四)聚焦改革攻坚) by a paragraph on it (协同推进对内对外开放)
    not_open = {c.name for c in result.counterparts if "开放" not in c.title}
    assert not_open == {*case["expected_not_opening"], "青海省 2026"}
    qinghai = next(c for c in result.counterparts if c.name == "青海省 2026")
    assert "协同推进对内对外开放" in _section_text(corpus_index, qinghai.report_id, qinghai.start, qinghai.end)
    assert all(c.score > 0 and c.reasons for c in result.counterparts[:5])


@needs_corpus
def test_counterparts_agree_with_align(corpus_index):
    """The top counterparts are the sections `align` pairs with the query section, report by report."""
    from core.align import align
    from core.corpus.query import select_reports
    from core.corpus.similar import similar
    from core.report import load_report

    national = load_report(CORPUS / "national-2022.txt")
    result = similar(corpus_index, str(CORPUS / "national-2022.txt"), "(七)",
                     reports=select_reports(corpus_index, levels=["province"]), top=8, phrases=False)
    for c in result.counterparts:
        other = load_report(c.path)
        alignment = align([national, other], "chapters")
        paired = [row.cells[1].id for row in alignment.rows
                  if row.cells[0] is not None and row.cells[0].id == result.query.section_id and row.cells[1]]
        assert paired == [c.section_id], c.name


def test_a_series_counterpart_is_told_by_content_not_by_ordinal():
    """One government's years (review finding 3: 顺平 2023 (三)新型能源 answered by 2022 (三)"三农", 0.16 of
    which only the ordinal and the place, while 2022 (四) holds the same 电站 and 光伏 projects): a weak
    candidate keeps its priors only when its report has no clearly better one by content."""
    import numpy as np

    from core.corpus.similar import _without_weak_priors

    report = np.array([7, 7, 7, 9], np.int64)
    score = np.array([0.16, 0.12, 0.03, 0.20], np.float32)
    content = np.array([0.01, 0.12, 0.03, 0.10], np.float32)
    out = _without_weak_priors(report, score, content)
    # Report 7: the ordinal's 0.16 falls to its content, the content partner stands. Report 9 has no
    # other candidate, but 0.10 of content is below what order alone may lift.
    assert out.tolist() == pytest.approx([0.01, 0.12, 0.03, 0.10])
    assert int(np.argmax(out[:3])) == 1


@needs_corpus
def test_counterparts_of_a_file_outside_the_index(corpus_index, tmp_path):
    """A report not in the index is read and compared as if it were: the same counterparts."""
    from core.corpus.query import select_reports
    from core.corpus.similar import similar

    outside = tmp_path / "n2022.txt"
    text = (CORPUS / "national-2022.txt").read_text(encoding="utf-8")
    outside.write_text(text + "\n（本文有删节）\n", encoding="utf-8")
    provinces = select_reports(corpus_index, levels=["province"])
    inside = similar(corpus_index, str(CORPUS / "national-2022.txt"), "(七)", reports=provinces, top=5,
                     phrases=False)
    fresh = similar(corpus_index, str(outside), "扩大高水平对外开放", reports=provinces, top=5, phrases=True)
    assert fresh.query.report_id is None
    assert [c.name for c in fresh.counterparts[:3]] == [c.name for c in inside.counterparts[:3]]
    assert any("对外开放" in p for c in fresh.counterparts for p in c.shared)


@needs_corpus
def test_ambiguous_or_missing_section_is_one_line(corpus_index):
    from core.corpus.similar import similar
    from core.errors import ReportError

    with pytest.raises(ReportError, match="no chapters section"):
        similar(corpus_index, str(CORPUS / "national-2022.txt"), "(九十九)")
    with pytest.raises(ReportError, match=r"matches .* sections"):
        similar(corpus_index, str(CORPUS / "national-2022.txt"), "(一)")


# --- phrases ------------------------------------------------------------------------------------------


@needs_corpus
def test_new_quality_productive_forces_start_in_2024(corpus_index):
    from core.corpus.phrase import phrase_table
    from core.corpus.query import select_reports

    national = select_reports(corpus_index, regions=["全国"])
    table = phrase_table(corpus_index, ["新质生产力", "新質生產力"], national)
    years = [r.year for r in table.reports]
    assert years[0] == 2003 and years[-1] == 2026
    assert table.first_year(0) == 2024
    assert table.first_year(1) == 2024  # traditional script finds the simplified text
    using = [g.key for g in table.groups("year") if g.counts[0]]
    assert using == ["2024", "2025", "2026"]
    assert all(r.counts[0] == 0 for r in table.reports if r.year and r.year < 2024)
    g2026 = next(g for g in table.groups("year") if g.key == "2026")
    assert g2026.per_10k(0) == pytest.approx(g2026.counts[0] * 10_000 / g2026.chars)


def test_phrase_folding_counts_width_and_script(tmp_path):
    from core.corpus.phrase import count, fold_phrase

    assert fold_phrase("放管服") == "放管服"
    assert fold_phrase("新質生產力") == "新质生产力"
    assert fold_phrase("ＧＤＰ") == "GDP"
    assert count("推进放管服改革，深化放管服", "放管服")[0] == 2


# --- indicators ---------------------------------------------------------------------------------------


@needs_corpus
def test_gdp_growth_targets_of_the_provinces(corpus_index):
    from core.corpus.figures import Wanted, indicator_records, sort_records
    from core.corpus.query import select_reports

    provinces = select_reports(corpus_index, levels=["province"], years=(2026, 2026))
    records = indicator_records(corpus_index, Wanted("地区生产总值", "target", "growth", "annual", ""), provinces)
    assert records and {r["indicator"] for r in records} == {"gdp"}
    assert {(r["measure"], r["period"], r["horizon"], r["base_unit"]) for r in records} == {
        ("growth", "target", "annual", "%")}
    assert len({r["report_id"] for r in records}) == len(records)  # one line a report: several values in one
    assert len(records) >= 25
    ranked = sort_records(records, "value", descending=True)
    values = [r["base_value"] for r in ranked]
    assert values == sorted(values, reverse=True)
    assert all(isinstance(r["value"], float) and 3 <= r["value"] <= 8 for r in records)
    assert all(r["sentence"] and r["text"] in r["sentence"].replace("\n", "") for r in records if r["candidates"] == 1)
    # 国内生产总值 and gdp name the same catalogue row
    same = indicator_records(corpus_index, Wanted("gdp", "target", "growth", "annual", ""), provinces)
    assert [r["report_id"] for r in same] == [r["report_id"] for r in records]


def test_indicator_records_leave_out_glossaries(tmp_path):
    """A glossary's or annex's figures (附：名词解释) explain terms: no values of the indicator in the index, as
    in the CLI table and the app (issue 11)."""
    from core.corpus.figures import Wanted, indicator_records

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "某县2025.txt").write_text(
        "2025年某县人民政府工作报告\n县长 张三\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
        "一、2024年工作回顾\n过去一年，全县地区生产总值增长5.8%。\n"
        "二、2025年工作安排\n今年的主要预期目标是：地区生产总值增长6%左右。\n各位代表，让我们团结奋斗。\n"
        "附：名词解释\n1.“三年行动”：到2027年，地区生产总值增长7%。\n",
        encoding="utf-8",
    )
    store, _ = _index(tmp_path, [str(folder)])
    assert [r["text"] for r in indicator_records(store, Wanted("gdp"))] == ["5.8%", "6%左右"]
    store.close()


# --- export -------------------------------------------------------------------------------------------


def test_export_jsonl_parquet_and_schema(tmp_path, seed_copy):
    from core.atomic import ExportError
    from core.corpus.export import TABLES, export_all, parquet_available

    store, _ = _index(tmp_path, [str(seed_copy)])
    out = tmp_path / "out"
    written = export_all(store, out)
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    assert set(schema) == set(TABLES)
    for table, cols in TABLES.items():
        lines = (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        expected = store.count(table)
        assert len(lines) == expected
        first = json.loads(lines[0])
        assert list(first) == list(cols) == list(schema[table])
        assert all(schema[table][c]["description"] for c in cols if c not in ("report_id",)) or table
    figure = json.loads((out / "figures.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert isinstance(figure["value"], float) and isinstance(figure["start"], int)
    report = json.loads((out / "reports.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert report["text"].startswith(next(p for p in sorted(seed_copy.iterdir())).read_text(encoding="utf-8")[:10])
    with pytest.raises(ExportError, match="exists"):
        export_all(store, out)
    if parquet_available():
        import duckdb

        assert out / "figures.parquet" in written
        con = duckdb.connect()
        n, typ = con.execute(
            "SELECT COUNT(*), ANY_VALUE(typeof(base_value)) FROM read_parquet(?)", [str(out / "figures.parquet")]
        ).fetchone()
        assert n == store.count("figures") and typ == "DOUBLE"
        (year_type,) = con.execute("SELECT ANY_VALUE(typeof(year)) FROM read_parquet(?)",
                                   [str(out / "reports.parquet")]).fetchone()
        assert year_type == "BIGINT"


def test_parquet_is_tested_in_ci():
    """CI installs the test extra, which brings DuckDB: the Parquet path above ran (not skipped)."""
    if os.environ.get("CI"):
        from core.corpus.export import parquet_available

        assert parquet_available()


def test_export_without_duckdb_writes_jsonl_and_says_so(tmp_path, seed_copy):
    from core.corpus.export import export_all

    store, _ = _index(tmp_path, [str(seed_copy)])
    written = export_all(store, tmp_path / "out", parquet=False)
    assert {p.suffix for p in written} == {".jsonl", ".json"}


# --- command line -------------------------------------------------------------------------------------


def test_cli_index_similar_phrase_indicators(tmp_path, seed_copy, capsys):
    from tui.cli import main

    idx = str(tmp_path / "idx")
    assert main(["index", str(seed_copy), "--index", idx, "--jobs", "1", "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["parsed"] == 5 and data["failures"] == []
    assert "5 reports in" in err
    seed = str(sorted(seed_copy.iterdir())[0])
    assert main(["similar", idx, "--to", seed, "--section", "(三)", "--json", "--no-phrases"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["compared"] == 4 and got["counterparts"]
    assert main(["phrase", idx, "营商环境", "--csv", "--reports"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("report,region,year") and len(lines) == 6
    assert main(["indicators", idx, "--indicator", "gdp", "--csv"]) == 0
    assert capsys.readouterr().out.startswith("indicator,row,scope")
    assert main(["similar", str(tmp_path), "--to", seed, "--section", "(三)"]) == 2
    assert "no index here" in capsys.readouterr().err


def test_cli_index_on_a_read_only_default_place(tmp_path, capsys):
    from tui.cli import main

    assert main(["index", str(tmp_path / "missing-folder")]) in (0, 2)
    capsys.readouterr()


def test_store_survives_a_torn_connection(tmp_path, seed_copy):
    """Rows of a transaction that never committed are not seen by the next reader."""
    store, _ = _index(tmp_path, [str(seed_copy)])
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("DELETE FROM reports")
    # another connection (as after a kill -9 of this one) sees every report
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 5
    other.close()
    store.conn.execute("ROLLBACK")


# --- the level arrays kept beside the index --------------------------------------------------------------


def _ranking(store, seed: Path) -> list[tuple[str, str, float]]:
    from core.corpus.similar import similar

    result = similar(store, str(seed), "五、", top=None, phrases=False)
    return [(c.name, c.section_id, round(c.score, 6)) for c in result.counterparts]


def test_level_arrays_saved_beside_the_index_give_the_same_ranking(tmp_path, seed_copy):
    from core.corpus import vectors
    from core.corpus.level_cache import PREFIX

    store, _ = _index(tmp_path, [str(seed_copy)])
    seed = sorted(seed_copy.glob("003*"))[0]
    vectors._cache.clear()
    computed = _ranking(store, seed)
    saved = sorted(store.path.parent.glob(f"{PREFIX}chapters-*.npz"))
    assert len(saved) == 1
    vectors._cache.clear()  # a new process: the arrays come from the file
    assert _ranking(store, seed) == computed
    # A file cut short or holding something else is not used: the arrays are computed again.
    saved[0].write_bytes(saved[0].read_bytes()[:1000])
    vectors._cache.clear()
    assert _ranking(store, seed) == computed
    # A change of the index gives a new key; the stale file goes when the new one is saved.
    with seed.open("a", encoding="utf-8") as fh:
        fh.write("\n附：本报告新增一段文字。\n")
    run_index(store, [str(seed_copy)])
    vectors._cache.clear()
    _ranking(store, seed)
    now = sorted(store.path.parent.glob(f"{PREFIX}chapters-*.npz"))
    assert len(now) == 1 and now != saved


def test_level_arrays_in_a_read_only_place_only_cost_time(tmp_path, seed_copy, monkeypatch):
    from core.corpus import level_cache, vectors

    store, _ = _index(tmp_path, [str(seed_copy)])
    seed = sorted(seed_copy.glob("003*"))[0]

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(level_cache.tempfile, "mkstemp", refuse)
    vectors._cache.clear()
    assert _ranking(store, seed)
    assert not list(store.path.parent.glob(f"{level_cache.PREFIX}*"))


def test_sorting_by_value_keeps_each_unit_together():
    """5% against 高于全省1个百分点 or 翻两番 says nothing: each unit's records sorted among themselves."""
    from core.corpus.figures import sort_records

    def rec(value: float, unit: str, report: int) -> dict[str, object]:
        return {"base_value": value, "base_unit": unit, "report": report}

    records = [rec(1, "个百分点", 1), rec(5.5, "%", 2), rec(2, "番", 3), rec(6, "%", 4), rec(0.5, "个百分点", 5),
               rec(4, "%", 6)]
    ranked = sort_records(records, "value", descending=True)
    assert [(r["base_unit"], r["base_value"]) for r in ranked] == [
        ("%", 6), ("%", 5.5), ("%", 4), ("个百分点", 1), ("个百分点", 0.5), ("番", 2)]


def test_cli_indicators_at_80_columns_keeps_every_number_whole(tmp_path, seed_copy, capsys, monkeypatch):
    """At 80 columns the terminal table drops columns (and says which) rather than cut a value or a year
    with …; a decline's value in base units is negative, in every output."""
    from rich.cells import cell_len

    from tui.cli import main

    idx = str(tmp_path / "idx")
    assert main(["index", str(seed_copy), "--index", idx, "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main(["indicators", idx, "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    declines = [r for r in records if r["text"].startswith(("下降", "降低", "减少")) and r["base_value"]]
    assert declines and all(r["base_value"] < 0 for r in declines)
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["indicators", idx, "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "narrow: no section" in out.splitlines()[0]
    body = out.splitlines()[2:]
    assert all(cell_len(line) <= 80 for line in body)
    short = [r for r in records if r["candidates"] == 1 and cell_len(r["text"]) <= 28]
    assert short and all(any(r["text"] in line and str(r["year"] or "?") in line for line in body) for r in short)
    assert "…" not in "".join(line[-40:] for line in body)  # the year and value columns are never cut
