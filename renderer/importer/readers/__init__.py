"""Readers by format: bytes of an article → a Document of blocks, whatever its markup.

The format is detected from the content first (a WebVTT header, SRT cues, an HTML
document), then from the file extension or the server's content type, and last from how
much Markdown syntax plain-looking text carries.
"""

from __future__ import annotations

import re

from ..decode import decode_bytes, line_ends, normalize_text, repair_mojibake
from ..document import Document, Removal
from ..frontmatter import split_front_matter
from .html import read_html
from .markdown import read_markdown
from .plain import read_plain
from .subtitles import read_srt, read_vtt
from .transcript_json import read_transcript_json
from .word import is_word_document, read_word

_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".mdx": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt", ".json": "json",
}
_BY_MIME = {
    "text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown",
    "text/x-markdown": "markdown", "text/vtt": "vtt", "application/x-subrip": "srt",
    "text/srt": "srt", "application/json": "json",
}
# a JSON document opens with an object's key or a list of objects
_JSON_START = re.compile(r'\A(?:\{\s*"|\[\s*\{)')
_SRT_START = re.compile(r"\A\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|div|span|br|body|article|section|h[1-6]|li|table|strong|em|a)"
                       r"(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div|body|article|section|h[1-6]|li|table)(?:\s[^<>]*)?/?>",
                        re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_MARKDOWN_SIGNS = re.compile(
    r"^#{1,6}\s+\S|\*\*[^*\n]+\*\*|(?:^|\s)__[^_\n]+__|!\[[^\]\n]*\]\(|\]\((?:https?://|/|#)"
    r"|^\s*(?:[-*_]\s*){3,}$|^\s*[-*+]\s+\S.*$",
    re.MULTILINE,
)


def read_document(data: bytes, source: str, suffix: str = "",
                  content_type: str | None = None, charset: str | None = None) -> Document:
    """Decode and read an article in whatever format it is written."""
    if is_word_document(data):
        return read_word(data, source)
    if charset is None and data.lstrip()[:1] == b"<":
        match = _META_CHARSET.search(data[:4096])
        charset = match.group(1).decode("ascii", "replace") if match else None
    # repaired before control characters go: Latin-1's misreading leaves C1 controls
    repaired_text, repaired = repair_mojibake(line_ends(decode_bytes(data, source, charset)))
    text = normalize_text(repaired_text)
    document = _read(text, source, suffix, content_type)
    if repaired:  # (the lines are split only for a text that needed it)
        lines = text.split("\n")
        document.removed[:0] = [
            Removal(line, "encoding", lines[line - 1], "garbled encoding repaired: UTF-8 "
                    "that was read as Windows-1252", action="changed") for line in repaired]
    return document


def _read(text: str, source: str, suffix: str, content_type: str | None) -> Document:
    kind = detect_format(text, suffix, content_type)
    if kind == "html":
        return read_html(text)
    if kind == "srt":
        return read_srt(text, source)
    if kind == "vtt":
        return read_vtt(text, source)
    if kind == "json":
        return read_transcript_json(text, source)
    meta, body, removed = split_front_matter(text)
    document = read_markdown(body) if kind == "markdown" else read_plain(body)
    if meta:
        document.meta = meta
    document.removed[:0] = removed
    return document


def detect_format(text: str, suffix: str = "", content_type: str | None = None) -> str:
    """Which reader an article needs: plain, markdown, html, srt, vtt or json."""
    head = text.lstrip()[:64]
    if head.upper().startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(text):
        return "srt"
    if _HTML_START.match(text[:4096]):
        return "html"
    mime = (content_type or "").split(";")[0].strip().lower()
    hinted = _BY_SUFFIX.get(suffix.lower()) or _BY_MIME.get(mime)
    if hinted in ("srt", "vtt", "json"):
        return hinted
    if head[:1] in "{[" and _JSON_START.match(head):
        return "json"
    signs = hinted is None and _markdown_signs(text)
    if hinted == "html" or (hinted is None and _mostly_tags(text, signs)):
        return "html" if _HTML_TAG.search(text) else "plain"
    if hinted == "markdown":
        return "markdown"
    return "markdown" if signs else "plain"


def _mostly_tags(text: str, markdown: bool) -> bool:
    """Whether text is an HTML page or fragment: tags on most lines. Markdown may hold inline
    HTML (a web clipper's `<br />`, `<strong>`), so beside Markdown's signs only the tags that
    make a page's blocks count."""
    sample = text[:20000]
    tags = (_BLOCK_TAG if markdown else _HTML_TAG).findall(sample)
    return len(tags) >= 5 and len(tags) >= sample.count("\n") * 0.3


def _markdown_signs(text: str) -> bool:
    lines = max(1, sum(1 for line in text.split("\n") if line.strip()))
    signs = len(_MARKDOWN_SIGNS.findall(text))
    return signs >= max(3, 0.05 * lines)
