"""Export chapters as their own MP3s: exactly the chapter's span, at the episode's level.

A chapter that begins and ends at joints between the episode's MP3 segments is those
segments' frames, copied (encoding only the segments the cache lacks); any other chapter —
its pause too short for a joint, or other chapters' clips not made yet — is encoded fresh
from its span of the timeline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from ..atomic import commit, ensure_writable_folder
from ..clips.cache import ClipInfo
from ..clips.timeline import TurnAudio, build_timeline, chapter_timeline
from ..encode.layout import Layout, SegmentPlan, plan_layout, played_samples
from ..encode.mp3file import stored_as_recorded, write_mp3
from ..encode.segment_cache import StoredSegment
from ..encode.settings import OUTPUT_RATE
from ..encode.whole import Target, encode
from ..engines.base import Engine
from ..errors import NotFoundError
from ..metadata.tags import Tags, episode_tags, tag_file
from ..progress import Reporter
from ..script.model import Script
from . import record as records
from .level import choose_level
from .mastering import Mastering, plan_mastering
from .paths import episode_path, last_render_record
from .plan import (
    RenderOptions,
    RenderPlan,
    TurnPlan,
    ensure_clips,
    plan_render,
    read_cover,
    turn_audio,
)
from .record import RenderRecord


@dataclass
class ExportedChapter:
    """One exported chapter file."""

    number: int
    title: str
    path: Path
    duration: float


@dataclass
class ExportResult:
    """The files an export wrote and how many turns it had to synthesize."""

    chapters: list[ExportedChapter]
    synthesized: int
    cached: int


@dataclass
class _Episode:
    """The episode as the last render made it (or would make it): its segments and level."""

    layout: Layout | None  # None when some chapter's clips are not made yet
    mastering: Mastering | None
    recorded: list[str] | None = None  # each segment's key, when the record has this layout

    def segment_keys(self, segments: list[SegmentPlan]) -> list[str] | None:
        """The keys the render stored `segments` under, if it recorded them."""
        return [self.recorded[s.index] for s in segments] if self.recorded else None


def _recorded_episode(plan: RenderPlan, record: RenderRecord | None) -> _Episode | None:
    """The episode as the script's last render made it, if it rendered these very clips at
    these audio settings: from its record, no clip read."""
    script = plan.script
    previous = record.mastering_for(script.audio) if record else None
    recorded = _recorded_turns(record, plan.plans)
    if record is None or previous is None or recorded is None:
        return None
    titles = [c.title for c in script.chapters]
    layout = plan_layout(build_timeline(recorded, titles, script.pauses))
    same = [s.frames for s in record.segments] == [s.frames for s in layout.segments]
    return _Episode(layout, previous, [s.key for s in record.segments] if same else None)


def _episode(plan: RenderPlan, record: RenderRecord | None,
             recorded: _Episode | None) -> _Episode:
    """The episode's segments and gain as a render would make them now: as the last render
    recorded them (`recorded`), else from the cached clips, by the rule a render chooses its
    level with (level.py)."""
    if recorded is not None:
        return recorded
    script = plan.script
    previous = record.mastering_for(script.audio) if record else None
    titles = [c.title for c in script.chapters]
    found = {p.key: plan.cache.info(p.key, verify=False) for p in plan.plans}
    everything = {key: info for key, info in found.items() if info is not None}
    if len(everything) < len(found):
        return _Episode(None, None)
    turns = turn_audio(plan.plans, everything)
    layout = plan_layout(build_timeline(turns, titles, script.pauses))
    return _Episode(layout, choose_level(layout.timeline, turns, titles, script.pauses,
                                         everything, script.audio, plan.cache, previous))


def _stored_chapters(episode: _Episode, chosen: list[int], plan: RenderPlan
                     ) -> dict[int, list[StoredSegment]]:
    """The chosen chapters that are segments the last render stored and the cache still
    holds, with those segments (copied as they are, no clip needed)."""
    stored = {}
    for index in chosen:
        segments = episode.layout.chapter_segments(index) if episode.layout else None
        keys = episode.segment_keys(segments) if segments else None
        found = stored_as_recorded(segments, keys, plan.cache) if segments and keys else None
        if found is not None:
            stored[index] = found
    return stored


def _recorded_turns(record: RenderRecord | None, plans: list[TurnPlan]
                    ) -> list[TurnAudio] | None:
    """The script's turns with the lengths its last render recorded, if it rendered these
    clips."""
    if record is None or [t.key for t in record.turns] != [p.key for p in plans]:
        return None
    return [TurnAudio(p.turn_id, p.chapter, p.speaker, p.key, t.samples)
            for p, t in zip(plans, record.turns, strict=True)]


def select_chapters(script: Script, selector: str | None, every: bool) -> list[int]:
    """Chapter indexes for `--chapter N|TITLE` or `--all`."""
    if every:
        return list(range(len(script.chapters)))
    if not selector:
        raise NotFoundError("say which chapter: --chapter N (1-based), --chapter TITLE, or --all")
    if selector.isdigit():
        number = int(selector)
        if 1 <= number <= len(script.chapters):
            return [number - 1]
        raise NotFoundError(f"no chapter {number}: the script has {len(script.chapters)}")
    matches = [i for i, c in enumerate(script.chapters) if c.title == selector]
    if not matches:
        folded = selector.casefold()
        matches = [i for i, c in enumerate(script.chapters) if folded in c.title.casefold()]
    if len(matches) != 1:
        titles = "; ".join(c.title for c in script.chapters)
        which = "several chapters match" if matches else "no chapter titled"
        raise NotFoundError(f"{which} {selector!r} (chapters: {titles})")
    return matches


def safe_filename(title: str, limit: int = 60) -> str:
    """A file name from a title: no separators, no dot-dot, no control characters."""
    text = unicodedata.normalize("NFC", title)
    text = re.sub(r"[\\/:*?\"<>|\x00-\x1f\x7f]+", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    text = re.sub(r"\.{2,}", ".", text)
    return text[:limit].strip(" .-") or "chapter"


def export_chapters(
    script_path: Path, selector: str | None, every: bool, output: Path | None,
    options: RenderOptions, reporter: Reporter, engine: Engine | None = None,
) -> ExportResult:
    """Write each selected chapter as an MP3; only clips the cache lacks are synthesized."""
    plan = plan_render(script_path, options, reporter, engine)
    script = plan.script
    chosen = select_chapters(script, selector, every)
    if output and len(chosen) > 1:
        raise NotFoundError("-o names one file; leave it out and --all writes every chapter "
                            "to output/NAME/chapters/")
    wanted = [p for p in plan.plans if p.chapter in chosen]
    record = records.load(last_render_record(plan.path))
    recorded = _recorded_episode(plan, record)
    stored = _stored_chapters(recorded, chosen, plan) if recorded else {}
    infos: dict[str, ClipInfo] = {}
    if recorded is not None and len(stored) == len(chosen):
        # after a render: its segments are the chapters; the clips are not even looked at
        episode, synthesized = recorded, 0
    else:
        infos, synthesized = ensure_clips(plan, wanted, options, reporter)
        episode = _episode(plan, record, recorded)
    folder = (output.parent if output else
              episode_path(script_path, options.output).parent / "chapters")
    ensure_writable_folder(folder)
    cover = read_cover(plan)
    results = []
    for index in chosen:
        title = script.chapters[index].title
        path = output or folder / f"{index + 1:02d}-{safe_filename(title)}.mp3"
        tags = episode_tags(script, cover, 0, chapter_title=title)
        segments = episode.layout.chapter_segments(index) if episode.layout else None
        if segments and episode.layout and episode.mastering:
            ends_episode = segments[-1] is episode.layout.segments[-1]
            seconds = _copy_segments(path, segments, ends_episode, episode.mastering, plan,
                                     tags, reporter, stored.get(index))
        else:
            turns = [p for p in wanted if p.chapter == index]
            seconds = _encode_chapter(path, turns, index, infos, episode.mastering, plan,
                                      tags, reporter)
        results.append(ExportedChapter(index + 1, title, path, seconds))
    return ExportResult(results, synthesized, len(wanted) - synthesized)


def _copy_segments(path: Path, segments: list[SegmentPlan], ends_episode: bool,
                   mastering: Mastering, plan: RenderPlan, tags: Tags,
                   reporter: Reporter, stored: list[StoredSegment] | None) -> float:
    """Write the chapter as its segments' frames; returns its length in seconds."""
    seconds = played_samples(segments, ends_episode) / OUTPUT_RATE
    settings = mastering.encoder_settings(plan.script.audio.bitrate_kbps)
    tmp = write_mp3(path, segments, settings, plan.cache,
                    replace(tags, duration_ms=round(seconds * 1000)), reporter,
                    ends_episode, stored=stored).tmp
    try:
        commit(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return seconds


def _encode_chapter(path: Path, turns: list[TurnPlan], index: int, infos: dict[str, ClipInfo],
                    mastering: Mastering | None, plan: RenderPlan, tags: Tags,
                    reporter: Reporter) -> float:
    """Encode the chapter's span fresh; returns its length in seconds."""
    script = plan.script
    title = script.chapters[index].title
    timeline = chapter_timeline(turn_audio(turns, infos), title, script.pauses,
                                first=index == 0, last=index == len(script.chapters) - 1)
    mastering = mastering or plan_mastering(timeline, infos, script.audio, plan.cache)
    tmp = encode(timeline, plan.cache, mastering.encoder_settings(script.audio.bitrate_kbps),
                 [Target(path, "mp3")], reporter, label=f"chapter {index + 1}")[path]
    seconds = timeline.seconds(timeline.total)
    try:
        tag_file(tmp, "mp3", replace(tags, duration_ms=round(seconds * 1000)))
        commit(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return seconds
