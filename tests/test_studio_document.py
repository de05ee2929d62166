"""Studio edits saved to the YAML: only the edited lines change, the rest stays as written."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.errors import ConflictError, EditError, ScriptError
from renderer.script import yamlio
from renderer.script.model import load, loads
from renderer.script.splice import splice
from renderer.script.voices import VoiceLibrary
from renderer.studio import edits
from renderer.studio.document import ScriptDocument

from .helpers import FIXTURES, SAMPLE_SCRIPT

VOICES = VoiceLibrary.load()
SCRIPTS = [SAMPLE_SCRIPT, FIXTURES / "scripts" / "small_zh.yaml",
           FIXTURES / "scripts" / "nasty_en.yaml"]

COMMENTED = """\
# An episode, written by hand.
format: 1
title: "Comments stay"   # quoted on purpose
language: en-US
speakers:
  host: {name: Ann, voice: en-male-host, role: host}
  guest:
    name: Bob
    voice: en-female-guest
chapters:
  # the opening
  - title: Opening
    turns:
      - id: a1
        speaker: host
        text: >-
          A folded block scalar that a person wrote over
          two lines.
      - id: a2   # keep me
        speaker: guest
        text: 'Single quotes, kept.'
  - title: Second
    turns:
      - id: b1
        speaker: host
        text: Plain text that PyYAML folded because it was longer than the line width
          of one hundred characters.
      - id: b2
        speaker: guest
        text: The end.
