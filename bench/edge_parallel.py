"""The edge engine against the loopback Edge server: --jobs 1 against the default, one run.

The server adds 300 ms of latency to every request and streams its audio at 5x real time
(a request for 10 s of speech takes 0.3 s + 2 s), like the service. Reports wall time,
the speed-up, and the most simultaneous connections the server saw (the bound is --jobs).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from renderer.engines.edge import EdgeEngine
from tests.edge_server import EdgeServer, RunningServer

from .measure import ROOT, python, run_measured, table

SAMPLE = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
LATENCY = 0.3
SPEED = 5.0


def main() -> None:
    """Render the sample twice through the server and print the comparison."""
    rows = []
    seconds = {}
    for jobs in (1, EdgeEngine.default_jobs):
        server = EdgeServer(latency=LATENCY, speed=SPEED)
        with RunningServer(server), tempfile.TemporaryDirectory() as folder:
            run = run_measured(
                python("-m", "renderer", "render", str(SAMPLE), "--engine", "edge", "--jobs",
                       str(jobs), "-o", str(Path(folder) / "sample.mp3"), "--cache-dir",
                       str(Path(folder) / "cache"), "--json"),
                env={"PODCAST_EDGE_URL": server.url},
            )
            summary = json.loads(run.output[run.output.index("{"):])
            assert summary["synthesized"] == 57, summary
            seconds[jobs] = run.seconds
            rows.append([str(jobs), f"{run.seconds:.1f}", str(len(server.requests)),
                         str(server.max_active), f"{summary['duration'] / 60:.1f}"])
    print(f"sample script through the loopback Edge server ({LATENCY * 1000:.0f} ms latency, "
          f"streaming at {SPEED:.0f}x real time); one run each")
    print(table(["--jobs", "wall seconds", "requests", "max simultaneous connections",
                 "episode minutes"], rows))
    default = EdgeEngine.default_jobs
    print(f"speed-up --jobs {default} vs --jobs 1: {seconds[1] / seconds[default]:.2f}x")


if __name__ == "__main__":
    main()
