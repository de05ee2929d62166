"""Render a script: plan every turn's clip, synthesize what the cache lacks, master, tag, write.

Nothing is written in place: the episode and its sidecars are written to temporary files and
renamed over the old ones, so an interrupted render leaves the previous episode intact.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import script as script_io
from .atomic import commit, ensure_writable_folder, remove_stale_temps, write_text_atomic
from .cache import ClipCache, ClipInfo, clip_key, default_cache_dir
from .engines import EngineOptions, resolve
from .engines.base import Engine
from .errors import NotFoundError, ScriptError, VoiceError
from .exports import ffmetadata, transcript
from .exports.chapters_json import chapters_document
from .exports.tags import Tags, tag_file
from .exports.transcript import TurnTiming
from .master import FORMATS, Mastering, Target, encode, plan_mastering
from .progress import Reporter
from .script import Script
from .synthesis import Job, synthesize_missing
from .text import apply_lexicon
from .timeline import Timeline, TurnAudio, build_timeline
from .voices import VoiceLibrary

OUTPUT_ROOT = Path("output")


@dataclass
class RenderOptions:
    """How to render: engine, parallelism, where the cache and the output go."""

    engine: str = "auto"
    jobs: int | None = None
    cache_dir: Path | None = None
    output: Path | None = None
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    voices_dir: Path | None = None
    formats: tuple[str, ...] = ("mp3",)


@dataclass(frozen=True)
class TurnPlan:
    """A turn's clip: what is said, with which settings, under which cache key."""

    turn_id: str
    chapter: int
    speaker: str
    text: str
    settings: dict
    key: str


@dataclass
class Prepared:
    """A loaded script with its engine, turn plans and cache, ready to synthesize."""

    path: Path
    script: Script
    engine: Engine
    engine_note: str | None
    plans: list[TurnPlan]
    cache: ClipCache


@dataclass
class RenderResult:
    """What a render did and wrote."""

    episode: Path
    duration: float
    chapters: list[tuple[str, float, float]]
    turns: int
    synthesized: int
    cached: int
    engine: str
    engine_note: str | None
    mastering: Mastering
    files: dict[str, Path]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase


def episode_path(script_path: Path, output: Path | None) -> Path:
    """Where the episode of a script goes: `-o FILE`, else `output/NAME/NAME.mp3`."""
    if output:
        return Path(output)
    name = Path(script_path).stem
    return OUTPUT_ROOT / name / f"{name}.mp3"


def prepare(script_path: Path, options: RenderOptions, reporter: Reporter) -> Prepared:
    """Load the script, choose the engine, and compute every turn's clip key."""
    voices = VoiceLibrary.load(options.voices_dir)
    script = script_io.load(script_path, voices)
    engine, note = resolve(options.engine, options.engine_options)
    if note:
        reporter.note(note)
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
        spoken = apply_lexicon(turn.text, script.lexicon)
        settings = speaker_settings[turn.speaker]
        plans.append(TurnPlan(turn.id, chapter, turn.speaker, spoken, settings,
                              clip_key(engine.name, version, settings, spoken)))
    cache = ClipCache(options.cache_dir or default_cache_dir())
    return Prepared(Path(script_path), script, engine, note, plans, cache)


def ensure_clips(
    prepared: Prepared, plans: list[TurnPlan], options: RenderOptions, reporter: Reporter,
    timings: dict[str, float] | None = None,
) -> tuple[dict[str, ClipInfo], int]:
    """Clip info for `plans`, synthesizing those the cache lacks; returns (infos, synthesized)."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    infos: dict[str, ClipInfo] = {}
    jobs: dict[str, Job] = {}
    reporter.start("checking cache", len(plans))
    for plan in plans:
        if plan.key not in infos and plan.key not in jobs:
            info = prepared.cache.info(plan.key)
            if info is not None:
                infos[plan.key] = info
            else:
                jobs[plan.key] = Job(plan.key, plan.text, plan.settings, ())
        if plan.key in jobs:
            job = jobs[plan.key]
            jobs[plan.key] = Job(job.key, job.text, job.settings, (*job.turn_ids, plan.turn_id))
        reporter.advance()
    timings["cache check"] = time.perf_counter() - started
    started = time.perf_counter()
    workers = options.jobs or prepared.engine.default_jobs
    infos.update(synthesize_missing(list(jobs.values()), prepared.engine,
                                    options.engine_options, prepared.cache, workers, reporter))
    timings["synthesis"] = time.perf_counter() - started
    synthesized = sum(len(job.turn_ids) for job in jobs.values())
    return infos, synthesized


def turn_audio(plans: list[TurnPlan], infos: dict[str, ClipInfo]) -> list[TurnAudio]:
    """The timeline's view of planned turns."""
    return [TurnAudio(p.turn_id, p.chapter, p.speaker, p.key, infos[p.key].samples)
            for p in plans]


