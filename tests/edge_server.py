"""A loopback server that speaks the Edge read-aloud websocket protocol, with switchable faults.

It answers the real edge-tts client the way the service does: `turn.start`, binary `audio`
frames (2-byte header length, headers, MP3 bytes), `audio.metadata` SentenceBoundary events
in 100 ns ticks, `turn.end`. The audio is its own: one tone per sentence, whose pitch comes
from the sentence's text and whose length is proportional to it, encoded as 24 kHz mono MP3.
So a test can tell from the audio alone which text it was made from.

The boundary events come either all before the audio, or (`interleave`) each just before
its sentence's audio, as the service streams them. Faults end a request in the ways a
connection can end: refused handshakes (403/429/503), `noaudio` (turn.end at once),
`short` (a third of the audio, then turn.end), `drop` (the TCP connection vanishes
mid-audio), `cut` (the websocket is closed cleanly, without turn.end, halfway through the
audio), `cut-between` (closed cleanly without turn.end right after a sentence's audio).

Run it alone with `python -m tests.edge_server --port 8765 --latency 0.3 --speed 20`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import subprocess
import threading
import time
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from xml.sax.saxutils import unescape

import numpy as np
from aiohttp import WSMsgType, web

from renderer.ffmpeg import ffmpeg_exe

RATE = 24_000
TICKS = 10_000_000
LEAD_SECONDS = 0.1
GAP_SECONDS = 0.2
SECONDS_PER_CHAR = 0.12
BYTES_PER_SECOND = 6000  # 48 kbit/s
FAULTS = ("403", "429", "503", "drop", "noaudio", "short")
ENDINGS = ("cut", "cut-between")  # the websocket closes cleanly before the request is done
_SENTENCE = re.compile(r"[^。！？!?；;.\n]+[。！？!?；;.]*")


def tone_frequency(sentence: str) -> float:
    """The pitch the server gives a sentence (200–1000 Hz, from its text)."""
    return 200.0 + zlib.crc32(sentence.strip().encode("utf-8")) % 800


def sentence_seconds(sentence: str) -> float:
    """How long the server speaks a sentence."""
    return max(0.3, SECONDS_PER_CHAR * len(re.sub(r"\s", "", sentence)))


def split_sentences(text: str) -> list[str]:
    """Sentences as the server sees them (those with something to say)."""
    return [s.strip() for s in _SENTENCE.findall(text) if re.search(r"\w", s)]


@dataclass
class Request:
    """One synthesis request the server received."""

    voice: str
    rate: str
    pitch: str
    volume: str
    text: str
    attempt: int


HANDSHAKE_FAULTS = ("403", "429", "503")


@dataclass
class FaultPlan:
    """Which requests fail, and how.

    With `share`, that share of the distinct texts (every text whose arrival number falls
    on the pattern) fails once, the kinds taking turns. A stream fault hits the text's
    first attempt, so its retry succeeds. A handshake fault (HTTP 403/429/503 instead of
    the websocket upgrade) comes before any text is known, so a text chosen for one makes
    the *next* handshake be refused instead. `marker` makes every request whose text
    contains it fail with `marker_kind`; `every_handshake` refuses every connection.
    """

    share: float = 0.0
    kinds: tuple[str, ...] = FAULTS
    marker: str | None = None
    marker_kind: str = "noaudio"
    every_handshake: str | None = None
    _texts: int = 0
    _chosen: int = 0
    _refusals: list[str] = field(default_factory=list)

    def on_handshake(self) -> str | None:
        """The HTTP status to refuse this handshake with, if any."""
        if self.every_handshake:
            return self.every_handshake
        return self._refusals.pop(0) if self._refusals else None

    def on_request(self, text: str, attempt: int) -> str | None:
        """The fault for this attempt at `text`, if any."""
        if self.marker and self.marker in text:
            return self.marker_kind
        if attempt != 1 or not self.share:
            return None
        self._texts += 1
        # choose so that after n texts, round(n * share) of them were chosen
        if round(self._texts * self.share) <= self._chosen:
            return None
        kind = self.kinds[self._chosen % len(self.kinds)]
        self._chosen += 1
        if kind in HANDSHAKE_FAULTS:
            self._refusals.append(kind)
            return None
        return kind


@dataclass
class EdgeServer:
    """The server's state: what it received, its faults, how busy it got."""

    latency: float = 0.0
    speed: float | None = None  # stream at this multiple of real time (None: all at once)
    interleave: bool = False  # each sentence's boundary event just before its audio
    faults: FaultPlan = field(default_factory=FaultPlan)
    requests: list[Request] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    stream_faults: list[str] = field(default_factory=list)
    handshakes: int = 0
    active: int = 0
    max_active: int = 0
    port: int = 0
    _attempts: Counter[str] = field(default_factory=Counter)
    _mp3: dict[str, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        """The websocket base URL to give edge-tts (PODCAST_EDGE_URL)."""
        return (f"ws://127.0.0.1:{self.port}/consumer/speech/synthesize/readaloud/edge/v1"
                "?TrustedClientToken=loopback")

    # --- protocol -----------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        """One websocket connection: speech.config, then ssml, then the answer."""
        with self._lock:
            self.handshakes += 1
            refusal = self.faults.on_handshake()
            if refusal:
                self.refused.append(refusal)
        if refusal:
            # the service sends its clock with a 403, which edge-tts uses to fix its token
            headers = {"Date": formatdate(usegmt=True)}
            return web.Response(status=int(refusal), headers=headers, text="refused")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            await self._serve(socket, request)
        finally:
            with self._lock:
                self.active -= 1
        return socket

    async def _serve(self, socket: web.WebSocketResponse, request: web.Request) -> None:
        ssml = None
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            if "Path:ssml" in message.data:
                ssml = message.data
                break
        if ssml is None:
            return
        request_id = re.search(r"X-RequestId:(\w+)", ssml).group(1)
        voice, rate, pitch, volume, text = _parse_ssml(ssml)
        with self._lock:
            self._attempts[text] += 1
            attempt = self._attempts[text]
            self.requests.append(Request(voice, rate, pitch, volume, text, attempt))
            fault = self.faults.on_request(text, attempt)
            if fault:
                self.stream_faults.append(fault)
        if self.latency:
            await asyncio.sleep(self.latency)
        await socket.send_str(_text_message(request_id, "turn.start",
                                            {"context": {"serviceTag": uuid.uuid4().hex}}))
        if fault == "noaudio":
            await socket.send_str(_text_message(request_id, "turn.end", {}))
            return
        sentences = split_sentences(text)
        mp3 = self._encode(text, sentences)
        if fault == "short":
            mp3 = mp3[: len(mp3) // 3]
        events = self._boundaries(request_id, sentences)
        if not self.interleave:
            for _, message in events:
                await socket.send_str(message)
            events = []
        chunk = 3000  # half a second of 48 kbit/s audio
        for start in range(0, len(mp3), chunk):
            # in interleaved mode a sentence's event goes out when its audio is about to
            while events and events[0][0] <= start + chunk:
                if fault == "cut-between" and start and len(events) < len(sentences):
                    await socket.close()  # cleanly, between two sentences, no turn.end
                    return
                await socket.send_str(events.pop(0)[1])
            if fault == "drop" and start >= len(mp3) // 3:
                # the connection just goes away, mid-stream, without a turn.end
                if request.transport:
                    request.transport.abort()
                return
            if fault == "cut" and start >= len(mp3) // 2:
                await socket.close()  # a clean close frame, halfway through, no turn.end
                return
            header = (f"X-RequestId:{request_id}\r\nContent-Type:audio/mpeg\r\n"
                      f"X-StreamId:{uuid.uuid4().hex}\r\nPath:audio\r\n").encode()
            await socket.send_bytes(len(header).to_bytes(2, "big") + header
                                    + mp3[start:start + chunk])
            if self.speed:
                await asyncio.sleep(chunk / BYTES_PER_SECOND / self.speed)
        if fault == "cut-between":
            await socket.close()  # every sentence's audio went out, but no turn.end
            return
        for _, message in events:
            await socket.send_str(message)
        await socket.send_str(_text_message(request_id, "turn.end", {}))

    def _boundaries(self, request_id: str, sentences: list[str]) -> list[tuple[int, str]]:
        """Each sentence's boundary event, with the audio byte where that sentence starts."""
        events = []
        offset = LEAD_SECONDS
        for sentence in sentences:
            seconds = sentence_seconds(sentence)
            events.append((int(offset * BYTES_PER_SECOND), _text_message(
                request_id, "audio.metadata", {"Metadata": [{
                    "Type": "SentenceBoundary",
                    "Data": {"Offset": round(offset * TICKS), "Duration": round(seconds * TICKS),
                             "text": {"Text": sentence, "Length": len(sentence),
                                      "BoundaryType": "SentenceBoundary"}},
                }]})))
            offset += seconds + GAP_SECONDS
        return events

    def _encode(self, text: str, sentences: list[str]) -> bytes:
        with self._lock:
            cached = self._mp3.get(text)
        if cached is not None:
            return cached
        pieces = [np.zeros(int(LEAD_SECONDS * RATE))]
        for sentence in sentences:
            seconds = sentence_seconds(sentence)
            t = np.arange(int(seconds * RATE)) / RATE
            envelope = np.minimum(1, np.minimum(t, seconds - t) / 0.02)
            pieces += [0.3 * np.sin(2 * np.pi * tone_frequency(sentence) * t) * envelope,
                       np.zeros(int(GAP_SECONDS * RATE))]
        pcm = (np.concatenate(pieces) * 32767).astype(np.int16).tobytes()
        mp3 = subprocess.run(
            [ffmpeg_exe(), "-v", "error", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i",
             "pipe:0", "-c:a", "libmp3lame", "-b:a", "48k", "-write_xing", "0", "-f", "mp3",
             "pipe:1"], input=pcm, capture_output=True, check=True,
        ).stdout
        with self._lock:
            self._mp3[text] = mp3
        return mp3

    async def voices(self, request: web.Request) -> web.Response:
        """The voice list endpoint."""
        return web.json_response([
            {"Name": f"Microsoft Server Speech Text to Speech Voice ({v})", "ShortName": v,
             "Gender": g, "Locale": "-".join(v.split("-")[:2]), "SuggestedCodec":
             "audio-24khz-48kbitrate-mono-mp3", "FriendlyName": v, "Status": "GA",
             "VoiceTag": {"ContentCategories": ["General"], "VoicePersonalities": ["Warm"]}}
            for v, g in (("zh-CN-YunyangNeural", "Male"), ("zh-CN-XiaoxiaoNeural", "Female"),
                         ("en-US-AndrewNeural", "Male"), ("xx-XX-LoopbackNeural", "Female"))
        ])


def _parse_ssml(message: str) -> tuple[str, str, str, str, str]:
    voice = re.search(r"<voice name='([^']*)'>", message).group(1)
    prosody = re.search(r"<prosody pitch='([^']*)' rate='([^']*)' volume='([^']*)'>", message)
    text = re.search(r"<prosody[^>]*>(.*)</prosody>", message, re.DOTALL).group(1)
    return voice, prosody.group(2), prosody.group(1), prosody.group(3), unescape(text)


def _text_message(request_id: str, path: str, body: dict) -> str:
    return (f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\n"
            f"Path:{path}\r\n\r\n{json.dumps(body, ensure_ascii=False)}")


class RunningServer:
    """An EdgeServer running on 127.0.0.1 in a background thread."""

    def __init__(self, server: EdgeServer) -> None:
        self.server = server
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._runner: web.AppRunner | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_get("/consumer/speech/synthesize/readaloud/edge/v1", self.server.handle)
        app.router.add_get("/consumer/speech/synthesize/readaloud/voices/list",
                           self.server.voices)
        self._runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", self.server.port)
        self._loop.run_until_complete(site.start())
        self.server.port = site._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def __enter__(self) -> EdgeServer:
        self._thread.start()
        self._ready.wait(10)
        return self.server

    def __exit__(self, *exc) -> None:
        async def stop() -> None:
            if self._runner:
                await self._runner.cleanup()
        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def main() -> None:
    """Run a server in the foreground."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--speed", type=float, default=None)
    args = parser.parse_args()
    server = EdgeServer(latency=args.latency, speed=args.speed, port=args.port)
    with RunningServer(server):
        print(server.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
