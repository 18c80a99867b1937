"""One self-contained HTML page of diffed rows, to mail to a colleague.

Inline CSS only: no scripts, fonts, images or links to fetch. Every change has a colour *and* a mark that
survives printing in black and white: deletions are struck through, insertions underlined, moves carry a
``⇄n`` badge, encoding damage a ``⚠`` badge with a dotted outline and an explanatory ``title``, shared
phrases (shared mode) are highlighted and bold. All report text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from .diff import DiffOp, SectionDiff, display_rows


@dataclass(frozen=True)
class DiffRow:
    """One aligned row: a section of A and/or B and their diff.

    ``diff`` is None when the row has a section on one side only (or was not diffed); ``text_a``/``text_b``
    are then shown as they are (the section's original text, "" for a missing side). ``score`` is the
    alignment score (None: not aligned by score, e.g. pinned by hand or one-sided).
    """

    label_a: str | None
    title_a: str | None
    label_b: str | None
    title_b: str | None
    score: float | None
    diff: SectionDiff | None
    text_a: str = ""
    text_b: str = ""
    moved: str = ""  #: "(四)→(一)" when the section moved within its series (see core.align)


_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 1.5em; color: #222; background: #fff; line-height: 1.7; }
h1 { font-size: 1.4em; }
h2 { font-size: 1.05em; margin: 1.6em 0 0.3em; border-bottom: 1px solid #ccc; }
.meta { color: #666; font-size: 0.85em; font-weight: normal; }
.legend { font-size: 0.9em; color: #444; }
.legend > * { margin-right: 1em; }
table.diff { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.diff th { text-align: left; font-weight: normal; color: #666; font-size: 0.85em; }
table.diff td { vertical-align: top; padding: 0.25em 0.6em; border-top: 1px solid #eee;
                white-space: pre-wrap; word-break: break-all; width: 50%; }
table.diff tr.same td { color: #555; }
del { background: #fdd; color: #900; text-decoration: line-through; }
ins { background: #dfd; color: #060; text-decoration: underline; }
.move { background: #dff4f8; color: #046; }
.badge { font-weight: bold; font-size: 0.8em; padding: 0 0.2em; }
.move .badge { color: #046; }
.damaged { outline: 2px dotted #b58900; outline-offset: 1px; }
.damaged .badge, .warn { color: #8a6d00; }
.folded { text-decoration: underline dotted #a0a; }
mark.shared { background: #fff3b0; font-weight: bold; color: inherit; }
.missing { color: #999; font-style: italic; }
@media print { del, ins, .move, mark.shared { background: none; } }
"""

_LEGEND = (
    '<p class="legend"><del>deleted</del> <ins>inserted</ins> '
    '<span class="move"><span class="badge">⇄n</span>moved sentence (both ends carry the same n)</span> '
    '<span class="damaged"><span class="badge">⚠</span>encoding damage in the source</span> '
    '<span class="folded">same once normalized (script, width, pinyin, spaces)</span> '
    '<mark class="shared">phrase both sides share</mark></p>'
)


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _op_html(op: DiffOp, side: str) -> str:
    text = op.a_text if side == "a" else op.b_text
    if not text:
        return ""
    if op.tag == "equal":
        return _e(text)
    if op.tag == "folded":
        other = op.b_text if side == "a" else op.a_text
        return f'<span class="folded" title="{_e("other side: " + other)}">{_e(text)}</span>'
    if op.tag == "move":
        where = "moved to" if side == "a" else "moved from"
        inner = (
            f'<span class="move" title="[moved] {where} the other place marked ⇄{op.move}">'
            f'<span class="badge">⇄{op.move}</span>{_e(text)}</span>'
        )
    elif side == "a":
        inner = f"<del>{_e(text)}</del>"
    else:
        inner = f"<ins>{_e(text)}</ins>"
    if op.damaged:
        inner = (
            '<span class="damaged" title="encoding damage in the source text: this difference may be an '
            f'artefact of a broken page, not a change"><span class="badge">⚠</span>{inner}</span>'
        )
    return inner


def _shared_html(text: str, offset: int, spans: Sequence[tuple[int, int]]) -> str:
    marks = bytearray(len(text))
    for s, e in spans:
        s, e = max(s - offset, 0), min(e - offset, len(text))
        if e > s:
            marks[s:e] = b"\x01" * (e - s)
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        out.append(f'<mark class="shared">{_e(text[i:j])}</mark>' if marks[i] else _e(text[i:j]))
        i = j
    return "".join(out)


def _heading(row: DiffRow) -> str:
    def name(label: str | None, title: str | None) -> str:
        if label is None and title is None:
            return '<span class="missing">(no section)</span>'
        return _e(" ".join(x for x in (label, title) if x))

    meta = []
    if row.score is not None:
        meta.append(f"score {row.score:.2f}")
    if row.moved:
        meta.append(f"moved {row.moved}")
    if row.diff is not None:
        d = row.diff
        if d.mode == "shared" and d.changed:
            meta.append(f"shared phrases ({len(d.shared)}): too different for a word diff")
        else:
            meta.append("word diff" if d.changed else "no differences")
        meta.append(f"similarity {d.similarity:.1%}")
    meta_html = f' <span class="meta">· {_e(" · ".join(meta))}</span>' if meta else ""
    return f"<h2>{name(row.label_a, row.title_a)} ↔ {name(row.label_b, row.title_b)}{meta_html}</h2>"


_HEADER = '<table class="diff"><tr><th>A</th><th>B</th></tr>'


def _row_html(row: DiffRow) -> str:
    parts = [_heading(row), _HEADER]
    d = row.diff
    if d is None:
        a = _e(row.text_a) if row.text_a else '<span class="missing">—</span>'
        b = _e(row.text_b) if row.text_b else '<span class="missing">—</span>'
        parts.append(f"<tr><td>{a}</td><td>{b}</td></tr>")
    elif d.mode == "shared" and d.changed:
        text_a = "".join(op.a_text for op in d.ops) or row.text_a
        text_b = "".join(op.b_text for op in d.ops) or row.text_b
        a = _shared_html(text_a, d.a_span[0], [s for p in d.shared for s in p.a_spans])
        b = _shared_html(text_b, d.b_span[0], [s for p in d.shared for s in p.b_spans])
        parts.append(f"<tr><td>{a}</td><td>{b}</td></tr>")
    else:
        for ops in display_rows(d.ops):
            same = all(op.tag == "equal" for op in ops)
            a = "".join(_op_html(op, "a") for op in ops).rstrip()  # pre-wrap cells: no trailing blank line
            b = "".join(_op_html(op, "b") for op in ops).rstrip()
            cls = ' class="same"' if same else ""
            parts.append(f"<tr{cls}><td>{a}</td><td>{b}</td></tr>")
    parts.append("</table>")
    return "\n".join(parts)


def render_html(rows: Sequence[DiffRow], *, title: str, names: tuple[str, str] = ("A", "B")) -> str:
    """A complete, self-contained HTML page showing ``rows`` side by side with their changes marked;
    ``names`` head the two columns (the reports' names)."""
    changed = sum(1 for r in rows if r.diff is None or r.diff.changed)
    header = f'<table class="diff"><tr><th>{_e(names[0])}</th><th>{_e(names[1])}</th></tr>'
    body = "\n".join(
        f"<section>\n{_row_html(r).replace(_HEADER, header, 1)}\n</section>" for r in rows
    )
    rows_word = "row" if len(rows) == 1 else "rows"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n"
        f'<p class="meta">{len(rows)} {rows_word}, {changed} with differences</p>\n'
        f"{_LEGEND}\n{body}\n</body>\n</html>\n"
    )
