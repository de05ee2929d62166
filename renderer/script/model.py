"""The podcast script: models, YAML load with line-numbered errors, and dump."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from ..errors import ScriptError
from ..reading.lexicon import Entry, check_entry
from . import yamlio
from .voices import VoiceLibrary

FORMAT_VERSION: Literal[1] = 1
MAX_TURN_CHARS = 20_000

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TURN_CHARS)]


def _iso_date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Speaker(_Model):
    """A voice in the dialogue: display name, voice profile, optional role."""

    name: Title
    voice: Id
    role: Literal["host", "guest", "narrator"] | None = None


class Pauses(_Model):
    """Silence between turns, in milliseconds."""

    turn_ms: int = Field(350, ge=0, le=10_000)
    speaker_change_ms: int = Field(600, ge=0, le=10_000)
    chapter_ms: int = Field(1500, ge=0, le=30_000)

    def between_ms(self, same_chapter: bool, same_speaker: bool) -> int:
        """The silence before a turn, after the turn before it."""
        if not same_chapter:
            return self.chapter_ms
        return self.turn_ms if same_speaker else self.speaker_change_ms


class Audio(_Model):
    """Mastering settings for the episode."""

    target_lufs: float = Field(-16.0, ge=-40.0, le=-5.0)
    true_peak_db: float = Field(-1.0, ge=-12.0, le=0.0)
    dual_mono: bool = True
    bitrate_kbps: int = Field(64, ge=32, le=320)


class Turn(_Model):
    """One speaker's uninterrupted speech."""

    id: Id
    speaker: Id
    text: Text
    note: str | None = None


class Chapter(_Model):
    """A titled group of consecutive turns."""

    title: Title
    turns: list[Turn] = Field(min_length=1)


class Script(_Model):
    """A whole podcast episode script."""

    format: Literal[1] = FORMAT_VERSION
    title: Title
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]
    show: str | None = None
    episode: int | None = Field(None, ge=1)
    authors: list[str] = Field(default_factory=list)
    date: IsoDate | None = None
    description: str | None = None
    cover: str | None = None
    source: str | None = None
    speakers: dict[Id, Speaker] = Field(min_length=1)
    pauses: Pauses = Field(default_factory=Pauses)
    audio: Audio = Field(default_factory=Audio)
    lexicon: dict[str, str | Entry] = Field(default_factory=dict)
    chapters: list[Chapter] = Field(min_length=1)

    def turns(self) -> Iterator[tuple[int, Turn]]:
        """Every turn in order, with the index of its chapter."""
        for index, chapter in enumerate(self.chapters):
            for turn in chapter.turns:
                yield index, turn

    def turn_count(self) -> int:
        """Number of turns in the script."""
        return sum(len(chapter.turns) for chapter in self.chapters)