# trailing comment
"""


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def _document(tmp_path: Path, text: str) -> ScriptDocument:
    path = tmp_path / "episode.yaml"
    path.write_text(text, encoding="utf-8")
    return ScriptDocument(path, VOICES)


def test_a_turn_edit_changes_that_turns_lines_only(tmp_path):
    document = _document(tmp_path, COMMENTED)
    document.edit(document.version,
                  lambda data: edits.set_turn(data, "b1", text="New words for b1."))
    after = document.path.read_text(encoding="utf-8")
    removed, added = _changed_lines(COMMENTED, after)
    assert removed == ["        text: Plain text that PyYAML folded because it was longer than "
                       "the line width", "          of one hundred characters."]
    assert added == ["        text: New words for b1."]
    assert "# keep me" in after and "# the opening" in after and "# trailing comment" in after
    assert "'Single quotes, kept.'" in after and '"Comments stay"' in after
    assert load(document.path).chapters[1].turns[0].text == "New words for b1."


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_edit_reads_back_and_touches_only_its_own_lines(tmp_path, script):
    text = script.read_text(encoding="utf-8")
    original = load(script)
    first = original.chapters[0].turns[0]
    second_chapter = original.chapters[1]
    cases = {
        "text": (lambda d: edits.set_turn(d, first.id, text=first.text + " 改"), {first.id}),
        "note": (lambda d: edits.set_turn(d, first.id, note="check the name"), {first.id}),
        "speaker": (lambda d: edits.set_turn(d, second_chapter.turns[0].id,
                                             speaker=first.speaker), None),
        "title": (lambda d: edits.rename_chapter(d, 1, "A new title"), None),
        "lexicon": (lambda d: edits.set_lexicon(d, "ChatGPT", "Chat G P T"), None),
        "pauses": (lambda d: edits.set_pauses(d, {"turn_ms": 420}), None),
        "voice": (lambda d: edits.set_voice(d, first.speaker,
                                            original.speakers[first.speaker].voice), None),
    }
    for name, (change, _) in cases.items():
        path = tmp_path / f"{name}.yaml"
        shutil.copy(script, path)
        document = ScriptDocument(path, VOICES)
        document.edit(document.version, change)
        after = path.read_text(encoding="utf-8")
        removed, added = _changed_lines(text, after)
        assert len(removed) <= 4 and len(added) <= 4, (name, removed, added)
        loads(after, name, VOICES)  # still a valid script


def test_moving_a_chapter_boundary_moves_one_turn(tmp_path):
    shutil.copy(SAMPLE_SCRIPT, tmp_path / "s.yaml")
    document = ScriptDocument(tmp_path / "s.yaml", VOICES)
    before = document.script
    document.edit(document.version, lambda d: edits.move_boundary(d, 1, -1))
    after = load(tmp_path / "s.yaml")
    moved = before.chapters[0].turns[-1]
    assert after.chapters[1].turns[0] == moved
    assert after.chapters[0].turns == before.chapters[0].turns[:-1]
    assert [t.id for _, t in after.turns()] == [t.id for _, t in before.turns()]
    document.edit(document.version, lambda d: edits.move_boundary(d, 1, 2))
    again = load(tmp_path / "s.yaml")
    assert again.chapters[0].turns == before.chapters[0].turns + before.chapters[1].turns[:1]


def test_split_and_merge_keep_ids_and_give_new_turns_new_ids(tmp_path):
    document = _document(tmp_path, COMMENTED)
    new_id = document.edit(document.version,
                           lambda d: edits.split_turn(d, "b1", len("Plain text that")))
    script = load(document.path)
    assert [t.id for t in script.chapters[1].turns] == ["b1", new_id, "b2"]
    assert new_id not in {"a1", "a2", "b1", "b2"}
    assert script.chapters[1].turns[0].text == "Plain text that"
    document.edit(document.version, lambda d: edits.merge_with_next(d, "b1"))
    merged = load(document.path).chapters[1].turns[0].text
    assert merged == ("Plain text that PyYAML folded because it was longer than the line width "
                      "of one hundred characters.")


def test_invalid_edits_are_refused_and_nothing_is_written(tmp_path):
    document = _document(tmp_path, COMMENTED)
    for change, message in [
        (lambda d: edits.set_turn(d, "zz", text="x"), "no turn 'zz'"),
        (lambda d: edits.set_turn(d, "a1", speaker="nobody"), "unknown speaker 'nobody'"),
        (lambda d: edits.set_voice(d, "host", "no-such-voice"), "unknown voice"),
        (lambda d: edits.move_boundary(d, 1, -2), "without turns"),
        (lambda d: edits.set_turn(d, "a1", text="  "), "cannot be empty"),
    ]:
        with pytest.raises((EditError, ScriptError), match=message):
            document.edit(document.version, change)
        assert document.path.read_text(encoding="utf-8") == COMMENTED


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path):
    document = _document(tmp_path, COMMENTED)
    changed = COMMENTED.replace("The end.", "Changed in an editor.")
    document.path.write_text(changed, encoding="utf-8")
    with pytest.raises(ConflictError, match="changed on disk"):
        document.edit(document.version, lambda d: edits.set_turn(d, "a1", text="mine"))
    assert document.path.read_text(encoding="utf-8") == changed
    document.reload()
    document.edit(document.version, lambda d: edits.set_turn(d, "a1", text="mine"))
    assert "Changed in an editor." in document.path.read_text(encoding="utf-8")
    with pytest.raises(ConflictError, match="older version"):
        document.edit("0" * 16, lambda d: edits.set_turn(d, "a1", text="stale page"))


def test_a_splice_that_would_not_read_back_falls_back_to_a_full_dump():
    text = "a: &x {k: 1}\nb: *x\n"
    result = splice(text, {"a": {"k": 2}, "b": {"k": 1}})
    data, _ = yamlio.parse(result.text, "t", ScriptError)
    assert data == {"a": {"k": 2}, "b": {"k": 1}}


_EDIT = st.sampled_from(["text", "split", "merge", "insert", "delete", "boundary", "note",
                         "lexicon"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(_EDIT, st.integers(0, 10_000)), min_size=1, max_size=6),
       which=st.integers(0, len(SCRIPTS) - 1))
def test_random_edit_sequences_read_back_exactly(steps, which):
    text = SCRIPTS[which].read_text(encoding="utf-8")
    data, _ = yamlio.parse(text, "t", ScriptError)
    for kind, number in steps:
        turns = [t["id"] for c in data["chapters"] for t in c["turns"]]
        turn = turns[number % len(turns)]
        try:
            if kind == "text":
                edits.set_turn(data, turn, text=f"edited {number}")
            elif kind == "split":
                edits.split_turn(data, turn, 1 + number % 5)
            elif kind == "merge":
                edits.merge_with_next(data, turn)
            elif kind == "insert":
                edits.insert_turn(data, turn, data["chapters"][0]["turns"][0]["speaker"],
                                  f"restored {number}")
            elif kind == "delete":
                edits.delete_turn(data, turn)
            elif kind == "boundary":
                edits.move_boundary(data, 1 + number % max(1, len(data["chapters"]) - 1),
                                    -1 if number % 2 else 1)
            elif kind == "note":
                edits.set_turn(data, turn, note="" if number % 2 else f"note {number}")
            else:
                edits.set_lexicon(data, f"w{number % 3}", "" if number % 4 == 0 else "spoken")
        except EditError:
            continue
        result = splice(text, data)
        parsed, _ = yamlio.parse(result.text, "t", ScriptError)
        assert parsed == data
        assert result.kept_layout
        text = result.text
