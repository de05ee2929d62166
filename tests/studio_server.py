"""Start `podcast studio` as a real process, as a user would, and talk HTTP to it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from .helpers import ROOT


@dataclass
class Studio:
    """A running studio: its URL (with token), address and token, and what it printed."""

    process: subprocess.Popen
    url: str
    base: str
    token: str
    port: int
    output: list[str]
    script: Path
    cache: Path

    def client(self) -> httpx.Client:
        """An HTTP client that sends the token with every request."""
        return httpx.Client(base_url=self.base, params={"token": self.token}, timeout=60)


@contextmanager
def running_studio(script: Path, cache: Path, *extra: str) -> Iterator[Studio]:
    """`podcast studio SCRIPT --port 0 --engine espeak` in the script's folder; stopped after."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "renderer", "studio", str(script), "--port", "0", "--engine",
         "espeak", "--cache-dir", str(cache), "--no-browser", *extra],
        cwd=script.parent, env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    found = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line.rstrip("\n"))
            if "http://" in line:
                found.set()
        found.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        found.wait(120)
        match = next((re.search(r"(http://127\.0\.0\.1:(\d+))/\?token=(\S+)", line)
                      for line in output if "http://" in line), None)
        assert match, f"the studio printed no URL: {output}"
        yield Studio(process, match.group(0), match.group(1), match.group(3),
                     int(match.group(2)), output, script, cache)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
