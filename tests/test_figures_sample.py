"""The hand-labelled sample of local reports (tests/cases/figures_sample): the issue's bars for unseen local
reports — figures recall and precision ≥ 0.97, labels ≥ 0.9, periods ≥ 0.97 — held on what we labelled.
``python tests/figures_sample.py`` prints the scores and every miss. Skipped when ../shared/corpus is absent."""

from __future__ import annotations

import pytest
from conftest import CORPUS
from figures_sample import score

pytestmark = pytest.mark.corpus


def test_labelled_local_sample() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    s = score()
    assert s.expected >= 80
    assert s.recall >= 0.97 and s.precision >= 0.97, s.misses
    assert s.label_accuracy >= 0.9, s.misses
    assert s.period_accuracy >= 0.97, s.misses