def render(script_path: Path, options: RenderOptions, reporter: Reporter) -> RenderResult:
    """Render a script into an episode with chapters and sidecars."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    prepared = prepare(script_path, options, reporter)
    script = prepared.script
    targets = _targets(episode_path(script_path, options.output), options.formats)
    episode = next(iter(targets.values()))
    ensure_writable_folder(episode.parent)
    remove_stale_temps(episode.parent)
    cover = read_cover(prepared)
    timings["prepare"] = time.perf_counter() - started
    infos, synthesized = ensure_clips(prepared, prepared.plans, options, reporter, timings)
    started = time.perf_counter()
    timeline = build_timeline(turn_audio(prepared.plans, infos),
                              [c.title for c in script.chapters], script.pauses)
    mastering = plan_mastering(timeline, infos, script.audio, prepared.cache)
    chapters = [(span.title, timeline.seconds(span.start), timeline.seconds(span.end))
                for span in timeline.spans]
    tags = _episode_tags(prepared, timeline, chapters, cover)
    encode_targets = [
        Target(path, fmt, None if fmt == "mp3" else
               ffmetadata.document(tags.as_ffmetadata(), tags.chapters))
        for fmt, path in targets.items()
    ]
    timings["mastering"] = time.perf_counter() - started
    started = time.perf_counter()
    temps = encode(timeline, prepared.cache, mastering, script.audio.bitrate_kbps,
                   encode_targets, reporter)
    timings["encode"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        for target in encode_targets:
            tag_file(temps[target.path], target.format, tags)
        files = _write_sidecars(prepared, episode, timeline, chapters, infos)
        for target in encode_targets:
            commit(temps[target.path], target.path)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    files = {**{fmt: path for fmt, path in targets.items()}, **files}
    result = RenderResult(
        episode=episode, duration=timeline.seconds(timeline.total), chapters=chapters,
        turns=len(prepared.plans), synthesized=synthesized,
        cached=len(prepared.plans) - synthesized, engine=prepared.engine.name,
        engine_note=prepared.engine_note, mastering=mastering, files=files, timings=timings,
    )
    _write_manifest(prepared, result, timeline)
    timings["files"] = time.perf_counter() - started
    return result


def _targets(episode: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Each format's file: the episode path with that format's suffix."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise NotFoundError(f"unknown format {', '.join(unknown) or '(none)'} "
                            f"(formats: {', '.join(FORMATS)})")
    return {fmt: episode.with_suffix(f".{fmt}") for fmt in dict.fromkeys(formats)}


def read_cover(prepared: Prepared) -> tuple[bytes, str] | None:
    """The script's cover image (path relative to the script) and its MIME type."""
    if not prepared.script.cover:
        return None
    path = (prepared.path.parent / prepared.script.cover).resolve()
    mime = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}.get(
        path.suffix.lower())
    if mime is None:
        raise ScriptError(f"{prepared.path}: cover {prepared.script.cover!r}: "
                          "use a .jpg or .png image")
    try:
        return path.read_bytes(), mime
    except OSError as exc:
        raise ScriptError(f"{prepared.path}: cover {prepared.script.cover!r}: "
                          f"{exc.strerror or exc}") from None


def _episode_tags(prepared: Prepared, timeline: Timeline,
                  chapters: list[tuple[str, float, float]],
                  cover: tuple[bytes, str] | None) -> Tags:
    script = prepared.script
    return Tags(
        title=script.title,
        artists=[s.name for s in script.speakers.values() if s.role != "narrator"],
        album=script.show or script.title,
        duration_ms=round(timeline.seconds(timeline.total) * 1000),
        date=script.date.isoformat() if script.date else None,
        comment=script.description,
        cover=cover,
        chapters=[(title, round(start * 1000), round(end * 1000))
                  for title, start, end in chapters],
    )


def sidecar(episode: Path, suffix: str) -> Path:
    """A file beside the episode: NAME.mp3 → NAME<suffix>."""
    return episode.with_name(episode.stem + suffix)


def _write_sidecars(prepared: Prepared, episode: Path, timeline: Timeline,
                    chapters: list[tuple[str, float, float]],
                    infos: dict[str, ClipInfo]) -> dict[str, Path]:
    script = prepared.script
    placements = {p.turn_id: p for p in timeline.placements}
    turns = []
    for plan, (_, turn) in zip(prepared.plans, script.turns(), strict=True):
        placement = placements[plan.turn_id]
        turns.append(TurnTiming(script.speakers[turn.speaker].name, turn.text, plan.chapter,
                                timeline.seconds(placement.start),
                                timeline.seconds(placement.end), infos[plan.key].sentences))
    cues = transcript.build_cues(turns)
    titles = [c.title for c in script.chapters]
    files = {
        "chapters": (sidecar(episode, ".chapters.json"),
                     chapters_document(chapters, script.title)),
        "vtt": (sidecar(episode, ".vtt"), transcript.to_vtt(cues, titles)),
        "srt": (sidecar(episode, ".srt"), transcript.to_srt(cues)),
        "transcript": (sidecar(episode, ".transcript.json"), transcript.to_json(cues)),
    }
    for path, text in files.values():
        write_text_atomic(path, text)
    return {name: path for name, (path, _) in files.items()}


def manifest_path(episode: Path) -> Path:
    """Where a render records what it wrote."""
    return sidecar(episode, ".render.json")


def _write_manifest(prepared: Prepared, result: RenderResult, timeline: Timeline) -> None:
    placements = {p.turn_id: p for p in timeline.placements}
    record = {
        "script": str(prepared.path),
        "title": prepared.script.title,
        "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "engine": result.engine,
        "duration": result.duration,
        "files": {name: str(path) for name, path in result.files.items()},
        "mastering": asdict(result.mastering),
        "audio": prepared.script.audio.model_dump(),
        "chapters": [{"title": t, "start": s, "end": e} for t, s, e in result.chapters],
        "turns": [
            {"id": plan.turn_id, "speaker": plan.speaker, "key": plan.key,
             "start": timeline.seconds(placements[plan.turn_id].start),
             "end": timeline.seconds(placements[plan.turn_id].end)}
            for plan in prepared.plans
        ],
    }
    write_text_atomic(manifest_path(result.episode),
                      json.dumps(record, ensure_ascii=False, indent=2) + "\n")
