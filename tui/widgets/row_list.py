"""The aligned rows: labels and titles of each report's section, a similarity mark, what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from core.alignment import Alignment, Row
    from core.model import Section

from .. import themes
from ..safety import sanitize


def similarity_mark(row: Row) -> tuple[str, str | Style]:
    """A mark readable without colour: ● close, ◐ related, ○ loose, · unmatched."""
    present = row.present()
    if len(present) < 2:
        return "·", "dim"
    if row.pinned:
        return "✓", themes.style("row_pinned")
    if row.score >= 0.8:
        return "●", themes.style("row_close")
    if row.score >= 0.35:
        return "◐", themes.style("row_related")
    return "○", themes.style("row_loose")


_KIND_TITLES = {"front": "[首]", "preamble": "[前]", "closing": "[尾]", "appendix": "[附]"}  # short: columns of labels share a narrow list


def _label(c: Section | None, qualified: dict[str, str] | None = None) -> str:
    if c is None:
        return "—"
    if qualified and c.id in qualified:
        return qualified[c.id]
    return sanitize(c.label or ("·" if c.kind == "topic" else _KIND_TITLES.get(c.kind, "·")))


def qualified_labels(alignment: Alignment, everywhere: bool = False) -> list[dict[str, str]]:
    """Per report, section id → its label with its parent's (三、(三)), in the reports whose rows would
    show a label twice (上海 has (三) under 一、 and under 三、): all of that report's labels, so that its
    column reads alike; other reports keep short labels, the columns are narrow. ``everywhere``: every
    report's (with many reports, the list shows a few of them and titles from one: the parent says where
    a section sits in each)."""
    out: list[dict[str, str]] = []
    for i, report in enumerate(alignment.reports):
        cells = {c.id: c for r in alignment.rows if (c := r.cells[i]) is not None}
        seen: dict[str, int] = {}
        for c in cells.values():
            if c.label:
                seen[c.label] = seen.get(c.label, 0) + 1
        twice = {label for label, n in seen.items() if n > 1}
        qualified: dict[str, str] = {}
        if twice or everywhere:
            by_id = {s.id: s for s in report.walk()}
            for c in cells.values():
                parent = by_id.get(c.id.rpartition(".")[0]) if "." in c.id else None
                # (a part and its first chapter can share the label: 二、 above 二、 is said once)
                if c.label and parent is not None and parent.label and parent.label != c.label:
                    qualified[c.id] = sanitize(parent.label + c.label)
        out.append(qualified)
    return out


def label_widths(alignment: Alignment, qualified: list[dict[str, str]] | None = None) -> list[int]:
    """Each report's widest label (in cells), so that the rows' label columns line up."""
    n = len(alignment.reports)
    q = qualified or [{} for _ in range(n)]
    return [max((cell_len(_label(r.cells[i], q[i])) for r in alignment.rows), default=1) for i in range(n)]


def row_prompt(
    row: Row, names: list[str], changed: bool | None = None, width: int = 40, widths: list[int] | None = None,
    qualified: list[dict[str, str]] | None = None, columns: list[int] | None = None, normalized: bool = False,
) -> Text:
    """One line: the mark, each report's label (— where missing) padded to its column, and the first
    present title. ``columns``: the reports listed (default every one); ``normalized``: the titles as the
    normalized text writes them (o: simplified, no pinyin)."""
    mark, style = similarity_mark(row)
    t = Text(no_wrap=True, overflow="ellipsis")
    t.append(mark, style=style)
    # ↕: the section moved within its series (2021's (四) is 2022's (一)); the status line says from where.
    t.append("↕" if row.moved() else " ", style=themes.style("row_moved"))
    listed = list(range(len(row.cells))) if columns is None else columns
    for k, i in enumerate(listed):
        c = row.cells[i]
        if k:
            t.append("│", style="dim")
        label = _label(c, qualified[i] if qualified else None)
        t.append(label, style="dim" if c is None else themes.style("row_label"))
        if widths is not None and i < len(widths):
            t.append(" " * (widths[i] - cell_len(label)))
    # The title of the first listed report that has one (else of any report).
    first = next((c for i in listed if (c := row.cells[i]) is not None and c.title), None)
    if first is None:
        first = next((c for c in row.cells if c is not None and c.title), None)
    if first is not None:
        t.append(" " + sanitize(first.title_norm if normalized and first.title_norm else first.title))
    if changed is False and len(row.present()) >= 2:  # one report alone is no comparison, not "no change"
        t.append(" =", style=themes.style("row_same"))
    t.truncate(width, overflow="ellipsis")
    return t


class RowList(OptionList):
    """The rows of the current alignment; highlighting one opens it in the panes."""

    DEFAULT_CSS = """
    RowList { width: 1fr; }
    """

    #: the reports whose labels are listed (None: every one); with many reports, the shown panes'
    columns: list[int] | None = None
    normalized: bool = False  #: titles from the normalized text (the panes show it: o)

    def show(
        self,
        alignment: Alignment,
        names: list[str],
        changed: list[bool | None] | None = None,
        highlighted: int | None = None,
    ) -> None:
        """List ``alignment``'s rows with ``highlighted`` (default: the same index as before) highlighted.

        Quietly: refilling the list is not the user moving to another row, so no OptionHighlighted is
        posted (each would repaint the panes, and the first would be for row 0).
        """
        if highlighted is None:
            highlighted = self.highlighted
        # Which rows are unchanged, kept for a repaint of the same alignment (a theme change).
        if changed is not None:
            self._changed = (alignment, changed)
        elif getattr(self, "_changed", None) and self._changed[0] is alignment:
            changed = self._changed[1]
        width = max(20, (self.size.width or 40) - 3)
        columns = self.columns
        qualified = qualified_labels(alignment, everywhere=columns is not None)
        widths = label_widths(alignment, qualified)
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(
                [
                    Option(row_prompt(row, names, changed[i] if changed else None, width, widths, qualified,
                                      columns, self.normalized),
                           id=f"row-{i}")
                    for i, row in enumerate(alignment.rows)
                ]
            )
            if alignment.rows:
                self.highlighted = min(highlighted or 0, len(alignment.rows) - 1)
