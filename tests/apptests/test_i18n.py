"""The interface in Chinese and English (issue 14): one catalogue, chosen by the locale or --lang."""

from __future__ import annotations

import string

import pytest
from app_helpers import demo, seeds, settle
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tui import i18n
from tui.app import ReportDiffApp
from tui.screens.help import HelpScreen


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_locale_chooses_the_language(env, lang):
    assert i18n.language_from_env(env) == lang


def test_every_entry_has_both_languages_with_the_same_fields():
    for key, (en, zh) in i18n.CATALOGUE.items():
        assert en and zh, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (en, zh)]
        assert fields[0] == fields[1], key


def status(app):
    return str(app.query_one("#status", Static).render())


@pytest.mark.asyncio
async def test_chinese_interface():
    app = ReportDiffApp(demo(), lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = {k.action: k.description for k in app.screen.query(FooterKey)}
        assert footer["help"] == "帮助" and footer["quit"] == "退出" and footer["change(1)"] == "下一处改动"
        line = status(app)
        assert line.startswith("第 ") and "章节" in line and "原文" in line and "同步滚动" in line
        names = [r.name for r in app.session.reports]
        assert not any(n.isdigit() for n in names), names  # the demo's reports by region and year
        assert names[0].startswith("东昌区 2023")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "行标记" in help_text and "紫色" in help_text and "= 无改动" in help_text
        assert "Next change" not in help_text


@pytest.mark.asyncio
async def test_english_interface_and_no_matching_section():
    app = ReportDiffApp(seeds("000", "004"), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = {k.action: k.description for k in app.screen.query(FooterKey)}
        assert footer["help"] == "Help" and footer["quit"] == "Quit"
        assert status(app).startswith("row ")
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "purple bold underline" in help_text and "blue" not in help_text
        assert "Row marks" in help_text and "= no change" in help_text


@pytest.mark.parametrize("lang, said", [("zh", "（无对应部分）"), ("en", "(no matching section)")])
def test_a_missing_section_in_either_language(lang, said):
    from tui.render import pane_text

    i18n.set_language(lang)
    try:
        assert pane_text(None, None, None, "a", normalized=False).plain == said  # type: ignore[arg-type]
    finally:
        i18n.set_language("en")


def test_lang_option():
    from tui.commands.app_command import _language_option

    assert _language_option(["--lang", "zh", "a.txt"]) == ("zh", ["a.txt"])
    assert _language_option(["a.txt", "--lang=en"]) == ("en", ["a.txt"])
    assert _language_option(["--", "--lang"]) == (None, ["--lang"])
    assert _language_option(["--lang", "fr"]) == (2, [])
