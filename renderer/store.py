"""A content-addressed store on disk: entries kept under a digest of what made them.

An entry is two files in a fan-out folder: `KEY[:2]/KEY<suffix>` (the data) and
`KEY[:2]/KEY.json` (its description: version, key, CRC-32 and whatever the owner records).
The data is renamed into place first and the description last, so an entry exists only once
it is complete; one whose description does not match its data (size, or checksum when
verified) is missing, and is made again. The clip cache and the segment cache are stores.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import TEMP_SUFFIX, temp_file_beside
from .errors import OutputError


@dataclass(frozen=True)
class Entry:
    """An entry found intact: its data file and its description."""

    key: str
    path: Path
    description: dict[str, Any]


def _recorded_size(description: dict[str, Any]) -> int:
    return int(description["size"])


class Store:
    """A folder of entries of one kind (one data suffix, one description version)."""

    def __init__(self, folder: Path, suffix: str, version: int, what: str,
                 size_of: Callable[[dict[str, Any]], int] = _recorded_size) -> None:
        self.folder = Path(folder)
        self.suffix = suffix
        self.version = version
        self.what = what  # "clip cache", "segment cache": for error messages
        self._size_of = size_of  # the data's length in bytes, as the description gives it

    def data_path(self, key: str) -> Path:
        """Where an entry's data is (or would be)."""
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def _description_path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, verify: bool = False) -> Entry | None:
        """The entry if present and intact (`verify` also checks its CRC), else None."""
        data = self.data_path(key)
        try:
            description = json.loads(self._description_path(key).read_text(encoding="utf-8"))
            if description.get("version") != self.version or description.get("key") != key:
                return None
            if data.stat().st_size != self._size_of(description):
                return None
            if verify and _crc(data) != description["crc32"]:
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return Entry(key, data, description)

    def read(self, key: str) -> bytes | None:
        """An intact entry's data, read once (its CRC checked on what was read), else None."""
        entry = self.get(key)
        if entry is None:
            return None
        try:
            data = entry.path.read_bytes()
            intact = (len(data) == self._size_of(entry.description)
                      and zlib.crc32(data) == entry.description["crc32"])
        except (OSError, KeyError, TypeError):
            return None
        return data if intact else None

    def put(self, key: str, data: bytes, description: dict[str, Any]) -> Entry:
        """Store `data` with `description` atomically: data first, description last.

        Both are written to temporary files (named after this process) before either is
        renamed into place, so a writer killed between the two renames leaves its
        description's temporary file behind: `discard_unfinished` knows the data is not
        described and removes it.
        """
        full = {"version": self.version, "key": key, "crc32": zlib.crc32(data), **description}
        files = [(self.data_path(key), data),
                 (self._description_path(key), json.dumps(full, ensure_ascii=False).encode())]
        written: list[Path] = []
        try:
            for target, content in files:
                with temp_file_beside(target) as (handle, tmp):
                    handle.write(content)
                written.append(tmp)
            for tmp, (target, _) in zip(written, files, strict=True):
                os.replace(tmp, target)
        except (OutputError, OSError) as exc:
            for tmp in written:
                tmp.unlink(missing_ok=True)
            reason = exc.message if isinstance(exc, OutputError) else exc.strerror or exc
            raise OutputError(f"{self.folder}: cannot write the {self.what} ({reason})") from None
        return Entry(key, self.data_path(key), full)

    def discard_unfinished(self, pids: list[int]) -> int:
        """Remove what processes `pids` (killed) were writing: their temporary files, and
        data one renamed into place without its description. Returns how many files."""
        removed = 0
        for pid in pids:
            for leftover in self.folder.rglob(f".*.{pid}.*{TEMP_SUFFIX}"):
                key = leftover.name[1:].split(".", 1)[0]
                leftover.unlink(missing_ok=True)
                removed += 1
                data = self.data_path(key)
                if (leftover.name.endswith(f".json{TEMP_SUFFIX}") and data.exists()
                        and not self._description_path(key).exists()):
                    data.unlink(missing_ok=True)
                    removed += 1
        return removed


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            crc = zlib.crc32(block, crc)
    return crc
