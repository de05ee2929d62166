"""What the commands print: summaries as rich tables or JSON."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from .estimate import estimate_seconds
from .importer import ImportResult
from .script import Script
from .voices import VoiceLibrary


def clock(seconds: float) -> str:
    """Seconds as H:MM:SS or M:SS."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def import_summary(console: Console, result: ImportResult, path: Path, report: Path | None) -> None:
    """Print what an import produced and what it cleaned."""
    script = result.script
    console.print(f"wrote {path}: {script.turn_count()} turns in {len(script.chapters)} chapters, "
                  f"speakers {', '.join(s.name for s in script.speakers.values())}",
                  markup=False, highlight=False)
    console.print(f"cleaning report ({len(result.report.entries)} entries):", highlight=False)
    for line in result.report.summary():
        console.print(f"  {line}", markup=False, highlight=False)
    for warning in result.report.warnings:
        console.print(f"  warning: {warning}", markup=False, highlight=False)
    if report:
        console.print(f"full report: {report}", markup=False, highlight=False)
    else:
        console.print("full report: pass --report FILE", highlight=False)


def estimated_seconds(script: Script) -> tuple[float, list[float]]:
    """Estimated episode duration and per-chapter durations, pauses included."""
    per_chapter = []
    previous_speaker = None
    for index, chapter in enumerate(script.chapters):
        seconds = script.pauses.chapter_ms / 1000 if index else 0.0
        for number, turn in enumerate(chapter.turns):
            if number or index:
                if number and turn.speaker == previous_speaker:
                    seconds += script.pauses.turn_ms / 1000
                elif number:
                    seconds += script.pauses.speaker_change_ms / 1000
            seconds += estimate_seconds(turn.text, script.language)
            previous_speaker = turn.speaker
        per_chapter.append(seconds)
    return sum(per_chapter), per_chapter


def check_summary(console: Console, script: Script, voices: VoiceLibrary, path: Path) -> None:
    """Print a valid script's speakers, chapters and estimated duration."""
    total, per_chapter = estimated_seconds(script)
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
