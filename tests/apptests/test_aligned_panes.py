"""Sentence-aligned panes (issue 14): corresponding sentences on one screen line, filler on the side that
has none, z folds unchanged sentences, scrolling one pane scrolls the others to the same line."""

from __future__ import annotations

import pytest
from app_helpers import settle

from tui.aligned import FILLER
from tui.app import ReportDiffApp
from tui.widgets.report_pane import ReportPane
from tui.widgets.row_list import RowList

HEAD = "{year}年某某市人民政府工作报告\n\n各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n\n"
REVIEW = "一、过去一年工作回顾\n\n"
PLAN = "二、今年工作安排\n\n"
# Made-up reports of one city, three years: a sentence kept, one rewritten, one inserted, one dropped.
A = (HEAD.format(year=2024) + REVIEW + "过去一年，全市经济运行稳中有进。地区生产总值增长5.5%。我们坚持扩大内需，消费持续回升。"
     "城乡居民收入稳步增长。\n\n" + PLAN + "今年要稳增长。我们要扩大内需。坚持创新驱动发展。加强生态环境保护。总之要真抓实干。\n")
B = (HEAD.format(year=2025) + REVIEW + "过去一年，全市经济运行稳中有进。地区生产总值增长5.8%。我们坚持扩大内需，推动消费持续"
     "回升向好，新建一批城市商业综合体和社区便民服务中心，夜间经济和文旅消费活力不断释放。城乡居民收入稳步增长。\n\n"
     + PLAN + "今年要稳增长。我们要大力扩大国内需求。新增一句关于科技创新的部署安排在这里。加强生态环境保护。总之要真抓实干。\n")
C = (HEAD.format(year=2026) + REVIEW + "过去一年，全市经济运行稳中有进。地区生产总值增长6.0%。城乡居民收入稳步增长。\n\n"
     + PLAN + "今年要稳增长。坚持创新驱动发展。加强生态环境保护。总之要真抓实干。再来一句收尾的话。\n")
SIZE = (100, 30)


def _files(tmp_path, *texts: str) -> list[str]:
    paths = []
    for year, text in zip((2024, 2025, 2026), texts, strict=False):
        p = tmp_path / f"city-{year}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def _view(app: ReportDiffApp, i: int):
    return app.query_one(f"#pane-{i}", ReportPane).scroller


def _line_of(app: ReportDiffApp, i: int, phrase: str) -> int:
    """The screen line (of the whole pane text) where ``phrase`` starts in pane ``i``."""
    lines = [line.plain for line in _view(app, i)._lines]
    return next(j for j, line in enumerate(lines) if phrase in line)


async def _open_row(pilot, label: str) -> None:
    app = pilot.app
    await settle(pilot)
    target = next(k for k, r in enumerate(app.alignment.rows) if r.cells[0] is not None and r.cells[0].label == label)
    app.query_one(RowList).highlighted = target
    await settle(pilot)


@pytest.mark.asyncio
async def test_kept_sentences_start_on_the_same_line_with_filler_on_the_shorter_side(tmp_path):
    app = ReportDiffApp(_files(tmp_path, A, B))
    async with app.run_test(size=SIZE) as pilot:
        await _open_row(pilot, "一、")
        left, right = _view(app, 0), _view(app, 1)
        assert left.group is not None and left.group is right.group
        # B's sentence about consumption is three lines longer: A gets filler, so the next kept
        # sentence starts on the same line in both panes.
        kept = _line_of(app, 0, "城乡居民收入稳步增长")
        assert kept == _line_of(app, 1, "城乡居民收入稳步增长")
        changed = _line_of(app, 0, "我们坚持扩大内需")
        assert changed == _line_of(app, 1, "我们坚持扩大内需")
        assert kept - changed > 1 and FILLER in left._lines[kept - 1].plain
        assert len(left._lines) == len(right._lines)
        # The word diff's marks stay inside the sentences: 5.5 struck through, 5.8 underlined.
        line_a = left._lines[_line_of(app, 0, "5.5%")]
        line_b = right._lines[_line_of(app, 1, "5.8%")]
        assert any(span.style.strike for span in line_a.spans if "5.5" in line_a.plain[span.start:span.end])
        assert any(span.style.underline for span in line_b.spans if "5.8" in line_b.plain[span.start:span.end])
        # The gutter says which lines changed, as a sign: the kept sentence has none.
        assert left.line_marks[changed] == "~" and left.line_marks[kept] == " "
        assert left.render_line(changed - int(left.scroll_y)).text.startswith("~ ")


