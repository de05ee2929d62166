"""Import time and memory against article size (1–10 MB), as text, Markdown and HTML.

Articles are built from the sample's sentences, shuffled with a fixed seed into fresh
paragraphs (so they are not near-duplicates of each other), with speaker labels, noise
lines, and a repeated copy of the first fifth at the end, as scraped pages have. The
Markdown and HTML articles carry the same dialogue with bold labels, section headings,
images, links and (for HTML) a page around it.
"""

from __future__ import annotations

import html
import random
import re
import tempfile
from pathlib import Path

from .measure import ROOT, median, python, run_measured, table

SIZES_MB = [1, 2.5, 5, 10]
REPEATS = 3
FORMATS = ["txt", "md", "html"]
NOISE = ["淘宝搜:【天降红包222】领超级红包", "编辑丨沃特敦", "朱民对话张亚勤 张亚勤 朱民"]
LABEL = re.compile(r"^(朱民|张亚勤):(.*)$")


def build_article(size_mb: float, seed: int = 7) -> str:
    """A synthetic scraped dialogue of about `size_mb` megabytes (UTF-8 plain text)."""
    return "\n\n".join(_paragraphs(size_mb, seed))


def build_markdown(size_mb: float, seed: int = 7) -> str:
    """The same dialogue as a Markdown clipping: bold labels, headings, images, links."""
    out = ["一个很长的标题：对话张亚勤与朱民", "=" * 20]
    for index, paragraph in enumerate(_paragraphs(size_mb, seed)[2:]):
        if index % 60 == 0:
            out.append(f"## 第{index // 60 + 1}部分")
        if index % 25 == 7:
            out.append(f"![图片](https://example.com/img/{index}.jpg)")
        match = LABEL.match(paragraph)
        text = f"**{match.group(1)}：**{match.group(2)}" if match else paragraph
        if index % 40 == 3:
            text += f" [相关链接](https://example.com/{index})"
        out.append(text)
    return "\n\n".join(out)


def build_html(size_mb: float, seed: int = 7) -> str:
    """The same dialogue as a saved web page: head, navigation, sections, a footer."""
    body = []
    for index, paragraph in enumerate(_paragraphs(size_mb, seed)[2:]):
        if index % 60 == 0:
            body.append(f"<h2>第{index // 60 + 1}部分</h2>")
        match = LABEL.match(paragraph)
        if match:
            body.append(f"<p><strong>{match.group(1)}：</strong>"
                        f"{html.escape(match.group(2))}</p>")
        else:
            body.append(f"<p>{html.escape(paragraph)}</p>")
        if index % 25 == 7:
            body.append(f'<figure><img src="/img/{index}.jpg"><figcaption>图{index}</figcaption>'
                        "</figure>")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>对话张亚勤与朱民</title>"
            "<script>var x = 1;</script><style>p{margin:0}</style></head><body>"
            "<nav><a href='/'>首页</a><a href='/news'>新闻</a></nav><article>"
            + "\n".join(body) + "</article><footer>版权所有</footer></body></html>")


def _paragraphs(size_mb: float, seed: int) -> list[str]:
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
    return [*paragraphs, "朱民对话张亚勤 张亚勤 朱民", *copy]


BUILDERS = {"txt": build_article, "md": build_markdown, "html": build_html}


def main() -> None:
    """Print import wall time and peak memory per format and size, and time per MB."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in FORMATS:
            base_per_mb = None
            for size in SIZES_MB:
                article = Path(folder) / f"article-{size}.{kind}"
                article.write_text(BUILDERS[kind](size), encoding="utf-8")
                megabytes = article.stat().st_size / 1e6
                runs = [
                    run_measured(python("-m", "renderer", "import", str(article), "-o",
                                        str(Path(folder) / "out.yaml"), "--force"))
                    for _ in range(REPEATS)
                ]
                seconds = median([r.seconds for r in runs])
                peak_rss = median([r.peak_rss_mb for r in runs])
                per_mb = seconds / megabytes
                base_per_mb = base_per_mb or per_mb
                rows.append([kind, f"{megabytes:.1f}", f"{seconds:.2f}", f"{per_mb:.2f}",
                             f"{per_mb / base_per_mb:.2f}", f"{peak_rss:.0f}"])
    print("import: median of", REPEATS, "runs per size (includes ~1.5 s of start-up); the "
          "import is one process")
    print(table(["format", "MB", "seconds", "s/MB", "s/MB vs 1 MB", "peak MiB"], rows))


if __name__ == "__main__":
    main()
