"""Import time and memory against article size (1–10 MB): is the importer linear?

Articles are built from the sample's sentences, shuffled with a fixed seed into fresh
paragraphs (so they are not near-duplicates of each other), with speaker labels, noise
lines, and a repeated copy of the first fifth at the end, as scraped pages have.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from .measure import ROOT, median, python, run_measured, table

SIZES_MB = [1, 2.5, 5, 10]
REPEATS = 3
NOISE = ["淘宝搜:【天降红包222】领超级红包", "编辑丨沃特敦", "朱民对话张亚勤 张亚勤 朱民"]


def build_article(size_mb: float, seed: int = 7) -> str:
    """A synthetic scraped dialogue of about `size_mb` megabytes (UTF-8)."""
    sample = (ROOT / "scripts" / "000_9b6faf332502484a.txt").read_text(encoding="utf-8")
    sentences = [s for s in re.findall(r"[^。！？\n]+[。！？]", sample) if len(s) > 8]
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000 / 1.2)  # the repeated fifth brings it to size_mb
    paragraphs: list[str] = ["庆云古诗词", "一个很长的标题:对话|张亚勤|朱民"]
    size = 0
    speaker = 0
    while size < target:
        body = "".join(rng.sample(sentences, rng.randint(2, 6)))
        if rng.random() < 0.7:
            speaker = 1 - speaker
            body = ("朱民:" if speaker else "张亚勤:") + body
        if rng.random() < 0.02:
            body = rng.choice(NOISE)
        paragraphs.append(body)
        size += len(body.encode()) + 2
    copy = paragraphs[2: len(paragraphs) // 5]
    return "\n\n".join([*paragraphs, "朱民对话张亚勤 张亚勤 朱民", *copy])


def main() -> None:
    """Print import wall time and peak memory per size, and time per MB."""
    rows = []
    base_per_mb = None
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES_MB:
            article = Path(folder) / f"article-{size}.txt"
            article.write_text(build_article(size), encoding="utf-8")
            megabytes = article.stat().st_size / 1e6
            runs = [
                run_measured(python("-m", "renderer", "import", str(article), "-o",
                                    str(Path(folder) / "out.yaml"), "--force"))
                for _ in range(REPEATS)
            ]
            seconds = median([r.seconds for r in runs])
            rss = median([r.peak_rss_mb for r in runs])
            per_mb = seconds / megabytes
            base_per_mb = base_per_mb or per_mb
            rows.append([f"{megabytes:.1f}", f"{seconds:.2f}", f"{per_mb:.2f}",
                         f"{per_mb / base_per_mb:.2f}", f"{rss:.0f}"])
    print("import: median of", REPEATS, "runs per size (includes ~1 s of start-up)")
    print(table(["MB", "seconds", "s/MB", "s/MB vs 1 MB", "peak RSS MiB"], rows))


if __name__ == "__main__":
    main()
