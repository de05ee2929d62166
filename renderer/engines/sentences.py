"""The sentences an engine has made, kept beside the clips: an edited turn re-makes only the
sentences whose words changed, and a turn whose opening is unchanged is heard at once.

A store (`renderer.store`) of 16-bit PCM pieces, each keyed by a digest of everything that
made it (model, tokens, voice). A piece is 16-bit whether it was kept or just made, so a
clip is the same sample for sample either way.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..store import Store

ENTRY_VERSION = 1
FULL_SCALE = 32767


def sentence_key(identity: dict[str, Any]) -> str:
    """The key of a piece: a hash of everything that decides how it sounds."""
    blob = json.dumps(identity, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]


def _levels(audio: np.ndarray) -> np.ndarray:
    levels: np.ndarray = np.round(np.clip(audio, -1.0, 1.0) * FULL_SCALE).astype("<i2")
    return levels


def _floats(levels: np.ndarray) -> np.ndarray:
    return levels.astype(np.float32) / np.float32(FULL_SCALE)


class SentenceCache:
    """A folder of pieces (or none: pieces are then made every time, to the same 16 bits)."""

    def __init__(self, folder: Path | None) -> None:
        self._store = (Store(folder, ".pcm", ENTRY_VERSION, "sentence cache", _pcm_bytes)
                       if folder is not None else None)

    def get(self, key: str) -> np.ndarray | None:
        """The piece kept under `key`, if it is there and intact."""
        data = self._store.read(key) if self._store is not None else None
        return _floats(np.frombuffer(data, dtype="<i2")) if data is not None else None

    def put(self, key: str, audio: np.ndarray, store: bool = True) -> np.ndarray:
        """Keep `audio` (16-bit) under `key` (unless not to `store`); returns it as kept."""
        levels = _levels(audio)
        if self._store is not None and store:
            self._store.put(key, levels.tobytes(), {"samples": len(levels)})
        return _floats(levels)


def _pcm_bytes(description: dict[str, Any]) -> int:
    return int(description["samples"]) * 2
