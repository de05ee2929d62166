"""A render or export the studio runs in the background, and the progress the page polls."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class StudioJob:
    """A render or export running in the background, with its progress."""

    kind: str
    state: str = "running"  # running, done, failed
    stage: str = "starting"
    done: int = 0
    total: int = 0
    stage_started: float = field(default_factory=time.monotonic)
    started: float = field(default_factory=time.monotonic)
    notes: list[str] = field(default_factory=list)
    message: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    serial: int = 0  # bumped on every change, so a listener knows when to send
    # stages running alongside the current one (encoding while synthesizing): done, total
    side: dict[str, list[int]] = field(default_factory=dict)

    def snapshot(self) -> dict[str, Any]:
        """The job as the page shows it: stage, counts, elapsed and ETA."""
        now = time.monotonic()
        in_stage = now - self.stage_started
        eta = in_stage / self.done * (self.total - self.done) if self.done else None
        return {"kind": self.kind, "state": self.state, "stage": self.stage,
                "done": self.done, "total": self.total,
                "elapsed": round(now - self.started, 1),
                "eta": None if eta is None else round(eta, 1), "notes": self.notes,
                "message": self.message, "result": self.result, "serial": self.serial,
                "side": {name: {"done": done, "total": total}
                         for name, (done, total) in self.side.items()}}


class JobReporter:
    """A progress reporter that records into a studio job."""

    def __init__(self, job: StudioJob) -> None:
        self.job = job

    def start(self, description: str, total: int) -> None:
        """A new stage."""
        job = self.job
        job.stage, job.done, job.total = description, 0, total
        job.stage_started = time.monotonic()
        job.serial += 1

    def advance(self, steps: int = 1) -> None:
        """Steps done."""
        self.job.done += steps
        self.job.serial += 1

    def also(self, description: str) -> _SideStage:
        """A stage alongside the current one, shown with it."""
        self.job.side[description] = [0, 0]
        return _SideStage(self.job, description)

    def note(self, message: str) -> None:
        """A sentence for the page."""
        self.job.notes.append(message)
        self.job.serial += 1


class _SideStage:
    def __init__(self, job: StudioJob, name: str) -> None:
        self.job = job
        self.name = name
        self._lock = threading.Lock()

    def add(self, steps: int) -> None:
        with self._lock:
            self.job.side[self.name][1] += steps
            self.job.serial += 1

    def advance(self, steps: int = 1) -> None:
        with self._lock:
            self.job.side[self.name][0] += steps
            self.job.serial += 1
