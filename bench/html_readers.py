"""Which HTML reader to keep: trafilatura's main-content extraction or our structural reader.

Both are scored the way ../shared/corpus/score.py scores an import, on every corpus file
that can be a web page: the raw HTML page (03), and each Markdown clipping rendered to HTML
by markdown-it-py and put inside a page with the usual chrome (navigation, a sidebar of
related links, scripts, a cookie banner, a footer). trafilatura gets the page and returns
the main content as HTML (with formatting, so bold labels survive), which our reader then
reads; the structural reader reads the page as it is.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_cjk_friendly import cjk_friendly

from renderer.errors import PodcastError
from renderer.importer.frontmatter import split_front_matter
from renderer.importer.pipeline import import_document
from renderer.importer.readers.html import read_html
from tests.corpus_checks import problems

from .measure import ROOT, table

CORPUS = ROOT.parent / "shared" / "corpus"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<script>window.dataLayer = [];</script><style>body {{ font: 16px serif; }}</style></head>
<body><div class="cookie-banner">We use cookies. <a href="/privacy">Accept</a></div>
<header class="site-header"><a href="/">The Transcript Site</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/archive">Archive</a></li>
<li><a href="/about">About</a></li></ul></nav></header>
<div class="layout"><main><article class="post">{body}</article></main>
<aside class="sidebar"><h3>Related</h3><ul><li><a href="/a">Another conversation</a></li>
<li><a href="/b">More interviews</a></li></ul></aside></div>
<footer><p>&copy; 2024 The Transcript Site. All rights reserved.</p></footer></body></html>"""


def pages() -> dict[str, str]:
    """Corpus file name → an HTML page with its content."""
    expect = yaml.safe_load((CORPUS / "expect.yaml").read_text(encoding="utf-8"))
    renderer = MarkdownIt("commonmark", {"html": True}).use(cjk_friendly)  # as a site shows it
    found = {}
    for name in expect:
        text = (CORPUS / name).read_text(encoding="utf-8", errors="replace")
        if name.endswith(".html"):
            found[name] = text
        elif name.endswith(".md"):
            _, body, _ = split_front_matter(text)
            found[name] = PAGE.format(title=Path(name).stem, body=renderer.render(body))
    return found


def _structural(page: str):
    return read_html(page)


def _trafilatura(page: str):
    import trafilatura

    extracted = trafilatura.extract(page, output_format="html", include_formatting=True,
                                    include_links=True, include_comments=False,
                                    favor_recall=True)
    return read_html(extracted or "")


def _score(reader, page: str, expect: dict, name: str) -> tuple[str, int]:
    try:
        script = import_document(reader(page), name).script
    except PodcastError as error:
        return f"error: {str(error).split(': ', 1)[-1][:60]}", 0
    found = problems(script, expect)
    turns = sum(1 for _, t in script.turns() if script.speakers[t.speaker].role != "narrator")
    return ("ok" if not found else "; ".join(found)[:70]), turns


def main() -> None:
    """Print, per corpus page, what each reader's import gets right, and the totals."""
    expect = yaml.safe_load((CORPUS / "expect.yaml").read_text(encoding="utf-8"))
    rows = []
    right = {"structural": 0, "trafilatura": 0}
    seconds = {"structural": 0.0, "trafilatura": 0.0}
    for name, page in pages().items():
        row = [name[:40], str(expect[name]["turns"])]
        for label, reader in (("structural", _structural), ("trafilatura", _trafilatura)):
            started = time.perf_counter()
            verdict, turns = _score(reader, page, expect[name], name)
            seconds[label] += time.perf_counter() - started
            right[label] += verdict == "ok"
            row += [str(turns), verdict]
        rows.append(row)
    print(table(["page", "turns wanted", "structural: turns", "structural",
                 "trafilatura: turns", "trafilatura"], rows))
    print(f"\nright: structural {right['structural']}/{len(rows)}, "
          f"trafilatura {right['trafilatura']}/{len(rows)}; "
          f"time: structural {seconds['structural']:.1f} s, "
          f"trafilatura {seconds['trafilatura']:.1f} s (extraction + import)")


if __name__ == "__main__":
    main()
