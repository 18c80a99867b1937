"""Turn a report section and its diff into Rich Text for a pane: highlighting with colour *and* a mark.

Report text is data: it is appended to Text objects (never parsed as markup) after control characters are
made inert. Each highlight has a non-colour marker too (strike for deletions, underline for insertions,
⇄ for moves, ⚠ for damage), so it shows under NO_COLOR and on monochrome terminals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from core.model import Report, Section

from . import themes
from .i18n import t
from .safety import sanitize

if TYPE_CHECKING:  # the diff module (rapidfuzz, jieba glue) loads after the first paint
    from core.diff import SectionDiff

# The marks' colours come from the theme (tui/themes.py); these two are colour-free.
STYLE_HEADING = Style(bold=True)
STYLE_FIGURE = Style(reverse=True, bold=True)


def pane_text(
    report: Report,
    section: Section | None,
    diff: SectionDiff | None,
    side: str,
    *,
    normalized: bool = False,
    figure_span: tuple[int, int] | None = None,
) -> Text:
    """The text of ``section`` with the diff's marks for ``side`` ("a" = the row's pivot, "b" = other)."""
    if section is None:
        return Text(t("pane.no_section"), style="dim italic")
    start, end = section.start, section.end
    if normalized:
        a, b = section.norm_start, section.norm_end
        text = Text(sanitize(report.folded.normalized[a:b]))
        _mark_heading(text, section, offset=0, length=len(section.heading))
        return text
    raw = report.text[start:end]
    text = Text(sanitize(raw))
    _mark_heading(text, section, offset=section.start - start, length=section.body_start - section.start)
    if diff is not None:
        _mark_diff(text, diff, side, start)
    for d in report.damaged_in(start, end):
        text.stylize(themes.style("damage"), max(0, d.start - start), min(end, d.end) - start)
    if figure_span is not None:
        fs, fe = figure_span
        if start <= fs < end:
            text.stylize(STYLE_FIGURE, fs - start, min(fe, end) - start)
    return text


def _mark_heading(text: Text, section: Section, offset: int, length: int) -> None:
    if section.heading and length > 0:
        text.stylize(STYLE_HEADING, offset, offset + len(section.heading))


def _mark_diff(text: Text, diff: SectionDiff, side: str, base: int) -> None:
    if diff.mode == "shared":
        for phrase in diff.shared:
            for s, e in phrase.a_spans if side == "a" else phrase.b_spans:
                text.stylize(themes.style("shared"), s - base, e - base)
        return
    for op in diff.ops:
        s, e = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if e <= s:
            continue
        style = _op_style(op.tag, side)
        if style is not None:
            text.stylize(style, s - base, e - base)


def _op_style(tag: str, side: str) -> Style | None:
    if tag == "delete":
        return themes.style("delete") if side == "a" else None
    if tag == "insert":
        return themes.style("insert") if side == "b" else None
    if tag == "replace":
        return themes.style("delete" if side == "a" else "insert")
    if tag == "move":
        return themes.style("move")
    if tag == "folded":
        return themes.style("folded")
    return None


def change_offsets(diff: SectionDiff | None, side: str) -> list[int]:
    """Original offsets (on ``side``) where each change starts, for n/N."""
    if diff is None or diff.mode != "diff":
        return []
    out = []
    for op in diff.ops:
        if op.tag in ("equal", "folded"):
            continue
        s, _e = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        out.append(s)
    return sorted(set(out))


def short_names(names: list[str]) -> list[str]:
    """Names for the narrow row list: a year all reports share is said once, not on each (北京市 2026 …)."""
    years = {n.rsplit(" ", 1)[-1] for n in names}
    if len(names) > 1 and len(years) == 1 and years.pop().isdigit() and all(" " in n for n in names):
        return [n.rsplit(" ", 1)[0] for n in names[:-1]] + [names[-1]]
    return names
