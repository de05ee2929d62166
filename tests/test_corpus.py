"""The importer on real published transcripts (../shared/corpus): the checks score.py makes.

The corpus is third-party text and stays outside the repository; CI has it beside the clone.
Beyond score.py, every line the importer keeps must have its words in the script.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from renderer.importer import import_article
from renderer.script import dumps, loads

from .coverage import lost_lines
from .helpers import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
EXPECT = CORPUS / "expect.yaml"

# the same patterns as the corpus's score.py
LEAKS = {
    "url": r"https?://|www\.\w",
    "markdown": r"\*\*|__|!\[|\]\(|^\s*#{1,6}\s|^\s*[-*]{3,}\s*$|\{:",
    "html": r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&[a-zA-Z]{2,8};|&#\d+;",
    "timestamp": r"\b\d{1,2}:\d{2}:\d{2}\b|\[\d{1,2}:\d{2}\]",
}
BAD_TITLE = r"[*_#\[\]()<>|=\\&]|https?:|\d{1,2}:\d{2}|^\W|^.{41,}$"

# Where expect.yaml is wrong, measured against the source itself. 06: the record has ten
# distinct speaker labels, not nine: SENATOR HASSELL-THOMPSON speaks once (line 1185; the
# manifest's regex [A-Z .] leaves out the hyphen). The check becomes the exact set of ten.
CORRECTIONS = {
    "06_en_txt_senate_floor_nysenate-2001-01-17.txt": {
        "max_speakers": 10,
        "exactly": ["Acting President Meier", "The Secretary", "Senator Skelos",
                    "Senator Dollinger", "Senator Volker", "Senator Paterson",
                    "Senator Stachowski", "Senator Montgomery", "Senator Ada Smith",
                    "Senator Hassell-Thompson"],
    },
}
# Words the script must say (read off the sources): a turn's later lines, an inline turn.
MUST_SAY = {
    "04_en_md_podcast_rustacean-station-rustfest.md":
        ["I will continue to misuse the word \"live\" until someone stops me."],
    "05_en_md_timestamps_btctranscripts-chaincode-addr-relay.md":
        ["Glad to get you back in the studio before you rush off to London."],
    "06_en_txt_senate_floor_nysenate-2001-01-17.txt": ["The Senate will come to order."],
    "01_zh_md_wechat_interview_cubox-miaoya.md":
        ["大家对产品保持关注，具体不太方便讲。"],
    "10_zh_txt_xiangsheng_inline_truncated_dirty1.txt": ["我叫岳云鹏，是一个小学生。"],
}


def _expectations() -> dict:
    if not EXPECT.exists():
        pytest.fail(f"the corpus is missing: {CORPUS} (it sits beside the clone, in ../shared)")
    return yaml.safe_load(EXPECT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported() -> dict:
    """Every corpus file imported once (about five seconds in all)."""
    return {name: import_article(CORPUS / name) for name in _expectations()}


def _matches(alias: str, name: str) -> bool:
    alias, name = alias.lower().strip(), name.lower().strip()
    return alias == name if len(alias) <= 2 else alias in name


@pytest.mark.parametrize("name", sorted(_expectations() if EXPECT.exists() else []))
def test_corpus_file_imports_right(name, imported):
    expect = {**_expectations()[name], **CORRECTIONS.get(name, {})}
    result = imported[name]
    script = result.script
    assert loads(dumps(script)) == script
    voices = {sid: s.name for sid, s in script.speakers.items() if s.role != "narrator"}
    names = list(voices.values())
    for alternatives in expect["speakers"]:
        assert any(_matches(str(a), n) for a in alternatives for n in names), (alternatives, names)
    assert len(voices) <= expect["max_speakers"], names
    if "exactly" in expect:
        assert sorted(names) == sorted(expect["exactly"])
    dialogue = [t for _, t in script.turns() if t.speaker in voices]
    assert 0.9 * expect["turns"] <= len(dialogue) <= 1.1 * expect["turns"], len(dialogue)

    spoken = "\n".join(turn.text for _, turn in script.turns())
    titles = [chapter.title for chapter in script.chapters]
    for kind, pattern in LEAKS.items():
        hits = re.findall(f"(?m){pattern}", spoken + "\n" + "\n".join(titles))
        assert not hits, (kind, hits[:5])
    for noise in expect.get("absent") or []:
        assert str(noise) not in spoken and not any(str(noise) in t for t in titles), noise
    assert all(t.strip() and not re.search(BAD_TITLE, t) for t in titles), titles
    assert len(set(titles)) == len(titles), titles
    for words in MUST_SAY.get(name, []):
        assert words in spoken, words


@pytest.mark.parametrize("name", sorted(_expectations() if EXPECT.exists() else []))
def test_corpus_file_loses_no_words(name, imported):
    assert lost_lines(CORPUS / name, imported[name]) == []


@pytest.mark.parametrize("name", sorted(n for n in (_expectations() if EXPECT.exists() else [])
                                        if not n.endswith(".html")))
def test_report_accounts_for_every_line(name, imported):
    """Every non-blank line of a text or Markdown source is spoken or in the report."""
    result = imported[name]
    data = Path(CORPUS / name).read_bytes()
    from renderer.importer.decode import decode_bytes, normalize_text

    lines = normalize_text(decode_bytes(data, name)).split("\n")
    nonblank = {n for n, line in enumerate(lines, start=1) if line.strip()}
    accounted = result.kept_lines | result.report.lines_with()
    missing = sorted(nonblank - accounted)
    assert not missing, [(n, lines[n - 1][:60]) for n in missing[:8]]
