"""Score figure extraction on the hand-labelled sample (tests/cases/figures_sample/*.json): recall,
precision, label accuracy and period accuracy on passages of local reports, read whole (so headings and
the sentences before decide, as for a user). ``python tests/figures_sample.py`` prints the scores and each
miss."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "figures_sample"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    labels_right: int = 0
    periods_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def label_accuracy(self) -> float:
        return self.labels_right / self.matched if self.matched else 1.0

    @property
    def period_accuracy(self) -> float:
        return self.periods_right / self.matched if self.matched else 1.0


def score(cases_dir: Path = CASES, corpus: Path = CORPUS) -> Score:
    from core.report import load_report
    from core.report_figures import report_figures

    total = Score()
    reports: dict[str, Any] = {}
    for path in sorted(cases_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for passage in data["passages"]:
            name = passage["file"]
            if name not in reports:
                report = load_report(str(corpus / name))
                reports[name] = (report, report_figures(report))
            report, figures = reports[name]
            a = report.text.find(passage["from"])
            b = report.text.find(passage["to"], a)
            assert a >= 0 and b >= 0, f"{name}: passage anchors not found"
            b += len(passage["to"])
            got = [f for f in figures if a <= f.start < b and f.text not in passage.get("optional", [])]
            total.expected += len(passage["expected"])
            total.found += len(got)
            pending = list(got)
            for want in passage["expected"]:
                hit = next((f for f in pending if f.text == want["text"]), None)
                if hit is None:
                    total.misses.append(f"{name}: not found: {want['text']} ({want['labels'][0]})")
                    continue
                pending.remove(hit)
                total.matched += 1
                if hit.label in want["labels"]:
                    total.labels_right += 1
                else:
                    total.misses.append(f"{name}: {want['text']}: label {hit.label!r}, want {want['labels'][0]!r}")
                if hit.period == want["period"]:
                    total.periods_right += 1
                else:
                    total.misses.append(f"{name}: {want['text']}: period {hit.period}, want {want['period']}")
            total.misses += [f"{name}: extra: {f.text} ({f.label})" for f in pending]
    return total


def main() -> int:
    s = score()
    print(f"{s.expected} labelled figures, {s.found} found in the passages, {s.matched} matched")
    print(f"recall {s.recall:.3f}  precision {s.precision:.3f}  labels {s.label_accuracy:.3f}  periods {s.period_accuracy:.3f}")
    for miss in s.misses:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
