"""Transcript exports in JSON: a list of utterances, each with its words and who said them.

Tools and sites write them in many shapes (`{"transcript": [{"speaker": …, "text": …}]}`,
Whisper's `{"segments": [{"text": …}]}`, a bare list, a speaker as a number or an object);
the reader looks for the longest list of objects that hold words and takes the speaker from
the key that names one. Each utterance's words are read as Markdown (exports keep links
written so) and labelled with its speaker, as a subtitle's voice is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...errors import ArticleError
from ..document import Block, Document
from .markdown import read_markdown

_WORD_KEYS = ("text", "content", "transcript", "utterance", "sentence", "words", "body")
_SPEAKER_KEYS = ("speaker", "speaker_name", "speakerName", "speaker_label", "speakerLabel",
                 "name", "who", "author", "role", "user")
_TITLE_KEYS = ("title", "episode_title", "episodeTitle", "name")
_SHOW_KEYS = ("podcast", "show", "series", "program")


def read_transcript_json(text: str, source: str) -> Document:
    """Read a JSON transcript export into labelled blocks, one utterance after another."""
    try:
        data = json.loads(text)
        utterances = max(_utterance_lists(data), key=len, default=[])
    except ValueError as exc:
        raise ArticleError(f"{source}: not valid JSON: {exc}") from None
    except RecursionError:
        raise ArticleError(f"{source}: JSON nested too deeply to be a transcript") from None
    if not utterances:
        raise ArticleError(f"{source}: no transcript in this JSON: no list of objects with "
                           f"words in one of the keys {', '.join(_WORD_KEYS)}")
    blocks: list[Block] = []
    position = 0
    for utterance in utterances:
        words = _words(utterance)
        if words is None or not words.strip():
            continue
        at = text.find(json.dumps(words, ensure_ascii=False)[1:-1][:40], position)
        if at < 0:  # escaped differently than json.dumps writes it: keep the last line
            at = position
        position = max(position, at)
        line = text.count("\n", 0, position) + 1
        said = read_markdown(words, first_line=line).blocks
        speaker = _speaker(utterance)
        for number, block in enumerate(said):
            block.line = line
            block.through = 0
            if number == 0:
                block.after_blank, block.soft = True, False
                if speaker:
                    block.speaker = speaker
                    block.text = f"{speaker}: {block.text}"
            blocks.append(block)
    named = [block.speaker for block in blocks if block.speaker]
    document = Document("json", blocks)
    document.meta.speakers = list(dict.fromkeys(named))
    title = _title(data)
    if title:
        document.meta.title = title
        document.meta.title_whole = True
    return document


def _utterance_lists(data: Any) -> Iterator[list[dict[str, Any]]]:
    """Every list in the document whose items are objects with words (depth first)."""
    if isinstance(data, list):
        objects = [item for item in data if isinstance(item, dict)]
        if objects and sum(_words(item) is not None for item in objects) >= len(objects) / 2:
            yield objects
        for item in data:
            yield from _utterance_lists(item)
    elif isinstance(data, dict):
        for value in data.values():
            yield from _utterance_lists(value)


def _words(utterance: dict[str, Any]) -> str | None:
    for key in _WORD_KEYS:
        value = utterance.get(key)
        if isinstance(value, str):
            return value
    return None


def _speaker(utterance: dict[str, Any]) -> str | None:
    """Who said it: a name, a number (`Speaker 1`, as recognizers count them) or an object
    that holds a name."""
    for key in _SPEAKER_KEYS:
        value = utterance.get(key)
        if isinstance(value, dict):
            value = next((value[k] for k in ("name", "label", "id") if k in value), None)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int):
            return f"Speaker {value}"
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _title(data: Any) -> str | None:
    """The export's title, else its show and episode (`BookBytes, episode 2`)."""
    if not isinstance(data, dict):
        return None
    named = {key: str(value).strip() for key, value in data.items()
             if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip()}
    title = next((named[key] for key in _TITLE_KEYS if key in named), None)
    show = next((named[key] for key in _SHOW_KEYS if key in named), None)
    if title or not show:
        return title
    return f"{show}, episode {named['episode']}" if "episode" in named else show