@pytest.mark.asyncio
async def test_three_reports_line_up_against_the_pivot(tmp_path):
    app = ReportDiffApp(_files(tmp_path, A, B, C))
    async with app.run_test(size=(140, 30)) as pilot:
        await _open_row(pilot, "二、")
        lines = {i: _line_of(app, i, "加强生态环境保护") for i in range(3)}
        assert len(set(lines.values())) == 1, lines
        assert len({_line_of(app, i, "总之要真抓实干") for i in range(3)}) == 1
        # Only C has the last sentence: the others show filler on its line.
        last = _line_of(app, 2, "再来一句收尾的话")
        assert all(FILLER in _view(app, i)._lines[last].plain for i in (0, 1))
        # B rewrote 坚持创新驱动发展 (paired with it), C kept it: one line for the three.
        assert _line_of(app, 0, "坚持创新驱动") == _line_of(app, 1, "新增一句") == _line_of(app, 2, "坚持创新驱动")
        # C dropped 我们要扩大内需: filler there, marked as deleted.
        line = _line_of(app, 0, "我们要扩大内需")
        assert FILLER in _view(app, 2)._lines[line].plain and _view(app, 2).line_marks[line] == "-"


@pytest.mark.asyncio
async def test_z_folds_unchanged_sentences_and_back(tmp_path):
    app = ReportDiffApp(_files(tmp_path, A, B))
    async with app.run_test(size=SIZE) as pilot:
        await _open_row(pilot, "二、")
        left, right = _view(app, 0), _view(app, 1)
        unfolded = [line.plain for line in left._lines]
        await pilot.press("z")
        await pilot.pause()
        folded = [line.plain for line in left._lines]
        assert len(folded) < len(unfolded) and len(left._lines) == len(right._lines)
        assert any("unchanged" in line for line in folded)
        assert not any("今年要稳增长" in line for line in folded)  # unchanged: folded away
        assert any("大力扩大国内需求" in line for line in (x.plain for x in right._lines))  # changed: shown
        await pilot.press("z")
        await pilot.pause()
        assert [line.plain for line in left._lines] == unfolded
        assert "z" in {b.key for b in app.BINDINGS_LIST}


@pytest.mark.asyncio
async def test_scrolling_one_aligned_pane_scrolls_the_others_to_the_same_line(tmp_path):
    app = ReportDiffApp(_files(tmp_path, A, B, C))
    async with app.run_test(size=(140, 14)) as pilot:  # short panes, so that they scroll
        await _open_row(pilot, "一、")
        views = [_view(app, i) for i in range(3)]
        assert views[1].max_scroll_y >= 3
        views[1].scroll_to(y=3, animate=False)
        await settle(pilot)
        assert [v.scroll_y for v in views] == [3, 3, 3]
        top = views[0].top_offset()
        # The line on top is the same sentence in each pane (or filler where a report has none).
        tops = [v._lines[3].plain for v in views]
        assert any(FILLER in t for t in tops) or len({t[2:8] for t in tops}) == 1
        assert top >= 0
        await pilot.press("s")  # sync off: panes scroll on their own
        views[0].scroll_to(y=1, animate=False)
        await settle(pilot)
        assert views[1].scroll_y == 3


def test_after_folding_the_block_on_top_stays_on_top():
    from tui.aligned import first_line_of

    # lines of blocks 0 0 1 2 2 2 3, then folded: 0 (fold line of 0-1), 2 2 2, 3 (fold line)
    assert first_line_of([0, 0, 1, 2, 2, 2, 3], 2) == 3
    assert first_line_of([0, 2, 2, 2, 3], 1) == 0  # block 1 is hidden in the fold line of 0..1
    assert first_line_of([0, 2, 2, 2, 3], 2) == 1


