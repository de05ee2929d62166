"""`python -m bench [NAME ...]`: run the named benchmarks (default: all) and print figures."""

from __future__ import annotations

import importlib
import sys

BENCHES = ["import_large", "render_sample", "edge_parallel", "offline_engines",
           "kokoro_sessions", "scale", "pipeline", "mp3_quality", "studio"]


def main(names: list[str]) -> None:
    """Run benchmarks by module name."""
    for name in names or BENCHES:
        print(f"\n## {name}\n")
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
