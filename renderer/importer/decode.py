"""Bytes of a scraped article → normalized text (UTF-8, GB18030/GBK, UTF-16 with BOM)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import ArticleError

MAX_ARTICLE_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def read_article(path: Path) -> str:
    """Read an article file and return its text with normalized whitespace."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: {size / 2**20:.0f} MiB is too large for an article "
                               f"(limit {MAX_ARTICLE_BYTES // 2**20} MiB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder, not an article") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return normalize_whitespace(decode_bytes(data, str(path)))


def decode_bytes(data: bytes, source: str) -> str:
    """Decode article bytes, refusing empty and binary input."""
    if not data.strip():
        raise ArticleError(f"{source}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ArticleError(f"{source}: starts with a {encoding} byte-order mark "
                                   "but is not valid text") from None
    if b"\x00" in data:
        raise ArticleError(f"{source}: looks like a binary file, not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise ArticleError(f"{source}: not text in UTF-8, GB18030/GBK or UTF-16 (binary file?)")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls <= max(2, len(text) // 1000)


def normalize_whitespace(text: str) -> str:
    """Unify line ends, drop invisible characters, collapse runs of spaces, trim lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = "".join(
        " " if unicodedata.category(ch) == "Cc" and ch != "\n" else ch for ch in text
    )
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
