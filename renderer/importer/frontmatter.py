"""Front matter (YAML between `---`, TOML between `+++`): read for metadata, never spoken."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import yaml

from .document import Metadata, Removal

_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_MAX_LINES = 200
_SPEAKER_KEYS = ("speakers", "speaker", "hosts", "host", "guests", "guest", "participants",
                 "interviewees", "interviewers", "panelists")
_AUTHOR_KEYS = ("authors", "author")
_DESCRIPTION_KEYS = ("description", "summary", "excerpt")


def split_front_matter(text: str) -> tuple[Metadata | None, str, list[Removal]]:
    """The metadata of a leading front-matter block and the text with that block blanked out.

    The block's lines become empty lines, so every later line keeps its number.
    """
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines[:5]) if line.strip()), None)
    if start is None or lines[start].strip() not in _FENCES:
        return None, text, []
    closers = _FENCES[lines[start].strip()]
    end = next((i for i in range(start + 1, min(len(lines), start + _MAX_LINES))
                if lines[i].strip() in closers), None)
    if end is None:
        return None, text, []
    body = "\n".join(lines[start + 1:end])
    data = _parse(body, toml=lines[start].strip() == "+++")
    if not isinstance(data, dict) or not data:
        return None, text, []
    meta = _metadata(data)
    removed = [Removal(start + 1, "front-matter", f"{len(data)} fields: "
                       + ", ".join(str(key) for key in list(data)[:8]),
                       "front matter read for the title, speakers and date", end + 1)]
    blanked = [""] * (end + 1) + lines[end + 1:]
    return meta, "\n".join(blanked), removed


def _parse(body: str, toml: bool) -> Any:
    try:
        return tomllib.loads(body) if toml else yaml.safe_load(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


_CLIPPED_FROM = ("source", "url", "link", "source_url", "original_url", "clipped_from")


def _metadata(data: dict[Any, Any]) -> Metadata:
    fields = {str(key).lower(): value for key, value in data.items()}
    speakers: list[str] = []
    for key in _SPEAKER_KEYS:
        for name in _names(fields.get(key)):
            if name not in speakers:
                speakers.append(name)
    authors = [name for key in _AUTHOR_KEYS for name in _names(fields.get(key))]
    description = next((str(fields[k]).strip() for k in _DESCRIPTION_KEYS
                        if isinstance(fields.get(k), str) and fields[k].strip()), None)
    title = fields.get("title")
    return Metadata(
        title=str(title).strip() if isinstance(title, str | int | float) and str(title).strip()
        else None,
        # a web clipper writes the page's tab title (`Headline | Site`) beside its address
        title_whole=not any(key in fields for key in _CLIPPED_FROM),
        speakers=speakers,
        date=_date(fields.get("date")),
        authors=authors,
        description=description,
    )


def _names(value: Any) -> list[str]:
    """Names from a list, a comma-separated string, or a list of {name: …} mappings."""
    if isinstance(value, str):
        items: list[Any] = re.split(r"\s*[,;，、]\s*", value)
    elif isinstance(value, list):
        items = value
    else:
        return []
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and 0 < len(item.strip()) <= 60:
            names.append(item.strip())
    return names


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
