"""Synthesize the clips a render is missing, in parallel, into the cache.

Every clip is cached by the worker that made it, as soon as it is made, so an interrupted
(even killed) or failed render loses nothing already made. Turns that fail are collected
and reported together at the end.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .. import interrupts
from ..checkpoints import checkpoint
from ..engines import EngineOptions, create
from ..engines.base import Engine
from ..errors import Cancelled, PodcastError, SynthesisError
from ..progress import Reporter
from .cache import ClipCache, ClipInfo


@dataclass(frozen=True)
class SynthesisJob:
    """One clip to make: the spoken text, the engine settings, the turns that use it."""

    key: str
    text: str
    settings: dict[str, Any]
    turn_ids: tuple[str, ...]


def synthesize_missing(
    jobs: Sequence[SynthesisJob], engine: Engine, options: EngineOptions, cache: ClipCache,
    workers: int, reporter: Reporter, in_process: bool = False,
    on_made: Callable[[dict[str, ClipInfo]], None] | None = None,
) -> dict[str, ClipInfo]:
    """Make every job's clip and store it; raise SynthesisError naming the turns that failed.

    Jobs are started in the order given (a render gives them in script order, so chapters
    are finished one after another and can be encoded while the next are made);
    `on_made({key: info})` is called here, in this thread, as each clip is stored.
    `in_process` makes them here, in threads, even for an engine that runs a process per
    worker: for a few clips, starting worker processes costs more than it saves.
    """
    made: dict[str, ClipInfo] = {}
    if not jobs:
        return made
    reporter.start("synthesizing", len(jobs))
    failures: list[tuple[SynthesisJob, BaseException]] = []
    # one clip (an edit) is made here: starting a worker process costs more than espeak's clip
    in_threads = in_process or engine.parallel == "thread" or len(jobs) == 1
    executor = _executor(engine, options, max(1, min(workers, len(jobs))), in_threads)
    pending: dict[Future[ClipInfo], SynthesisJob] = {}
    queue = list(jobs)
    held = False
    stores = _Stores()
    try:
        # Submit no more than the workers can take, so Ctrl-C leaves little in flight.
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                job = queue.pop(0)
                future = (
                    executor.submit(_make_clip, engine, cache, job, stores) if in_threads
                    else executor.submit(_make_clip_in_worker, cache, job))
                pending[future] = job
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    made[job.key] = future.result()
                except PodcastError as exc:
                    if not isinstance(exc, SynthesisError):
                        raise
                    failures.append((job, exc))
                except Exception as exc:  # an engine bug must not lose the other turns
                    failures.append((job, exc))
                reporter.advance()
                if on_made is not None and job.key in made:
                    on_made({job.key: made[job.key]})
            if made and pending and not held:
                held = True
                checkpoint("synthesis")  # a clip is cached and others are in the making
    except BaseException:
        # Interrupted: nothing more starts. Threads are told to stop and are not waited
        # for; a clip being written is finished (milliseconds), so none is left half-stored.
        # Worker processes are stopped at once: a long turn would keep the interrupt waiting.
        engine.cancel()
        stores.close(timeout=1.0)
        if isinstance(executor, ProcessPoolExecutor):
            _kill_workers(executor, cache)
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    if failures:
        turns = [turn for job, _ in failures for turn in job.turn_ids]
        last = failures[-1][1]
        raise SynthesisError(
            f"{len(turns)} turn(s) could not be synthesized: {', '.join(turns)} "
            f"(last error: {last}); every other clip is cached, run again to retry"
        )
    return made


def _executor(engine: Engine, options: EngineOptions, workers: int,
              in_threads: bool) -> Executor:
    if in_threads:
        return ThreadPoolExecutor(workers, thread_name_prefix=f"{engine.name}-synth")
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(engine.name, options, os.getpid()))


def _kill_workers(executor: ProcessPoolExecutor, cache: ClipCache) -> None:
    """Kill the worker processes and remove what they were writing (a clip is stored data
    first, description last: a worker killed between the two leaves data the cache removes)."""
    # no public way to reach the workers before Python 3.14's terminate_workers()
    workers = list(getattr(executor, "_processes", {}).values())
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join(timeout=1.0)
    cache.discard_unfinished([worker.pid for worker in workers if worker.pid])


_WORKER_ENGINE: Engine | None = None  # the engine of a worker process
_WORKER_BUSY = threading.Lock()  # held while a worker makes a clip


def _init_worker(name: str, options: EngineOptions, parent: int) -> None:
    # Ctrl-C goes to the whole process group; the parent decides, and stops the workers.
    interrupts.ignore_in_worker()
    interrupts.exit_with_parent(parent, _WORKER_BUSY)
    global _WORKER_ENGINE
    _WORKER_ENGINE = create(name, options)


class _Stores:
    """Clips this process's threads are writing to the cache; closed when interrupted."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._writing = 0
        self._closed = False

    @contextmanager
    def storing(self) -> Iterator[None]:
        """Count one write; refused once the render is interrupted."""
        with self._changed:
            if self._closed:
                raise Cancelled("interrupted: the clip is not stored")
            self._writing += 1
        try:
            yield
        finally:
            with self._changed:
                self._writing -= 1
                self._changed.notify_all()

    def close(self, timeout: float) -> None:
        """Refuse new writes and wait (at most `timeout`) for those under way."""
        with self._changed:
            self._closed = True
            self._changed.wait_for(lambda: self._writing == 0, timeout)


def _make_clip(engine: Engine, cache: ClipCache, job: SynthesisJob,
               stores: _Stores | None = None) -> ClipInfo:
    from .conditioning import condition

    clip = condition(engine.synthesize(job.text, job.settings))
    # The worker stores its clip itself: what is made survives even a killed parent.
    if stores is None:
        return cache.put(job.key, clip)
    with stores.storing():
        return cache.put(job.key, clip)


def _make_clip_in_worker(cache: ClipCache, job: SynthesisJob) -> ClipInfo:
    assert _WORKER_ENGINE is not None
    with _WORKER_BUSY:
        return _make_clip(_WORKER_ENGINE, cache, job)
