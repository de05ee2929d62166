"""The studio's edits, as changes to a script's plain data (the YAML's dicts and lists).

Each edit names turns by id and chapters by index, changes only what it is about, keeps
every turn id, and gives a new turn a new id. The result is validated as a whole script by
the document before it is saved.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import EditError

_ID_LIMIT = 64
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

Data = dict[str, Any]


def _chapters(data: Data) -> list[Data]:
    chapters = data.get("chapters")
    if not isinstance(chapters, list):
        raise EditError("the script has no chapters")
    return chapters


def find_turn(data: Data, turn_id: str) -> tuple[int, int]:
    """(chapter index, turn index) of a turn."""
    for chapter_index, chapter in enumerate(_chapters(data)):
        for turn_index, turn in enumerate(chapter.get("turns") or []):
            if turn.get("id") == turn_id:
                return chapter_index, turn_index
    raise EditError(f"no turn {turn_id!r} in the script")


def _chapter(data: Data, index: int) -> Data:
    chapters = _chapters(data)
    if not 0 <= index < len(chapters):
        raise EditError(f"no chapter {index + 1} (the script has {len(chapters)})")
    return chapters[index]


def new_turn_id(data: Data, base: str) -> str:
    """An id no turn has: `base-2`, `base-3`, …"""
    taken = {turn.get("id") for chapter in _chapters(data) for turn in chapter.get("turns") or []}
    for number in range(2, 100_000):
        suffix = f"-{number}"
        candidate = base[: _ID_LIMIT - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise EditError("no free turn id left")


def set_turn(data: Data, turn_id: str, *, text: str | None = None,
             speaker: str | None = None, note: str | None = None) -> None:
    """Change a turn's text, speaker or note (an empty note removes it)."""
    chapter, index = find_turn(data, turn_id)
    turn = data["chapters"][chapter]["turns"][index]
    if text is not None:
        if not text.strip():
            raise EditError(f"turn {turn_id}: the text cannot be empty (delete the turn instead)")
        turn["text"] = text
    if speaker is not None:
        turn["speaker"] = speaker
    if note is not None:
        if note.strip():
            turn["note"] = note
        else:
            turn.pop("note", None)


def split_turn(data: Data, turn_id: str, at: int) -> str:
    """Split a turn's text at character `at` into two turns of the same speaker; the new id."""
    chapter, index = find_turn(data, turn_id)
    turns = data["chapters"][chapter]["turns"]
    turn = turns[index]
    head, tail = turn["text"][:at].rstrip(), turn["text"][at:].lstrip()
    if not head or not tail:
        raise EditError(f"turn {turn_id}: split inside the text, not at its start or end")
    turn["text"] = head
    new_id = new_turn_id(data, turn_id)
    turns.insert(index + 1, {"id": new_id, "speaker": turn["speaker"], "text": tail})
    return new_id


def merge_with_next(data: Data, turn_id: str) -> None:
    """Append the next turn of the same chapter to this one (keeping this turn's speaker)."""
    chapter, index = find_turn(data, turn_id)
    turns = data["chapters"][chapter]["turns"]
    if index + 1 >= len(turns):
        raise EditError(f"turn {turn_id} is the last of its chapter: nothing to merge with")
    following = turns.pop(index + 1)
    text = turns[index]["text"]
    joiner = "" if _CJK.search(text[-1:]) or _CJK.search(following["text"][:1]) else " "
    turns[index]["text"] = text + joiner + following["text"]
    if following.get("note"):
        notes = [n for n in (turns[index].get("note"), following["note"]) if n]
        turns[index]["note"] = "; ".join(notes)


def insert_turn(data: Data, after: str, speaker: str, text: str) -> str:
    """A new turn after turn `after`; returns its id."""
    if not text.strip():
        raise EditError("a new turn needs text")
    chapter, index = find_turn(data, after)
    new_id = new_turn_id(data, after)
    data["chapters"][chapter]["turns"].insert(index + 1,
                                              {"id": new_id, "speaker": speaker, "text": text})
    return new_id


def delete_turn(data: Data, turn_id: str) -> None:
    """Remove a turn (and its chapter, if it was the chapter's only turn)."""
    chapter, index = find_turn(data, turn_id)
    chapters = data["chapters"]
    if len(chapters[chapter]["turns"]) == 1:
        if len(chapters) == 1:
            raise EditError(f"turn {turn_id} is the script's only turn")
        del chapters[chapter]
        return
    del chapters[chapter]["turns"][index]


