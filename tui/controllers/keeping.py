"""A place you keep (tui/keep.py): the view saved on quit, offered on the next open of the same files,
and undone with U (back to what a fresh open shows)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import aligned, keep
from ..i18n import t as tr
from ..safety import sanitize

if TYPE_CHECKING:
    from ..app import ReportDiffApp


class Keeper:
    def __init__(self, app: ReportDiffApp, session_file: Path | None = None,
                 given: keep.View | None = None) -> None:
        self.app = app
        self.session_file = session_file  #: --session FILE: read from it (``given``) and saved to it
        self.given = given
        self.stamps: list[keep.FileStamp] | None = None
        self.before: keep.View | None = None  #: the fresh view a restore replaced (U goes back to it)
        self.restored: keep.View | None = None
        self.save_error: str | None = None

    # --- what the view is now ---------------------------------------------------------------------

    def capture(self) -> keep.View | None:
        app, s = self.app, self.app.session
        if not app.loaded or not s.reports or len(s.reports) != len(s.paths):
            return None  # a file that failed to read shifts the reports' indices: nothing to keep
        units = [{u.id: u for u in _units(r, s.level)} for r in s.reports]
        pins = []
        for p in s.pins:
            ua, ub = units[p.report_a].get(p.section_a), units[p.report_b].get(p.section_b)
            if ua is not None and ub is not None:
                pins.append(keep.PinRef(p.report_a, p.section_a, _label(ua), p.report_b, p.section_b, _label(ub),
                                        p.pair))
        cursor = None
        row = app.current_row()
        pivot = s.pivot(row) if row is not None else None
        if row is not None and pivot is not None:
            cell = row.cells[pivot]
            assert cell is not None
            cursor = keep.Cursor(pivot, cell.id, _label(cell), app.current)
        return keep.View(tuple(self.stamps or [keep.stamp(p) for p in s.paths]), s.level, cursor, s.chosen_pivot,
                         tuple(pins), app.fold_unchanged, app.sync, app.normalized, app.theming.name)

    def save(self) -> None:
        """On quit: the view in the state dir, and in the --session file when one was given."""
        try:
            view = self.capture()
        except Exception:  # a bug of ours must not stop the app from quitting
            return
        if view is None:
            return
        with contextlib.suppress(OSError):
            keep.save_for(view)
        if self.session_file is not None:
            try:
                keep.save_for(view, path=self.session_file)
            except OSError as exc:
                self.save_error = f"{self.session_file}: cannot save the session: {exc.strerror or exc}"

    # --- offering the last one ----------------------------------------------------------------------

    def offer(self) -> None:
        """Look for a kept view in a thread worker (hashing the files: ~60 ms for 31 MB), then restore it on
        the event loop."""
        self.app.run_worker(self._look, thread=True, group="keep", exit_on_error=False)

    def _look(self) -> None:
        paths = self.app.session.paths
        stamps = [keep.stamp(p) for p in paths]
        saved = self.given if self.given is not None else keep.load_for(paths)
        with contextlib.suppress(RuntimeError):  # the app has quit meanwhile
            self.app.call_from_thread(self._offered, stamps, saved)

    def _offered(self, stamps: list[keep.FileStamp], saved: keep.View | None) -> None:
        self.stamps = stamps
        if saved is None or len(saved.files) != len(self.app.session.reports):
            return
        changed = keep.changed_files(saved, stamps)
        self.before = self.capture()
        kept, total = self.restore(saved)
        self.restored = saved
        names = ", ".join(os.path.basename(p) for p in changed)
        if changed:
            message = tr("keep.changed", files=names, kept=kept, total=total)
        else:
            message = tr("keep.restored", what=self._summary(saved))
        self.app.notify(sanitize(message), title=tr("keep.title"), timeout=8, markup=False)

    def _summary(self, view: keep.View) -> str:
        bits = [tr(f"level.{view.level}")]
        if view.cursor is not None:
            label = view.cursor.label or view.cursor.section
            bits.append(tr("keep.at", label=label if len(label) <= 12 else label[:11] + "…"))  # a topic's title
        if view.pins:
            bits.append(tr("keep.pins", n=len(view.pins)))
        if view.pivot is not None:
            bits.append(tr("keep.pivot", name=self.app.session.reports[view.pivot].name))
        return " · ".join(bits)

    def restore(self, view: keep.View) -> tuple[int, int]:
        """Apply what still applies of ``view``: (pins kept, pins saved). Pins and the cursor hold only where
        their sections still exist with the same id and label."""
        app, s = self.app, self.app.session
        units = [{u.id: u for u in _units(r, view.level)} for r in s.reports]

        def there(report: int, section: str, label: str) -> bool:
            u = units[report].get(section) if report < len(units) else None
            return u is not None and _label(u) == label

        from core.alignment import Pin

        pins = [Pin(p.a, p.a_section, p.b, p.b_section, p.pair) for p in view.pins
                if there(p.a, p.a_section, p.a_label) and there(p.b, p.b_section, p.b_label)]
        if view.theme and view.theme != app.theming.name:
            with contextlib.suppress(ValueError):
                app.theming.apply(view.theme, remember=False, say=False)
        app.sync = view.sync
        app.normalized = view.normalized
        if view.fold != app.fold_unchanged:
            app.fold_unchanged = view.fold
            aligned.set_fold(app.query("ReportPane"), view.fold)  # type: ignore[arg-type]
        s.chosen_pivot = view.pivot if view.pivot is not None and view.pivot < len(s.reports) else None
        c = view.cursor
        follow = (c.report, c.section) if c is not None and there(c.report, c.section, c.label) else None
        if view.level != s.level or pins != s.pins:
            s.level, s.pins = view.level, pins
            app._follow = follow
            app.quiet_realign = True
            app.realign()
        else:
            app.go_to_section(follow)
        return len(pins), len(view.pins)

    def undo(self) -> None:
        """U: back to what a fresh open showed, before the kept view was restored."""
        if self.before is None:
            self.app.notify(tr("keep.nothing_to_undo"), timeout=2)
            return
        before, self.before = self.before, None
        self.restore(before)
        self.app.notify(tr("keep.undone"), timeout=3)


def _units(report: object, level: str) -> list:  # type: ignore[type-arg]
    from core.align import units_of

    return list(units_of(report, level))  # type: ignore[arg-type]


def _label(section: object) -> str:
    return str(getattr(section, "label", "") or getattr(section, "title", ""))
