"""The interface's words in English and Chinese: one catalogue for labels, status, help and messages.

Chinese when the locale says so (``LC_ALL``, else ``LC_MESSAGES``, else ``LANG`` starting with ``zh``),
English otherwise; ``reportdiff --lang zh|en`` chooses. Report text is never translated: only what the app
says around it. ``t(key, **fields)`` gives the current language's form, formatted with ``fields``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("en", "zh")

#: key → (English, Chinese). Keys group by where the words appear.
CATALOGUE: dict[str, tuple[str, str]] = {
    # keys (footer, help, command palette)
    "key.row_next": ("Next row", "下一行"),
    "key.row_prev": ("Previous row", "上一行"),
    "key.change_next": ("Next change", "下一处改动"),
    "key.change_prev": ("Prev change", "上一处改动"),
    "key.level": ("Chapters/topics", "章节/条目"),
    "key.metrics": ("Figures", "数字"),
    "key.search": ("Search", "搜索"),
    "key.normalized": ("Original/normalized", "原文/规范化"),
    "key.sync": ("Sync scroll", "同步滚动"),
    "key.fold": ("Fold unchanged sentences", "折叠未改动的句子"),
    "key.folded": ("Show folded differences", "显示折叠掉的差异"),
    "key.pin": ("Pin", "固定对应"),
    "key.unpin": ("Unpin", "取消固定"),
    "key.copy": ("Copy figure", "复制数字"),
    "key.copy_table": ("Copy table (TSV)", "复制表格（TSV）"),
    "key.plot": ("Chart of the indicator", "指标图表"),
    "key.targets": ("Targets vs outcomes", "目标与完成情况"),
    "key.export": ("Export", "导出"),
    "key.counterparts": ("Counterparts in the corpus index", "语料库中的对应部分"),
    "key.panes_next": ("Next reports beside the pivot", "显示后几份报告"),
    "key.panes_prev": ("Previous reports beside the pivot", "显示前几份报告"),
    "key.pivot": ("Compare against the next report", "换一份报告作为比较基准"),
    "key.theme": ("Theme: dark, light, colour-blind", "主题：深色、浅色、色盲友好"),
    "key.undo_restore": ("Undo the restored view (open fresh)", "撤销恢复的视图（重新打开）"),
    "key.help": ("Help", "帮助"),
    "key.quit": ("Quit", "退出"),
    "key.close_help": ("Close help", "关闭帮助"),
    "key.palette": ("palette", "命令面板"),  # the footer's ctrl+p, which Textual adds with its own word
    # status line
    "status.reading": ("reading reports…", "正在读取报告…"),
    "status.none_read": ("No report could be read. Press q to quit.", "没有能读取的报告。按 q 退出。"),
    "status.row": ("row {n}/{total}", "第 {n}/{total} 行"),
    "status.panes": ("reports {shown} of {n} ([ ])", "显示第 {shown} 份，共 {n} 份（[ ]）"),
    "status.change": ("change {i}/{n} · {pair}", "改动 {i}/{n} · {pair}"),
    "status.pair": ("{a} vs {b}", "{a} 对 {b}"),
    "status.diffing": ("diffing…", "比较中…"),
    "status.shared": ("shared phrases marked", "已标出共同表述"),
    "status.original": ("original text", "原文"),
    "status.normalized": ("normalized", "规范化文本"),
    "status.sync_on": ("sync on", "同步滚动"),
    "status.sync_off": ("sync off", "不同步"),
    "status.fold": ("unchanged folded (z)", "已折叠未改动（z）"),
    "status.folded": ("folded differences shown (f)", "显示折叠掉的差异（f）"),
    "status.score": ("score {score:.2f}", "相似度 {score:.2f}"),
    "status.unmatched": ("unmatched", "未匹配"),
    "status.series": ("by content, order as a prior", "按内容，参考顺序"),
    "status.by_content": ("matched by content", "按内容匹配"),
    "level.chapters": ("chapters", "章节"),
    "level.topics": ("topics", "条目"),
    # rows and panes
    "rows.titles": ("titles: first report having it", "标题：取自第一份含该部分的报告"),
    "pane.missing": ("(missing)", "（缺）"),
    "pane.no_section": ("(no matching section)", "（无对应部分）"),
    "pane.shared": ("{share:.0%} shared", "共同 {share:.0%}"),
    "pane.same": ("{share:.1%} same", "相同 {share:.1%}"),
    "pane.identical": ("identical", "完全相同"),
    # figures table
    "figures.row_title": ("figures of this row", "本行数字"),
    "figures.table_title": ("indicators across reports", "各报告的指标"),
    "figures.col.report": ("report", "报告"),
    "figures.col.indicator": ("indicator", "指标"),
    "figures.col.figure": ("figure", "数字"),
    # the value as a plain number, shown only where the text writes it otherwise (一万五千人 → 1.5万人)
    "figures.col.base": ("as number", "折合数值"),
    "figures.col.qualifier": ("qualifier", "限定"),
    "figures.col.kind": ("kind", "类型"),
    "figures.col.period": ("period", "时期"),
    "figures.col.when": ("when", "时间"),
    "figures.col.trend": ("trend", "趋势"),
    "figures.col.change": ("change", "变化"),
    "figures.none": ("(no figures here)", "（这里没有数字）"),
    "kind.level": ("level", "数值"),
    "kind.change": ("change", "增减"),
    "period.target": ("target", "目标"),
    "period.result": ("result", "结果"),
    "period.unknown": ("unknown", "不明"),
    # notices
    "note.no_more": ("no more changes", "后面没有改动了"),
    "note.targets_need": ("targets need the reports of one government, one a year (each with its year)",
                          "目标对照需要同一政府的报告，每年一份（各有年份）"),
    "note.no_earlier": ("no earlier changes", "前面没有改动了"),
    "note.level": ("{level}: {n} rows", "{level}：{n} 行"),
    "note.normalized": ("normalized text: the comparison form (simplified, half-width, no pinyin)",
                        "规范化文本：比较用的形式（简体、半角、去掉拼音）"),
    "note.original": ("original text: as the report writes it", "原文：报告本来的写法"),
    "note.sync": ("sync scroll {state}", "同步滚动：{state}"),
    "note.on": ("on", "开"),
    "note.off": ("off", "关"),
    "note.fold_on": ("unchanged sentences folded", "未改动的句子已折叠"),
    "note.fold_off": ("unchanged sentences shown", "显示未改动的句子"),
    "note.fold_elsewhere": ("this row's panes are not sentence-aligned (shared phrases only): z folds where they are",
                            "这一行的窗格没有按句子对齐（只标共同表述）：z 在对齐的行里折叠"),
    "fold.long": ("┄┄ {n} unchanged sentences (z: show) ┄┄", "┄┄ {n} 句未改动（z：显示）┄┄"),
    "fold.one": ("┄┄ 1 unchanged sentence (z: show) ┄┄", "┄┄ 1 句未改动（z：显示）┄┄"),
    "fold.short": ("┄┄ {n} unchanged (z) ┄┄", "┄┄ {n} 句未改（z）┄┄"),
    "note.folded_shown": ("folded differences shown", "显示折叠掉的差异"),
    "note.folded_hidden": ("folded differences hidden", "隐藏折叠掉的差异"),
    "note.panes": ("showing reports {shown} of {n}", "显示第 {shown} 份报告，共 {n} 份"),
    "note.all_shown": ("all {n} reports are shown", "{n} 份报告都已显示"),
    "note.copy_first": ("open the figures with m, pick one, then c copies it", "先按 m 打开数字，选中一条，再按 c 复制"),
    "note.nothing_selected": ("nothing selected", "没有选中内容"),
    "note.no_figures": ("no figures in this row to copy (m again shows the indicators across reports)",
                        "本行没有可复制的数字（再按 m 显示各报告的指标）"),
    "note.rows_tsv": ("{n} rows as tab-separated text", "{n} 行，制表符分隔"),
    "note.pivot": ("diffs against {name}", "以 {name} 为比较基准"),
    "note.theme": ("theme: {theme}", "主题：{theme}"),
    # the app's other notices
    "note.nothing_to_unpin": ("nothing to unpin in this row", "这一行没有可取消的固定对应"),
    "note.no_index": ("no corpus index for these reports: make one with reportdiff index FOLDER "
                      "(or set REPORTDIFF_INDEX)",
                      "这些报告没有语料库索引：用 reportdiff index 文件夹 建一个（或设置 REPORTDIFF_INDEX）"),
    "note.exported": ("exported to {path}", "已导出到 {path}"),
    "note.outside": ("this figure is outside the aligned sections", "这个数字不在对齐的部分里"),
    "note.plot_first": ("open the indicators across reports (m, m), pick a row, then g draws it",
                        "先打开各报告的指标（m、m），选一行，再按 g 画图"),
    "note.source": ("source", "出处"),
    "note.which_value": (" ({i} of {n} values this report gives; Enter: next)", "（该报告给出的 {n} 个值中的第 {i} 个；Enter：下一个）"),
    "palette.key": ("key: {keys}", "按键：{keys}"),
    "pin.title": ("Pin {name} {section} to:", "把 {name} {section} 固定对应到："),
    # counterparts (r)
    "key.cancel": ("Cancel", "取消"),
    "key.close": ("Close", "关闭"),
    "key.open_marked": ("Open marked side by side", "并排打开选中的"),
    "cp.title": ("counterparts of {heading} · space marks, o opens them side by side, esc closes",
                 "{heading} 的对应部分 · 空格选中，o 并排打开，esc 关闭"),
    "cp.ranking": ("ranking the indexed reports…", "正在给索引中的报告排序…"),
    "cp.status": ("{n} best of {m} indexed reports ({level})", "索引中 {m} 份报告里最接近的 {n} 份（{level}）"),
    "cp.too_many": ("mark at most {most} reports (with this one: {all} side by side)",
                    "最多选 {most} 份（加上这一份，共 {all} 份并排）"),
    # the folder picker (reportdiff DIR)
    "fp.choose": ("Choose 2–8 reports of ", "从这个文件夹选 2–8 份报告："),
    "fp.how": ("  space marks · enter opens · q quits", "  空格选中 · enter 打开 · q 退出"),
    "fp.reading": ("reading {n} files…", "正在读取 {n} 个文件…"),
    "fp.read": ("read {done} of {n} · ", "已读 {done}/{n} · "),
    "fp.marked": ("{n} marked (2–8)", "已选 {n} 份（2–8）"),
    "fp.mark_more": ("mark 2 to 8 reports with space ({n} marked)", "请用空格选 2 到 8 份报告（已选 {n} 份）"),
    "fp.unexpected": ("unexpected error: {name}", "意外错误：{name}"),
    "key.open_picked": ("Open the marked reports", "打开选中的报告"),
    # export (e)
    "ex.heading": ("Export the comparison  (↑/↓ and Space choose the format, Enter exports)",
                   "导出比较结果（↑/↓ 和空格选格式，Enter 导出）"),
    "ex.csv": ("figures as CSV (opens in Excel)", "数字，CSV 表格（可用 Excel 打开）"),
    "ex.html": ("side-by-side diff as an HTML page", "并排对比，HTML 网页"),
    "ex.chosen": ("  ← chosen", "  ← 已选"),
    "ex.export": ("Export", "导出"),
    "ex.no_name": ("give a file name", "请给出文件名"),
    "ex.cannot": ("cannot export there: {problem}", "不能导出到那里：{problem}"),
    "ex.exists": ("the file exists: press Export again to overwrite it", "文件已存在：再按一次“导出”覆盖它"),
    "key.next_option": ("Next option", "下一项"),
    "key.previous_option": ("Previous option", "上一项"),
    "key.choose": ("Choose", "选择"),
    # search (/)
    "search.placeholder": ("search all reports (traditional finds simplified too)", "搜索所有报告（繁体也能找到简体）"),
    "search.hits": ("{n} hits", "{n} 处"),
    # targets (t)
    "tr.title": ("targets against outcomes · reports of {span} · esc closes", "目标与完成情况 · {span} 的报告 · esc 关闭"),
    "tr.col.indicator": ("indicator", "指标"),
    "tr.col.year": ("year", "年份"),
    "tr.col.target": ("target", "目标"),
    "tr.col.outcome": ("outcome (next report)", "完成情况（下一年的报告）"),
    "tr.col.verdict": ("verdict", "结论"),
    "tr.none": ("no targets of the headline indicators in these reports", "这些报告里没有主要指标的目标"),
    "key.close_targets": ("Close targets", "关闭目标对照"),
    # verdicts (core/figures/tracker.py's words, shown in the interface's language)
    "verdict.met": ("met", "完成"),
    "verdict.close": ("close", "接近"),
    "verdict.missed": ("missed", "未完成"),
    "verdict.no target": ("no target", "无目标"),
    "verdict.no outcome stated": ("no outcome stated", "未说明完成情况"),
    "verdict.no report": ("no report", "无报告"),
    "verdict.several values": ("several values", "有多个值"),
    "verdict.no comparable outcome": ("no comparable outcome", "无可比的完成情况"),
    # themes
    "theme.dark": ("dark", "深色"),
    "theme.light": ("light", "浅色"),
    "theme.colour-blind": ("colour-blind safe (blue/orange)", "色盲友好（蓝/橙）"),
    "palette.theme": ("Theme: {theme}", "主题：{theme}"),
    "palette.theme_help": ("the colours of the frame and the marks (T cycles; remembered)",
                           "界面和标记的颜色（T 切换；会记住）"),
    # a place you keep (tui/keep.py)
    "keep.title": ("last view", "上次的视图"),
    "keep.restored": ("restored your last view: {what} · U opens fresh", "已恢复上次的视图：{what} · 按 U 重新打开"),
    "keep.changed": ("{files} changed since your last view: restored what still applies ({kept} of {total} pins, "
                     "the modes) · U opens fresh",
                     "{files} 自上次以来有改动：只恢复了仍然适用的部分（{total} 个固定对应中的 {kept} 个、各模式）· 按 U 重新打开"),
    "keep.at": ("at {label}", "位于 {label}"),
    "keep.pins": ("{n} pins", "{n} 个固定对应"),
    "keep.pivot": ("against {name}", "以 {name} 为基准"),
    "keep.nothing_to_undo": ("nothing restored to undo", "没有可撤销的恢复"),
    "keep.undone": ("opened fresh (the saved view is replaced when you quit)", "已重新打开（退出时会替换保存的视图）"),
    # clipboard
    "clip.title": ("clipboard", "剪贴板"),
    "clip.copied": ("copied to {places}: {what}", "已复制到{places}：{what}"),
    "clip.sent": ("sent to {places} (if it does not arrive, your terminal ignores clipboard requests: "
                  "e exports to a file)", "已发送到{places}（如果没有收到，说明终端不接受剪贴板请求：按 e 导出到文件）"),
    "clip.failed": ("not copied ({why}): {what}\npress e to export to a file", "未能复制（{why}）：{what}\n按 e 导出到文件"),
    "clip.method_failed": ("{method} failed: {why}", "{method} 失败：{why}"),
    "clip.nowhere": ("no clipboard here", "这里没有可用的剪贴板"),
    "clip.and": (", ", "、"),
    "place.tmux": ("tmux's paste buffer (prefix ])", "tmux 的粘贴缓冲区（前缀键 ]）"),
    "place.terminal via tmux": ("the terminal's clipboard through tmux", "经 tmux 转给终端的剪贴板"),
    "place.terminal (OSC 52)": ("the terminal's clipboard (OSC 52)", "终端的剪贴板（OSC 52）"),
    "place.pbcopy": ("the macOS clipboard (pbcopy)", "macOS 剪贴板（pbcopy）"),
    "place.wl-copy": ("the Wayland clipboard (wl-copy)", "Wayland 剪贴板（wl-copy）"),
    "place.xclip": ("the X clipboard (xclip)", "X 剪贴板（xclip）"),
    "place.xsel": ("the X clipboard (xsel)", "X 剪贴板（xsel）"),
    # help screen
    "help.title": ("reportdiff keys", "reportdiff 按键"),
    "help.how": ("↑↓ pgup pgdn scroll · esc closes", "↑↓ pgup pgdn 翻看 · esc 关闭"),
    "help.key": ("key", "按键"),
    "help.what": ("what it does", "作用"),
    "help.arrows": ("previous/next row in the row list; scroll in a pane", "行列表中的上一行/下一行；在窗格中滚动"),
    "help.enter": ("open the row: into its panes; on a cell of the indicators table, its figure's sentence "
                   "highlighted in its pane (again: the cell's next value, ⚠ when there are several)",
                   "打开该行：进入窗格；在指标表的格子上：在窗格中突出该数字所在的句子（再按：下一个值，有多个时标 ⚠）"),
    "help.tab": ("next/previous area: rows, panes, figures", "下一个/上一个区域：行、窗格、数字"),
    "help.scroll": ("scroll the focused pane", "滚动当前窗格"),
    "help.esc": ("close a dialog", "关闭对话框"),
    "help.mouse": ("click a row, a pane or a table line; scroll with the wheel", "点击行、窗格或表格行；用滚轮滚动"),
    "help.palette": ("command palette: every action by name", "命令面板：按名称列出所有操作"),
    # The marks in each theme (tui/themes.py): the colour names follow the theme, the signs never change.
    "help.marks.dark": (
        "Marks: red strike = deleted, green underline = inserted, cyan italic = moved, magenta italic = "
        "folded difference (f shows them), black on yellow = encoding damage, purple bold underline = phrase "
        "both share (rows of different governments). Gutter: - deleted, + inserted, ~ changed, ⇄ moved.",
        "标记：红色删除线 = 删去，绿色下划线 = 新增，青色斜体 = 移动，品红斜体 = 折叠掉的差异（f 显示），"
        "黄底黑字 = 编码损坏，紫色粗体下划线 = 两份报告共有的表述（不同政府的报告）。边栏：- 删去，+ 新增，~ 改动，⇄ 移动。",
    ),
    "help.marks.light": (
        "Marks: dark red strike = deleted, dark green underline = inserted, teal italic = moved, plum italic = "
        "folded difference (f shows them), black on yellow = encoding damage, indigo bold underline = phrase "
        "both share (rows of different governments). Gutter: - deleted, + inserted, ~ changed, ⇄ moved.",
        "标记：深红删除线 = 删去，深绿下划线 = 新增，蓝绿斜体 = 移动，紫红斜体 = 折叠掉的差异（f 显示），"
        "黄底黑字 = 编码损坏，靛蓝粗体下划线 = 两份报告共有的表述（不同政府的报告）。边栏：- 删去，+ 新增，~ 改动，⇄ 移动。",
    ),
    "help.marks.colour-blind": (
        "Marks: blue strike = deleted, orange underline = inserted, green italic = moved, pink italic = "
        "folded difference (f shows them), black on yellow = encoding damage, yellow bold underline = phrase "
        "both share (rows of different governments). Gutter: - deleted, + inserted, ~ changed, ⇄ moved.",
        "标记：蓝色删除线 = 删去，橙色下划线 = 新增，绿色斜体 = 移动，粉色斜体 = 折叠掉的差异（f 显示），"
        "黄底黑字 = 编码损坏，黄色粗体下划线 = 两份报告共有的表述（不同政府的报告）。边栏：- 删去，+ 新增，~ 改动，⇄ 移动。",
    ),
    "help.row_marks": (
        "Row marks: ● close match  ◐ related  ○ loose  · unmatched  ✓ pinned  = no change  "
        "↕ moved (one government's report put the section elsewhere; the status line says from where).",
        "行标记：● 紧密对应  ◐ 相关  ○ 松散  · 未匹配  ✓ 已固定  = 无改动  "
        "↕ 位置移动（同一政府的报告把该部分放到了别处；状态行说明原位置）。",
    ),
    "help.row_labels": (
        "Row labels: — the report lacks the section, [首] front matter, [尾] closing, [前] preamble, "
        "[附] appendix, · a topic without a number.",
        "行标签：— 该报告没有这一部分，[首] 开头部分，[尾] 结尾，[前] 导语，[附] 附录，· 无编号的条目。",
    ),
}

_language = "en"


def language_from_env(env: Mapping[str, str] | None = None) -> str:
    """"zh" when the locale's language is Chinese, else "en" (POSIX order: LC_ALL, LC_MESSAGES, LANG)."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Use ``lang`` ("zh", "en", or None: from the locale); returns the language now in use."""
    global _language
    if lang is None:
        lang = language_from_env()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown interface language {lang!r} (choose: {', '.join(LANGUAGES)})")
    _language = lang
    return lang


def language() -> str:
    return _language


def t(key: str, **fields: object) -> str:
    """The current language's words for ``key``, formatted with ``fields``."""
    en, zh = CATALOGUE[key]
    text = zh if _language == "zh" else en
    return text.format(**fields) if fields else text


def translated(binding: Any) -> Any:
    """A Textual ``Binding`` with its description (a catalogue key) in the current language."""
    if binding.description in CATALOGUE:
        return dataclasses.replace(binding, description=t(binding.description))
    if binding.action == "command_palette" and binding.description == "palette":  # Textual's, in English
        return dataclasses.replace(binding, description=t("key.palette"))
    return binding


def translate_bindings(node: Any) -> None:
    """Translate the descriptions of a widget's or screen's own bindings (after its ``__init__``)."""
    mapping = node._bindings.key_to_bindings
    for key, bindings in mapping.items():
        mapping[key] = [translated(b) for b in bindings]
