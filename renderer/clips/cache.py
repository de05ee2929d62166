"""Content-addressed clip cache: same engine, version, voice settings and text → same clip.

A store (`renderer.store`) of `KEY.pcm` (int16 mono at the working rate) described by its
length, sentence timings and loudness measurements. On read the length and checksum are
verified, and a damaged entry is treated as missing (and re-synthesized).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engines.base import Sentence
from ..store import Store
from .clip import CONDITIONING_VERSION, WORKING_RATE, Clip

if TYPE_CHECKING:
    import numpy as np

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
        self._store = Store(self.folder, ".pcm", ENTRY_VERSION, "clip cache", _pcm_bytes)

    def info(self, key: str, verify: bool = True) -> ClipInfo | None:
        """The entry's metadata if it is present and intact, else None.

        `verify=False` skips the checksum (reads no audio): for planning, not for playing.
        """
        import numpy as np  # (not at the top: `podcast export` starts without numpy)

        entry = self._store.get(key, verify)
        if entry is None:
            return None
        data = entry.description
        try:
            return ClipInfo(
                key, int(data["samples"]),
                [Sentence(s["start"], s["end"], s["text"]) for s in data["sentences"]],
                np.asarray(data["powers"], dtype=np.float64), float(data["true_peak_db"]),
            )
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, clip: Clip) -> ClipInfo:
        """Store a clip atomically (PCM first, description last); returns what the cache
        holds under `key`.

        If another render stored this key meanwhile, its clip is kept and returned: an
        engine may make a few samples more or less each time (espeak does), and a render
        lays out the clips it was told of, so two renders sharing a cache must not replace
        each other's clips under their feet.
        """
        import numpy as np

        stored = self.info(key)
        if stored is not None:
            return stored
        self._store.put(key, clip.samples.astype("<i2").tobytes(), {
            "rate": WORKING_RATE, "samples": len(clip.samples),
            "sentences": [{"start": s.start, "end": s.end, "text": s.text}
                          for s in clip.sentences],
            "powers": [float(p) for p in clip.powers],
            "true_peak_db": clip.true_peak_db,
        })
        return ClipInfo(key, len(clip.samples), list(clip.sentences),
                        np.asarray(clip.powers), clip.true_peak_db)

    def discard_unfinished(self, pids: list[int]) -> int:
        """Remove what killed processes `pids` were storing (see `Store.put`)."""
        return self._store.discard_unfinished(pids)

    def read_chunks(self, key: str, chunk_samples: int = 1 << 18) -> Iterator[bytes]:
        """The clip's PCM bytes, in chunks (for streaming into the encoder)."""
        with open(self._store.data_path(key), "rb") as handle:
            while chunk := handle.read(chunk_samples * 2):
                yield chunk


def _pcm_bytes(description: dict[str, Any]) -> int:
    """A clip's PCM size, from the sample count its description records."""
    return int(description["samples"]) * 2
