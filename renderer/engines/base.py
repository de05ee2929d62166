"""What every speech engine provides: text + voice settings → a raw clip."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ValidationError

from ..errors import Cancelled, VoiceError
from ..text import has_speakable, split_sentences

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Sentence:
    """A sentence's span in a clip, in seconds from the clip's start."""

    start: float
    end: float
    text: str


@dataclass
class RawClip:
    """What an engine produced: mono audio at its own rate, and sentence timings if known."""

    samples: np.ndarray
    rate: int
    sentences: list[Sentence] = field(default_factory=list)


class Engine(Protocol):
    """A text-to-speech engine.

    `parallel` says how turns may run at once: in threads of one process ("thread", for
    engines that wait on a network), or in separate processes ("process", for engines with
    global state or heavy CPU work). `fills_cores`: its synthesis keeps every core busy, so
    encoding alongside it only competes for them.
    """

    name: ClassVar[str]
    parallel: ClassVar[Literal["thread", "process"]]
    default_jobs: ClassVar[int]
    fills_cores: ClassVar[bool]

    def version(self) -> str:
        """Engine and model version; part of every cache key, so an upgrade re-synthesizes."""
        ...

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate a voice profile's settings for this engine and fill in defaults."""
        ...

    def pieces(self, text: str) -> list[str]:
        """The pieces of `text` the engine speaks one at a time (nothing lost but silence)."""
        ...

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak `text` (already in its spoken form) with `settings`."""
        ...

    def stream(self, text: str, settings: dict[str, Any]) -> Iterator[RawClip]:
        """Speak `text` in pieces, each as soon as it is made; joined (`join_clips`) they
        are exactly what `synthesize` returns."""
        ...

    def prepare(self, text: str, settings: dict[str, Any]) -> None:
        """Make ahead what hearing `text` needs first, where the engine keeps what it made
        (Kokoro: the opening sentence); an engine that keeps nothing does nothing."""
        ...

    def stop_preparing(self) -> None:
        """Abandon a `prepare` running in another thread: its text is no longer wanted."""
        ...

    def cancel(self) -> None:
        """Stop the synthesis running in other threads as soon as it can (an interrupt)."""
        ...

    def retries(self) -> dict[str, int]:
        """How many requests had to be made again, by reason (for engines that retry)."""
        ...


class Cancellation:
    """Lets `cancel()` stop the syntheses in flight, and only those.

    A synthesis notes the generation when it starts and stops at its next step once
    `cancel()` has moved the generation on; later syntheses are not affected.
    """

    def __init__(self) -> None:
        self._generation = 0
        self._changed = threading.Condition()

    def current(self) -> int:
        """The generation a synthesis starting now belongs to."""
        with self._changed:
            return self._generation

    def cancel(self) -> None:
        """Stop every synthesis started before now (and wake those waiting to retry)."""
        with self._changed:
            self._generation += 1
            self._changed.notify_all()

    def sleep(self, generation: int, seconds: float) -> None:
        """Wait `seconds`, or less if cancelled meanwhile (then raise Cancelled)."""
        with self._changed:
            self._changed.wait_for(lambda: self._generation != generation, timeout=seconds)
        self.check(generation)

    def check(self, generation: int) -> None:
        """Raise Cancelled if `cancel()` was called since `generation` began."""
        if self.current() != generation:
            raise Cancelled("synthesis cancelled by an interrupt")


def validate_settings(model: type[BaseModel], settings: dict[str, Any], engine: str
                      ) -> dict[str, Any]:
    """A voice profile's settings for `engine`, checked against its model, defaults filled."""
    try:
        return model.model_validate(settings).model_dump()
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(map(str, error["loc"]))
        raise VoiceError(f"{engine} settings: {where}: {error['msg']}") from None


def speakable_sentences(text: str) -> list[str]:
    """The sentences of `text` that have something to say (punctuation alone is silence)."""
    return [s.strip() for s in split_sentences(text) if has_speakable(s)]


def join_clips(pieces: list[RawClip]) -> RawClip:
    """Pieces of one clip (at one rate) one after another, their sentences moved to match."""
    if len(pieces) == 1:
        return pieces[0]
    import numpy as np

    rate = pieces[0].rate
    sentences: list[Sentence] = []
    position = 0
    for piece in pieces:
        sentences += [Sentence((position + round(s.start * rate)) / rate,
                               (position + round(s.end * rate)) / rate, s.text)
                      for s in piece.sentences]
        position += len(piece.samples)
    return RawClip(np.concatenate([piece.samples for piece in pieces]), rate, sentences)
