"""Terminal rendering of a section diff: layouts, marks without colour, report text never markup."""

from __future__ import annotations

import io

from conftest import diff_with_damage as diff
from rich.console import Console

from core.diff import SectionDiff
from tui.diff_render import render_diff


def show(d: SectionDiff, a: str, b: str, *, width: int = 120, no_color: bool = True) -> str:
    console = Console(
        width=width,
        no_color=no_color,
        color_system=None if no_color else "truecolor",
        force_terminal=not no_color,
        record=True,
        file=io.StringIO(),
    )
    console.print(render_diff(d, a, b, width=width, no_color=no_color))
    return console.export_text(styles=not no_color)


A = "实现城镇新增就业2000人。甲方案稳步推进落实。持续优化营商环境。加快建设产业体系。"
B = "实现城镇新增就业3000人。持续优化营商环境。加快建设产业体系和服务体系。甲方案稳步推进落实。"


def test_no_color_marks_are_in_the_text() -> None:
    out = show(diff(A, B), A, B)
    assert "[-2000-]" in out and "{+3000+}" in out
    assert "{+和服务体系+}" in out
    assert "⇄1[甲方案稳步推进落实。]" in out and "⇄1{甲方案稳步推进落实。}" in out
    assert "word diff" in out


def test_side_by_side_when_wide_and_stacked_when_narrow() -> None:
    d = diff(A, B)
    wide = show(d, A, B, width=120)
    line = next(ln for ln in wide.splitlines() if "[-2000-]" in ln)
    assert "{+3000+}" in line  # both sides on one line
    narrow = show(d, A, B, width=60)
    lines = narrow.splitlines()
    a_line = next(i for i, ln in enumerate(lines) if "[-2000-]" in ln)
    assert (
        lines[a_line].startswith("A ")
        and lines[a_line + 1].startswith("B ")
        and "{+3000+}" in lines[a_line + 1]
    )
    assert any(ln.startswith("  持续优化营商环境") for ln in lines)  # unchanged sentence shown once


def test_colours_and_styles() -> None:
    d = diff(A, B)
    console = Console(
        width=120, color_system="truecolor", force_terminal=True, record=True, file=io.StringIO()
    )
    console.print(render_diff(d, A, B, width=120, no_color=False))
    out = console.export_text(styles=True)
    assert "\x1b[9;31m2000" in out or "\x1b[31;9m2000" in out  # red + strike-through
    assert "3000" in out and "[-" not in out  # no textual marks with colour
    assert "⇄1" in out


def test_report_text_is_never_markup() -> None:
    a = "推进[bold red]改革[/bold red]工作。第二句。"
    b = "推进[bold red]改革[/bold red]建设。第二句。"
    out = show(diff(a, b), a, b, no_color=False)
    assert "[bold red]改革[/bold red]" in out
    a2 = "控制\x1b[31m字符。"
    out = show(diff(a2, a2 + "新句子。"), a2, a2 + "新句子。")
    assert "\x1b" not in out and "␛" in out


def test_damage_is_marked() -> None:
    a = "确保吉林省2023年经济增长。"
    b = "确保吉林?。?023年经济增长。"
    out = show(diff(a, b), a, b)
    assert "⚠" in out


def test_folded_shown_on_request() -> None:
    a, b = "完成區(qū)政務服務大廳搬遷。", "完成区政务服务大厅搬迁。"
    assert "no differences" in show(diff(a, b), a, b)
    out = show(diff(a, b, show_folded=True), a, b)
    assert "[~區(qū)政務服務大廳搬遷~]" in out and "{~区政务服务大厅搬迁~}" in out


def test_shared_mode() -> None:
    a = "持续优化营商环境,深化放管服改革,推动政务服务一网通办,降低企业开办成本。"
    b = "聚焦改革创新,全面优化营商环境,建设智慧城市,提升政务服务效能,培育壮大市场主体。"
    d = diff(a, b, mode="shared")
    assert {p.text for p in d.shared} == {"优化营商环境", "政务服务"}
    out = show(d, a, b, width=200)
    assert "shared phrases (2)" in out
    assert out.count("[=优化营商环境=]") == 2 and out.count("[=政务服务=]") == 2
    narrow = show(d, a, b, width=60).splitlines()
    a_line = next(ln for ln in narrow if ln.startswith("A "))
    assert a_line.startswith("A 持续[=优化营商环境=]")
    assert any(ln.startswith("B ") for ln in narrow)
