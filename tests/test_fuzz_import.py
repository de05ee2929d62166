"""Fuzzing: any article gives a script or a clear error; any YAML gives a script or ScriptError."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from renderer.errors import ArticleError, ScriptError
from renderer.importer import import_article
from renderer.script.model import dumps, loads
from renderer.script.voices import VoiceLibrary

VOICES = VoiceLibrary.load()
NAMES = st.sampled_from(["朱民", "张亚勤", "Alice", "BOB", "主持人", "嘉宾", "Q", "A", "问", "答"])
LABEL_FORMS = st.sampled_from(["{n}:", "{n}：", "**{n}:**", "【{n}】", "{n} (00:01:23):",
                               "[00:01:23] {n}:", "{n}, HOST:"])
WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80
)
CHINESE = st.text(alphabet="我们今天讨论人工智能模型数据的。，？！（笑）【【微信】】 ,.?!",
                  max_size=60)


@st.composite
def articles(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["label", "label", "text", "noise", "blank"]))
        if kind == "label":
            form = draw(LABEL_FORMS).format(n=draw(NAMES))
            lines.append(form + draw(st.one_of(CHINESE, WORDS)))
        elif kind == "text":
            lines.append(draw(st.one_of(CHINESE, WORDS)))
        elif kind == "noise":
            lines.append(draw(st.sampled_from(["淘宝搜:【红包】", "编辑丨某某", "Home", "(完)",
                                               "a,b a,b a", "www.example.com"])))
        else:
            lines.append("")
    return "\n".join(lines)


FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(articles())
# labels over the same short line each time: once an IndexError (the line was removed)
@example(text="朱民:\n(完)\n\n朱民:\n朱民:\n(完)\n淘宝搜:【红包】\n朱民:\n朱民:\n朱民:\n"
              "朱民:\n\n张亚勤:\nAlice:?")
def test_importer_gives_a_script_or_a_clear_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        try:
            result = import_article(path, voices=VOICES)
        except ArticleError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            return
    script = result.script
    assert loads(dumps(script), voices=VOICES) == script
    for _, turn in script.turns():
        assert turn.text.strip()
        assert not re.search(r"【【[^【】\n]{0,12}】】", turn.text)


@FAST
@given(st.binary(max_size=2000))
def test_importer_on_arbitrary_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blob.txt"
        path.write_bytes(data)
        try:
            import_article(path, voices=VOICES)
        except ArticleError as error:
            assert "\n" not in str(error)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["format", "title", "language", "speakers", "chapters",
                                         "turns", "id", "speaker", "text", "name", "voice",
                                         "pauses", "turn_ms", "lexicon", "note", "x"]),
                        children, max_size=5),
    ),
    max_leaves=25,
)


@FAST
@given(TREES)
def test_loader_gives_a_script_or_a_script_error(tree):
    text = yaml.safe_dump(tree, allow_unicode=True)
    try:
        loads(text, "fuzz.yaml", VOICES)
    except ScriptError as error:
        assert str(error).startswith("fuzz.yaml") and "\n" not in str(error)


@FAST
@given(st.text(max_size=300))
def test_loader_on_arbitrary_text(text):
    try:
        loads(text, "fuzz.yaml", VOICES)
    except ScriptError as error:
        assert str(error).startswith("fuzz.yaml") and "\n" not in str(error)
