"""Render a script: synthesize what the cache lacks, master, encode, tag, write sidecars.

The MP3 is joined from segments (encode/layout.py) of which only those whose content changed
are encoded; every time the render reports — chapters, transcripts, the render record — is
a time in that MP3. Nothing is written in place: the episode and its sidecars are written to
temporary files and renamed over the old ones, so an interrupted render leaves the previous
episode intact.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import commit, ensure_writable_folder, remove_stale_temps, write_text_atomic
from ..checkpoints import checkpoint
from ..clips.cache import ClipInfo
from ..clips.timeline import Timeline, build_timeline
from ..encode.layout import plan_layout
from ..encode.mp3file import segment_encoder, write_mp3
from ..encode.segments import SegmentEncoder
from ..encode.whole import FORMATS, Target, encode
from ..engines.base import Engine
from ..errors import NotFoundError
from ..metadata import ffmetadata, transcript
from ..metadata.chapters_json import chapters_document
from ..metadata.tags import episode_tags, tag_file
from ..metadata.transcript import TurnTiming
from ..progress import Reporter
from . import record as records
from .early import EarlyEncoding
from .level import choose_level
from .mastering import GAIN_TOLERANCE_DB, Mastering
from .paths import episode_path, note_last_render, record_path, sidecar
from .plan import RenderOptions, RenderPlan, ensure_clips, plan_render, read_cover, turn_audio
from .record import ChapterRecord, RenderRecord, SegmentRecord, TurnRecord

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
    segments: list[SegmentRecord] = field(default_factory=list)  # the MP3's
    segments_encoded: int = 0  # of them encoded by this render (the rest reused)
    level_note: str | None = None  # why every segment was encoded again, if it was
    segments_early: int = 0  # of them handed to the encoder while clips were still made
    segments_discarded: int = 0  # encoded early at a level the episode did not keep


def render(script_path: Path, options: RenderOptions, reporter: Reporter,
           engine: Engine | None = None) -> RenderResult:
    """Render a script into an episode with chapters and sidecars (with `engine`, if given,
    rather than the one the options name)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    plan = plan_render(script_path, options, reporter, engine)
    script = plan.script
    targets = _targets(episode_path(script_path, options.output), options.formats)
    episode = next(iter(targets.values()))
    ensure_writable_folder(episode.parent)
    remove_stale_temps(episode.parent)
    cover = read_cover(plan)
    last = records.load(record_path(episode))
    previous = last.mastering_for(script.audio) if last else None
    timings["prepare"] = time.perf_counter() - started
    with segment_encoder(plan.cache, reporter) as encoder:
        pipelined = (options.early_encoding if options.early_encoding is not None
                     else not plan.engine.fills_cores)
        early = EarlyEncoding(plan, encoder, previous) if (
            "mp3" in targets and pipelined) else None
        infos, synthesized = ensure_clips(plan, plan.plans, options, reporter, timings,
                                          on_ready=early.clips_ready if early else None)
        return _finish(plan, reporter, timings, targets, cover, infos, synthesized, previous,
                       encoder, early)


