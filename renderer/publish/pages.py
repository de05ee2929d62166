"""Publishing a rendered episode: the show's RSS feed and the preview page.

Both read what a render recorded (NAME.render.json beside the episode) rather than redoing
any work, so they are instant and always describe the files that exist. They take the
script (its last render is found where `render` recorded it, even one written elsewhere with
`-o`), the episode itself, or its .render.json.
"""

from __future__ import annotations

import bisect
import json
import os
import shutil
from pathlib import Path
from urllib.parse import quote

from ..atomic import write_bytes_atomic, write_text_atomic
from ..errors import NotFoundError, OutputError
from ..render import record as records
from ..render.paths import episode_path, last_render_pointer, last_render_record, record_path
from ..render.record import RenderRecord
from ..script import model as script_io
from ..script.model import Script
from ..script.voices import VoiceLibrary
from .feed import EpisodeEntry, Show, build_feed, published_at
from .preview import preview_page

_AUDIO_PREFERENCE = ("mp3", "m4a", "m4b")


def load_render(target: Path) -> tuple[Script, RenderRecord, Path]:
    """The script, the record of its render and the script's path, from the script (its
    last render), the episode, or the episode's .render.json."""
    target = Path(target)
    if target.name.endswith(".render.json"):
        record = records.load_required(target)
    elif target.suffix.lower() in (".mp3", ".m4a", ".m4b"):
        record = records.load_required(record_path(target))
    else:
        record = records.load_required(_record_of_script(target))
    script_path = target if target.suffix.lower() in (".yaml", ".yml") else Path(record.script)
    return script_io.load(script_path, VoiceLibrary.load()), record, script_path


def _record_of_script(script_path: Path) -> Path:
    """Where the last render of a script recorded itself (the default place, or elsewhere)."""
    found = last_render_record(script_path)
    if found is not None:
        return found
    default = record_path(episode_path(script_path, None))
    pointer = last_render_pointer(script_path)
    raise NotFoundError(
        f"{script_path}: not rendered yet: found neither {default} nor a render recorded in "
        f"{pointer}; run: podcast render {script_path} (or name the episode or its "
        ".render.json)")


def _audio_file(record: RenderRecord, script_path: Path) -> Path:
    for kind in _AUDIO_PREFERENCE:
        found = record.file(kind)
        if found is not None:
            return found
    raise NotFoundError(f"{script_path}: the rendered audio file is missing; render it again")


def _url(base_url: str, path: Path, root: Path) -> str:
    relative = os.path.relpath(path.resolve(), root.resolve())
    if relative.startswith(".."):
        raise OutputError(f"{path}: outside {root}, so not reachable under the base URL")
    return f"{base_url.rstrip('/')}/{quote(Path(relative).as_posix())}"


def write_feed(scripts: list[Path], base_url: str, output: Path,
               title: str | None = None, description: str | None = None) -> Path:
    """Write the show's feed for the rendered episodes of `scripts`."""
    if not scripts:
        raise NotFoundError("name at least one script")
    root = Path(output).parent
    entries = []
    first: Script | None = None
    with_cover: tuple[Script, Path] | None = None
    for number, target in enumerate(scripts, start=1):
        script, record, path = load_render(target)
        first = first or script
        if script.cover and with_cover is None:
            with_cover = (script, Path(path))
        audio = _audio_file(record, path)
        files = {k: Path(v) for k, v in record.files.items()}
        transcripts = [(_url(base_url, found, root), mime)
                       for kind, mime in (("vtt", "text/vtt"), ("srt", "application/x-subrip"),
                                          ("transcript", "application/json"))
                       if (found := record.file(kind)) is not None]
        entries.append(EpisodeEntry(
            stem=Path(path).stem, title=script.title, number=script.episode or number,
            description=script.description or "", published=published_at(
                script.date, record.rendered_at),
            audio_url=_url(base_url, audio, root), audio_bytes=audio.stat().st_size,
            audio_suffix=audio.suffix.lower(), duration=record.duration,
            chapters_url=_url(base_url, files["chapters"], root) if "chapters" in files
            else None,
            transcripts=transcripts,
            people=[(s.name, s.role) for s in script.speakers.values()
                    if s.role in ("host", "guest")],
        ))
    assert first is not None
    image_url = _copy_cover(*with_cover, root, base_url) if with_cover else None
    show = Show(title=title or first.show or first.title, link=base_url,
                description=description or first.description or first.title,
                language=first.language,
                author=", ".join(first.authors) or ", ".join(
                    s.name for s in first.speakers.values() if s.role == "host") or first.title,
                image_url=image_url)
    write_bytes_atomic(Path(output), build_feed(show, entries))
    return Path(output)


def _copy_cover(script: Script, script_path: Path, root: Path, base_url: str) -> str:
    """Put the show's cover image beside the feed; returns its URL."""
    assert script.cover
    source = Path(script_path).parent / script.cover
    if not source.is_file():
        raise NotFoundError(f"{script_path}: cover {script.cover!r} not found")
    target = root / f"cover{source.suffix.lower()}"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return _url(base_url, target, root)


def write_preview(target: Path, output: Path | None = None) -> Path:
    """Write the preview page of a rendered episode (given its script, file or record)."""
    script, record, script_path = load_render(target)
    audio = _audio_file(record, script_path)
    page = Path(output) if output else audio.parent / "index.html"
    transcript_file = Path(record.files.get("transcript", ""))
    try:
        segments = json.loads(transcript_file.read_text(encoding="utf-8"))["segments"]
    except (OSError, ValueError, KeyError):
        raise NotFoundError(f"{script_path}: the transcript of the last render is missing; "
                            "render it again") from None
    chapters = [c.model_dump() for c in record.chapters]
    starts = [c.start for c in record.chapters]
    turn_starts = [t.start for t in record.turns]
    cues = [{"start": s["startTime"], "end": s["endTime"], "speaker": s["speaker"],
             "text": s["body"],
             "chapter": max(0, bisect.bisect_right(starts, s["startTime"] + 0.001) - 1),
             "turn": max(0, bisect.bisect_right(turn_starts, s["startTime"] + 0.001) - 1)}
            for s in segments]
    href = quote(Path(os.path.relpath(audio.resolve(), page.parent.resolve())).as_posix())
    write_text_atomic(page, preview_page(script.title, script.language, href, chapters, cues))
    return page
