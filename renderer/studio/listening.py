"""Turns heard while they are made: the studio speaks changed turns in the background, and
each is streamed to the page sentence by sentence as the engine makes it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from ..clips.cache import ClipCache
from ..clips.live import make_clip_live
from ..clips.synthesis import SynthesisJob
from ..engines.base import Engine
from ..render.plan import TurnPlan

_LISTENER_WAKE_SECONDS = 1.0  # a listener that went away is noticed within this


class LiveClip:
    """A clip being made: its PCM so far, for any number of listeners."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self._done = False
        self._changed = threading.Condition()

    def add(self, pcm: bytes) -> None:
        """A piece more."""
        with self._changed:
            self._pieces.append(pcm)
            self._changed.notify_all()

    def finish(self) -> None:
        """No more pieces (the clip is stored, or it failed)."""
        with self._changed:
            self._done = True
            self._changed.notify_all()

    def pcm(self) -> Iterator[bytes]:
        """Every piece from the first, each as soon as it exists, until the clip is done."""
        sent = 0
        while True:
            with self._changed:
                if sent == len(self._pieces) and not self._done:
                    self._changed.wait(_LISTENER_WAKE_SECONDS)
                pieces, done = self._pieces[sent:], self._done
            sent += len(pieces)
            yield from pieces
            if done and not pieces:
                return


class LiveSpeaking:
    """Makes clips one after another in the background, each heard while it is made."""

    def __init__(self, engine: Engine, cache: ClipCache, speaking: threading.Lock) -> None:
        self._engine = engine
        self._cache = cache
        self._speaking = speaking  # held by whatever synthesizes in this session
        self._clips: dict[str, LiveClip] = {}
        self._guard = threading.Lock()
        self.failures: dict[str, str] = {}  # clip key → why it could not be made

    def start(self, plans: list[TurnPlan]) -> set[str]:
        """Start making, in order, the clips of `plans` the cache lacks; returns the keys of
        `plans` being made (by this call or an earlier one)."""
        todo: dict[str, TurnPlan] = {}
        with self._guard:
            for plan in plans:
                if plan.key in self._clips or self._cache.info(plan.key) is not None:
                    continue
                self._clips[plan.key] = LiveClip()
                self.failures.pop(plan.key, None)
                todo[plan.key] = plan
            making = {plan.key for plan in plans if plan.key in self._clips}
        if todo:
            threading.Thread(target=self._make, args=(list(todo.values()),), daemon=True,
                             name="studio-speaking").start()
        return making

    def pcm(self, key: str) -> Iterator[bytes] | None:
        """The PCM of a clip being made, as it comes; None when it is not being made."""
        with self._guard:
            clip = self._clips.get(key)
        return clip.pcm() if clip is not None else None

    def _make(self, plans: list[TurnPlan]) -> None:
        with self._speaking:
            for plan in plans:
                clip = self._clips[plan.key]
                job = SynthesisJob(plan.key, plan.text, plan.settings, (plan.turn_id,))
                try:
                    make_clip_live(self._engine, self._cache, job, clip.add)
                except Exception as exc:  # any failure is the page's to show, by its turn
                    self.failures[plan.key] = f"turn {plan.turn_id}: {exc}"
                finally:
                    with self._guard:
                        del self._clips[plan.key]
                    clip.finish()
