"""Voice profiles: one YAML file per voice in `voices/`, mapping it onto each engine."""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import VoiceError
from . import yamlio

Role = Literal["host", "guest", "narrator"]
Gender = Literal["male", "female"]


def default_voices_dir() -> Path:
    """`$PODCAST_VOICES_DIR`, else the profiles the package ships (the project's `voices/`
    folder, installed as `renderer.voice_profiles`)."""
    override = os.environ.get("PODCAST_VOICES_DIR")
    if override:
        return Path(override)
    return Path(str(resources.files("renderer.voice_profiles")))


class VoiceProfile(BaseModel):
    """A voice: its language and character, and its settings for every engine."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str
    language: str
    gender: Gender
    description: str = ""
    roles: list[Role] = Field(default_factory=list)
    order: int = 100
    engines: dict[str, dict[str, Any]] = Field(min_length=1)

    def settings(self, engine: str) -> dict[str, Any]:
        """This voice's settings for one engine."""
        try:
            return self.engines[engine]
        except KeyError:
            raise VoiceError(
                f"voice {self.id!r} has no settings for engine {engine!r}"
                f" (it has: {', '.join(self.engines)})"
            ) from None


class VoiceLibrary:
    """All voice profiles of a folder."""

    def __init__(self, profiles: Iterable[VoiceProfile]) -> None:
        self._profiles = {profile.id: profile for profile in profiles}

    @classmethod
    def load(cls, folder: Path | None = None) -> VoiceLibrary:
        """Read every `*.yaml` profile in `folder`."""
        folder = Path(folder) if folder else default_voices_dir()
        if not folder.is_dir():
            raise VoiceError(f"{folder}: voice profile folder not found")
        return cls(_load_profile(path) for path in sorted(folder.glob("*.yaml")))

    def __contains__(self, voice_id: object) -> bool:
        return voice_id in self._profiles

    def __len__(self) -> int:
        return len(self._profiles)

    def ids(self) -> list[str]:
        """Profile ids, sorted."""
        return sorted(self._profiles)

    def get(self, voice_id: str) -> VoiceProfile:
        """The profile with this id."""
        try:
            return self._profiles[voice_id]
        except KeyError:
            raise VoiceError(
                f"unknown voice {voice_id!r} (profiles: {', '.join(self.ids())})"
            ) from None

    def for_language(self, language: str) -> list[VoiceProfile]:
        """Profiles for a language (exact locale first, then same base language), by order."""
        base = language.split("-")[0].lower()
        exact = [p for p in self._profiles.values() if p.language.lower() == language.lower()]
        related = [
            p for p in self._profiles.values()
            if p not in exact and p.language.split("-")[0].lower() == base
        ]
        key = lambda p: (p.order, p.id)  # noqa: E731
        return sorted(exact, key=key) + sorted(related, key=key)

    def assign(
        self, speakers: list[tuple[str, Role | None]], language: str,
        fixed: dict[str, str] | None = None, genders: dict[str, Gender] | None = None,
    ) -> tuple[dict[str, str], list[str]]:
        """Give each speaker a distinct voice for `language`, preferring one of the speaker's
        gender where it is known (`genders`), then one made for its role.

        Returns the assignment and warnings (a voice reused because the language ran out).
        """
        fixed = dict(fixed or {})
        for voice_id in fixed.values():
            self.get(voice_id)
        candidates = self.for_language(language)
        if not candidates:
            raise VoiceError(f"no voice profile for language {language!r}"
                             f" (profiles: {', '.join(self.ids())})")
        used = set(fixed.values())
        chosen: dict[str, str] = {}
        warnings: list[str] = []
        for speaker, role in speakers:
            if speaker in fixed:
                chosen[speaker] = fixed[speaker]
                continue
            free = [p for p in candidates if p.id not in used]
            pool = free or candidates
            gender = (genders or {}).get(speaker)
            # a distinct voice matters more than its gender: reuse one only when none is left
            pool = [p for p in pool if p.gender == gender] or pool
            if not free:
                warnings.append(f"not enough {language} voices: {speaker} shares a voice")
            by_role = [p for p in pool if role and role in p.roles]
            # Narrators get narrator voices; people get voices not made for narration.
            people = [p for p in pool if "narrator" not in p.roles]
            pick = (by_role or (people if role != "narrator" else []) or pool)[0]
            chosen[speaker] = pick.id
            used.add(pick.id)
        return chosen, warnings


def _load_profile(path: Path) -> VoiceProfile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VoiceError(f"{path}: cannot read voice profile: {exc}") from None
    data, lines = yamlio.parse(text, str(path), VoiceError)
    if not isinstance(data, dict):
        raise VoiceError(f"{path}:1: a voice profile is a mapping")
    data.setdefault("id", path.stem)
    try:
        profile = VoiceProfile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        raise VoiceError(
            f"{path}:{lines.line_for(loc) or 1}: {'.'.join(map(str, loc))}: {error['msg']}"
        ) from None
    if profile.id != path.stem:
        raise VoiceError(f"{path}: id {profile.id!r} differs from the file name")
    return profile
