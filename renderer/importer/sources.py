"""Where an article comes from: a file on disk or a page on the web."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from .decode import read_bytes
from .document import Document
from .fetch import fetch, is_url

__all__ = ["default_stem", "is_url", "load_document", "source_name"]
from .readers import read_document


def load_document(source: str | Path) -> Document:
    """Read an article file, or fetch a web page, into a Document."""
    text = str(source)
    if is_url(text):
        page = fetch(text)
        suffix = PurePosixPath(urlparse(page.url).path).suffix
        return read_document(page.data, text, suffix, page.content_type, page.charset)
    path = Path(source)
    return read_document(read_bytes(path), str(path), path.suffix)


def source_name(source: str | Path) -> str:
    """A short name for the script's `source` field: the file name, or the URL."""
    text = str(source)
    return text if is_url(text) else Path(text).name


def default_stem(source: str | Path) -> str:
    """A file stem for a script imported from `source` (a URL's last path segment, or host)."""
    text = str(source)
    if not is_url(text):
        return Path(text).stem
    parsed = urlparse(text)
    segments = [s for s in parsed.path.split("/") if s]
    stem = PurePosixPath(segments[-1]).stem if segments else parsed.hostname or "article"
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-")
    return cleaned[:80] or "article"
