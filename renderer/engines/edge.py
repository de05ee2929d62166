"""edge-tts: Microsoft Edge's online neural voices, the primary engine.

The service has undocumented per-IP limits, answers 403 when the token's clock is off,
drops connections, and sometimes returns no audio (or too little) without an error. So:
- text is split at sentence ends into requests of at most ~1000 characters (edge-tts itself
  splits at 4096 bytes, mid-sentence), and pieces with nothing to say are never sent;
- every request is retried with exponential backoff and jitter on 403/429/503, connection
  errors, timeouts and missing audio, a bounded number of times;
- a request counts only when the service finished it: `turn.end` arrived (a connection
  that closes early without it, cleanly or not, gives part of the audio and no error), the
  audio reaches the end of the last sentence the service timed, and its length is plausible
  for the text; anything else is retried;
- the sentence timings of the service's boundary events are kept, shifted across requests.

The unmodified edge-tts client is used; `$PODCAST_EDGE_URL` (a full websocket base URL with
its query string) replaces the service address edge-tts builds its requests from.
"""

from __future__ import annotations

import asyncio
import os
import random
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..errors import AudioFileError, EngineUnavailableError, SynthesisError
from ..ffmpeg import decode_to_pcm
from ..script.estimate import chars_per_second
from ..text import cjk_ratio, has_speakable, split_sentences
from .base import Cancellation, RawClip, Sentence, validate_settings

EDGE_RATE = 24_000
MAX_REQUEST_CHARS = 1000
# An MP3 stream decodes 576 (encoder) + 529 (decoder) samples late; dropping them puts the
# audio on the same timeline as the service's boundary offsets.
MP3_CODEC_DELAY = 1105
_TICKS_PER_SECOND = 10_000_000
_RETRY_STATUSES = {403, 429, 500, 502, 503, 504}


def service_url() -> str:
    """The websocket base URL requests go to."""
    import edge_tts.constants

    return os.environ.get("PODCAST_EDGE_URL") or edge_tts.constants.WSS_URL


def voice_list_url() -> str:
    """The voice list URL: `$PODCAST_EDGE_VOICES_URL`, else derived from the service URL."""
    import edge_tts.constants

    if os.environ.get("PODCAST_EDGE_VOICES_URL"):
        return os.environ["PODCAST_EDGE_VOICES_URL"]
    if not os.environ.get("PODCAST_EDGE_URL"):
        return edge_tts.constants.VOICE_LIST
    parts = urlsplit(service_url())
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    path = parts.path.rsplit("/edge/", 1)[0] + "/voices/list"
    query = parts.query.replace("TrustedClientToken", "trustedclienttoken")
    return urlunsplit((scheme, parts.netloc, path, query, ""))


def point_client_at_service() -> None:
    """Make the edge-tts client use `service_url()` and `voice_list_url()`."""
    import edge_tts.communicate
    import edge_tts.voices

    # the client reads these names of its modules (imported there from its constants)
    edge_tts.communicate.WSS_URL = service_url()  # type: ignore[attr-defined]
    edge_tts.voices.VOICE_LIST = voice_list_url()  # type: ignore[attr-defined]


def service_address() -> tuple[str, int]:
    """Host and port of the service (for the reachability check)."""
    parts = urlsplit(service_url())
    default = 443 if parts.scheme in ("wss", "https") else 80
    return parts.hostname or "", parts.port or default


class EdgeSettings(BaseModel):
    """edge-tts settings of a voice profile."""

    model_config = ConfigDict(extra="forbid", strict=True)

    voice: str = Field(pattern=r"^[a-z]{2,3}-[A-Za-z]{2,4}(-[A-Za-z]+)?-\w+Neural$")
    rate: str = Field("+0%", pattern=r"^[+-]\d{1,3}%$")
    pitch: str = Field("+0Hz", pattern=r"^[+-]\d{1,3}Hz$")
    volume: str = Field("+0%", pattern=r"^[+-]\d{1,3}%$")


def request_texts(text: str, limit: int = MAX_REQUEST_CHARS) -> list[str]:
    """Split text into requests at sentence ends, each ≤ `limit` characters, all speakable."""
    requests: list[str] = []
    current = ""
    for sentence in _pieces(text, limit):
        if current and len(current) + len(sentence) > limit:
            requests.append(current)
            current = ""
        current += sentence
    if current:
        requests.append(current)
    return [r.strip() for r in requests if has_speakable(r)]


def _pieces(text: str, limit: int) -> list[str]:
    """Sentences, with any sentence longer than `limit` cut at commas, spaces, or hard."""
    pieces: list[str] = []
    for sentence in split_sentences(text):
        if not has_speakable(sentence):
            continue  # a piece of punctuation alone makes the service return no audio
        while len(sentence) > limit:
            window = sentence[:limit]
            cut = max(window.rfind(mark) for mark in "，,、：:） ")
            cut = cut + 1 if cut > limit // 2 else limit
            pieces.append(sentence[:cut])
            sentence = sentence[cut:]
        pieces.append(sentence)
    return pieces


