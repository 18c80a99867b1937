"""``reportdiff DIR``: the folder picker lists the folder's reports by region and year; space marks,
enter opens 2 to 8 of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed_file

from tui.screens.folder_picker import FolderPickerApp, read_entry

TEXTS = {
    "b.txt": "2023年乙县政府工作报告\n各位代表：\n一、2022年工作回顾\n过去一年稳中有进。\n二、2023年工作安排\n今年要稳中求进。\n",
    "a.txt": "2024年乙县政府工作报告\n各位代表：\n一、2023年工作回顾\n过去一年稳中有进。\n二、2024年工作安排\n今年要稳中求进。\n",
    "c.txt": "2024年甲市政府工作报告\n各位代表：\n一、2023年工作回顾\n过去一年稳中有进。\n二、2024年工作安排\n今年要稳中求进。\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return tmp_path


def _files(folder: Path) -> list[str]:
    from core.batch import expand_paths

    return expand_paths([str(folder)])[0]


async def _ready(pilot, app) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if len(app.screen.entries) == 4:
            return
    raise AssertionError("the picker did not read the folder")


@pytest.mark.asyncio
async def test_lists_by_region_then_year_and_opens_the_marked(folder: Path) -> None:
    app = FolderPickerApp(str(folder), _files(folder))
    async with app.run_test(size=(100, 20)) as pilot:
        await _ready(pilot, app)
        entries = app.screen.entries
        assert [(e.region, e.year) for e in entries[:3]] == [("乙县", 2023), ("乙县", 2024), ("甲市", 2024)]
        assert entries[3].error and entries[3].path.endswith("broken.pdf")  # unreadable: last, not selectable
        await pilot.press("enter")  # nothing marked: a warning, no exit
        assert app.return_value is None and app.is_running
        await pilot.press("space", "down", "down", "space", "enter")
    assert app.return_value == [str(folder / "b.txt"), str(folder / "c.txt")]


@pytest.mark.asyncio
async def test_quit_returns_nothing(folder: Path) -> None:
    app = FolderPickerApp(str(folder), _files(folder))
    async with app.run_test(size=(100, 20)) as pilot:
        await _ready(pilot, app)
        await pilot.press("q")
    assert app.return_value is None


def test_entry_of_a_seed_reads_its_region_and_year() -> None:
    entry = read_entry(str(seed_file("002")))
    assert (entry.region, entry.year, entry.error) == ("东昌区", 2023, None)
