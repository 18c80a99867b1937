"""A place you keep (tui/keep.py, tui/controllers/keeping.py): the view saved on quit, offered on the next
open of the same files, U to open fresh; --session FILE; broken or hostile session files."""

from __future__ import annotations

import json
import shutil

import pytest
from app_helpers import seeds, settle

from tui import keep
from tui.app import ReportDiffApp
from tui.commands import app_command
from tui.i18n import CATALOGUE

SIZE = (120, 40)


async def opened(pilot) -> None:
    """Loaded, the kept view looked for (and restored), and the realign it asked for done."""
    app = pilot.app
    await settle(pilot)
    for _ in range(400):
        if app.keeping.stamps is not None:
            break
        await pilot.pause()
    await settle(pilot)


def messages(app: ReportDiffApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def section_at_cursor(app: ReportDiffApp) -> tuple[int, str]:
    row = app.current_row()
    pivot = app.session.pivot(row)
    return pivot, row.cells[pivot].id


@pytest.mark.asyncio
async def test_view_saved_on_quit_and_offered_on_next_open():
    paths = seeds("000", "001")
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert not any("last view" in m for m in messages(app))  # nothing kept yet: a fresh open
        await pilot.press("l")
        await opened(pilot)
        await pilot.press("j", "j", "z", "s", "v")
        await settle(pilot)
        where = section_at_cursor(app)
        assert app.session.chosen_pivot == 1
        await pilot.press("q")
    saved = json.loads(keep.view_path(paths).read_text(encoding="utf-8"))
    assert saved["format"] == "reportdiff-view" and saved["version"] == 1
    assert saved["level"] == "topics" and saved["fold"] is True and saved["sync"] is False
    assert saved["pivot"] == 1 and saved["cursor"]["section"] == where[1]
    assert [f["path"] for f in saved["files"]] == [keep.resolved(p) for p in paths]

    again = ReportDiffApp(paths)
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert again.session.level == "topics"
        assert again.fold_unchanged and not again.sync and again.session.chosen_pivot == 1
        assert section_at_cursor(again) == where
        assert any("restored your last view" in m and "U opens fresh" in m for m in messages(again))
        await pilot.press("U")
        await opened(pilot)
        assert again.session.level == "chapters" and again.sync and not again.fold_unchanged
        assert again.session.chosen_pivot is None
        assert any("opened fresh" in m for m in messages(again))


@pytest.mark.asyncio
async def test_pins_kept_and_a_changed_file_restores_what_still_applies(tmp_path):
    paths = []
    for p in seeds("000", "001"):
        paths.append(str(shutil.copy(p, tmp_path)))
    app = ReportDiffApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        from core.align import units_of

        a = units_of(app.session.reports[0], "chapters")[1]
        b = units_of(app.session.reports[1], "chapters")[2]
        app.session.pin(0, a.id, 1, b.id)
        app.realign()
        await settle(pilot)
        await pilot.press("q")
    assert len(json.loads(keep.view_path(paths).read_text())["pins"]) == 1

    same = ReportDiffApp(paths)
    async with same.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert [(p.section_a, p.section_b) for p in same.session.pins] == [(a.id, b.id)]
        await pilot.press("q")

    # The second file changes (a line added at its end): said, and the pin whose sections still exist holds.
    with open(paths[1], "a", encoding="utf-8") as f:
        f.write("\n附：新增的一句话。\n")
    changed = ReportDiffApp(paths)
    async with changed.run_test(size=SIZE) as pilot:
        await opened(pilot)
        notes = messages(changed)
        assert any("changed since your last view" in m and "1 of 1 pins" in m for m in notes), notes
        assert [(p.section_a, p.section_b) for p in changed.session.pins] == [(a.id, b.id)]


@pytest.mark.asyncio
async def test_a_pin_whose_section_is_gone_is_dropped(tmp_path):
    paths = seeds("000", "001")
    stamps = tuple(keep.stamp(p) for p in paths)
    view = keep.View(stamps, pins=(keep.PinRef(0, "1", "一、", 1, "9.9.9", "(九)"),), sync=False)
    app = ReportDiffApp(paths, view=view)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert app.session.pins == [] and app.sync is False


@pytest.mark.asyncio
async def test_session_file_is_saved_and_read(tmp_path):
    paths = seeds("000", "002")
    target = tmp_path / "view.json"
    app = ReportDiffApp(paths, session_file=target)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("o", "T")
        await settle(pilot)
        await pilot.press("q")
    view = keep.read_view(target)
    assert view.normalized is True and view.theme == "light"
    again = ReportDiffApp(paths, view=view, session_file=target)
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert again.normalized is True and again.theming.name == "light"


HOSTILE = [
    b"",
    b"not json",
    b"[1, 2, 3]",
    b'{"format": "reportdiff-view", "version": 99, "files": []}',
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": 3}]}',
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": "/a"}], "pivot": 5}',
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": "/a"}], "level": "__import__(\'os\')"}',
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": "/a"}], "cursor": {"report": -1}}',
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": "/a"}], "fold": NaN}',
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": "/a"}], "pins": [{"a": 0}]}',
    b"[" * 100_000,
    b'{"format": "reportdiff-view", "version": 1, "files": [{"path": "/a\\u001b]52;c;aGk=\\u0007"}], "sync": 1}',
    b"\xff\xfe\x00garbage",
]


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_session_file_is_one_line(tmp_path, capsys, raw):
    bad = tmp_path / "bad.json"
    bad.write_bytes(raw)
    with pytest.raises(keep.ViewError) as caught:
        keep.read_view(bad)
    assert "\n" not in str(caught.value)
    assert app_command.run_from_argv(["--session", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reportdiff: ") and "\x1b" not in err and "Traceback" not in err


def test_oversized_session_file_is_refused(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (keep.MAX_BYTES + 10))
    with pytest.raises(keep.ViewError, match="larger than"):
        keep.read_view(big)


def test_a_broken_kept_view_opens_fresh(tmp_path):
    paths = seeds("000", "001")
    where = keep.view_path(paths)
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_text("{broken", encoding="utf-8")
    assert keep.load_for(paths) is None


def test_state_dir_follows_xdg_and_falls_back_to_home(tmp_path):
    assert keep.state_dir({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "reportdiff"
    assert keep.state_dir({"XDG_STATE_HOME": "relative", "HOME": str(tmp_path)}) == (
        tmp_path / ".local" / "state" / "reportdiff"
    )


def test_view_round_trips_and_key_depends_on_paths(tmp_path):
    paths = seeds("000", "001")
    view = keep.View(tuple(keep.stamp(p) for p in paths), "topics", keep.Cursor(1, "2.1", "(一)", 7), 1,
                     (keep.PinRef(0, "1", "一、", 1, "2", "二、", False),), True, False, True, "colour-blind")
    assert keep.parse_view(view.to_json()) == view
    assert keep.view_key(paths) != keep.view_key(list(reversed(paths)))
    assert all(s.sha256 and len(s.sha256) == 64 for s in view.files)


def test_catalogue_has_both_languages_for_the_new_words():
    for key in [k for k in CATALOGUE if k.startswith(("keep.", "theme.", "palette.", "help.marks."))] + [
        "key.theme", "key.pivot", "key.undo_restore", "note.theme", "note.pivot"
    ]:
        en, zh = CATALOGUE[key]
        assert en and zh and en != zh


@pytest.mark.asyncio
async def test_restore_notice_in_chinese_and_v_moves_the_pivot():
    paths = seeds("000", "002")
    app = ReportDiffApp(paths, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        row = app.current_row()
        assert app.session.pivot(row) == 0
        await pilot.press("v")
        await settle(pilot)
        assert app.session.pivot(row) == 1  # diffs now read against the second report
        await pilot.press("q")
    again = ReportDiffApp(paths, lang="zh")
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert again.session.chosen_pivot == 1
        assert any("已恢复上次的视图" in m and "按 U 重新打开" in m for m in messages(again))