def _finish(plan: RenderPlan, reporter: Reporter, timings: dict[str, float],
            targets: dict[str, Path], cover: tuple[bytes, str] | None,
            infos: dict[str, ClipInfo], synthesized: int, previous: Mastering | None,
            encoder: SegmentEncoder, early: EarlyEncoding | None) -> RenderResult:
    """Every clip is made: master, encode what is left, tag, write the sidecars."""
    script = plan.script
    episode = next(iter(targets.values()))
    started = time.perf_counter()
    layout = plan_layout(build_timeline(turn_audio(plan.plans, infos),
                                        [c.title for c in script.chapters], script.pauses))
    timeline = layout.timeline  # from here on every time is a time in the MP3
    mastering = choose_level(timeline, turn_audio(plan.plans, infos),
                             [c.title for c in script.chapters], script.pauses, infos,
                             script.audio, plan.cache, previous,
                             early.opening if early is not None else None)
    level_note = _level_note(previous, mastering)
    if level_note:
        reporter.note(level_note)
    chapters = [(span.title, timeline.seconds(span.start), timeline.seconds(span.end))
                for span in timeline.spans]
    tags = episode_tags(script, cover, round(timeline.seconds(timeline.total) * 1000),
                        [(title, round(start * 1000), round(end * 1000))
                         for title, start, end in chapters])
    mp4_targets = [Target(path, fmt, ffmetadata.document(tags.as_ffmetadata(), tags.chapters))
                   for fmt, path in targets.items() if fmt != "mp3"]
    settings = mastering.encoder_settings(script.audio.bitrate_kbps)
    timings["mastering"] = time.perf_counter() - started
    started = time.perf_counter()
    temps: dict[Path, Path] = {}
    encoded, segments = 0, []
    try:
        if "mp3" in targets:
            written = write_mp3(targets["mp3"], layout.segments, settings, plan.cache, tags,
                                reporter, ends_episode=True, encoder=encoder)
            temps[targets["mp3"]] = written.tmp
            encoded = written.encoded
            segments = [SegmentRecord(key=key, start=timeline.seconds(segment.start),
                                      frames=segment.frames)
                        for key, segment in zip(written.keys, layout.segments, strict=True)]
        if mp4_targets:
            temps.update(encode(timeline, plan.cache, settings, mp4_targets, reporter))
        timings["encode"] = time.perf_counter() - started
        started = time.perf_counter()
        checkpoint("tagging")
        for target in mp4_targets:
            tag_file(temps[target.path], target.format, tags)
        files = _write_sidecars(plan, episode, timeline, chapters, infos)
        for path, tmp in temps.items():
            commit(tmp, path)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    files = {**targets, **files}
    result = RenderResult(
        episode=episode, duration=timeline.seconds(timeline.total), chapters=chapters,
        turns=len(plan.plans), synthesized=synthesized,
        cached=len(plan.plans) - synthesized, engine=plan.engine.name,
        engine_note=plan.engine_note, mastering=mastering, files=files, timings=timings,
        retries=plan.engine.retries(), segments=segments, segments_encoded=encoded,
        level_note=level_note,
        segments_early=len(early.early_keys) if early else 0,
        segments_discarded=len((early.early_keys if early else set()) & encoder.encoded_keys
                               - {s.key for s in segments}),
    )
    _write_record(plan, result, timeline)
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


def _write_sidecars(plan: RenderPlan, episode: Path, timeline: Timeline,
                    chapters: list[tuple[str, float, float]],
                    infos: dict[str, ClipInfo]) -> dict[str, Path]:
    script = plan.script
    placements = {p.turn_id: p for p in timeline.placements}
    turns = []
    for turn_plan, (_, turn) in zip(plan.plans, script.turns(), strict=True):
        placement = placements[turn_plan.turn_id]
        turns.append(TurnTiming(script.speakers[turn.speaker].name, turn.text,
                                turn_plan.chapter, timeline.seconds(placement.start),
                                timeline.seconds(placement.end),
                                infos[turn_plan.key].sentences))
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


def _write_record(plan: RenderPlan, result: RenderResult, timeline: Timeline) -> None:
    placements = {p.turn_id: p for p in timeline.placements}
    record = RenderRecord(
        script=str(Path(plan.path).resolve()),
        title=plan.script.title,
        rendered_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        engine=result.engine,
        retries=result.retries,
        duration=result.duration,
        files={name: str(path) for name, path in result.files.items()},
        mastering=result.mastering,
        audio=plan.script.audio,
        segments=result.segments,
        chapters=[ChapterRecord(title=t, start=s, end=e) for t, s, e in result.chapters],
        turns=[
            TurnRecord(id=p.turn_id, speaker=p.speaker, key=p.key,
                       samples=placements[p.turn_id].samples,
                       start=timeline.seconds(placements[p.turn_id].start),
                       end=timeline.seconds(placements[p.turn_id].end))
            for p in plan.plans
        ],
    )
    path = record_path(result.episode)
    record.write(path)
    note_last_render(plan.path, path)
