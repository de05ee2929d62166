"""What the commands print: summaries as rich tables or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from ..engines.catalogue import VoiceEntry
    from ..importer import ImportResult
    from ..metadata.ffmetadata import Probe
    from ..render.chapters import ExportResult
    from ..render.render import RenderResult
    from ..script.model import Script
    from ..script.voices import VoiceLibrary


_DOUBTS_SHOWN = 5


def clock(seconds: float) -> str:
    """Seconds as H:MM:SS or M:SS."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def counted(count: int, noun: str) -> str:
    """`1 turn`, `2 turns`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def import_summary(console: Console, result: ImportResult, path: Path, report: Path | None) -> None:
    """Print what an import produced and what it cleaned."""
    script = result.script
    names = ", ".join(s.name for s in script.speakers.values())
    console.print(f"wrote {path}: {counted(script.turn_count(), 'turn')} in "
                  f"{counted(len(script.chapters), 'chapter')}, speakers {names}",
                  markup=False, highlight=False)
    console.print(f"cleaning report ({len(result.report.entries)} entries):", highlight=False)
    for line in result.report.summary():
        console.print(f"  {line}", markup=False, highlight=False)
    for warning in result.report.warnings:
        console.print(f"  warning: {warning}", markup=False, highlight=False)
    doubts = result.report.doubts
    if doubts:
        console.print(f"{len(doubts)} decision{'s' if len(doubts) > 1 else ''} to check "
                      "(least certain first; `podcast studio` fixes each in one click):",
                      highlight=False)
        for doubt in doubts[:_DOUBTS_SHOWN]:
            console.print(f"  line {doubt.line}: {doubt.decision} ({doubt.confidence:.0%} sure)",
                          markup=False, highlight=False)
        if len(doubts) > _DOUBTS_SHOWN:
            console.print(f"  … and {len(doubts) - _DOUBTS_SHOWN} more in the full report",
                          highlight=False)
    if report:
        console.print(f"full report: {report}", markup=False, highlight=False)
    else:
        console.print("full report: pass --report FILE", highlight=False)


def check_summary(console: Console, script: Script, voices: VoiceLibrary, path: Path) -> None:
    """Print a valid script's speakers, chapters and estimated duration."""
    from ..script.estimate import estimate_episode  # the reading front end: only `check` needs it

    total, per_chapter = estimate_episode(script)
    console.print(f"{path}: valid — “{script.title}” ({script.language}), "
                  f"{script.turn_count()} turns, estimated {clock(total)}",
                  markup=False, highlight=False)
    speakers = Table(title="speakers", title_justify="left")
    for column in ("id", "name", "role", "voice", "turns", "chars"):
        speakers.add_column(column)
    for sid, speaker in script.speakers.items():
        turns = [t for _, t in script.turns() if t.speaker == sid]
        speakers.add_row(sid, speaker.name, speaker.role or "", speaker.voice,
                         str(len(turns)), str(sum(len(t.text) for t in turns)))
    console.print(speakers)
    chapters = Table(title="chapters", title_justify="left")
    for column in ("#", "title", "turns", "chars", "estimated"):
        chapters.add_column(column)
    for number, chapter in enumerate(script.chapters, start=1):
        chapters.add_row(str(number), chapter.title, str(len(chapter.turns)),
                         str(sum(len(t.text) for t in chapter.turns)),
                         clock(per_chapter[number - 1]))
    console.print(chapters)


def _json(console: Console, data: object) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False, default=str))


