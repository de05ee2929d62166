"""Where a script's episode, its sidecars and the record of its last render go."""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_text_atomic

OUTPUT_ROOT = Path("output")


def episode_path(script_path: Path, output: Path | None) -> Path:
    """Where the episode of a script goes: `-o FILE`, else `output/NAME/NAME.mp3`."""
    if output:
        return Path(output)
    name = Path(script_path).stem
    return OUTPUT_ROOT / name / f"{name}.mp3"


def sidecar(episode: Path, suffix: str) -> Path:
    """A file beside the episode: NAME.mp3 → NAME<suffix>."""
    return episode.with_name(episode.stem + suffix)


def record_path(episode: Path) -> Path:
    """Where a render records what it wrote: NAME.render.json beside the episode."""
    return sidecar(episode, ".render.json")


def last_render_pointer(script_path: Path) -> Path:
    """The small file where `render` notes where the last render of a script went."""
    return episode_path(script_path, None).parent / ".last-render.json"


def last_render_record(script_path: Path) -> Path | None:
    """The record of the script's last render, wherever `-o` put it; None if there is none."""
    pointer = last_render_pointer(script_path)
    try:
        recorded = Path(json.loads(pointer.read_text(encoding="utf-8"))["record"])
        if recorded.is_file():
            return recorded
    except (OSError, ValueError, KeyError, TypeError):
        pass
    default = record_path(episode_path(script_path, None))
    return default if default.is_file() else None


def note_last_render(script_path: Path, record: Path) -> None:
    """Note where the script's last render recorded itself, so that preview, feed and the
    studio find it wherever `-o` put it."""
    pointer = last_render_pointer(script_path)
    if pointer.parent.resolve() != record.parent.resolve() or pointer.exists():
        pointer.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(pointer, json.dumps({"record": str(record.resolve())}) + "\n")
