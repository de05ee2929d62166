"""Export chapters as their own MP3s: exactly the chapter's span, at the episode's level."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .atomic import commit, ensure_writable_folder
from .errors import NotFoundError
from .exports.tags import Tags, tag_file
from .master import Mastering, Target, encode, plan_mastering
from .plan import (
    Prepared,
    RenderOptions,
    ensure_clips,
    episode_path,
    manifest_path,
    prepare,
    read_cover,
    turn_audio,
)
from .progress import Reporter
from .script import Script
from .timeline import build_timeline, chapter_timeline


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


def _episode_mastering(prepared: Prepared, options: RenderOptions) -> Mastering | None:
    """The episode's own gain (so levels match): from its last render when that is this
    script's audio, else computed from the cached clips' metadata; None if some are missing."""
    script = prepared.script
    record = manifest_path(episode_path(prepared.path, options.output))
    try:
        manifest = json.loads(record.read_text(encoding="utf-8"))
        if (manifest.get("audio") == script.audio.model_dump()
                and [t["key"] for t in manifest["turns"]] == [p.key for p in prepared.plans]):
            return Mastering(**manifest["mastering"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    everything = {p.key: prepared.cache.info(p.key, verify=False) for p in prepared.plans}
    if not all(everything.values()):
        return None
    full = build_timeline(turn_audio(prepared.plans, everything),
                          [c.title for c in script.chapters], script.pauses)
    return plan_mastering(full, everything, script.audio, prepared.cache)


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
    options: RenderOptions, reporter: Reporter,
) -> ExportResult:
    """Write each selected chapter as an MP3; only clips the cache lacks are synthesized."""
    prepared = prepare(script_path, options, reporter)
    script = prepared.script
    chosen = select_chapters(script, selector, every)
    if output and len(chosen) > 1:
        raise NotFoundError("-o names one file; leave it out and --all writes every chapter "
                            "to output/NAME/chapters/")
    wanted = [p for p in prepared.plans if p.chapter in chosen]
    infos, synthesized = ensure_clips(prepared, wanted, options, reporter)
    mastering = _episode_mastering(prepared, options)
    folder = (output.parent if output else
              episode_path(script_path, options.output).parent / "chapters")
    ensure_writable_folder(folder)
    cover = read_cover(prepared)
    results = []
    for index in chosen:
        plans = [p for p in wanted if p.chapter == index]
        title = script.chapters[index].title
        timeline = chapter_timeline(turn_audio(plans, infos), title, script.pauses,
                                    first=index == 0, last=index == len(script.chapters) - 1)
        chapter_mastering = mastering or plan_mastering(timeline, infos, script.audio,
                                                        prepared.cache)
        path = output or folder / f"{index + 1:02d}-{safe_filename(title)}.mp3"
        tmp = encode(timeline, prepared.cache, chapter_mastering, script.audio.bitrate_kbps,
                     [Target(path, "mp3")], reporter, label=f"chapter {index + 1}")[path]
        try:
            tag_file(tmp, "mp3", Tags(
                title=f"{script.title} – {title}",
                artists=[s.name for s in script.speakers.values() if s.role != "narrator"],
                album=script.show or script.title,
                duration_ms=round(timeline.seconds(timeline.total) * 1000),
                date=script.date.isoformat() if script.date else None,
                cover=cover,
            ))
            commit(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        results.append(ExportedChapter(index + 1, title, path, timeline.seconds(timeline.total)))
    return ExportResult(results, synthesized, len(wanted) - synthesized)
