"""espeak-ng, offline, from PyPI alone (the library binding is `renderer.espeak_ng`).

The library keeps global state, so one process runs one synthesis at a time; turns run in
parallel in separate processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..espeak_ng import EspeakLibrary
from ..reading import READING_VERSION
from ..reading.lexicon import plain
from .base import RawClip, Sentence, speakable_sentences, validate_settings

if TYPE_CHECKING:
    import numpy as np

_PAUSE_SECONDS = 0.25
# 2: every clip made by a freshly loaded library (before, a clip depended on what its
# worker had said before it, so a clip made again was not the same clip).
_CLIP_VERSION = 2


class EspeakSettings(BaseModel):
    """espeak-ng settings of a voice profile."""

    model_config = ConfigDict(extra="forbid", strict=True)

    voice: str
    variant: str | None = None
    rate: int = Field(170, ge=80, le=450)
    pitch: int = Field(50, ge=0, le=99)
    range: int = Field(50, ge=0, le=99)
    volume: int = Field(100, ge=0, le=200)


def espeak_inputs(sentences: list[str], voice: str) -> list[str]:
    """What espeak-ng is given for each sentence: for its Mandarin voice the reading front
    end's pinyin (polyphones decided, lexicon and sandhi applied); for English the spoken
    forms of acronyms and terms; for other voices the text (overrides as written)."""
    from ..reading.frontend import chinese, read_many
    from ..reading.phonemes import english_for_espeak, espeak

    if voice.split("+")[0] in ("cmn", "zh", "cmn-latn-pinyin"):
        zh = [i for i, s in enumerate(sentences) if chinese(s)]
        out = {i: espeak(tokens)
               for i, tokens in zip(zh, read_many([sentences[i] for i in zh]), strict=True)}
        return [out.get(i) or english_for_espeak(s) for i, s in enumerate(sentences)]
    if voice.startswith("en"):
        return [english_for_espeak(s) for s in sentences]
    return [plain(s) for s in sentences]


class EspeakEngine:
    """Offline, robotic but fast formant synthesis."""

    name: ClassVar[str] = "espeak"
    parallel: ClassVar[Literal["thread", "process"]] = "process"
    default_jobs: ClassVar[int] = 2
    fills_cores: ClassVar[bool] = True

    def cancel(self) -> None:
        """Nothing to do: espeak runs in worker processes, one short turn at a time."""

    def prepare(self, text: str, settings: dict[str, Any]) -> None:
        """Nothing to make ahead: espeak keeps nothing, and a sentence takes milliseconds."""

    def stop_preparing(self) -> None:
        """Nothing is ever being prepared."""

    def retries(self) -> dict[str, int]:
        """Nothing is retried offline."""
        return {}

    def version(self) -> str:
        """espeak-ng's version and the reading front end's (part of every clip key)."""
        return (f"espeak-ng {EspeakLibrary.get().version} reading {READING_VERSION}"
                f" clip {_CLIP_VERSION}")

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate and complete a profile's espeak settings."""
        return validate_settings(EspeakSettings, profile_settings, self.name)

    def pieces(self, text: str) -> list[str]:
        """One piece per sentence that has something to say."""
        return speakable_sentences(text)

    def stream(self, text: str, settings: dict[str, Any]) -> Iterator[RawClip]:
        """The whole clip as one piece (it takes well under a second per sentence)."""
        yield self.synthesize(text, settings)

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak each sentence in turn, so sentence timings are exact."""
        import numpy as np

        library = EspeakLibrary.get()
        voice = EspeakSettings.model_validate(settings)
        pause = np.zeros(int(_PAUSE_SECONDS * library.rate), np.int16)
        pieces: list[np.ndarray] = []
        sentences: list[Sentence] = []
        position = 0
        name = voice.voice + (f"+{voice.variant}" if voice.variant else "")
        said = self.pieces(text)
        inputs = espeak_inputs(said, voice.voice)
        with library.lock:
            library.reload()  # a clip sounds the same whatever this worker said before
            for sentence, spoken in zip(said, inputs, strict=True):
                audio = library.speak(spoken, name, voice.rate, voice.pitch, voice.range,
                                      voice.volume)
                start = position / library.rate
                pieces += [audio, pause]
                position += len(audio) + len(pause)
                sentences.append(Sentence(start, start + len(audio) / library.rate,
                                          plain(sentence)))
        if not pieces:
            return RawClip(np.zeros(int(_PAUSE_SECONDS * library.rate), np.int16), library.rate)
        return RawClip(np.concatenate(pieces[:-1]), library.rate, sentences)
