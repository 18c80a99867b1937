"""Child process for the TUI benchmark: runs an app headless (``App.run_test``) and prints JSON lines.

    python -m bench.tui_child empty
    python -m bench.tui_child app [--presses N] [--settle] [--key-after SECONDS] [--unaligned] FILE...

Paint times come from a hook on ``App._display``, which Textual calls with each compositor update (after
the widgets rendered their lines) even when headless. First paint is printed as wall-clock time
(``time.time()``) so the parent measures from the moment it started this process, interpreter start
included. Row changes are timed from the key press to the first screen update after every pane got its
new text.
"""

from __future__ import annotations

import time

T_WALL_START = time.time()

import sys  # noqa: E402


def _fork_early() -> tuple[object | None, list[str]]:
    """For ``app``: fork the loader before this harness imports anything of its own (asyncio alone is
    ~25 ms), as `reportdiff A B` forks right after its command line is read."""
    args = sys.argv[1:]
    if not args or args[0] != "app":
        return None, []
    paths: list[str] = []
    skip = False
    for arg in args[1:]:
        if skip:
            skip = False
        elif arg in ("--presses", "--key-after"):
            skip = True
        elif not arg.startswith("--"):
            paths.append(arg)
    import tui.cli  # noqa: F401  (what `reportdiff A B` imports before forking)
    from tui.loader import fork_loader

    return fork_loader(paths), paths


EARLY_LOADER, EARLY_PATHS = _fork_early()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
from typing import Any  # noqa: E402

from .peak import current_rss_kib, peak_rss_kib  # noqa: E402

SIZE = (160, 45)


def emit(**data: Any) -> None:
    print(json.dumps(data), flush=True)


class Probe:
    """Hooks that record when panes get text and when the screen is updated."""

    def __init__(self, panes: Any = None, wrapped: Any = None) -> None:
        self.panes = panes  #: () -> the reports whose panes are on screen (none while loading)
        #: () -> whether every pane's text is wrapped into lines, i.e. would show on screen: a pane that
        #: got its text before it was laid out shows nothing until it wraps
        self.wrapped = wrapped or (lambda: True)
        self.set_at: dict[str, float] = {}  #: pane body id → perf_counter of its last set_text
        self.pane_ids: list[str] = []
        self.first_paint: float | None = None  #: wall time of the first update showing every pane's text
        self.diff_paint: float | None = None  #: wall time of the first update after the diffs were painted
        self.diff_painted = False
        self.armed: float | None = None  #: key press time (perf_counter) being waited on
        self.key_paint: float | None = None
        self.marks: dict[str, float] = {}  #: name → wall time of a start-up step

    def ready(self) -> bool:
        if self.panes is not None:  # asked each time: with 5-8 reports the shown panes change
            self.pane_ids = [f"pane-body-{i}" for i in self.panes()]
        return bool(self.pane_ids) and all(p in self.set_at for p in self.pane_ids) and self.wrapped()

    def on_display(self) -> None:
        now_wall, now = time.time(), time.perf_counter()
        if self.first_paint is None and self.ready():
            self.first_paint = now_wall
        if self.diff_paint is None and self.diff_painted:
            self.diff_paint = now_wall
        if (
            self.armed is not None
            and self.key_paint is None
            and self.ready()
            and all(self.set_at[p] >= self.armed for p in self.pane_ids)
        ):
            self.key_paint = now


def install(probe: Probe, app_cls: Any | None) -> None:
    from textual.app import App

    original_display = App._display

    def _display(self: Any, screen: Any, renderable: Any) -> None:
        original_display(self, screen, renderable)
        if renderable is not None:
            probe.on_display()

    App._display = _display  # type: ignore[method-assign]
    if app_cls is None:
        return
    from tui.widgets.text_view import TextView

    original_set = TextView.set_text

    def set_text(self: Any, text: Any, **kwargs: Any) -> None:
        original_set(self, text, **kwargs)
        if self.id and self.id.startswith("pane-body-"):
            probe.set_at[self.id] = time.perf_counter()

    TextView.set_text = set_text  # type: ignore[method-assign]
    original_paint = app_cls._paint_row

    def _paint_row(self: Any, row: Any, *, with_diff: bool = True) -> None:
        original_paint(self, row, with_diff=with_diff)
        if with_diff and probe.ready():
            probe.diff_painted = True

    app_cls._paint_row = _paint_row
    # Where the time goes: the app ready to show reports, and the loader's answer taken in.
    original_mount = app_cls.on_mount

    async def on_mount(self: Any) -> None:
        probe.marks.setdefault("mounted", time.time())
        await original_mount(self)

    app_cls.on_mount = on_mount
    original_loaded = app_cls._loaded

    async def _loaded(self: Any, alignment: Any) -> None:
        probe.marks.setdefault("loaded", time.time())
        await original_loaded(self, alignment)

    app_cls._loaded = _loaded
    from tui.session import Session

    original_wait = Session.wait_loaded

    def wait_loaded(self: Any) -> Any:
        out = original_wait(self)
        probe.marks.setdefault("received", time.time())
        return out

    Session.wait_loaded = wait_loaded  # type: ignore[method-assign]


