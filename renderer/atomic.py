"""Atomic file output: a reader sees the old file or the complete new one, never a part."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import OutputError

TEMP_SUFFIX = ".partial"


def _file_mode() -> int:
    """The mode a new file would get (0666 less the umask); mkstemp's own is 0600."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()  # read once, at import, before any thread could race on umask


def ensure_writable_folder(folder: Path) -> None:
    """Create `folder` if needed; fail with a clear error if it cannot be written."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: "
                          f"{exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: the output folder is not writable")


def temp_path_beside(path: Path) -> Path:
    """A unique temporary name in the same folder as `path` (so a rename is atomic)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.{os.getpid()}.",
                                    suffix=path.suffix + TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write here: {exc.strerror or exc}") from None
    os.close(fd)
    # published files must be readable like any other (e.g. by a web server)
    os.chmod(name, _FILE_MODE)
    return Path(name)


def commit(tmp: Path, path: Path) -> None:
    """Flush `tmp` to disk and rename it over `path`."""
    try:
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files that killed runs left in `folder`; returns how many.

    A temporary file's name carries the id of the process writing it; files of processes
    still running (a concurrent render) are left alone.
    """
    removed = 0
    if not Path(folder).is_dir():
        return 0
    for leftover in Path(folder).glob(f".*{TEMP_SUFFIX}"):
        if _writer_alive(leftover.name):
            continue
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def _writer_alive(name: str) -> bool:
    for part in name.split("."):
        if part.isdigit():
            try:
                os.kill(int(part), 0)
            except ProcessLookupError:
                return False
            except PermissionError:
                return True
            return True
    return False


@contextmanager
def temp_file_beside(path: Path, mode: str = "wb",
                     durable: bool = False) -> Iterator[tuple[Any, Path]]:
    """Open a temporary file beside `path` for writing; yields it and its name. If the
    block fails the file is removed; otherwise it stays for the caller to rename."""
    path = Path(path)
    tmp = temp_path_beside(path)
    try:
        encoding = None if "b" in mode else "utf-8"
        with open(tmp, mode, encoding=encoding) as handle:
            yield handle, tmp
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_writer(path: Path, mode: str = "w", durable: bool = True) -> Iterator[Any]:
    """Write to a temporary file beside `path`, then rename it over `path` on success.

    `durable` also flushes the data to disk first (skipped for the clip cache, whose
    entries are checked when read, so a power cut can cost a clip, never a wrong one).
    """
    with temp_file_beside(path, mode, durable) as (handle, tmp):
        yield handle
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file atomically."""
    with atomic_writer(path) as handle:
        handle.write(text)


def write_bytes_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write a binary file atomically."""
    with atomic_writer(path, "wb", durable) as handle:
        handle.write(data)
