"""Encode while synthesizing: each chapter's MP3 segments start as soon as its clips exist.

Clips are made in script order. When the leading chapters are complete, the segments they
alone decide (`Layout.settled`) are handed to the encoder at once, at the level the episode
will most likely keep (level.py): after a render of this script, the level it recorded; else
the opening chapters' level. At the end the render chooses the episode's level by the same
rule whether or not it encoded early, so the episode is the same; a segment encoded at a
level not kept is encoded again.
"""

from __future__ import annotations

from ..checkpoints import checkpoint
from ..clips.cache import ClipInfo
from ..clips.clip import WORKING_RATE
from ..clips.timeline import TurnAudio, build_timeline
from ..encode.layout import plan_layout
from ..encode.segments import SegmentEncoder
from .level import opening_chapters, opening_level
from .mastering import Mastering
from .plan import RenderPlan

_UNKNOWN_SAMPLES = WORKING_RATE  # the length a clip not made yet is laid out with


class EarlyEncoding:
    """Hands each run of finished chapters' segments to the encoder while clips are made."""

    def __init__(self, plan: RenderPlan, encoder: SegmentEncoder,
                 previous: Mastering | None) -> None:
        self._plan = plan
        self._encoder = encoder
        self._titles = [c.title for c in plan.script.chapters]
        self._missing: list[set[str]] = [set() for _ in plan.script.chapters]
        self._chapters_of: dict[str, set[int]] = {}
        for turn in plan.plans:
            self._missing[turn.chapter].add(turn.key)
            self._chapters_of.setdefault(turn.key, set()).add(turn.chapter)
        self._infos: dict[str, ClipInfo] = {}
        self._known = 0  # leading chapters whose clips are all made
        self._handed = 0  # segments handed to the encoder
        self.level = previous  # the level early segments are encoded at
        self.opening: Mastering | None = None  # the opening's level, once measured
        self.early_keys: set[str] = set()

    def clips_ready(self, infos: dict[str, ClipInfo]) -> None:
        """Clips are in the cache: hand over the segments that they complete, if any."""
        self._infos.update(infos)
        for key in infos:
            for chapter in self._chapters_of.get(key, ()):
                self._missing[chapter].discard(key)
        known = self._known
        while known < len(self._missing) and not self._missing[known]:
            known += 1
        if known == self._known or known == len(self._missing):
            return  # nothing new, or every clip is made: the render takes over
        self._known = known
        if self.level is None and known >= opening_chapters(len(self._titles)) >= 1:
            script = self._plan.script
            self.opening = self.level = opening_level(
                self._turns(), self._titles, script.pauses, self._infos, script.audio,
                self._plan.cache)
        if self.level is not None:
            self._hand_over(self.level)

    def _turns(self) -> list[TurnAudio]:
        return [TurnAudio(p.turn_id, p.chapter, p.speaker, p.key,
                          self._infos[p.key].samples if p.key in self._infos
                          else _UNKNOWN_SAMPLES) for p in self._plan.plans]

    def _hand_over(self, level: Mastering) -> None:
        plan = self._plan
        settled = plan_layout(build_timeline(self._turns(), self._titles, plan.script.pauses)
                              ).settled(self._known)
        if len(settled) <= self._handed:
            return
        settings = level.encoder_settings(plan.script.audio.bitrate_kbps)
        self.early_keys.update(self._encoder.submit(settled[self._handed:], settings))
        first = self._handed == 0
        self._handed = len(settled)
        if first:
            checkpoint("early encoding")  # segments are encoded, clips still being made
