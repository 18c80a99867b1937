"""Export from the app: figures as CSV (Excel-ready), or the first two reports' diff as an HTML page."""

from __future__ import annotations

from pathlib import Path

from core.atomic import ExportError, write_atomic
from core.diff_html import render_html
from core.escapes import ERRORS
from core.export import diff_rows, figures_csv
from core.report_figures import report_figures

from .session import Session

__all__ = ["ExportError", "export_comparison"]


def export_comparison(session: Session, fmt: str, path: Path, *, overwrite: bool = False) -> Path:
    inputs = [r.path for r in session.reports]
    if fmt == "csv":
        figures = [f for r in session.reports for f in report_figures(r)]
        data = figures_csv(figures, excel=True).encode("utf-8", ERRORS)
    else:
        if len(session.reports) < 2:
            raise ExportError("an HTML diff needs two reports")
        al = session.alignment()
        rows = diff_rows(al, lambda row: session.diff(row, 1) if session.pivot(row) == 0 else None)
        title = " ↔ ".join(r.name for r in session.reports[:2])
        names = (session.reports[0].name, session.reports[1].name)
        data = render_html(rows, title=title, names=names).encode("utf-8", ERRORS)
    return write_atomic(path, data, overwrite=overwrite, inputs=inputs)
