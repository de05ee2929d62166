"""Paths and small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

from renderer.importer import ImportResult, import_article

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
SAMPLE_ARTICLE = ROOT / "scripts" / "000_9b6faf332502484a.txt"
SAMPLE_SCRIPT = ROOT / "scripts" / "000_9b6faf332502484a.yaml"


def import_text(folder: Path, name: str, text: str) -> ImportResult:
    """Import `text` written as the article `folder/name`."""
    article = Path(folder) / name
    article.write_text(text, encoding="utf-8")
    return import_article(article)


def said_by_name(result: ImportResult) -> list[tuple[str, str]]:
    """Every turn of an import as (its speaker's display name, its words)."""
    names = {sid: speaker.name for sid, speaker in result.script.speakers.items()}
    return [(names[turn.speaker], turn.text) for _, turn in result.script.turns()]


def clip_metas(cache: Path) -> list[Path]:
    """The description (.json) of every clip in a clip cache, whole or not."""
    return sorted(pcm.with_suffix(".json") for pcm in Path(cache).rglob("*.pcm")
                  if not {"segments", "sentences"} & set(pcm.relative_to(cache).parts))


def assert_segments_sound(cache: Path) -> int:
    """Every MP3 segment the cache describes is whole; returns how many there are."""
    from renderer.encode.segment_cache import SegmentCache
    from renderer.mp3.frames import frame_offsets

    store = SegmentCache(Path(cache) / "segments")
    metas = sorted(store.folder.rglob("*.json")) if store.folder.is_dir() else []
    for meta in metas:
        stored = store.get(meta.stem, verify=True)
        assert stored is not None, f"segment {meta.stem} is described but not whole"
        assert len(frame_offsets(stored.read())) == stored.frames
    return len(metas)