def move_boundary(data: Data, chapter: int, delta: int) -> None:
    """Start chapter `chapter` (index, from 1) `delta` turns earlier (<0) or later (>0)."""
    if chapter < 1:
        raise EditError("the first chapter starts with the first turn")
    before, this = _chapter(data, chapter - 1), _chapter(data, chapter)
    for _ in range(abs(delta)):
        if delta < 0:
            if len(before["turns"]) == 1:
                raise EditError(f"chapter {chapter} would be left without turns")
            this["turns"].insert(0, before["turns"].pop())
        else:
            if len(this["turns"]) == 1:
                raise EditError(f"chapter {chapter + 1} would be left without turns")
            before["turns"].append(this["turns"].pop(0))


def rename_chapter(data: Data, chapter: int, title: str) -> None:
    """Give a chapter a new title."""
    if not title.strip():
        raise EditError("a chapter title cannot be empty")
    _chapter(data, chapter)["title"] = title.strip()


def set_voice(data: Data, speaker: str, voice: str) -> None:
    """Give a speaker another voice profile."""
    speakers = data.get("speakers") or {}
    if speaker not in speakers:
        raise EditError(f"no speaker {speaker!r}")
    speakers[speaker]["voice"] = voice


def set_lexicon(data: Data, word: str, spoken: str = "", pinyin: str = "") -> None:
    """Say `word` as `spoken` everywhere, or read it as `pinyin` (one syllable per character,
    tone digits); neither removes the entry."""
    word = word.strip()
    if not word:
        raise EditError("a lexicon entry needs the word as written")
    value: str | dict[str, str] | None = (
        {"pinyin": " ".join(pinyin.split())} if pinyin.strip()
        else spoken.strip() or None)
    if value is not None:
        lexicon = data.get("lexicon")
        if not isinstance(lexicon, dict):
            lexicon = {}
            _insert_before(data, "lexicon", lexicon, "chapters")
        lexicon[word] = value
    elif isinstance(data.get("lexicon"), dict):
        data["lexicon"].pop(word, None)


def set_pauses(data: Data, values: dict[str, int]) -> None:
    """Change pauses (milliseconds): turn_ms, speaker_change_ms, chapter_ms."""
    allowed = {"turn_ms", "speaker_change_ms", "chapter_ms"}
    unknown = set(values) - allowed
    if unknown:
        raise EditError(f"unknown pause {', '.join(sorted(unknown))} "
                        f"(pauses: {', '.join(sorted(allowed))})")
    pauses = data.get("pauses")
    if not isinstance(pauses, dict):
        pauses = {}
        _insert_before(data, "pauses", pauses, "chapters")
    pauses.update(values)


def _insert_before(data: Data, key: str, value: Any, before: str) -> None:
    """Add a top-level key just before another (so a new `lexicon:` sits above the chapters)."""
    items = list(data.items())
    data.clear()
    for name, existing in items:
        if name == before:
            data[key] = value
        data[name] = existing
    data.setdefault(key, value)


# fixes for the import's doubtful decisions (see renderer.importer.doubts)

def _turns(data: Data) -> list[Data]:
    return [turn for chapter in _chapters(data) for turn in chapter.get("turns") or []]


def _speaker_entry(data: Data, speaker: str) -> Data:
    speakers = data.get("speakers") or {}
    if speaker not in speakers:
        raise EditError(f"no speaker {speaker!r}")
    entry: Data = speakers[speaker]
    return entry


def add_speaker(data: Data, sid: str, name: str, voice: str) -> str:
    """A new speaker with an id no one has (`sid`, `sid_2`, …); returns the id."""
    speakers = data.setdefault("speakers", {})
    unique, number = sid, 1
    while unique in speakers:
        number += 1
        unique = f"{sid}_{number}"
    speakers[unique] = {"name": name, "voice": voice}
    return unique


def merge_speakers(data: Data, speaker: str, into: str) -> None:
    """Two names of one person: every turn of `speaker` becomes `into`'s; `speaker` goes."""
    _speaker_entry(data, into)
    _speaker_entry(data, speaker)
    for turn in _turns(data):
        if turn.get("speaker") == speaker:
            turn["speaker"] = into
    del data["speakers"][speaker]


def separate_speaker(data: Data, speaker: str, name: str, turns: list[str], sid: str,
                     voice: str) -> str:
    """Two people taken for one: these turns of `speaker` get a speaker of their own."""
    _speaker_entry(data, speaker)
    new = add_speaker(data, sid, name, voice)
    for turn_id in turns:
        chapter, index = find_turn(data, turn_id)
        turn = data["chapters"][chapter]["turns"][index]
        if turn.get("speaker") != speaker:
            raise EditError(f"turn {turn_id} is no longer {speaker}'s: fix it by hand")
        turn["speaker"] = new
    return new