def plausible_seconds(text: str, rate: str = "+0%") -> tuple[float, float]:
    """The range of durations that speech of `text` can have (generous on both sides)."""
    speed = 1 + int(rate.rstrip("%")) / 100
    language = "zh" if cjk_ratio(text) >= 0.3 else "en"
    expected = len(text.strip()) / chars_per_second(language) / max(speed, 0.1)
    return 0.25 * expected, 4 * expected + 2.0


class _Retryable(Exception):
    """A request failed in a way that another attempt may fix; `kind` names the way."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# the audio may end this much before the service's last sentence does (MP3 framing)
_END_TOLERANCE = 0.15
_MIN_COVERAGE = 0.95  # of the request's letters, the sentence timings must name this many


class EdgeEngine:
    """Online neural voices through edge-tts."""

    name: ClassVar[str] = "edge"
    parallel: ClassVar[Literal["thread", "process"]] = "thread"
    default_jobs: ClassVar[int] = 6
    fills_cores: ClassVar[bool] = False  # it waits on the network

    def __init__(self, proxy: str | None = None, connect_timeout: int = 10,
                 receive_timeout: int = 60, attempts: int = 6,
                 backoff: float | None = None) -> None:
        try:
            import edge_tts  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailableError(f"edge-tts is not installed: {exc}") from None
        point_client_at_service()
        self._cancellation = Cancellation()
        self._retried: Counter[str] = Counter()
        self._retried_lock = threading.Lock()
        self.proxy = proxy
        self.connect_timeout = connect_timeout
        self.receive_timeout = receive_timeout
        self.attempts = attempts
        # seconds before the first retry; doubles each time (tests shorten it)
        self.backoff = backoff if backoff is not None else float(
            os.environ.get("PODCAST_EDGE_BACKOFF", "1.0"))

    def cancel(self) -> None:
        """Start no more requests; requests waiting to retry stop at once."""
        self._cancellation.cancel()

    def prepare(self, text: str, settings: dict[str, Any]) -> None:
        """Nothing to make ahead: a request is the whole clip, and nothing is kept."""

    def stop_preparing(self) -> None:
        """Nothing is ever being prepared."""

    def retries(self) -> dict[str, int]:
        """Requests made again, by what went wrong the time before."""
        with self._retried_lock:
            return dict(self._retried)

    def version(self) -> str:
        """edge-tts's version (the voices themselves are the service's)."""
        import edge_tts

        return f"edge-tts {edge_tts.__version__}"

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate and complete a profile's edge settings."""
        return validate_settings(EdgeSettings, profile_settings, self.name)

    def pieces(self, text: str) -> list[str]:
        """The texts this engine sends for `text`."""
        return request_texts(text)

    def stream(self, text: str, settings: dict[str, Any]) -> Iterator[RawClip]:
        """The whole clip as one piece."""
        yield self.synthesize(text, settings)

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak `text`, one request per ≤1000-character piece, retrying what fails."""
        pieces: list[np.ndarray] = []
        sentences: list[Sentence] = []
        offset = 0.0
        for request in self.pieces(text):
            samples, boundaries = self._with_retries(request, settings)
            sentences += [Sentence(s.start + offset, s.end + offset, s.text) for s in boundaries]
            pieces.append(samples)
            offset += len(samples) / EDGE_RATE
        if not pieces:  # nothing to say: a short silence
            return RawClip(np.zeros(EDGE_RATE // 4, np.int16), EDGE_RATE)
        return RawClip(np.concatenate(pieces), EDGE_RATE, sentences)

    def _with_retries(self, text: str, settings: dict[str, Any]
                      ) -> tuple[np.ndarray, list[Sentence]]:
        last: BaseException | None = None
        generation = self._cancellation.current()
        for attempt in range(self.attempts):
            if attempt:
                delay = min(30.0, self.backoff * 2 ** (attempt - 1))
                self._cancellation.sleep(generation, delay * random.uniform(0.5, 1.5))
            self._cancellation.check(generation)
            try:
                return self._request(text, settings)
            except _Retryable as exc:
                last = exc
                if attempt + 1 < self.attempts:
                    with self._retried_lock:
                        self._retried[exc.kind] += 1
        raise SynthesisError(f"edge-tts failed {self.attempts} times: {last}")

    def _request(self, text: str, settings: dict[str, Any]
                 ) -> tuple[np.ndarray, list[Sentence]]:
        import aiohttp
        import edge_tts.exceptions

        try:
            audio, boundaries, finished = asyncio.run(self._stream(text, settings))
        except aiohttp.ClientResponseError as exc:
            if exc.status in _RETRY_STATUSES:
                raise _Retryable(f"http-{exc.status}", f"HTTP {exc.status} {exc.message}"
                                 ) from exc
            raise SynthesisError(f"edge-tts: HTTP {exc.status} {exc.message}") from exc
        except TimeoutError as exc:
            raise _Retryable("timeout", f"{type(exc).__name__}: {exc}") from exc
        except (aiohttp.ClientError, ConnectionError) as exc:
            raise _Retryable("connection", f"{type(exc).__name__}: {exc}") from exc
        except edge_tts.exceptions.NoAudioReceived as exc:
            raise _Retryable("no-audio", f"{type(exc).__name__}: {exc}") from exc
        except edge_tts.exceptions.EdgeTTSException as exc:
            raise _Retryable("protocol", f"{type(exc).__name__}: {exc}") from exc
        if not audio:
            raise _Retryable("no-audio", "no audio")
        if finished is False:
            raise _Retryable("ended-early", "the connection closed before the service "
                             f"finished the request (no turn.end, {len(audio)} bytes of audio)")
        try:
            samples = decode_to_pcm(audio, EDGE_RATE)[MP3_CODEC_DELAY:]
        except AudioFileError as exc:
            raise _Retryable("undecodable", f"undecodable audio: {exc}") from exc
        seconds = len(samples) / EDGE_RATE
        _check_complete(text, boundaries, seconds, finished)
        low, high = plausible_seconds(text, settings["rate"])
        if not low <= seconds <= high:
            raise _Retryable("implausible-length",
                             f"{seconds:.2f} s of audio for {len(text)} characters "
                             f"(expected {low:.1f}–{high:.1f} s)")
        return samples, boundaries

    async def _stream(self, text: str, settings: dict[str, Any]
                      ) -> tuple[bytes, list[Sentence], bool | None]:
        import edge_tts

        communicate = edge_tts.Communicate(
            text, settings["voice"], rate=settings["rate"], pitch=settings["pitch"],
            volume=settings["volume"], boundary="SentenceBoundary", proxy=self.proxy,
            connect_timeout=self.connect_timeout, receive_timeout=self.receive_timeout,
        )
        audio = bytearray()
        sentences: list[Sentence] = []
        stream = communicate.stream()
        while True:
            # edge-tts's receive timeout does not cover websocket messages: a service that
            # stops sending would hang the render, so every message has a deadline here
            try:
                chunk = await asyncio.wait_for(anext(stream), self.receive_timeout)
            except StopAsyncIteration:
                break
            except TimeoutError:
                await stream.aclose()
                raise TimeoutError(
                    f"no message from the service for {self.receive_timeout} s") from None
            if chunk["type"] == "audio":
                audio += chunk["data"]
            elif chunk["type"] == "SentenceBoundary":
                start = chunk["offset"] / _TICKS_PER_SECOND
                sentences.append(Sentence(start, start + chunk["duration"] / _TICKS_PER_SECOND,
                                          chunk["text"]))
        return bytes(audio), sentences, _turn_ended(communicate, len(audio))


def _turn_ended(communicate: Any, received: int) -> bool | None:
    """Whether the service sent `turn.end` (None: this edge-tts does not let us tell).

    edge-tts ends its stream without an error when the connection closes early. Its offset
    bookkeeping (7.2 and later) folds a request's audio bytes into `cumulative_audio_bytes`
    only when `turn.end` arrives, so after a finished request the two agree.
    """
    state = getattr(communicate, "state", None)
    if not isinstance(state, dict) or not {"chunk_audio_bytes",
                                           "cumulative_audio_bytes"} <= state.keys():
        return None
    return bool(state["chunk_audio_bytes"] == 0 and state["cumulative_audio_bytes"] == received)


def _check_complete(text: str, boundaries: list[Sentence], seconds: float,
                    finished: bool | None) -> None:
    """Raise _Retryable unless the audio holds every sentence the service timed (and, when
    whether `turn.end` came is unknown, the timed sentences cover the whole text)."""
    if boundaries and seconds < boundaries[-1].end - _END_TOLERANCE:
        raise _Retryable("incomplete-audio", f"the audio stops at {seconds:.2f} s, before the "
                         f"last sentence ends at {boundaries[-1].end:.2f} s")
    if finished is None:
        wanted = _letters(text)
        timed = _letters("".join(sentence.text for sentence in boundaries))
        if len(timed) < _MIN_COVERAGE * len(wanted) or not wanted.endswith(timed[-8:]):
            raise _Retryable("missing-sentences", f"the service timed {len(timed)} of the "
                             f"{len(wanted)} letters of the text")


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
