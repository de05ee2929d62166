"""Fuzzing each reader: any input gives a script or a one-line error, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.errors import ArticleError
from renderer.importer import import_article
from renderer.importer.readers.html import read_html, read_html_fragment
from renderer.importer.readers.markdown import read_markdown
from renderer.importer.readers.plain import read_plain
from renderer.importer.readers.subtitles import read_srt, read_vtt
from renderer.importer.readers.transcript_json import read_transcript_json
from renderer.script.model import dumps, loads
from renderer.script.voices import VoiceLibrary

VOICES = VoiceLibrary.load()
FAST = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                   max_size=300)
WORDS = st.text(alphabet="abcdefg ABC 我们今天讨论。，？！.,?!:：*_#[]()<>&;-\n", max_size=60)
NAMES = st.sampled_from(["Ann", "BEN", "主持人", "嘉宾", "Q", "1", "Speaker 2", "《刊》"])


@st.composite
def markdown(draw) -> str:
    pieces = []
    if draw(st.booleans()):
        pieces.append(draw(st.sampled_from(["---\ntitle: T\nspeakers: [Ann Lee]\n---",
                                            "---\n: [\n---", "+++\ntitle = 'x'\n+++"])))
    for _ in range(draw(st.integers(0, 14))):
        name, words = draw(NAMES), draw(WORDS)
        pieces.append(draw(st.sampled_from([
            f"**{name}:** {words}", f"__{name}__: {words}", f"**{name}：{words}**",
            f"## {words}", f"{words}\n{'=' * 5}", f"![img](http://x/{words})",
            f"[{words}](http://example.com)", f"* {words}\n{{:toc}}", "---", f"> {words}",
            f"```\n{words}\n```", f"    {words}", f"<div>{words}</div>", f"| a | {words} |",
            f"[{name}] [00:12] {words}", f"{name}: 00:00:19", words,
        ])))
    return "\n\n".join(pieces)


@st.composite
def html(draw) -> str:
    body = []
    for _ in range(draw(st.integers(0, 12))):
        name, words = draw(NAMES), draw(WORDS)
        body.append(draw(st.sampled_from([
            f"<p><strong>{name}:</strong> {words}</p>",
            f'<div class="comment"><span class="name">{name}</span>: {words}</div>',
            f"<h2>{words}</h2>", f"<p>{words}<br>{words}</p>", f"<script>{words}</script>",
            f'<p style="display:none">{words}</p>', f"<ul><li><a href='/'>{words}</a></li></ul>",
            f"<figure><img src=x><figcaption>{words}</figcaption></figure>", "<hr>",
            f"<p>{words}", f"</div>{words}", "&amp;&lt;&#12345;&bogus;",
        ])))
    head = draw(st.sampled_from(["<!DOCTYPE html><html><body>", "<html>", "", "<?xml?>"]))
    return head + "".join(body)


@st.composite
def subtitles(draw) -> str:
    vtt = draw(st.booleans())
    cues = ["WEBVTT", ""] if vtt else []
    for number in range(draw(st.integers(0, 8))):
        sep = "." if vtt else ","
        timing = draw(st.sampled_from([
            f"00:00:{number:02d}{sep}000 --> 00:00:{number + 1:02d}{sep}000",
            "00:00:xx --> 00:00:01", f"00:{number:02d}{sep}500 --> 00:{number:02d}{sep}900",
        ]))
        voice = f"<v {draw(NAMES)}>" if vtt and draw(st.booleans()) else ""
        cues += ([] if vtt else [str(number + 1)]) + [timing, voice + draw(WORDS), ""]
    return "\n".join(cues)


# what a JSON transcript export may hold: utterances in any of the shapes tools write, or not
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | NAMES | WORDS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "content", "speaker", "name", "segments", "transcript",
                         "title", "podcast", "episode", "start"]), inner, max_size=4),
    max_leaves=12)


@st.composite
def json_exports(draw) -> str:
    utterances = [{draw(st.sampled_from(["text", "content", "words"])): draw(WORDS),
                   draw(st.sampled_from(["speaker", "name", "who"])): draw(
                       NAMES | st.integers(0, 3) | st.fixed_dictionaries({"name": NAMES}))}
                  for _ in range(draw(st.integers(0, 6)))]
    data = draw(st.sampled_from([utterances, {"transcript": utterances},
                                 {"results": {"utterances": utterances}}]) | _JSON_VALUES)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from(
        [None, 2])))
    return text[:draw(st.integers(0, len(text)))] if draw(st.booleans()) else text


def _import(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            script = import_article(path, voices=VOICES).script
        except ArticleError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            return
    assert loads(dumps(script), voices=VOICES) == script
    assert all(turn.text.strip() for _, turn in script.turns())


@FAST
@given(markdown())
def test_markdown_import(text):
    _import(text, ".md")


@FAST
@given(html())
def test_html_import(text):
    _import(text, ".html")


@FAST
@given(subtitles())
def test_subtitle_import(text):
    _import(text, ".vtt" if text.startswith("WEBVTT") else ".srt")


@FAST
@given(json_exports())
def test_json_import(text):
    _import(text, ".json")


@FAST
@given(ANY_TEXT)
def test_readers_never_crash_on_any_text(text):
    for reader in (read_markdown, read_html, read_html_fragment, read_plain):
        document = reader(text)
        assert all(block.line >= 1 for block in document.blocks)
    for reader in (read_srt, read_vtt, read_transcript_json):
        try:
            reader(text, "fuzz")
        except ArticleError as error:
            assert str(error).startswith("fuzz:") and "\n" not in str(error)


def _word_document() -> bytes:
    import io

    import docx

    word = docx.Document()
    for name, words in [("Ann", "Hello, Ben."), ("Ben", "Hi, Ann.\nGood to see you."),
                        ("Ann", "How was it?"), ("Ben", "Long.")]:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{name}:").bold = True
        paragraph.add_run(f" {words}")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


WORD_DOCUMENT = _word_document()


@FAST
@given(st.lists(st.tuples(st.integers(0, len(WORD_DOCUMENT) - 1), st.integers(0, 255)),
                max_size=20), st.integers(0, len(WORD_DOCUMENT)))
def test_a_damaged_word_document_is_read_or_refused_in_one_line(flips, length):
    data = bytearray(WORD_DOCUMENT)
    for where, byte in flips:
        data[where] = byte
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "interview.docx"
        path.write_bytes(bytes(data[:length]))
        try:
            script = import_article(path, voices=VOICES).script
        except ArticleError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            return
    assert all(turn.text.strip() for _, turn in script.turns())