def make_speaker(data: Data, name: str, places: list[Data], sid: str, voice: str) -> str:
    """A label read as words is a speaker: each line it starts becomes a turn of its own."""
    new = add_speaker(data, sid, name, voice)
    for place in reversed(places):  # from the end, so earlier turns keep their places
        text, rest, turn_id = place.get("text") or "", place["rest"], place.get("turn")
        if not rest.strip():
            continue
        if turn_id is None:
            first = _turns(data)[0]["id"]
            chapter, index = find_turn(data, first)
            turns = data["chapters"][chapter]["turns"]
            turns.insert(index, {"id": new_turn_id(data, first), "speaker": new, "text": rest})
            continue
        chapter, index = find_turn(data, turn_id)
        turns = data["chapters"][chapter]["turns"]
        turn = turns[index]
        at = turn["text"].find(text) if text else -1
        if text and at < 0:
            raise EditError(f"turn {turn_id} no longer holds “{text[:40]}”: fix it by hand")
        if at < 0:  # the line had been dropped: it comes back after that turn
            turns.insert(index + 1, {"id": new_turn_id(data, turn_id), "speaker": new,
                                     "text": rest})
            continue
        head, tail = turn["text"][:at].rstrip(), turn["text"][at + len(text):].lstrip()
        pieces = [{"id": new_turn_id(data, turn_id), "speaker": new, "text": rest}]
        if tail:
            pieces.append({"id": new_turn_id(data, turn_id + "-b"), "speaker": turn["speaker"],
                           "text": tail})
        if head:
            turn["text"] = head
            turns[index + 1:index + 1] = pieces
        else:
            pieces[0]["id"] = turn_id
            turns[index:index + 1] = pieces
    return new


def not_speaker(data: Data, speaker: str, label: str) -> None:
    """A label read as a speaker is words: each of its turns, label first, joins the turn
    before it (the first turn of the script takes the next turn's speaker)."""
    _speaker_entry(data, speaker)
    for chapter in _chapters(data):
        turns = chapter.get("turns") or []
        for index in range(len(turns) - 1, -1, -1):
            if turns[index].get("speaker") != speaker:
                continue
            turn = turns.pop(index)
            words = label + turn["text"]
            previous = turns[index - 1] if index else None
            if previous is not None:
                previous["text"] = f"{previous['text']}\n{words}"
            else:
                turn["text"] = words
                turns.insert(index, turn)
    for turn in _turns(data):  # what could join no turn before it keeps a neighbour's voice
        if turn.get("speaker") == speaker:
            others = [t for t in _turns(data) if t.get("speaker") != speaker]
            if not others:
                raise EditError(f"{speaker} speaks every turn: it must be a speaker")
            turn["speaker"] = others[0]["speaker"]
    del data["speakers"][speaker]
    data["chapters"] = [c for c in _chapters(data) if c.get("turns")]


def restore_block(data: Data, turn_id: str | None, text: str, before: str) -> None:
    """Put a dropped block back into its turn: before `before`, or at the turn's end."""
    if not text.strip():
        raise EditError("nothing to restore")
    turn_id = turn_id or _turns(data)[0]["id"]
    chapter, index = find_turn(data, turn_id)
    turn = data["chapters"][chapter]["turns"][index]
    at = turn["text"].find(before) if before else -1
    if at >= 0:
        turn["text"] = f"{turn['text'][:at].rstrip()}\n{text}\n{turn['text'][at:]}".lstrip()
    else:
        turn["text"] = f"{turn['text']}\n{text}"


def drop_block(data: Data, turn_id: str | None, text: str) -> None:
    """Take a block's words out of its turn (the turn goes when nothing is left)."""
    if turn_id is None:
        raise EditError("that block is in no turn")
    chapter, index = find_turn(data, turn_id)
    turn = data["chapters"][chapter]["turns"][index]
    at = turn["text"].find(text)
    if not text or at < 0:
        raise EditError(f"turn {turn_id} no longer holds “{text[:40]}”: fix it by hand")
    rest = (turn["text"][:at].rstrip() + "\n" + turn["text"][at + len(text):].lstrip()).strip()
    if rest:
        turn["text"] = rest
    else:
        delete_turn(data, turn_id)
