"""The HTML page of diffed rows: self-contained, escaped, changes marked beyond colour."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import diff_with_damage as diff
from conftest import seed_text

from core.diff_html import DiffRow, render_html


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    return c


A = "实现城镇新增就业2000人。甲方案稳步推进落实。持续优化营商环境。<script>alert(1)</script>加快建设。"
B = "实现城镇新增就业3000人。持续优化营商环境。<script>alert(1)</script>加快建设。甲方案稳步推进落实。确保吉林?。?023年。"


def page() -> str:
    rows = [
        DiffRow("(一)", "就业<b>", "(一)", "就业", 0.93, diff(A, B)),
        DiffRow("(二)", "只在A", None, None, None, None, text_a="只有一边的文字 & <i>符号</i>"),
    ]
    return render_html(rows, title="东昌区 2022 ↔ 2023 <对比>")


def test_self_contained() -> None:
    html = page()
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    tags = parse(html).tags
    assert not [t for t, a in tags if t == "script"]
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for _t, a in tags if any(k in ("src", "href") for k in a)]
    assert "http" not in html and "url(" not in html and "@import" not in html
    assert '<meta charset="utf-8">' in html


def test_report_text_is_escaped() -> None:
    html = page()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<i>" not in html and "&lt;i&gt;符号&lt;/i&gt;" in html
    assert "<b>" not in html and "&amp;" in html
    assert "<title>东昌区 2022 ↔ 2023 &lt;对比&gt;</title>" in html


def test_changes_marked_without_colour() -> None:
    html = page()
    assert "<del>2000</del>" in html and "<ins>3000</ins>" in html
    assert "text-decoration: line-through" in html and "text-decoration: underline" in html
    assert html.count('<span class="badge">⇄1</span>') == 2 and "[moved]" in html
    damaged = re.search(
        r'<span class="damaged" title="([^"]+)"><span class="badge">⚠</span><ins>([^<]*)</ins>', html
    )
    assert damaged and "encoding damage" in damaged.group(1) and "?。?" in damaged.group(2)
    assert "score 0.93" in html and "similarity" in html


def test_one_sided_row_and_shared_mode() -> None:
    t0, t1 = seed_text("000"), seed_text("001")
    l0 = t0.splitlines(keepends=True)[0]
    l1 = t1.splitlines(keepends=True)[0]
    d = diff(l0, l1)
    assert d.mode == "shared"
    html = render_html([DiffRow("(三)", "深化改革", "(二)", "改革创新", 0.41, d)], title="x")
    assert '<mark class="shared">市场主体</mark>' in html
    assert "shared phrases" in html
    text = "".join(parse(html).text)
    assert l0.strip() in text and l1.strip() in text  # both sides shown in full
    html = page()
    assert "只有一边的文字" in html and "(no section)" in html


def test_folded_rows() -> None:
    a, b = "完成區(qū)政務服務大廳搬遷。", "完成区政务服务大厅搬迁。"
    html = render_html([DiffRow("1", None, "1", None, 1.0, diff(a, b, show_folded=True))], title="t")
    assert 'class="folded"' in html and "no differences" in html