async def _wait(cond: Any, timeout: float, step: float = 0.002) -> bool:
    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(step)
    return True


async def run_empty() -> None:
    from textual.app import App

    probe = Probe()
    probe.pane_ids = ["-"]
    probe.set_at["-"] = 0.0
    install(probe, None)
    app: App[None] = App()
    async with app.run_test(size=SIZE):
        await _wait(lambda: probe.first_paint is not None, 30)
        emit(event="first_paint", wall=probe.first_paint, start=T_WALL_START)
        emit(event="memory", peak_kib=peak_rss_kib(), rss_kib=current_rss_kib())


async def run_app(
    paths: list[str], presses: int, settle: bool, key_after: float = 0.0, unaligned: bool = False
) -> None:
    # As tui.commands.app_command does for `reportdiff A B`: reading and aligning started (in a forked
    # process, at this module's start) before the session and Textual are imported.
    loader = EARLY_LOADER if list(paths) == EARLY_PATHS else None
    from tui.session import Session

    session = Session(list(paths))
    if loader is not None:
        session.use_loader(loader)
    else:
        session.start_loading()
    emit(event="loader", kind="process" if loader is not None else "thread")
    from tui.app import ReportDiffApp
    from tui.widgets.report_pane import ReportPane

    app = ReportDiffApp(paths, session=session)
    app.aligned = not unaligned  # --unaligned: each pane wraps its section on its own (before issue 14)
    from tui.widgets.text_view import TextView

    probe = Probe(
        lambda: [p.index for p in app.query(ReportPane) if p.display] if app.loaded else [],
        lambda: all(v._lines or not v.text.plain for v in app.query(TextView) if (v.id or "").startswith("pane-body-")),
    )
    install(probe, ReportDiffApp)
    async with app.run_test(size=SIZE) as pilot:
        if not await _wait(lambda: probe.first_paint is not None, 60):
            emit(event="error", message="no first paint within 60 s")
            return
        emit(
            event="first_paint",
            wall=probe.first_paint,
            start=T_WALL_START,
            marks=probe.marks,
            reports=len(app.session.reports),
            rows=len(app.alignment.rows) if app.alignment else 0,
        )
        if key_after:
            # A user who presses j as soon as the reports show: the dictionary load and the first diffs
            # run in the background now, and must not hold the key up.
            lags: list[tuple[float, float]] = []

            async def watch_loop() -> None:  # how late the event loop runs a 5 ms timer: its freezes
                while True:
                    t = time.perf_counter()
                    await asyncio.sleep(0.005)
                    lags.append((time.time() - probe.first_paint, time.perf_counter() - t - 0.005))  # type: ignore[operator]

            watcher = asyncio.ensure_future(watch_loop())
            await asyncio.sleep(max(0.0, probe.first_paint + key_after - time.time()))
            woke = time.time() - probe.first_paint
            probe.key_paint = None
            t0 = time.perf_counter()
            probe.armed = t0
            await pilot.press("j")
            if not await _wait(lambda: probe.key_paint is not None, 10):
                emit(event="error", message="early row change not painted within 10 s")
                return
            watcher.cancel()
            worst = max(lags, key=lambda x: x[1]) if lags else (0.0, 0.0)
            emit(
                event="early_key",
                latency=probe.key_paint - t0,  # type: ignore[operator]
                pressed_after=woke,
                worst_freeze=worst[1],
                worst_freeze_at=worst[0],
            )
            probe.armed = None
        await _wait(lambda: probe.diff_paint is not None, 30)
        emit(event="diff_paint", wall=probe.diff_paint)
        if settle or presses:
            await app.workers.wait_for_complete()
            await pilot.pause()
        if settle:
            emit(event="memory", peak_kib=peak_rss_kib(), rss_kib=current_rss_kib())
        rows = len(app.alignment.rows) if app.alignment else 0
        latencies: list[float] = []
        key = "j"
        for _ in range(presses if rows > 1 else 0):
            if app.current >= rows - 1:
                key = "k"
            elif app.current <= 0:
                key = "j"
            probe.key_paint = None
            t0 = time.perf_counter()
            probe.armed = t0
            await pilot.press(key)
            if not await _wait(lambda: probe.key_paint is not None, 5):
                emit(event="error", message=f"row change not painted within 5 s (row {app.current})")
                return
            latencies.append(probe.key_paint - t0)  # type: ignore[operator]
            probe.armed = None
        if latencies:
            emit(event="keys", latencies=latencies)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["empty", "app"])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--presses", type=int, default=0)
    parser.add_argument("--settle", action="store_true")
    parser.add_argument("--key-after", type=float, default=0.0, help="press j this many seconds after first paint")
    parser.add_argument("--unaligned", action="store_true", help="panes not lined up by sentence")
    args = parser.parse_intermixed_args(argv)
    if args.mode == "empty":
        asyncio.run(run_empty())
    else:
        asyncio.run(run_app(args.paths, args.presses, args.settle, args.key_after, args.unaligned))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
