"""`podcast voices`: the voices an engine offers, live from the service when it answers."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..script.voices import VoiceLibrary
from . import reachable


@dataclass(frozen=True)
class VoiceEntry:
    """One voice of an engine, and the profiles of ours that use it."""

    name: str
    locale: str
    gender: str
    profiles: tuple[str, ...]


def edge_voices(locale: str | None, proxy: str | None, library: VoiceLibrary
                ) -> tuple[list[VoiceEntry], str]:
    """Edge voices for `locale`: the service's live list, else the shipped catalogue."""
    from .edge import point_client_at_service, service_address

    point_client_at_service()
    host, port = service_address()
    ok, why = reachable(host, port)
    raw: list[dict[str, Any]] | None = None
    if ok:
        try:
            raw = asyncio.run(asyncio.wait_for(_live(proxy), timeout=20))
            source = "live list from the edge-tts service"
        except Exception as exc:  # the service answered the port but not the list
            why = f"{type(exc).__name__}: {exc}"
    if raw is None:
        data = json.loads((resources.files("renderer") / "data" / "edge_voices.json")
                          .read_text(encoding="utf-8"))
        raw = data["voices"]
        source = f"catalogue shipped with the project (service unreachable: {why})"
    used = _profiles_by_setting(library, "edge")
    entries = [
        VoiceEntry(v["ShortName"], v["Locale"], v.get("Gender", ""),
                   tuple(used.get(v["ShortName"], ())))
        for v in raw
        if not locale or v["Locale"].lower() == locale.lower()
        or v["Locale"].lower().startswith(locale.lower() + "-")
    ]
    return sorted(entries, key=lambda e: (e.locale, e.name)), source


async def _live(proxy: str | None) -> list[dict[str, Any]]:
    import edge_tts

    return [dict(voice) for voice in await edge_tts.list_voices(proxy=proxy)]


def offline_voices(engine: str, locale: str | None, library: VoiceLibrary
                   ) -> tuple[list[VoiceEntry], str]:
    """The voice profiles that have settings for an offline engine."""
    entries = []
    for voice_id in library.ids():
        profile = library.get(voice_id)
        if engine not in profile.engines:
            continue
        if locale and not profile.language.lower().startswith(locale.lower()):
            continue
        settings = profile.engines[engine]
        name = ", ".join(f"{k}={v}" for k, v in settings.items())
        entries.append(VoiceEntry(name, profile.language, profile.gender, (voice_id,)))
    return entries, f"voice profiles with {engine} settings"


def _profiles_by_setting(library: VoiceLibrary, engine: str) -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for voice_id in library.ids():
        settings = library.get(voice_id).engines.get(engine, {})
        if "voice" in settings:
            used.setdefault(settings["voice"], []).append(voice_id)
    return used
