"""The script file the studio edits: every edit is saved at once, touching only its own lines.

The document remembers the file's bytes as it read them; an edit is written only if the file
on disk is still those bytes, so a change made in an editor meanwhile is never overwritten.
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..atomic import write_bytes_atomic
from ..errors import ConflictError, ScriptError
from ..script import model as script_io
from ..script import yamlio
from ..script.model import Script
from ..script.splice import splice
from ..script.voices import VoiceLibrary


def _version(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


class ScriptDocument:
    """A script file, its text, its data and its validated model, kept in step with disk."""

    def __init__(self, path: Path, voices: VoiceLibrary) -> None:
        self.path = Path(path)
        self.voices = voices
        self._lock = threading.Lock()
        self.text = ""
        self.version = ""
        self.data: dict[str, Any] = {}
        self.script: Script
        self.reload()

    def reload(self) -> None:
        """Read the file as it is on disk now."""
        with self._lock:
            raw = self._read()
            self.script = script_io.load(self.path, self.voices)
            self.text = raw.decode("utf-8")
            self.data, _ = yamlio.parse(self.text, str(self.path), ScriptError)
            self.version = _version(raw)

    def _read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise ScriptError(f"{self.path}: cannot read: {exc.strerror or exc}") from None

    def edit(self, version: str, change: Callable[[dict[str, Any]], Any]) -> Any:
        """Apply `change` to a copy of the data, validate, and save; returns what it returned.

        `version` is the version the editor saw: an edit made on an older view is refused,
        as is one to a file changed on disk since it was read.
        """
        with self._lock:
            if version != self.version:
                raise ConflictError(f"{self.path}: this page shows an older version of the "
                                    "script; reload it (your edit was not saved)")
            if _version(self._read()) != self.version:
                raise ConflictError(f"{self.path} changed on disk since the studio read it; "
                                    "your edit was not saved: reload to see the file as it is")
            data = copy.deepcopy(self.data)
            outcome = change(data)
            if data == self.data:
                return outcome
            text = splice(self.text, data).text
            script = script_io.loads(text, str(self.path), self.voices)
            raw = text.encode("utf-8")
            write_bytes_atomic(self.path, raw)
            self.text, self.data, self.script = text, data, script
            self.version = _version(raw)
            return outcome
