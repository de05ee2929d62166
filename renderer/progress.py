"""Progress for long work: rich bars with counts and ETA on stderr, or nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class Stage(Protocol):
    """A stage that runs alongside the current one; its work grows as it is found."""

    def add(self, steps: int) -> None:
        """More steps to do."""

    def advance(self, steps: int = 1) -> None:
        """Count steps done (from any thread)."""


class Reporter(Protocol):
    """Where long-running work reports how far it is."""

    def start(self, description: str, total: int) -> None:
        """Begin a stage of `total` steps."""

    def advance(self, steps: int = 1) -> None:
        """Count steps done in the current stage."""

    def also(self, description: str) -> Stage:
        """Begin a stage that runs alongside the current one (e.g. encoding while
        synthesizing); it stays shown when later stages start."""

    def note(self, message: str) -> None:
        """Say something once, plainly (e.g. which engine is used)."""


class _NoStage:
    def add(self, steps: int) -> None:
        """Ignore."""

    def advance(self, steps: int = 1) -> None:
        """Ignore."""


class Silent:
    """A reporter that says nothing (library use, tests)."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def start(self, description: str, total: int) -> None:
        """Ignore."""

    def advance(self, steps: int = 1) -> None:
        """Ignore."""

    def also(self, description: str) -> Stage:
        """A stage that reports nothing."""
        return _NoStage()

    def note(self, message: str) -> None:
        """Keep the message (tests read it)."""
        self.notes.append(message)


class RichReporter:
    """Bars on stderr: description, bar, done/total, elapsed, ETA."""

    def __init__(self, progress: Progress, console: Console) -> None:
        self._progress = progress
        self._console = console
        self._task: TaskID | None = None

    def start(self, description: str, total: int) -> None:
        """Begin a new bar."""
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)
        self._task = self._progress.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        """Move the current bar."""
        if self._task is not None:
            self._progress.advance(self._task, steps)

    def also(self, description: str) -> Stage:
        """A bar of its own, beside the current one."""
        return _RichStage(self._progress, self._progress.add_task(description, total=0))

    def note(self, message: str) -> None:
        """Print above the bars."""
        self._console.print(message, markup=False, highlight=False)


class _RichStage:
    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task
        self._lock = threading.Lock()
        self._total = 0

    def add(self, steps: int) -> None:
        with self._lock:
            self._total += steps
            self._progress.update(self._task, total=self._total)

    def advance(self, steps: int = 1) -> None:
        self._progress.advance(self._task, steps)


@contextmanager
def rich_reporter(console: Console) -> Iterator[RichReporter]:
    """Show bars while the block runs."""
    progress = Progress(
        TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
        console=console, transient=False,
    )
    with progress:
        yield RichReporter(progress, console)
