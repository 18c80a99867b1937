from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


def seed_file(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    return seed_file(prefix).read_text(encoding="utf-8")


def corpus_files(pattern: str = "*.txt") -> list[Path]:
    return sorted(CORPUS.glob(pattern)) if CORPUS.is_dir() else []


@pytest.fixture(autouse=True)
def _state_in_tmp(tmp_path_factory, monkeypatch):
    """The app keeps views and the theme in the XDG state dir: each test gets its own, never the real home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    yield
    from tui import themes  # a test that switched theme leaves the marks' default for the next one

    themes.set_theme(themes.DEFAULT)


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


@pytest.fixture(scope="session")
def seed_reports():
    from core.report import report_from_text

    return {p: report_from_text(seed_text(p), str(seed_file(p))) for p in ("000", "001", "002", "003", "004")}


def diff_with_damage(a: str, b: str, **kw: object):
    """The diff of two whole texts, their encoding damage passed along (as the app and CLI do)."""
    from core.diff import diff_texts
    from core.folding import find_damage, fold

    return diff_texts(
        fold(a), (0, len(a)), fold(b), (0, len(b)), damaged_a=find_damage(a), damaged_b=find_damage(b), **kw
    )


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """Print the labelled alignment cases' scores (recorded by tests/test_align_cases.py)."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, table in getattr(report, "user_properties", ()):
            if name != "alignment_scores":
                continue
            terminalreporter.write_sep("-", "alignment cases (tests/cases/align)")
            for key, (p, r, right, predicted, found, labelled, pp, pr) in table.items():
                terminalreporter.write_line(
                    f"{key:<16} precision {p:.3f} ({right}/{predicted})  recall {r:.3f} ({found}/{labelled})"
                    f"  primary pair: precision {pp:.3f}  recall {pr:.3f}")
