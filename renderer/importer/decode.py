"""Bytes of an article → text (UTF-8, a declared charset, UTF-16 with or without a BOM, a
detected encoding such as Big5 or Windows-1252, else GB18030/GBK)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import ArticleError

MAX_ARTICLE_BYTES = 64 * 1024 * 1024
_SAMPLE = 1024 * 1024  # bytes the encoding detector reads

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# control characters no text file holds (a tab, line and page breaks are text's own)
_BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_C0_BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# what UTF-8 read as Windows-1252 or Latin-1 always shows: the letter a lead byte becomes
# (`Ã`, `â`, `å` …) before one a continuation byte becomes (`€`, `™`, `©`, a C1 control …)
_UTF8_MISREAD = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                           "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039"
                           "\u203a\u20ac\u2122]")
_WIDE_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_INDENT = re.compile(r"^[ \t]+")


def read_bytes(path: Path) -> bytes:
    """The bytes of an article file, refusing folders and files too large to be an article."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: {size / 2**20:.0f} MiB is too large for an article "
                               f"(limit {MAX_ARTICLE_BYTES // 2**20} MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder, not an article") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode article bytes, refusing empty and binary input.

    A byte-order mark wins (zero bytes without one: UTF-16 if it reads as text, else binary),
    then the charset the page or server declared, then UTF-8, then
    the encoding charset-normalizer finds most coherent (Big5, Windows-1252 …), then GB18030
    (a superset of GBK and GB2312, which decodes nearly any bytes).
    """
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
        text = _utf16_without_bom(data)
        if text is None:
            raise ArticleError(f"{source}: looks like a binary file, not text")
        return text
    for encoding in _candidates(declared, data):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text, encoding):
            return text
    raise ArticleError(f"{source}: not text in UTF-8, GB18030/GBK, Big5, a Windows code page "
                       "or UTF-16 (binary file?)")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: line ends, spaces and ASCII put their zero
    byte on one side (odd bytes little-endian, even big-endian), and the text read that way
    is all printable, where read the other way its line ends are unassigned characters."""
    if len(data) % 2:
        return None
    odd, even = data[1::2].count(0), data[0::2].count(0)
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    readable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    if "\n" in text and readable >= 0.98 * len(text) and _looks_like_text(text, "utf-16"):
        return text
    return None


def _candidates(declared: str | None, data: bytes) -> Iterator[str]:
    """Encodings to try in turn; the detector runs only when the declared one and UTF-8 fail."""
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = "utf-8"
        # pages that declare GB2312 or GBK use GB18030's wider repertoire in practice
        if name != "utf-8":
            yield "gb18030" if name in ("gb2312", "gbk") else name
    yield "utf-8"
    from charset_normalizer import from_bytes

    # the encoding whose text reads most coherently, judged on whole lines of the first MiB
    sample = data if len(data) <= _SAMPLE else data[:data.rfind(b"\n", 0, _SAMPLE) + 1 or _SAMPLE]
    best = from_bytes(sample).best()
    if best is not None:
        yield best.encoding
    yield "gb18030"


def _looks_like_text(text: str, encoding: str) -> bool:
    # valid UTF-8 holds C1 controls (U+0080–U+009F) only where Latin-1 once misread it
    # (`â\x80\x99` for `’`): that is text to repair, not a binary file
    binary = _C0_BINARY if codecs.lookup(encoding).name == "utf-8" else _BINARY
    controls = len(binary.findall(text))
    return controls <= max(2, len(text) // 1000)


def repair_mojibake(text: str) -> tuple[str, list[int]]:
    """Text once saved as UTF-8 and read back as Windows-1252 or Latin-1 (`Itâ€™s`, `cafÃ©`)
    read right again, line by line (ftfy, which changes no line it does not find so
    garbled), and the numbers of the lines it changed."""
    if not _UTF8_MISREAD.search(text):
        return text, []  # (ftfy's own test reads the whole text: 0.6 s on 10 MB)
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text, []
    lines = text.split("\n")
    changed = []
    for index, line in enumerate(lines):
        if is_bad(line) and (fixed := fix_encoding(line)) != line:
            lines[index] = fixed
            changed.append(index + 1)
    return "\n".join(lines), changed


def line_ends(text: str) -> str:
    """Every way of ending a line (CRLF, CR, a page or line separator) as `\\n`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def normalize_text(text: str) -> str:
    """Unify line ends, drop invisible and control characters; indentation is kept.

    Tabs of the indentation are expanded and wide spaces become plain spaces, so that a
    reader can measure indentation; runs of spaces and tabs inside a line are kept for the
    readers that need them.
    """
    text = _INVISIBLE.sub("", line_ends(text))
    text = _CONTROLS.sub(" ", text)
    text = _WIDE_SPACES.sub(" ", text)
    # only indentation is expanded: a tab inside a line separates columns (a name and its words)
    return "\n".join(_INDENT.sub(lambda m: m.group(0).expandtabs(4), line).rstrip()
                     for line in text.split("\n"))
