"""A self-contained preview page: player, chapters, transcript that follows the audio.

One HTML file, no CDN, works from file://. The data (chapters and cues) is embedded as JSON
and put on the page with textContent, so no title or sentence can break the markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  :root {{ color-scheme: light dark; --accent: #2563eb; --muted: #6b7280; }}
  body {{ margin: 0 auto; max-width: 860px; padding: 1.5rem;
         font: 16px/1.7 -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC",
         "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
         "WenQuanYi Micro Hei", sans-serif; }}
  h1 {{ font-size: 1.4rem; line-height: 1.4; }}
  #top {{ position: sticky; top: 0; z-index: 1; background: Canvas; padding: .4rem 0; }}
  audio {{ width: 100%; }}
  #current-chapter {{ color: var(--muted); font-size: .9em; min-height: 1.4em; }}
  #chapters {{ padding-left: 1.5rem; }}
  #chapters button {{ all: unset; cursor: pointer; color: var(--accent); }}
  #chapters li.current button {{ font-weight: 700; }}
  #chapters .time, .cue .time {{ color: var(--muted); font-size: .85em; margin-left: .5em; }}
  .chapter-title {{ margin-top: 1.5rem; font-size: 1.1rem; }}
  .turn {{ margin: .5rem 0; }}
  .cue {{ padding: .1rem .15rem; border-radius: 4px; cursor: pointer; }}
  .cue:hover {{ background: rgba(127, 127, 127, .12); }}
  .cue.current {{ background: rgba(37, 99, 235, .18); }}
  .speaker {{ display: block; font-weight: 600; }}
</style>
</head>
<body>
<h1 id="title"></h1>
<div id="top">
<audio id="player" controls preload="metadata" src="{audio}"></audio>
<div id="current-chapter" aria-live="polite"></div>
</div>
<h2>{chapters_label}</h2>
<ol id="chapters"></ol>
<h2>{transcript_label}</h2>
<div id="transcript"></div>
<script id="data" type="application/json">{data}</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const player = document.getElementById("player");
const clock = (s) => {{
  const t = Math.floor(s), h = Math.floor(t / 3600), m = Math.floor(t % 3600 / 60);
  const sec = String(t % 60).padStart(2, "0");
  return h ? `${{h}}:${{String(m).padStart(2, "0")}}:${{sec}}` : `${{m}}:${{sec}}`;
}};
const seek = (seconds) => {{ player.currentTime = seconds; }};
document.getElementById("title").textContent = data.title;
const chapterItems = data.chapters.map((chapter) => {{
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.className = "chapter";
  button.textContent = chapter.title;
  button.addEventListener("click", () => seek(chapter.start));
  const time = document.createElement("span");
  time.className = "time";
  time.textContent = clock(chapter.start);
  item.append(button, time);
  document.getElementById("chapters").append(item);
  return item;
}});
const transcript = document.getElementById("transcript");
let chapterShown = -1, turnShown = -1, turnBlock = null;
const cueItems = data.cues.map((cue) => {{
  if (cue.chapter !== chapterShown) {{
    chapterShown = cue.chapter;
    const heading = document.createElement("h3");
    heading.className = "chapter-title";
    heading.textContent = data.chapters[cue.chapter].title;
    transcript.append(heading);
    turnShown = -1;
  }}
  if (cue.turn !== turnShown) {{  // the speaker's name once per turn, its sentences after it
    turnShown = cue.turn;
    turnBlock = document.createElement("p");
    turnBlock.className = "turn";
    const speaker = document.createElement("span");
    speaker.className = "speaker";
    speaker.textContent = cue.speaker;
    turnBlock.append(speaker);
    transcript.append(turnBlock);
  }}
  const line = document.createElement("span");
  line.className = "cue";
  line.dataset.start = cue.start;
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = cue.text;
  line.append(text);
  line.addEventListener("click", () => seek(cue.start));
  turnBlock.append(line, data.labels.joiner);  // between sentences: a space, none in Chinese
  return line;
}});
const find = (items, time) => {{  // last item starting at or before `time`
  let low = 0, high = items.length - 1, found = -1;
  while (low <= high) {{
    const mid = (low + high) >> 1;
    if (items[mid].start <= time + 0.001) {{ found = mid; low = mid + 1; }} else high = mid - 1;
  }}
  return found;
}};
let currentCue = -1, currentChapter = -1;
const follow = () => {{
  const time = player.currentTime;
  let cue = find(data.cues, time);
  if (cue >= 0 && time > data.cues[cue].end + 0.25) cue = -1;  // between turns
  if (cue !== currentCue) {{
    if (currentCue >= 0) cueItems[currentCue].classList.remove("current");
    currentCue = cue;
    if (cue >= 0) {{
      cueItems[cue].classList.add("current");
      cueItems[cue].scrollIntoView({{block: "nearest"}});
    }}
  }}
  const chapter = find(data.chapters, time);
  if (chapter !== currentChapter) {{
    if (currentChapter >= 0) chapterItems[currentChapter].classList.remove("current");
    currentChapter = chapter;
    if (chapter >= 0) chapterItems[chapter].classList.add("current");
    document.getElementById("current-chapter").textContent =
      chapter >= 0 ? `${{data.labels.now}}: ${{data.chapters[chapter].title}}` : "";
  }}
}};
player.addEventListener("timeupdate", follow);
player.addEventListener("seeked", follow);
</script>
</body>
</html>
"""


LABELS = {
    "en": {"chapters": "Chapters", "transcript": "Transcript", "now": "Now playing",
           "joiner": " "},
    "zh": {"chapters": "章节", "transcript": "文字稿", "now": "正在播放", "joiner": ""},
}


def labels_for(language: str) -> dict[str, str]:
    """The page's words in the script's language (English when we have no translation)."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])


def preview_page(title: str, language: str, audio_href: str,
                 chapters: Sequence[dict[str, Any]], cues: Sequence[dict[str, Any]]) -> str:
    """The HTML of the preview page; each cue names its chapter and turn (indexes)."""
    labels = labels_for(language)
    data = json.dumps({"title": title, "chapters": list(chapters), "cues": list(cues),
                       "labels": labels}, ensure_ascii=False)
    # inside <script>, "</" could end the element early and "<!--" start a comment
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _PAGE.format(lang=html.escape(language), title=html.escape(title),
                        audio=html.escape(audio_href, quote=True), data=data,
                        chapters_label=html.escape(labels["chapters"]),
                        transcript_label=html.escape(labels["transcript"]))
