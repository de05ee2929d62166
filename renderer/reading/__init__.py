"""How text is read aloud: readings of Chinese characters, Latin terms, the lexicon, sandhi."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources


@cache
def front_end_version() -> str:
    """A digest of the reading front end (its code and data): part of the clip keys of the
    engines that use it, so a change in how text is read makes their clips again."""
    digest = hashlib.sha256()
    package = resources.files("renderer.reading")
    data = resources.files("renderer") / "data"
    for entry in sorted((e for e in package.iterdir() if e.name.endswith(".py")),
                        key=lambda e: e.name):
        digest.update(entry.read_bytes())
    for name in ("polyphone_weights.json", "latin_terms.yaml"):
        digest.update((data / name).read_bytes())
    return digest.hexdigest()[:12]
