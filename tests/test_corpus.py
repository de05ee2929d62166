"""The importer on real published transcripts (../shared/corpus): the checks score.py makes.

The corpus is third-party text and stays outside the repository: CI has it beside the clone
(../shared/corpus); elsewhere set $PODCAST_CORPUS, or these tests are skipped and say why.
Beyond score.py, every line the importer keeps must have its words in the script.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from renderer.importer import import_article
from renderer.script.model import dumps, loads

from .corpus_checks import problems
from .coverage import lost_lines
from .helpers import ROOT

CORPUS = Path(os.environ.get("PODCAST_CORPUS") or ROOT.parent / "shared" / "corpus")
EXPECT = CORPUS / "expect.yaml"

# Where expect.yaml is wrong, measured against the source itself. 06: the record has eleven
# distinct speaker labels, not ten: SENATOR HASSELL-THOMPSON speaks once (line 1185; the
# manifest's regex [A-Z .] leaves out the hyphen) and so does SENATOR DeFRANCISCO (line 1031,
# "I just want to mention that my "no" vote …", after the chair calls him to explain his
# vote; the regex leaves out the lower-case "e"). The check becomes the exact set of eleven.
CORRECTIONS = {
    "06_en_txt_senate_floor_nysenate-2001-01-17.txt": {
        "max_speakers": 11,
        "exactly": ["Acting President Meier", "The Secretary", "Senator Skelos",
                    "Senator Dollinger", "Senator Volker", "Senator Paterson",
                    "Senator Stachowski", "Senator Montgomery", "Senator Ada Smith",
                    "Senator Hassell-Thompson", "Senator DeFrancisco"],
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
        pytest.skip(f"no corpus at {CORPUS} (CI has it beside the clone; or set $PODCAST_CORPUS)")
    return yaml.safe_load(EXPECT.read_text(encoding="utf-8"))


# without the corpus, one test per kind is skipped and says where it should be
NAMES = sorted(yaml.safe_load(EXPECT.read_text(encoding="utf-8"))) if EXPECT.exists() else [
    "(corpus missing)"]


@pytest.fixture(scope="module")
def imported() -> dict:
    """Every corpus file imported once (about five seconds in all)."""
    return {name: import_article(CORPUS / name) for name in _expectations()}


@pytest.mark.parametrize("name", NAMES)
def test_corpus_file_imports_right(name, imported):
    expect = {**_expectations()[name], **CORRECTIONS.get(name, {})}
    result = imported[name]
    script = result.script
    assert loads(dumps(script)) == script
    assert problems(script, expect) == []
    if "exactly" in expect:
        names = [s.name for s in script.speakers.values() if s.role != "narrator"]
        assert sorted(names) == sorted(expect["exactly"])
    spoken = "\n".join(turn.text for _, turn in script.turns())
    for words in MUST_SAY.get(name, []):
        assert words in spoken, words


@pytest.mark.parametrize("name", NAMES)
def test_corpus_file_loses_no_words(name, imported):
    assert lost_lines(CORPUS / name, imported[name]) == []


@pytest.mark.parametrize("name", [n for n in NAMES if not n.endswith(".html")])
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