@pytest.mark.asyncio
async def test_change_overview_marks_where_the_changes_are(tmp_path):
    app = ReportDiffApp(_files(tmp_path, A, B))
    async with app.run_test(size=(100, 14)) as pilot:
        await _open_row(pilot, "一、")
        pane = app.query_one("#pane-1", ReportPane)
        cells = pane.change_map.cells()
        marks = "".join(m for m, _ in cells)
        assert "~" in marks and " " in marks  # changed and unchanged stretches
        assert cells[0][1] and not cells[-1][1]  # the top of the section is on screen, the end is not
        pane.scroller.scroll_end(animate=False)
        await settle(pilot)
        assert pane.change_map.cells()[-1][1]


# Another government's report on the same topics: too different for a word diff (shared phrases only).
D = (HEAD.format(year=2025).replace("某某市", "另一县") + REVIEW + "一年来，我们聚焦乡村振兴，建成高标准农田三万亩。"
     "新修农村公路一百二十公里，改造危旧房屋八百户。县域特色产业园区引进企业十二家。医疗卫生服务能力明显增强。"
     "新建幼儿园三所。群众办事更加便捷。\n\n" + PLAN + "今年着力抓好项目建设。持续推进农业产业化。办好十件民生实事。\n")


@pytest.mark.asyncio
async def test_a_pane_outside_the_aligned_group_scrolls_the_group_as_one(tmp_path):
    # Its diff pairs no sentences, so the others follow it by the same share of their (equal) height.
    app = ReportDiffApp(_files(tmp_path, A, B, D))
    async with app.run_test(size=(140, 14)) as pilot:
        await _open_row(pilot, "一、")
        views = [_view(app, i) for i in range(3)]
        row = app.current_row()
        if row.cells[2] is None or views[2].group is not None or views[0].group is None:
            pytest.skip("the made-up reports did not align as intended")
        views[2].scroll_to(y=views[2].max_scroll_y, animate=False)
        await settle(pilot)
        assert views[0].scroll_y > 0 and views[0].scroll_y == views[1].scroll_y


@pytest.mark.asyncio
async def test_a_figure_highlighted_in_a_pane_keeps_it_aligned(tmp_path):
    app = ReportDiffApp(_files(tmp_path, A, B))
    async with app.run_test(size=SIZE) as pilot:
        await _open_row(pilot, "一、")
        row = app.current_row()
        right = _view(app, 1)
        before = [line.plain for line in right._lines]
        start = app.session.reports[1].text.index("5.8%")
        app._figure_span = {1: (start, start + 4)}
        app._paint_pane(row, 1)  # as when a figure is picked in the figures table
        await pilot.pause()
        assert right.group is not None and right.group is _view(app, 0).group
        assert [line.plain for line in right._lines] == before
        line = right._lines[_line_of(app, 1, "5.8%")]
        assert any(span.style.reverse for span in line.spans if "5.8" in line.plain[span.start:span.end])


def test_the_fold_line_says_what_fits():
    from rich.cells import cell_len

    from tui.aligned import fold_label

    assert "3 unchanged sentences" in fold_label(3) and "z" in fold_label(3)
    for width in (40, 20, 8, 5):
        assert cell_len(fold_label(28, width)) <= width and "28" in fold_label(28, width)


@pytest.mark.asyncio
async def test_normalized_text_is_aligned_too(tmp_path):
    """o shows the normalized text (simplified, no pinyin): its sentences line up as the original's do
    (they were shown unaligned before)."""
    pinyin = B.replace("城乡居民收入稳步增长", "城鄉(xiāng)居民收入穩(wěn)步增長")
    app = ReportDiffApp(_files(tmp_path, A, pinyin))
    async with app.run_test(size=SIZE) as pilot:
        await _open_row(pilot, "一、")
        await pilot.press("o")
        await settle(pilot)
        left, right = _view(app, 0), _view(app, 1)
        assert left.group is not None and left.group is right.group
        assert "(xiāng)" not in "".join(line.plain for line in right._lines)
        assert _line_of(app, 0, "城乡居民收入") == _line_of(app, 1, "城乡居民收入")
        assert len(left._lines) == len(right._lines)
        await pilot.press("o")
        await settle(pilot)
        assert _line_of(app, 0, "城乡居民收入") == _line_of(app, 1, "城鄉(xiāng)")
