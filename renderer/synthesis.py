"""Synthesize the clips a render is missing, in parallel, into the cache.

Every clip that succeeds is cached as soon as it arrives, so an interrupted or failed render
loses nothing already made. Turns that fail are collected and reported together at the end.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass
from typing import Any

from .cache import ClipCache
from .conditioning import Clip, condition
from .engines import EngineOptions, create
from .engines.base import Engine
from .errors import PodcastError, SynthesisError
from .progress import Reporter


@dataclass(frozen=True)
class Job:
    """One clip to make: the spoken text, the engine settings, the turns that use it."""

    key: str
    text: str
    settings: dict[str, Any]
    turn_ids: tuple[str, ...]


def synthesize_missing(
    jobs: Sequence[Job], engine: Engine, options: EngineOptions, cache: ClipCache,
    workers: int, reporter: Reporter,
) -> None:
    """Make every job's clip and store it; raise SynthesisError naming the turns that failed."""
    if not jobs:
        return
    reporter.start("synthesizing", len(jobs))
    failures: list[tuple[Job, BaseException]] = []
    executor = _executor(engine, options, max(1, min(workers, len(jobs))))
    in_threads = engine.parallel == "thread"
    pending: dict[Future[Clip], Job] = {}
    # longest first: a long turn started last would keep the others waiting at the end
    queue = sorted(jobs, key=lambda job: len(job.text), reverse=True)
    try:
        # Submit no more than the workers can take, so Ctrl-C leaves little in flight.
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                job = queue.pop(0)
                future = (executor.submit(_make_clip, engine, job.text, job.settings) if in_threads
                          else executor.submit(_make_clip_in_worker, job.text, job.settings))
                pending[future] = job
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    cache.put(job.key, future.result())
                except PodcastError as exc:
                    if not isinstance(exc, SynthesisError):
                        raise
                    failures.append((job, exc))
                except Exception as exc:  # an engine bug must not lose the other turns
                    failures.append((job, exc))
                reporter.advance()
    except BaseException:
        # Interrupted: let the turns in flight finish and keep them; cancel the rest.
        executor.shutdown(wait=True, cancel_futures=True)
        for future, job in pending.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                cache.put(job.key, future.result())
        raise
    executor.shutdown(wait=True)
    if failures:
        turns = [turn for job, _ in failures for turn in job.turn_ids]
        last = failures[-1][1]
        raise SynthesisError(
            f"{len(turns)} turn(s) could not be synthesized: {', '.join(turns)} "
            f"(last error: {last}); every other clip is cached, run again to retry"
        )


def _executor(engine: Engine, options: EngineOptions, workers: int) -> Executor:
    if engine.parallel == "thread":
        return ThreadPoolExecutor(workers, thread_name_prefix=f"{engine.name}-synth")
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(engine.name, options))


_WORKER_ENGINE: Engine | None = None  # the engine of a worker process


def _init_worker(name: str, options: EngineOptions) -> None:
    # Ctrl-C goes to the whole process group; the parent decides, workers finish their turn.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _WORKER_ENGINE
    _WORKER_ENGINE = create(name, options)


def _make_clip(engine: Engine, text: str, settings: dict[str, Any]) -> Clip:
    return condition(engine.synthesize(text, settings))


def _make_clip_in_worker(text: str, settings: dict[str, Any]) -> Clip:
    assert _WORKER_ENGINE is not None
    return _make_clip(_WORKER_ENGINE, text, settings)
