"""Render a script: synthesize what the cache lacks, master, encode, tag, write sidecars.

The MP3 is joined from segments (layout.py) of which only those whose content changed are
encoded; every time the render reports — chapters, transcripts, render.json — is a time in
that MP3. Nothing is written in place: the episode and its sidecars are written to temporary
files and renamed over the old ones, so an interrupted render leaves the previous episode
intact.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..atomic import commit, ensure_writable_folder, remove_stale_temps, write_text_atomic
from ..checkpoints import checkpoint
from ..clips.cache import ClipInfo
from ..clips.timeline import Timeline, build_timeline
from ..encode.layout import plan_layout
from ..encode.mp3file import write_mp3
from ..encode.segments import EncoderSettings
from ..engines.base import Engine
from ..errors import NotFoundError
from ..metadata import ffmetadata, transcript
from ..metadata.chapters_json import chapters_document
from ..metadata.tags import Tags, tag_file
from ..metadata.transcript import TurnTiming
from ..progress import Reporter
from .mastering import (
    FORMATS,
    GAIN_TOLERANCE_DB,
    LAME_QUALITY,
    Mastering,
    Target,
    encode,
    plan_mastering,
    recorded_mastering,
)
from .plan import (
    Prepared,
    RenderOptions,
    ensure_clips,
    episode_path,
    last_render_pointer,
    manifest_path,
    prepare,
    read_cover,
    read_record,
    sidecar,
    turn_audio,
)

__all__ = ["RenderOptions", "RenderResult", "render"]


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
    retries: dict[str, int] = field(default_factory=dict)  # requests made again, by reason
    segments: list[dict] = field(default_factory=list)  # the MP3's: key, start, frames
    segments_encoded: int = 0  # of them encoded by this render (the rest reused)
    level_note: str | None = None  # why every segment was encoded again, if it was


def render(script_path: Path, options: RenderOptions, reporter: Reporter,
           engine: Engine | None = None) -> RenderResult:
    """Render a script into an episode with chapters and sidecars (with `engine`, if given,
    rather than the one the options name)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    prepared = prepare(script_path, options, reporter, engine)
    script = prepared.script
    targets = _targets(episode_path(script_path, options.output), options.formats)
    episode = next(iter(targets.values()))
    ensure_writable_folder(episode.parent)
    remove_stale_temps(episode.parent)
    cover = read_cover(prepared)
    timings["prepare"] = time.perf_counter() - started
    infos, synthesized = ensure_clips(prepared, prepared.plans, options, reporter, timings)
    started = time.perf_counter()
    layout = plan_layout(build_timeline(turn_audio(prepared.plans, infos),
                                        [c.title for c in script.chapters], script.pauses))
    timeline = layout.timeline  # from here on every time is a time in the MP3
    previous = recorded_mastering(read_record(manifest_path(episode)), script.audio)
    mastering = plan_mastering(timeline, infos, script.audio, prepared.cache, previous)
    level_note = _level_note(previous, mastering)
    if level_note:
        reporter.note(level_note)
    chapters = [(span.title, timeline.seconds(span.start), timeline.seconds(span.end))
                for span in timeline.spans]
    tags = _episode_tags(prepared, timeline, chapters, cover)
    mp4_targets = [Target(path, fmt, ffmetadata.document(tags.as_ffmetadata(), tags.chapters))
                   for fmt, path in targets.items() if fmt != "mp3"]
    timings["mastering"] = time.perf_counter() - started
    started = time.perf_counter()
    temps: dict[Path, Path] = {}
    encoded, segments = 0, []
    try:
        if "mp3" in targets:
            settings = EncoderSettings(script.audio.bitrate_kbps, LAME_QUALITY,
                                       mastering.filters())
            written = write_mp3(targets["mp3"], layout.segments, settings, prepared.cache,
                                tags, reporter, ends_episode=True)
            temps[targets["mp3"]] = written.tmp
            encoded = written.encoded
            segments = [{"key": key, "start": timeline.seconds(segment.start),
                         "frames": segment.frames}
                        for key, segment in zip(written.keys, layout.segments, strict=True)]
        if mp4_targets:
            temps.update(encode(timeline, prepared.cache, mastering,
                                script.audio.bitrate_kbps, mp4_targets, reporter))
        timings["encode"] = time.perf_counter() - started
        started = time.perf_counter()
        checkpoint("tagging")
        for target in mp4_targets:
            tag_file(temps[target.path], target.format, tags)
        files = _write_sidecars(prepared, episode, timeline, chapters, infos)
        for path, tmp in temps.items():
            commit(tmp, path)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    files = {**targets, **files}
    result = RenderResult(
        episode=episode, duration=timeline.seconds(timeline.total), chapters=chapters,
        turns=len(prepared.plans), synthesized=synthesized,
        cached=len(prepared.plans) - synthesized, engine=prepared.engine.name,
        engine_note=prepared.engine_note, mastering=mastering, files=files, timings=timings,
        retries=prepared.engine.retries(), segments=segments, segments_encoded=encoded,
        level_note=level_note,
    )
    _write_manifest(prepared, result, timeline)
    timings["files"] = time.perf_counter() - started
    return result


def _level_note(previous: Mastering | None, mastering: Mastering) -> str | None:
    if previous is None or mastering.kept:
        return None
    return (f"the loudness gain moved {mastering.gain_db - previous.gain_db:+.2f} dB from the "
            f"last render's (more than {GAIN_TOLERANCE_DB} dB): its MP3 segments cannot be "
            "reused")


def _targets(episode: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Each format's file: the episode path with that format's suffix."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise NotFoundError(f"unknown format {', '.join(unknown) or '(none)'} "
                            f"(formats: {', '.join(FORMATS)})")
    return {fmt: episode.with_suffix(f".{fmt}") for fmt in dict.fromkeys(formats)}


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
    for number, (path, text) in enumerate(files.values()):
        write_text_atomic(path, text)
        if number == 0:
            checkpoint("sidecars")
    return {name: path for name, (path, _) in files.items()}


def _write_manifest(prepared: Prepared, result: RenderResult, timeline: Timeline) -> None:
    placements = {p.turn_id: p for p in timeline.placements}
    record = {
        "script": str(Path(prepared.path).resolve()),
        "title": prepared.script.title,
        "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "engine": result.engine,
        "retries": result.retries,
        "duration": result.duration,
        "files": {name: str(path) for name, path in result.files.items()},
        "mastering": asdict(result.mastering),
        "segments": result.segments,
        "audio": prepared.script.audio.model_dump(),
        "chapters": [{"title": t, "start": s, "end": e} for t, s, e in result.chapters],
        "turns": [
            {"id": plan.turn_id, "speaker": plan.speaker, "key": plan.key,
             "samples": placements[plan.turn_id].samples,
             "start": timeline.seconds(placements[plan.turn_id].start),
             "end": timeline.seconds(placements[plan.turn_id].end)}
            for plan in prepared.plans
        ],
    }
    record_path = manifest_path(result.episode)
    write_text_atomic(record_path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    # preview and feed find this render from the script, wherever -o put it
    pointer = last_render_pointer(prepared.path)
    if pointer.parent.resolve() != record_path.parent.resolve() or pointer.exists():
        pointer.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(pointer, json.dumps({"record": str(record_path.resolve())}) + "\n")
