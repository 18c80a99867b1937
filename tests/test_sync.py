from __future__ import annotations

from core.diff import diff_texts
from core.folding import fold
from tui.sync import map_offset


def test_offsets_map_through_equal_and_changed_text():
    a = "第一句话说明情况。第二句话全年新增就业2000人。第三句话结束。"
    b = "新加的一句话放在开头。第一句话说明情况。第二句话全年新增就业3000人。第三句话结束。"
    d = diff_texts(fold(a), (0, len(a)), fold(b), (0, len(b)))
    for needle in ("第一句", "第三句"):
        assert map_offset(d, a.index(needle), "a") == b.index(needle)
        assert map_offset(d, b.index(needle), "b") == a.index(needle)
    # Inside the changed number: lands inside its counterpart.
    got = map_offset(d, a.index("2000"), "a")
    assert b.index("3000") <= got <= b.index("3000") + 4
