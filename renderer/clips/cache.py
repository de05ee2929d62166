"""Content-addressed clip cache: same engine, version, voice settings and text → same clip.

An entry is two files: `KEY.pcm` (int16 mono at the working rate) and `KEY.json` (its
length, CRC-32, sentence timings and loudness measurements). The PCM is renamed into place
first and the JSON last, so an entry exists only once it is complete; on read the length
and checksum are verified, and a damaged entry is treated as missing (and re-synthesized).
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..atomic import write_bytes_atomic
from ..errors import OutputError
from .clip import CONDITIONING_VERSION, WORKING_RATE, Clip, Sentence

ENTRY_VERSION = 1
DEFAULT_DIR = Path("output") / ".cache"


def default_cache_dir() -> Path:
    """`$PODCAST_CACHE_DIR`, else `output/.cache`."""
    return Path(os.environ.get("PODCAST_CACHE_DIR") or DEFAULT_DIR)


def clip_key(engine: str, version: str, settings: dict[str, Any], text: str) -> str:
    """The cache key of a clip: a hash of everything that decides how it sounds."""
    identity = {
        "engine": engine, "version": version, "settings": settings, "text": text,
        "conditioning": CONDITIONING_VERSION, "rate": WORKING_RATE,
    }
    blob = json.dumps(identity, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]


@dataclass(frozen=True)
class ClipInfo:
    """What the cache knows about a clip without reading its audio."""

    key: str
    samples: int
    sentences: list[Sentence]
    powers: np.ndarray
    true_peak_db: float

    @property
    def seconds(self) -> float:
        """Duration in seconds."""
        return self.samples / WORKING_RATE


class ClipCache:
    """A folder of clips keyed by content."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".pcm"), base.with_suffix(".json")

    def info(self, key: str, verify: bool = True) -> ClipInfo | None:
        """The entry's metadata if it is present and intact, else None.

        `verify=False` skips the checksum (reads no audio): for planning, not for playing.
        """
        pcm, meta = self._paths(key)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            if data.get("version") != ENTRY_VERSION or data.get("key") != key:
                return None
            if pcm.stat().st_size != data["samples"] * 2:
                return None
            if verify and _crc(pcm) != data["crc32"]:
                return None
            return ClipInfo(
                key, data["samples"],
                [Sentence(s["start"], s["end"], s["text"]) for s in data["sentences"]],
                np.asarray(data["powers"], dtype=np.float64), float(data["true_peak_db"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, clip: Clip) -> ClipInfo:
        """Store a clip atomically (PCM first, metadata last)."""
        pcm, meta = self._paths(key)
        data = clip.samples.astype("<i2").tobytes()
        record = {
            "version": ENTRY_VERSION, "key": key, "rate": WORKING_RATE,
            "samples": len(clip.samples), "crc32": zlib.crc32(data),
            "sentences": [{"start": s.start, "end": s.end, "text": s.text}
                          for s in clip.sentences],
            "powers": [float(p) for p in clip.powers],
            "true_peak_db": clip.true_peak_db,
        }
        try:
            write_bytes_atomic(pcm, data, durable=False)
            write_bytes_atomic(meta, json.dumps(record, ensure_ascii=False).encode("utf-8"),
                               durable=False)
        except OutputError as exc:
            raise OutputError(f"{self.folder}: cannot write the clip cache ({exc})") from None
        return ClipInfo(key, len(clip.samples), list(clip.sentences),
                        np.asarray(clip.powers), clip.true_peak_db)

    def read_chunks(self, key: str, chunk_samples: int = 1 << 18) -> Iterator[bytes]:
        """The clip's PCM bytes, in chunks (for streaming into the encoder)."""
        pcm, _ = self._paths(key)
        with open(pcm, "rb") as handle:
            while chunk := handle.read(chunk_samples * 2):
                yield chunk

def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            crc = zlib.crc32(block, crc)
    return crc
