"""An RSS 2.0 podcast feed: iTunes tags (feedgen's podcast extension) and the Podcasting 2.0
tags feedgen lacks (podcast:chapters, podcast:transcript, podcast:person), as an extension.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
_MIME = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".m4b": "audio/x-m4b"}


@dataclass
class EpisodeEntry:
    """What the feed says about one rendered episode."""

    stem: str
    title: str
    number: int
    description: str
    published: datetime
    audio_url: str
    audio_bytes: int
    audio_suffix: str
    duration: float
    chapters_url: str | None = None
    transcripts: list[tuple[str, str]] = field(default_factory=list)  # (url, MIME type)
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, role)


@dataclass
class Show:
    """The channel: the show's own tags."""

    title: str
    link: str
    description: str
    language: str
    author: str
    image_url: str | None = None


class _PodcastIndex(BaseExtension):  # type: ignore[misc]  # feedgen has no types
    """Declares the podcast: namespace on the channel."""

    def extend_ns(self) -> dict[str, str]:
        """The namespace prefix."""
        return {"podcast": PODCAST_NS}


class _PodcastIndexEntry(BaseEntryExtension):  # type: ignore[misc]
    """podcast:chapters, podcast:transcript and podcast:person of an item."""

    def __init__(self) -> None:
        self.chapters: str | None = None
        self.transcripts: list[tuple[str, str]] = []
        self.people: list[tuple[str, str]] = []

    def extend_ns(self) -> dict[str, str]:
        """The namespace prefix."""
        return {"podcast": PODCAST_NS}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        """Add the tags to the item element."""
        if self.chapters:
            etree.SubElement(item, f"{{{PODCAST_NS}}}chapters", url=self.chapters,
                             type="application/json+chapters")
        for url, mime in self.transcripts:
            attributes = {"url": url, "type": mime}
            if mime == "text/vtt":
                attributes["rel"] = "captions"
            etree.SubElement(item, f"{{{PODCAST_NS}}}transcript", **attributes)
        for name, role in self.people:
            person = etree.SubElement(item, f"{{{PODCAST_NS}}}person", role=role)
            person.text = name
        return item


def episode_guid(stem: str) -> str:
    """A guid that stays the same however often the episode is rendered again."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'podcast-renderer:{stem}')}"


def build_feed(show: Show, episodes: list[EpisodeEntry]) -> bytes:
    """The RSS document."""
    generator = FeedGenerator()
    generator.load_extension("podcast")
    generator.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry)
    generator.title(show.title)
    generator.link(href=show.link, rel="alternate")
    generator.description(show.description or show.title)
    generator.language(show.language)
    generator.podcast.itunes_author(show.author)
    generator.podcast.itunes_explicit("no")
    generator.podcast.itunes_category("Technology")
    if show.image_url:
        generator.podcast.itunes_image(show.image_url)
        generator.image(url=show.image_url, title=show.title, link=show.link)
    for episode in sorted(episodes, key=lambda e: e.number):
        entry = generator.add_entry(order="append")
        entry.guid(episode_guid(episode.stem), permalink=False)
        entry.title(episode.title)
        entry.description(episode.description or episode.title)
        entry.enclosure(episode.audio_url, str(episode.audio_bytes),
                        _MIME.get(episode.audio_suffix, "audio/mpeg"))
        entry.published(episode.published)
        entry.podcast.itunes_duration(round(episode.duration))
        entry.podcast.itunes_episode(episode.number)
        entry.podcast.itunes_episode_type("full")
        extension = entry.podcastindex
        extension.chapters = episode.chapters_url
        extension.transcripts = episode.transcripts
        extension.people = episode.people
    feed: bytes = generator.rss_str(pretty=True)
    return feed


def published_at(script_date: date | None, rendered_at: str) -> datetime:
    """The episode's date: the script's, else when it was rendered (UTC)."""
    if script_date:
        return datetime(script_date.year, script_date.month, script_date.day, tzinfo=UTC)
    return datetime.strptime(rendered_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
