"""`podcast pronounce`: a script's turns (or a file of sentences) as they will be read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import NotFoundError, ScriptError
from ..reading import review
from ..script.model import load


def pronounce_script(path: Path, turns: list[str] | None, polyphones: bool,
                     as_json: bool) -> Iterator[str]:
    """Lines to print for a script: each turn annotated (or JSON), or the polyphone list."""
    script = load(path)
    chosen = [turn for _, turn in script.turns() if turns is None or turn.id in turns]
    if turns:
        missing = sorted(set(turns) - {turn.id for turn in chosen})
        if missing:
            raise NotFoundError(f"{path}: no turn {', '.join(missing)} "
                                f"(turns: {chosen[0].id if chosen else 'none'} …)")
    read = review.read_texts([turn.text for turn in chosen], script.lexicon)
    if as_json and not polyphones:
        for turn, tokens in zip(chosen, read, strict=True):
            yield review.turn_line(turn.id, tokens)
        return
    if polyphones:
        doubts = review.doubts([(turn.id, tokens) for turn, tokens in
                                zip(chosen, read, strict=True)])
        for doubt in doubts:
            yield (json.dumps(doubt.__dict__, ensure_ascii=False) if as_json
                   else review.doubt_line(doubt))
        return
    names = {sid: speaker.name for sid, speaker in script.speakers.items()}
    for turn, tokens in zip(chosen, read, strict=True):
        yield f"{turn.id}  {names[turn.speaker]}: {review.annotated(tokens)}"


def pronounce_lines(path: Path, as_json: bool) -> Iterator[str]:
    """Lines to print for a file of sentences: one JSON array (or annotated line) each."""
    try:
        sentences = path.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ScriptError(f"{path}: not UTF-8 text") from None
    if sentences and sentences[-1] == "":
        sentences.pop()  # the newline that ends the last line
    for tokens in review.read_lines(sentences):
        yield (json.dumps(review.tokens_json(tokens), ensure_ascii=False) if as_json
               else review.annotated(tokens))
