"""Loading and validating scripts: line-numbered errors, and load(dump(s)) == s."""

from __future__ import annotations

import pytest

from renderer.errors import ScriptError
from renderer.script.model import dumps, loads
from renderer.script.voices import VoiceLibrary

GOOD = """\
format: 1
title: 测试
language: zh-CN
speakers:
  a: {name: 甲, voice: zh-male-host}
  b: {name: 乙, voice: zh-male-guest}
chapters:
  - title: 开始
    turns:
      - id: t1
        speaker: a
        text: 你好。
      - id: t2
        speaker: b
        text: 你好！
        note: (笑)
"""


def _error(text: str, voices: VoiceLibrary | None = None) -> str:
    with pytest.raises(ScriptError) as info:
        loads(text, "s.yaml", voices)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_good_script_loads_with_defaults():
    script = loads(GOOD)
    assert script.pauses.turn_ms == 350
    assert script.audio.target_lufs == -16.0
    assert [t.id for _, t in script.turns()] == ["t1", "t2"]


def test_unknown_speaker_names_line():
    message = _error(GOOD.replace("speaker: b", "speaker: c"))
    assert message.startswith("s.yaml:14:")
    assert "unknown speaker 'c'" in message and "t2" in message


def test_unknown_voice_names_line():
    message = _error(GOOD.replace("zh-male-guest", "zh-robot"), VoiceLibrary.load())
    assert message.startswith("s.yaml:6:")
    assert "zh-robot" in message


def test_duplicate_turn_id():
    message = _error(GOOD.replace("id: t2", "id: t1"))
    assert message.startswith("s.yaml:13:")
    assert "duplicate turn id 't1'" in message


def test_empty_text():
    assert "empty text" in _error(GOOD.replace("text: 你好！", "text: ''"))
    assert "empty text" in _error(GOOD.replace("text: 你好！", "text: '   '"))


def test_wrong_type():
    message = _error(GOOD.replace("text: 你好！", "text: 42"))
    assert message.startswith("s.yaml:15:")
    assert "chapter 1 turn 2 (t2) text" in message


def test_wrong_type_for_pause():
    message = _error(GOOD + "pauses: {turn_ms: slow}\n")
    assert "pauses turn_ms" in message and "s.yaml:17" in message


def test_absurd_pause():
    assert "less than or equal" in _error(GOOD + "pauses: {turn_ms: 99999999}\n")


def test_unknown_field():
    message = _error(GOOD.replace("        note: (笑)", "        notes: (笑)"))
    assert "unknown field 'notes'" in message and "s.yaml:16" in message


def test_missing_field():
    message = _error(GOOD.replace("title: 测试\n", ""))
    assert "missing field 'title'" in message


def test_yaml_syntax_error_names_line():
    message = _error(GOOD.replace("text: 你好。", "text: [你好"))
    assert message.startswith("s.yaml:")
    assert "YAML syntax" in message


def test_duplicate_key():
    message = _error(GOOD.replace("  b: {name: 乙", "  a: {name: 乙"))
    assert "duplicate key 'a'" in message and message.startswith("s.yaml:6:")


def test_empty_chapter():
    text = GOOD + "  - title: 空\n    turns: []\n"
    assert "chapter 2 turns" in _error(text)


def test_not_a_mapping():
    assert _error("- just\n- a list\n").startswith("s.yaml:1:")


def test_round_trip_keeps_everything():
    script = loads(GOOD + "lexicon: {GPT4: GPT 4}\ndate: 2023-04-28\nauthors: [甲, 乙]\n")
    text = dumps(script)
    assert loads(text) == script
    assert "甲" in text and "\\u" not in text


def test_multiline_text_is_a_literal_block():
    script = loads(GOOD.replace("text: 你好。", 'text: "第一段。\\n第二段。"'))
    text = dumps(script)
    assert "text: |-\n" in text
    assert loads(text) == script
