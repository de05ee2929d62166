"""espeak-ng, offline, from PyPI alone: `espeakng-loader` ships the library and its data.

Driven through ctypes in synchronous mode. The library keeps global state, so one process
runs one synthesis at a time; turns run in parallel in separate processes.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..clips.clip import RawClip, Sentence
from ..errors import EngineUnavailableError, SynthesisError, VoiceError
from ..reading import READING_VERSION
from ..reading.lexicon import plain
from .base import speakable_sentences, validate_settings

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_RATE, _VOLUME, _PITCH, _RANGE = 1, 2, 3, 4
_PAUSE_SECONDS = 0.25
_PHONEMES_IPA, _PHONEMES_TIE = 0x02, 0x80


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


class EspeakSettings(BaseModel):
    """espeak-ng settings of a voice profile."""

    model_config = ConfigDict(extra="forbid", strict=True)

    voice: str
    variant: str | None = None
    rate: int = Field(170, ge=80, le=450)
    pitch: int = Field(50, ge=0, le=99)
    range: int = Field(50, ge=0, le=99)
    volume: int = Field(100, ge=0, le=200)


class _Library:
    """The loaded libespeak-ng of this process (one per process, used under a lock)."""

    _instance: ClassVar[_Library | None] = None
    _guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self) -> None:
        try:
            import espeakng_loader

            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (ImportError, OSError) as exc:
            raise EngineUnavailableError(f"espeak-ng is not installed: {exc}") from None
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                          ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                          ctypes.c_void_p, ctypes.c_void_p]
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.lib.espeak_Info.argtypes = [ctypes.c_void_p]
        self.lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self.lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p),
                                                    ctypes.c_int, ctypes.c_int]
        self.rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), 0)
        if self.rate <= 0:
            raise EngineUnavailableError("espeak-ng failed to initialize")
        self._chunks: list[np.ndarray] = []
        self._callback = _CALLBACK(self._collect)  # kept referenced: C holds a pointer to it
        self.lib.espeak_SetSynthCallback(self._callback)
        self.version = self.lib.espeak_Info(None).decode()
        self.lock = threading.Lock()

    @classmethod
    def get(cls) -> _Library:
        with cls._guard:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _collect(self, wav, count, _events) -> int:
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def speak(self, text: str, settings: EspeakSettings) -> np.ndarray:
        """Synthesize one piece of text; returns int16 samples at `self.rate`."""
        name = settings.voice + (f"+{settings.variant}" if settings.variant else "")
        if self.lib.espeak_SetVoiceByName(name.encode()) != 0:
            raise VoiceError(f"espeak-ng has no voice {name!r}")
        for parameter, value in ((_RATE, settings.rate), (_PITCH, settings.pitch),
                                 (_RANGE, settings.range), (_VOLUME, settings.volume)):
            self.lib.espeak_SetParameter(parameter, value, 0)
        data = text.encode("utf-8")
        self._chunks = []
        status = self.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8,
                                       None, None)
        self.lib.espeak_Synchronize()
        if status != 0:
            raise SynthesisError(f"espeak-ng failed (status {status})")
        return np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)

    def phonemes(self, text: str, voice: str, tie: str = "^") -> str:
        """espeak-ng's IPA for `text` in `voice`, multi-letter phonemes joined by `tie`."""
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise VoiceError(f"espeak-ng has no voice {voice!r}")
        pointer = ctypes.c_char_p(text.encode("utf-8"))
        mode = _PHONEMES_IPA | _PHONEMES_TIE | (ord(tie) << 8)
        pieces = []
        while pointer.value:
            result = self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, mode)
            if result:
                pieces.append(result.decode("utf-8"))
        return " ".join(pieces)


def espeak_phonemes(text: str, voice: str, tie: str = "^") -> str:
    """IPA of `text` as espeak-ng says it in `voice` (used by other engines' front ends)."""
    library = _Library.get()
    with library.lock:
        return library.phonemes(text, voice, tie)


def espeak_inputs(sentences: list[str], voice: str) -> list[str]:
    """What espeak-ng is given for each sentence: for its Mandarin voice the reading front
    end's pinyin (polyphones decided, lexicon and sandhi applied); for English the spoken
    forms of acronyms and terms; for other voices the text (overrides as written)."""
    from ..reading.frontend import chinese, espeak_text, read_many
    from ..reading.phonemes import english_for_espeak

    if voice.split("+")[0] in ("cmn", "zh", "cmn-latn-pinyin"):
        zh = [i for i, s in enumerate(sentences) if chinese(s)]
        out = {i: espeak_text(tokens)
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

    def cancel(self) -> None:
        """Nothing to do: espeak runs in worker processes, one short turn at a time."""

    def retries(self) -> dict[str, int]:
        """Nothing is retried offline."""
        return {}

    def version(self) -> str:
        """espeak-ng's version and the reading front end's (part of every clip key)."""
        return f"espeak-ng {_Library.get().version} reading {READING_VERSION}"

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate and complete a profile's espeak settings."""
        return validate_settings(EspeakSettings, profile_settings, self.name)

    def prepare(self, text: str) -> list[str]:
        """One piece per sentence that has something to say."""
        return speakable_sentences(text)

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak each sentence in turn, so sentence timings are exact."""
        library = _Library.get()
        voice = EspeakSettings.model_validate(settings)
        pause = np.zeros(int(_PAUSE_SECONDS * library.rate), np.int16)
        pieces: list[np.ndarray] = []
        sentences: list[Sentence] = []
        position = 0
        said = self.prepare(text)
        inputs = espeak_inputs(said, voice.voice)
        with library.lock:
            for sentence, spoken in zip(said, inputs, strict=True):
                audio = library.speak(spoken, voice)
                start = position / library.rate
                pieces += [audio, pause]
                position += len(audio) + len(pause)
                sentences.append(Sentence(start, start + len(audio) / library.rate,
                                          plain(sentence)))
        if not pieces:
            return RawClip(np.zeros(int(_PAUSE_SECONDS * library.rate), np.int16), library.rate)
        return RawClip(np.concatenate(pieces[:-1]), library.rate, sentences)
