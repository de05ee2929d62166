"""Planning a render: load the script, pick the engine, key every turn's clip, fill the cache.

Shared by `render`, `export` and the studio.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..clips.cache import ClipCache, ClipInfo, clip_key, default_cache_dir
from ..clips.synthesis import SynthesisJob, synthesize_missing
from ..clips.timeline import TurnAudio
from ..engines import EngineOptions, resolve
from ..engines.base import Engine
from ..errors import ScriptError, VoiceError
from ..progress import Reporter
from ..reading.lexicon import spoken_form
from ..script import model as script_io
from ..script.model import Script
from ..script.voices import VoiceLibrary


@dataclass
class RenderOptions:
    """How to render: engine, parallelism, where the cache and the output go."""

    engine: str = "auto"
    jobs: int | None = None
    cache_dir: Path | None = None
    output: Path | None = None
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    formats: tuple[str, ...] = ("mp3",)
    # encode finished chapters while later clips are made; None: when the engine leaves
    # cores idle (bench/pipeline.py: with espeak both cores are busy and it is slower)
    early_encoding: bool | None = None

    def clip_folder(self) -> Path:
        """Where the clip cache is."""
        return self.cache_dir or default_cache_dir()

    def engine_setup(self) -> EngineOptions:
        """The engine's options, with its sentences kept beside the clips."""
        return replace(self.engine_options, sentence_dir=self.clip_folder() / "sentences")


@dataclass(frozen=True)
class TurnPlan:
    """A turn's clip: what is said, with which settings, under which cache key."""

    turn_id: str
    chapter: int
    speaker: str
    text: str
    settings: dict[str, Any]
    key: str


@dataclass
class RenderPlan:
    """A loaded script with its engine, turn plans and cache, ready to synthesize."""

    path: Path
    script: Script
    engine: Engine
    engine_note: str | None
    plans: list[TurnPlan]
    cache: ClipCache


def plan_render(script_path: Path, options: RenderOptions, reporter: Reporter,
                engine: Engine | None = None) -> RenderPlan:
    """Load the script, choose the engine (unless given one), and key every turn's clip."""
    voices = VoiceLibrary.load()
    script = script_io.load(script_path, voices)
    note = None
    if engine is None:
        engine, note = resolve(options.engine, options.engine_setup())
        if note:
            reporter.note(note)
    plans = plan_turns(script, Path(script_path), engine, voices)
    cache = ClipCache(options.clip_folder())
    return RenderPlan(Path(script_path), script, engine, note, plans, cache)


def plan_turns(script: Script, script_path: Path, engine: Engine,
               voices: VoiceLibrary) -> list[TurnPlan]:
    """Every turn's spoken text (lexicon applied), engine settings and clip key."""
    version = engine.version()
    speaker_settings = {}
    for speaker_id, speaker in script.speakers.items():
        profile = voices.get(speaker.voice)
        try:
            speaker_settings[speaker_id] = engine.settings(profile.settings(engine.name))
        except VoiceError as exc:
            raise VoiceError(f"{script_path}: speaker {speaker_id} ({speaker.name}), "
                             f"voice {speaker.voice}: {exc}") from None
    plans = []
    for chapter, turn in script.turns():
        spoken = spoken_form(turn.text, script.lexicon, engine.name)
        settings = speaker_settings[turn.speaker]
        plans.append(TurnPlan(turn.id, chapter, turn.speaker, spoken, settings,
                              clip_key(engine.name, version, settings, spoken)))
    return plans


def ensure_clips(
    render_plan: RenderPlan, plans: list[TurnPlan], options: RenderOptions, reporter: Reporter,
    timings: dict[str, float] | None = None, in_process: bool = False,
    on_ready: Callable[[dict[str, ClipInfo]], None] | None = None,
) -> tuple[dict[str, ClipInfo], int]:
    """Clip info for `plans`, synthesizing those the cache lacks; returns (infos, synthesized).

    `on_ready(infos)` hears of the clips found in the cache (at once), then of each clip as
    it is made, in script order as far as the engine's workers allow.
    """
    timings = {} if timings is None else timings
    started = time.perf_counter()
    infos: dict[str, ClipInfo] = {}
    by_key: dict[str, list[TurnPlan]] = {}  # turns that say the same thing share one clip
    for plan in plans:
        by_key.setdefault(plan.key, []).append(plan)
    jobs: list[SynthesisJob] = []
    reporter.start("checking cache", len(by_key))
    # every clip's checksum is verified: reading a long episode's clips takes both cores
    with ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as pool:
        for (key, same), info in zip(by_key.items(), pool.map(render_plan.cache.info, by_key),
                                     strict=True):
            if info is not None:
                infos[key] = info
            else:
                jobs.append(SynthesisJob(key, same[0].text, same[0].settings,
                                tuple(p.turn_id for p in same)))
            reporter.advance()
    timings["cache check"] = time.perf_counter() - started
    started = time.perf_counter()
    if on_ready is not None:
        on_ready(dict(infos))
    workers = options.jobs or render_plan.engine.default_jobs
    infos.update(synthesize_missing(jobs, render_plan.engine, options.engine_setup(),
                                    render_plan.cache, workers, reporter, in_process, on_ready))
    timings["synthesis"] = time.perf_counter() - started
    synthesized = sum(len(job.turn_ids) for job in jobs)
    return infos, synthesized


def turn_audio(plans: list[TurnPlan], infos: dict[str, ClipInfo]) -> list[TurnAudio]:
    """The timeline's view of planned turns."""
    return [TurnAudio(p.turn_id, p.chapter, p.speaker, p.key, infos[p.key].samples)
            for p in plans]


def read_cover(render_plan: RenderPlan) -> tuple[bytes, str] | None:
    """The script's cover image (path relative to the script) and its MIME type."""
    if not render_plan.script.cover:
        return None
    path = (render_plan.path.parent / render_plan.script.cover).resolve()
    mime = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}.get(
        path.suffix.lower())
    if mime is None:
        raise ScriptError(f"{render_plan.path}: cover {render_plan.script.cover!r}: "
                          "use a .jpg or .png image")
    try:
        return path.read_bytes(), mime
    except OSError as exc:
        raise ScriptError(f"{render_plan.path}: cover {render_plan.script.cover!r}: "
                          f"{exc.strerror or exc}") from None
