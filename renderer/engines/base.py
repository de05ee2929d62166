"""What every speech engine provides: text + voice settings → a raw clip."""

from __future__ import annotations

from typing import Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ValidationError

from ..clip import RawClip
from ..errors import VoiceError
from ..text import has_speakable, split_sentences


class Engine(Protocol):
    """A text-to-speech engine.

    `parallel` says how turns may run at once: in threads of one process ("thread", for
    engines that wait on a network), or in separate processes ("process", for engines with
    global state or heavy CPU work).
    """

    name: ClassVar[str]
    parallel: ClassVar[Literal["thread", "process"]]
    default_jobs: ClassVar[int]

    def version(self) -> str:
        """Engine and model version; part of every cache key, so an upgrade re-synthesizes."""
        ...

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate a voice profile's settings for this engine and fill in defaults."""
        ...

    def prepare(self, text: str) -> list[str]:
        """The pieces of `text` the engine actually speaks (nothing lost but silence marks)."""
        ...

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak `text` (already in its spoken form) with `settings`."""
        ...


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
