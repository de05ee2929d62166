"""The checks ../shared/corpus/score.py makes on an imported script, as a function."""

from __future__ import annotations

import re

from renderer.script.model import Script

# the same patterns as the corpus's score.py
LEAKS = {
    "url": r"https?://|www\.\w",
    "markdown": r"\*\*|__|!\[|\]\(|^\s*#{1,6}\s|^\s*[-*]{3,}\s*$|\{:",
    "html": r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&[a-zA-Z]{2,8};|&#\d+;",
    "timestamp": r"\b\d{1,2}:\d{2}:\d{2}\b|\[\d{1,2}:\d{2}\]",
}
BAD_TITLE = r"[*_#\[\]()<>|=\\&]|https?:|\d{1,2}:\d{2}|^\W|^.{41,}$"


def matches(alias: str, name: str) -> bool:
    """score.py's rule: a long alias is contained in the name, a short one equals it."""
    alias, name = alias.lower().strip(), name.lower().strip()
    return alias == name if len(alias) <= 2 else alias in name


def problems(script: Script, expect: dict) -> list[str]:
    """What is wrong with `script` against one expect.yaml entry (empty when it is right)."""
    found = []
    voices = {sid: s.name for sid, s in script.speakers.items() if s.role != "narrator"}
    names = list(voices.values())
    missing = [alternatives[0] for alternatives in expect["speakers"]
               if not any(matches(str(a), n) for a in alternatives for n in names)]
    if missing:
        found.append(f"speakers missing {missing} (found {names[:8]})")
    if len(voices) > expect["max_speakers"]:
        found.append(f"{len(voices)} speakers > {expect['max_speakers']}")
    dialogue = [t for _, t in script.turns() if t.speaker in voices]
    if not 0.9 * expect["turns"] <= len(dialogue) <= 1.1 * expect["turns"]:
        found.append(f"{len(dialogue)} turns, want {expect['turns']} ±10%")
    spoken = "\n".join(turn.text for _, turn in script.turns())
    titles = [chapter.title for chapter in script.chapters]
    for kind, pattern in LEAKS.items():
        hits = re.findall(f"(?m){pattern}", spoken + "\n" + "\n".join(titles))
        if hits:
            found.append(f"{len(hits)} {kind} leaks")
    left = [str(s) for s in expect.get("absent") or []
            if str(s) in spoken or any(str(s) in t for t in titles)]
    if left:
        found.append(f"noise left {left}")
    bad = [t for t in titles if not t.strip() or re.search(BAD_TITLE, t)]
    if bad or len(set(titles)) != len(titles):
        found.append(f"chapter titles {bad[:3] or titles[:6]}")
    return found
