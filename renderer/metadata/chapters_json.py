"""Podcasting 2.0 chapters file (JSON Chapters Format 1.2.0)."""

from __future__ import annotations

import json


def chapters_document(chapters: list[tuple[str, float, float]], title: str) -> str:
    """The JSON text for chapters given as (title, start seconds, end seconds)."""
    document = {
        "version": "1.2.0",
        "title": title,
        "chapters": [
            {"startTime": round(start, 3), "endTime": round(end, 3), "title": name}
            for name, start, end in chapters
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
