"""A dialogue printed in two languages, each turn then its translation, is said once."""

from __future__ import annotations

import pytest

from renderer.importer.translations import script_of

from .helpers import import_text, said_by_name

EXCHANGES = [
    ("Lex", "对我们人类来说，预测非线性系统很难。", "It is hard for us to predict such systems."),
    ("Demis", "是的，完全正确。", "Yes, exactly."),
    ("Lex", "你在诺贝尔奖讲座中提出了一个猜想。", "In your Nobel lecture you made a conjecture."),
    ("Demis", "当然，那是一个传统。", "Sure, that is a tradition."),
    ("Lex", "太有趣了。", "So interesting."),
]


def _page(title: str, chinese_first: bool = True) -> str:
    lines = [f"# {title}", ""]
    for who, chinese, english in EXCHANGES:
        first, second = (chinese, english) if chinese_first else (english, chinese)
        lines += [f"**{who} (00:01:02)：** {first}", "", f"**{who} (00:01:02)** {second}", ""]
    # one speaker's paragraph after the first, then its translation
    lines += ["(00:03:04) 所以你必须做得更聪明。", "", "(00:03:04) So you have to be smarter.", ""]
    return "\n".join(lines)


def test_a_chinese_page_with_each_turn_then_its_english_says_each_turn_once(tmp_path):
    result = import_text(tmp_path, "bilingual.md", _page("哈萨比斯播客实录：中英对照"))
    said = said_by_name(result)
    assert [who for who, _ in said] == ["Lex", "Demis", "Lex", "Demis", "Lex"]
    assert [words for _, words in said][:4] == [chinese for _, chinese, _ in EXCHANGES[:4]]
    assert said[-1][1] == "太有趣了。\n所以你必须做得更聪明。"
    assert result.script.language.startswith("zh")
    dropped = [e for e in result.report.entries if e.kind == "translation"]
    assert len(dropped) == len(EXCHANGES) + 1
    assert all(script_of(e.text) == "latin" for e in dropped)


def test_an_english_page_keeps_its_english_turns_whichever_comes_first(tmp_path):
    result = import_text(tmp_path, "bilingual.md",
                         _page("Demis Hassabis on the Lex Fridman Podcast", chinese_first=True))
    said = said_by_name(result)
    assert [words for _, words in said][:4] == [english for _, _, english in EXCHANGES[:4]]
    assert result.script.language.startswith("en")


def test_two_people_each_speaking_their_own_language_are_both_heard(tmp_path):
    lines = []
    for _, chinese, english in EXCHANGES:
        lines += [f"Host: {english}", "", f"嘉宾：{chinese}", ""]
    said = said_by_name(import_text(tmp_path, "two.txt", "\n".join(lines)))
    assert len(said) == 2 * len(EXCHANGES)


@pytest.mark.parametrize(("text", "script"), [
    ("对我们人类来说，AI 是困难的。", "han"), ("It's hard, 对吧", None),
    ("It is hard for us humans.", "latin"), ("(00:03:04)", None), ("好", None)])
def test_a_paragraph_s_script_is_what_most_of_its_letters_are_written_in(text, script):
    assert script_of(text) == script