def render_summary(console: Console, result: RenderResult, as_json: bool) -> None:
    """Print what a render produced."""
    data = {
        "episode": str(result.episode),
        "duration": round(result.duration, 3),
        "engine": result.engine,
        "turns": result.turns,
        "synthesized": result.synthesized,
        "cached": result.cached,
        "retries": result.retries,
        "loudness": {"target_lufs": result.mastering.target_lufs,
                     "gain_db": round(result.mastering.gain_db, 2),
                     "limiter": result.mastering.limiter_db is not None},
        "segments": {"total": len(result.segments), "encoded": result.segments_encoded,
                     "encoded_while_synthesizing": result.segments_early,
                     "encoded_again": result.segments_discarded},
        "chapters": [{"title": t, "start": round(s, 3), "end": round(e, 3)}
                     for t, s, e in result.chapters],
        "files": {name: str(path) for name, path in result.files.items()},
        "timings": {phase: round(seconds, 3) for phase, seconds in result.timings.items()},
    }
    if result.engine_note:
        data["note"] = result.engine_note
    if result.level_note:
        data["level_note"] = result.level_note
    if as_json:
        _json(console, data)
        return
    console.print(f"episode: {result.episode}  ({clock(result.duration)}, engine "
                  f"{result.engine})", markup=False, highlight=False)
    console.print(f"turns: {result.turns} — {result.synthesized} synthesized, "
                  f"{result.cached} from cache", highlight=False)
    if result.segments:
        console.print(f"MP3 segments: {result.segments_encoded} of {len(result.segments)} "
                      f"encoded ({result.segments_early} while synthesizing), the rest reused",
                      highlight=False)
    if result.retries:
        reasons = ", ".join(f"{n} {kind}" for kind, n in sorted(result.retries.items()))
        console.print(f"retried requests: {reasons}", markup=False, highlight=False)
    table = Table(title=f"{len(result.chapters)} chapters", title_justify="left")
    for column in ("#", "title", "start", "end"):
        table.add_column(column)
    for number, (title, start, end) in enumerate(result.chapters, start=1):
        table.add_row(str(number), title, clock(start), clock(end))
    console.print(table)
    for name, path in result.files.items():
        console.print(f"{name:>10}: {path}", markup=False, highlight=False)


def export_summary(console: Console, result: ExportResult, as_json: bool) -> None:
    """Print the chapters an export wrote."""
    data = {
        "synthesized": result.synthesized,
        "cached": result.cached,
        "chapters": [{"number": c.number, "title": c.title, "file": str(c.path),
                      "duration": round(c.duration, 3)} for c in result.chapters],
    }
    if as_json:
        _json(console, data)
        return
    for chapter in result.chapters:
        console.print(f"chapter {chapter.number} “{chapter.title}”: {chapter.path} "
                      f"({clock(chapter.duration)})", markup=False, highlight=False)
    console.print(f"turns: {result.synthesized} synthesized, {result.cached} from cache",
                  highlight=False)


def file_chapters(console: Console, path: Path, probe: Probe, as_json: bool) -> None:
    """Print the chapters ffmpeg reads from an audio file."""
    rows: list[dict[str, Any]] = [
        {"title": c.title, "start": round(c.start, 3), "end": round(c.end, 3)}
        for c in probe.chapters]
    if as_json:
        _json(console, {"file": str(path), "duration": probe.duration, "chapters": rows})
        return
    if not rows:
        console.print(f"{path}: no chapters ({clock(probe.duration)})", markup=False)
        return
    table = Table(title=f"{path} — {len(rows)} chapters, {clock(probe.duration)}",
                  title_justify="left")
    for column in ("#", "title", "start", "end"):
        table.add_column(column)
    for number, row in enumerate(rows, start=1):
        table.add_row(str(number), row["title"], f"{row['start']:.3f}", f"{row['end']:.3f}")
    console.print(table)


def voice_list(console: Console, entries: list[VoiceEntry], source: str) -> None:
    """Print voices and which profiles use them."""
    console.print(f"{len(entries)} voices — {source}", markup=False, highlight=False)
    table = Table()
    for column in ("voice", "locale", "gender", "used by profiles"):
        table.add_column(column)
    for entry in entries:
        table.add_row(entry.name, entry.locale, entry.gender, ", ".join(entry.profiles))
    console.print(table)
