"""edge-tts: Microsoft Edge's online neural voices, the primary engine.

The unmodified edge-tts client is used; `$PODCAST_EDGE_URL` (a full websocket base URL with
its query string) replaces the service address edge-tts builds its requests from.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..conditioning import RawClip, Sentence
from ..errors import EngineUnavailableError, SynthesisError, VoiceError
from ..ffmpeg import decode_to_pcm

EDGE_RATE = 24_000
_TICKS_PER_SECOND = 10_000_000


def service_url() -> str:
    """The websocket base URL requests go to."""
    import edge_tts.constants

    return os.environ.get("PODCAST_EDGE_URL") or edge_tts.constants.WSS_URL


def _point_client_at_service() -> None:
    import edge_tts.communicate

    edge_tts.communicate.WSS_URL = service_url()


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


class EdgeEngine:
    """Online neural voices through edge-tts."""

    name: ClassVar[str] = "edge"
    parallel: ClassVar[Literal["thread", "process"]] = "thread"
    default_jobs: ClassVar[int] = 6

    def __init__(self, proxy: str | None = None, connect_timeout: int = 10,
                 receive_timeout: int = 60) -> None:
        try:
            import edge_tts  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailableError(f"edge-tts is not installed: {exc}") from None
        _point_client_at_service()
        self.proxy = proxy
        self.connect_timeout = connect_timeout
        self.receive_timeout = receive_timeout

    def version(self) -> str:
        """edge-tts's version (the voices themselves are the service's)."""
        import edge_tts

        return f"edge-tts {edge_tts.__version__}"

    def settings(self, profile_settings: dict[str, Any]) -> dict[str, Any]:
        """Validate and complete a profile's edge settings."""
        try:
            return EdgeSettings.model_validate(profile_settings).model_dump()
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            where = ".".join(map(str, error["loc"]))
            raise VoiceError(f"edge settings: {where}: {error['msg']}") from None

    def synthesize(self, text: str, settings: dict[str, Any]) -> RawClip:
        """Speak `text` through the service."""
        try:
            audio, boundaries = asyncio.run(self._request(text, settings))
        except Exception as exc:
            raise SynthesisError(f"edge-tts: {type(exc).__name__}: {exc}") from exc
        samples = decode_to_pcm(audio, EDGE_RATE) if audio else np.zeros(0, np.int16)
        return RawClip(samples, EDGE_RATE, boundaries)

    async def _request(self, text: str, settings: dict[str, Any]) -> tuple[bytes, list[Sentence]]:
        import edge_tts

        communicate = edge_tts.Communicate(
            text, settings["voice"], rate=settings["rate"], pitch=settings["pitch"],
            volume=settings["volume"], boundary="SentenceBoundary", proxy=self.proxy,
            connect_timeout=self.connect_timeout, receive_timeout=self.receive_timeout,
        )
        audio = bytearray()
        sentences: list[Sentence] = []
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                audio += chunk["data"]
            elif chunk["type"] == "SentenceBoundary":
                start = chunk["offset"] / _TICKS_PER_SECOND
                sentences.append(Sentence(start, start + chunk["duration"] / _TICKS_PER_SECOND,
                                          chunk["text"]))
        return bytes(audio), sentences
