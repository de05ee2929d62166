"""A corpus of broken scripts: each gives one clear line naming file and place, exit 4."""

from __future__ import annotations

import pytest

from renderer.errors import ExitStatus

from .helpers import FIXTURES

BROKEN = FIXTURES / "broken"
# file → (line it must name, or None when the file has no usable line; words it must say)
EXPECTED = {
    "01-yaml-syntax.yaml": (13, "YAML syntax error"),
    "02-bad-indent.yaml": (13, "YAML syntax error"),
    "03-not-a-mapping.yaml": (1, "a script is a mapping"),
    "04-missing-title.yaml": (1, "missing field 'title'"),
    "05-text-is-a-number.yaml": (12, "turn 1 (t1) text"),
    "06-speakers-is-a-list.yaml": (4, "speakers"),
    "07-unknown-speaker.yaml": (14, "unknown speaker 'c'"),
    "08-unknown-voice.yaml": (6, "unknown voice 'zh-robot'"),
    "09-duplicate-id.yaml": (13, "duplicate turn id 't1'"),
    "10-empty-text.yaml": (15, "empty text"),
    "11-blank-text.yaml": (15, "empty text"),
    "12-empty-chapter.yaml": (17, "chapter 2 turns"),
    "13-no-chapters.yaml": (7, "chapters"),
    "14-absurd-pause.yaml": (16, "pauses turn_ms"),
    "15-negative-pause.yaml": (16, "pauses speaker_change_ms"),
    "16-huge-turn.yaml": (15, "at most 20000 characters"),
    "17-unknown-field.yaml": (14, "did you mean 'speaker'"),
    "18-duplicate-key.yaml": (6, "duplicate key 'a'"),
    "19-bad-turn-id.yaml": (13, "an id is letters"),
    "20-future-format.yaml": (1, "format"),
    "21-bad-language.yaml": (3, "language tag"),
    "22-absurd-loudness.yaml": (16, "audio target_lufs"),
    "23-not-utf8.yaml": (None, "not UTF-8"),
    "24-empty-file.yaml": (1, "a script is a mapping"),
    "25-impossible-date.yaml": (16, "date"),
    "26-binary.yaml": (1, "U+0000"),
    "27-title-is-a-list.yaml": (8, "chapter 1 title"),
    "28-turn-not-a-mapping.yaml": (13, "chapter 1 turn 2"),
}


def test_the_corpus_is_complete():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_says_one_clear_line(cli, name):
    line, words = EXPECTED[name]
    result = cli("check", BROKEN / name)
    assert result.code == ExitStatus.SCRIPT, result
    lines = [row for row in result.err.splitlines() if row.strip()]
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    where = f"{BROKEN / name}:{line}:" if line else f"{BROKEN / name}:"
    assert lines[0].startswith(f"error: {where}"), lines[0]
    assert words in lines[0]
    assert result.out == ""


@pytest.mark.parametrize("name", ["05-text-is-a-number.yaml", "09-duplicate-id.yaml",
                                  "16-huge-turn.yaml", "26-binary.yaml"])
def test_render_refuses_before_doing_anything(cli, tmp_path, name):
    result = cli("render", BROKEN / name, "--engine", "espeak", "--cache-dir", tmp_path / "c",
                 "-o", tmp_path / "out" / "x.mp3")
    assert result.code == ExitStatus.SCRIPT
    assert not (tmp_path / "out").exists() and not (tmp_path / "c").exists()