def load(path: Path, voices: VoiceLibrary | None = None) -> Script:
    """Read and validate a script; errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ScriptError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ScriptError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return loads(text, str(path), voices)


def loads(text: str, source: str = "<script>", voices: VoiceLibrary | None = None) -> Script:
    """Validate a script from YAML text."""
    data, lines = yamlio.parse(text, source, ScriptError)
    if not isinstance(data, dict):
        raise ScriptError(f"{source}:1: a script is a mapping with title, speakers and chapters")
    try:
        script = Script.model_validate(data)
    except ValidationError as exc:
        raise ScriptError(_describe_validation_error(exc, data, lines, source)) from None
    _check_references(script, lines, source, voices)
    return script


_PATTERN_HELP = {
    "id": "an id is letters, digits, '_', '.' or '-' (at most 64)",
    "speaker": "a speaker id is letters, digits, '_', '.' or '-' (at most 64)",
    "voice": "a voice id is letters, digits, '_', '.' or '-' (at most 64)",
    "language": "a language tag such as zh-CN or en-US",
}


def _describe_validation_error(
    exc: ValidationError, data: dict[str, Any], lines: yamlio.LineMap, source: str
) -> str:
    errors = exc.errors(include_url=False)
    if errors[0]["loc"][:1] == ("lexicon",) and len(errors[0]["loc"]) > 1:
        return _describe_lexicon_error(errors, lines, source)
    # an unknown field next to a missing one is usually a typo of it: say that first
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = tuple(first["loc"])
    line = lines.line_for(loc)
    where = _describe_location(loc, data)
    message = first["msg"]
    if first["type"] == "missing":
        message = f"missing field {loc[-1]!r}"
        where = _describe_location(loc[:-1], data) or "script"
    elif first["type"] == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}"
        siblings = [e["loc"][-1] for e in errors
                    if e["type"] == "missing" and tuple(e["loc"][:-1]) == loc[:-1]]
        close = difflib.get_close_matches(str(loc[-1]), [str(s) for s in siblings], n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
        where = _describe_location(loc[:-1], data) or "script"
    elif first["type"] == "string_pattern_mismatch" and loc and loc[-1] in _PATTERN_HELP:
        message = _PATTERN_HELP[loc[-1]]
    elif first["type"] == "string_too_short" and loc and loc[-1] == "text":
        message = "empty text"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    prefix = f"{source}:{line}" if line else source
    return f"{prefix}: {where + ': ' if where else ''}{message}{more}"


def _describe_lexicon_error(errors: list[Any], lines: yamlio.LineMap, source: str) -> str:
    """A lexicon entry is a spoken form or {say | pinyin | ipa, engines}: say what is wrong."""
    word = errors[0]["loc"][1]
    mine = [e for e in errors if e["loc"][:2] == ("lexicon", word)]
    # the entry was a mapping: its own errors, not "should be a string"
    detailed = [e for e in mine if len(e["loc"]) > 2 and e["loc"][2] != "str"] or mine
    error = detailed[0]
    field = error["loc"][3] if len(error["loc"]) > 3 else None
    if error["type"] == "extra_forbidden":
        message = f"unknown field {field!r} (an entry has say, pinyin or ipa, and engines)"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
        message = f"{field}: {message}" if field else message
    line = lines.line_for(("lexicon", word))
    return f"{source}:{line}: lexicon entry {word!r}: {message}"


def _describe_location(loc: tuple[Any, ...], data: Any) -> str:
    """Say where a value is in words a script author recognises."""
    parts: list[str] = []
    node = data
    index = 0
    while index < len(loc):
        key = loc[index]
        if key == "chapters" and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            chapter_no = loc[index + 1]
            parts.append(f"chapter {chapter_no + 1}")
            node = _child(_child(node, "chapters"), chapter_no)
            index += 2
            continue
        if key == "turns" and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            turn_no = loc[index + 1]
            node = _child(_child(node, "turns"), turn_no)
            turn_id = node.get("id") if isinstance(node, dict) else None
            label = f"turn {turn_no + 1}"
            parts.append(f"{label} ({turn_id})" if isinstance(turn_id, str) else label)
            index += 2
            continue
        parts.append(str(key))
        node = _child(node, key)
        index += 1
    return " ".join(parts)


def _child(node: Any, key: Any) -> Any:
    try:
        return node[key]
    except (KeyError, IndexError, TypeError):
        return None


def _check_references(
    script: Script, lines: yamlio.LineMap, source: str, voices: VoiceLibrary | None
) -> None:
    if voices is not None:
        for speaker_id, speaker in script.speakers.items():
            if speaker.voice not in voices:
                line = lines.line_for(("speakers", speaker_id, "voice"))
                raise ScriptError(
                    f"{source}:{line}: speaker {speaker_id}: unknown voice {speaker.voice!r}"
                    f" (profiles: {', '.join(voices.ids())})"
                )
    for word, value in script.lexicon.items():
        try:
            check_entry(word, value)
        except ValueError as exc:
            line = lines.line_for(("lexicon", word))
            raise ScriptError(f"{source}:{line}: lexicon entry {word!r}: {exc}") from None
    seen: dict[str, int] = {}
    for chapter_no, chapter in enumerate(script.chapters):
        for turn_no, turn in enumerate(chapter.turns):
            path = ("chapters", chapter_no, "turns", turn_no)
            if turn.speaker not in script.speakers:
                line = lines.line_for((*path, "speaker"))
                raise ScriptError(
                    f"{source}:{line}: turn {turn.id}: unknown speaker {turn.speaker!r}"
                    f" (speakers: {', '.join(script.speakers)})"
                )
            if not turn.text.strip():
                raise ScriptError(f"{source}:{lines.line_for((*path, 'text'))}: "
                                  f"turn {turn.id}: empty text")
            if turn.id in seen:
                raise ScriptError(
                    f"{source}:{lines.line_for((*path, 'id'))}: duplicate turn id {turn.id!r}"
                    f" (first used on line {seen[turn.id]})"
                )
            seen[turn.id] = lines.line_for((*path, "id")) or 0


def dumps(script: Script) -> str:
    """Serialize a script as block-style YAML a person can edit."""
    data = script.model_dump(mode="python", exclude_none=True)
    for chapter in data["chapters"]:
        for turn in chapter["turns"]:
            if turn.get("note") is None:
                turn.pop("note", None)
    if not data["authors"]:
        del data["authors"]
    return yamlio.dump(data)

