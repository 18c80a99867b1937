"""Rich rendering of a :class:`core.diff.SectionDiff` for the terminal.

Side by side (a two-column table, one row per sentence run) when the terminal is wide enough, else
stacked (each changed row as an ``A`` line above a ``B`` line, unchanged rows once). Changes carry a
colour *and* a mark that survives without colour; under ``no_color`` the marks are spelled out in the
text like wdiff: ``[-deleted-]`` ``{+inserted+}``, ``⇄1`` for the two ends of move 1, ``⚠`` for encoding
damage, ``[=shared=]`` for shared phrases and ``[~a~]{~b~}`` for folded differences.

Report text is data: it is appended to :class:`rich.text.Text` objects (never parsed as markup) after
:func:`tui.safety.sanitize` made control characters inert.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from core.diff import DiffOp, SectionDiff, display_rows

from .safety import sanitize

#: Narrower terminals get the stacked layout.
SIDE_BY_SIDE_MIN_WIDTH = 100

STYLES = {
    "delete": "red strike",
    "insert": "green underline",
    "move": "cyan",
    "move_badge": "bold cyan",
    "damaged_delete": "yellow strike",
    "damaged_insert": "yellow underline",
    "damage_badge": "bold yellow",
    "folded": "italic magenta",
    "shared": "bold cyan underline",
    "header": "dim",
}
DAMAGE_MARK = "⚠"
MOVE_MARK = "⇄"


def render_diff(
    diff: SectionDiff, a_text: str = "", b_text: str = "", *, width: int, no_color: bool
) -> RenderableType:
    """Render ``diff`` for a terminal ``width`` cells wide.

    ``a_text``/``b_text`` are the reports' full original texts (the strings the offsets index); the ops
    carry their own text, so these are only needed when ``diff`` has no ops.
    """
    header = Text(_header(diff), style=STYLES["header"])
    side_by_side = width >= SIDE_BY_SIDE_MIN_WIDTH
    if diff.mode == "shared" and diff.changed:
        body = _render_shared(diff, a_text, b_text, side_by_side=side_by_side, no_color=no_color)
    else:
        body = _render_ops(diff, side_by_side=side_by_side, no_color=no_color)
    return Group(header, body)


def _header(diff: SectionDiff) -> str:
    pct = f"{diff.similarity:.1%}"
    if diff.mode == "shared":
        n = len(diff.shared)
        return f"shared phrases ({n}) · similarity {pct} · too different for a word diff"
    changes = sum(op.tag not in ("equal", "folded", "move") for op in diff.ops)
    moves = len({op.move for op in diff.ops if op.tag == "move"})
    parts = [f"word diff · similarity {pct} · {changes} change{'s' * (changes != 1)}"]
    if moves:
        parts.append(f"{moves} moved sentence{'s' * (moves != 1)}")
    if any(op.damaged and op.tag != "equal" for op in diff.ops):
        parts.append(f"{DAMAGE_MARK} encoding damage")
    return " · ".join(parts) if diff.changed or moves else f"no differences · similarity {pct}"


# --- diff mode ---------------------------------------------------------------------------------------


def _append(text: Text, content: str, style: str, no_color: bool, marks: tuple[str, str] = ("", "")) -> None:
    """Append report text (sanitized, never markup); under no_color wrap it in ``marks``, leaving line
    breaks and spaces at its ends outside them so a mark never dangles on a line of its own."""
    content = sanitize(content)
    if not (no_color and (marks[0] or marks[1])):
        text.append(content, style=style)
        return
    core = content.rstrip()
    tail = content[len(core) :]
    if not core:
        text.append(content)
        return
    text.append(marks[0])
    text.append(core, style=style)
    text.append(marks[1])
    text.append(tail)


def _side(ops: list[DiffOp], side: str, no_color: bool) -> Text:
    """One side's text of a row, changes styled and marked."""
    out = Text()
    for op in ops:
        content = op.a_text if side == "a" else op.b_text
        if not content:
            continue
        if op.tag == "equal":
            _append(out, content, "", no_color)
            continue
        if op.tag == "folded":
            marks = ("[~", "~]") if side == "a" else ("{~", "~}")
            _append(out, content, STYLES["folded"], no_color, marks)
            continue
        if op.damaged:
            out.append(DAMAGE_MARK, style=STYLES["damage_badge"])
        if op.tag == "move":
            out.append(f"{MOVE_MARK}{op.move}", style=STYLES["move_badge"])
            marks = ("[", "]") if side == "a" else ("{", "}")
            _append(out, content, STYLES["move"], no_color, marks)
        elif side == "a":
            style = STYLES["damaged_delete" if op.damaged else "delete"]
            _append(out, content, style, no_color, ("[-", "-]"))
        else:
            style = STYLES["damaged_insert" if op.damaged else "insert"]
            _append(out, content, style, no_color, ("{+", "+}"))
    out.rstrip()
    return out


def _render_ops(diff: SectionDiff, *, side_by_side: bool, no_color: bool) -> RenderableType:
    rows = display_rows(diff.ops)
    if side_by_side:
        table = Table(box=box.SIMPLE, expand=True, show_edge=False, pad_edge=False)
        table.add_column("A", ratio=1, overflow="fold")
        table.add_column("B", ratio=1, overflow="fold")
        for row in rows:
            table.add_row(_side(row, "a", no_color), _side(row, "b", no_color))
        return table
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for row in rows:
        if all(op.tag == "equal" for op in row):
            grid.add_row("", _side(row, "a", no_color))
            continue
        left, right = _side(row, "a", no_color), _side(row, "b", no_color)
        if left.plain:
            grid.add_row("A", left)
        if right.plain:
            grid.add_row("B", right)
    return grid


# --- shared mode -------------------------------------------------------------------------------------


def _span_text(diff: SectionDiff, side: str, full: str) -> tuple[str, int]:
    """The compared text of one side and its original offset: rebuilt from the ops (exact by design)."""
    start, end = diff.a_span if side == "a" else diff.b_span
    if diff.ops:
        return "".join(op.a_text if side == "a" else op.b_text for op in diff.ops), start
    return (full[start:end] if len(full) >= end else full), start


def _highlight(text: str, offset: int, spans: list[tuple[int, int]], no_color: bool) -> Text:
    mask = bytearray(len(text))
    for s, e in spans:
        s, e = max(s - offset, 0), min(e - offset, len(text))
        if e > s:
            mask[s:e] = b"\x01" * (e - s)
    out = Text()
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and mask[j] == mask[i]:
            j += 1
        if mask[i]:
            _append(out, text[i:j], STYLES["shared"], no_color, ("[=", "=]"))
        else:
            _append(out, text[i:j], "", no_color)
        i = j
    out.rstrip()
    return out


def _render_shared(
    diff: SectionDiff, a_text: str, b_text: str, *, side_by_side: bool, no_color: bool
) -> RenderableType:
    text_a, off_a = _span_text(diff, "a", a_text)
    text_b, off_b = _span_text(diff, "b", b_text)
    left = _highlight(text_a, off_a, [s for p in diff.shared for s in p.a_spans], no_color)
    right = _highlight(text_b, off_b, [s for p in diff.shared for s in p.b_spans], no_color)
    if side_by_side:
        table = Table(box=box.SIMPLE, expand=True, show_edge=False, pad_edge=False)
        table.add_column("A", ratio=1, overflow="fold")
        table.add_column("B", ratio=1, overflow="fold")
        table.add_row(left, right)
        return table
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row("A", left)
    grid.add_row("B", right)
    return grid
