"""Run a command in a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """One measured run."""

    seconds: float
    peak_rss_mb: float
    output: str


def run_measured(args: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run `args`; return wall seconds and the child's peak resident memory (MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    output = process.stdout.read()
    # wait4 gives this child's own peak memory (getrusage would give the max of all children)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{output.decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024, output.decode(errors="replace"))


def python(*args: str) -> list[str]:
    """A command line running this interpreter."""
    return [sys.executable, *args]


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table (also valid Markdown)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
