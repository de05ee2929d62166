"""Every word said right: polyphones in context, letters as letters, the lexicon on every
engine, and `podcast pronounce` to review it all."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from renderer.engines.espeak import espeak_inputs
from renderer.engines.kokoro_g2p import phonemes_many
from renderer.errors import ExitStatus
from renderer.reading import latin, sandhi
from renderer.reading.lexicon import Entry, respell, spoken_form

from .edge_server import EdgeServer, RunningServer
from .helpers import FIXTURES

SMALL = FIXTURES / "scripts" / "small_zh.yaml"

# sentence → {character position: dictionary reading (before sandhi)}
POLYPHONES = {
    "我去银行办事。": {3: "hang2"},
    "他是银行行长。": {3: "hang2", 4: "hang2", 5: "zhang3"},
    "他在街上行走。": {4: "xing2"},
    "这件事很重要。": {4: "zhong4"},
    "我明天去重庆。": {4: "chong2"},
    "孩子长大了。": {2: "zhang3", 4: "le5"},
    "这条路的长度是三公里。": {4: "chang2"},
    "你还是先走吧。": {1: "hai2"},
    "我下个月还钱。": {4: "huan2"},
    "我喜欢听音乐。": {5: "yue4"},
    "祝你生日快乐。": {5: "le4"},
    "我得到了一本书。": {1: "de2", 3: "le5"},
    "我明天得去一趟北京。": {3: "dei3"},
    "我了解你的意思。": {1: "liao3"},
    "好了，我们开始吧。": {1: "le5"},
}


def _pronounce_lines(cli, tmp_path, lines: list[str]) -> list[list[dict]]:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("pronounce", "--lines", path, "--json")
    assert result.code == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def _reading_at(tokens: list[dict], index: int) -> str:
    position = 0
    for token in tokens:
        if position <= index < position + len(token["text"]):
            return token["pinyin"][index - position]
        position += len(token["text"])
    raise AssertionError(f"no token at {index}")


def test_polyphones_are_read_in_context(cli, tmp_path):
    results = _pronounce_lines(cli, tmp_path, list(POLYPHONES))
    for (sentence, wanted), tokens in zip(POLYPHONES.items(), results, strict=True):
        for index, reading in wanted.items():
            assert _reading_at(tokens, index) == reading, (sentence, sentence[index])


def test_every_line_gives_tokens_that_join_to_it(cli, tmp_path):
    lines = ["2019年，AGI和ChatGPT改变了OpenAI。", "", "Hello, NASA and the IMF.", "绿色的效率。",
             "𦻂 and ⟦ odd marks ⟧", "  spaced  "]
    results = _pronounce_lines(cli, tmp_path, lines)
    assert len(results) == len(lines)
    for line, tokens in zip(lines, results, strict=True):
        assert "".join(t["text"] for t in tokens) == line
        for token in tokens:
            if "pinyin" in token:
                assert len(token["pinyin"]) == len(token["text"])
                assert all(p[-1] in "12345" for p in token["pinyin"])
                assert token["source"] in ("dictionary", "model", "lexicon", "rule")
    first = {t["text"]: t for t in results[0]}
    assert first["AGI"]["say"] == "A G I"
    assert first["ChatGPT"]["say"] == "Chat G P T"
    assert first["OpenAI"]["say"] == "Open A I"
    assert first["2019"]["say"] == "二零一九"
    assert _reading_at(results[3], 4) == "lu:4"  # ü as CC-CEDICT and the CPP data write it


@pytest.mark.parametrize(("word", "said"), [
    ("AI", "A I"), ("GPU", "G P U"), ("IMF", "I M F"), ("BAT", "B A T"), ("AGI", "A G I"),
    ("ChatGPT", "Chat G P T"), ("OpenAI", "Open A I"), ("macOS", "mac O S"),
    ("GPT4", "G P T 4"), ("5G", "5 G"), ("iPhone", "iPhone"), ("transformer", "transformer"),
    ("Python", "Python"), ("YouTube", "YouTube"), ("NASA", "NASA"), ("JSON", "Jason"),
])
def test_latin_terms_are_said_as_letters_or_words(word, said):
    assert latin.say(word)[0] == said


def test_the_lexicon_extends_the_term_table():
    assert latin.say("Kokoro", {"Kokoro": "Ko ko ro"}) == ("Ko ko ro", "lexicon")


def test_acronyms_in_english_sentences_are_letters_too():
    assert espeak_inputs(["The AGI beat the IMF at NASA."], "en-us") == [
        "The A-G-I beat the I-M-F at NASA."]


def test_a_sentence_written_in_capitals_is_words_not_letters(cli, tmp_path):
    # a TV caption or an old record in capitals: espeak-ng reads its words (and spells `FBI`)
    shouting = ["GOOD EVENING. WE BEGIN TONIGHT WITH THE STORM.", "THANK YOU."]
    assert espeak_inputs(shouting, "en-us") == shouting
    assert espeak_inputs(["我们用AI和GPU。"], "en-us") == ["我们用A-I和G-P-U。"]
    lines = tmp_path / "lines.txt"
    lines.write_text("GOOD EVENING, WE BEGIN.\nThe FBI is here.\n", encoding="utf-8")
    result = cli("pronounce", "--lines", str(lines), "--json")
    said = [[t.get("say") for t in json.loads(line) if "say" in t]
            for line in result.out.splitlines()]
    assert said == [["GOOD EVENING", "WE BEGIN"], ["The F B I is here"]]


def test_tone_sandhi_changes_what_is_said_not_the_dictionary_reading():
    assert sandhi.apply([["ni3", "hao3"]], ["你好"]) == [["ni2", "hao3"]]
    assert sandhi.apply([["bu4", "shi4"]], ["不是"]) == [["bu2", "shi4"]]
    assert sandhi.apply([["yi1", "tian1"], ["yi1", "ge4"]], ["一天", "一个"]) == [
        ["yi4", "tian1"], ["yi2", "ge4"]]
    assert sandhi.apply([["di4", "yi1"], ["shi2", "yi1"]], ["第一", "十一"]) == [
        ["di4", "yi1"], ["shi2", "yi1"]]
    assert sandhi.apply([["kan4", "yi1", "kan4"]], ["看一看"]) == [["kan4", "yi5", "kan4"]]


def test_each_lexicon_form_reaches_each_engine():
    lexicon = {"行长": Entry(pinyin="xing2 zhang3"), "ChatGPT": Entry(say="Chat G P T"),
               "Kokoro": Entry(ipa="kˈOkəɹO"), "AI": "人工智能"}
    text = "行长说，ChatGPT和AI都不如Kokoro。"
    # Kokoro: the reading and the phonemes are the entries'
    kokoro = phonemes_many([spoken_form(text, lexicon, "kokoro")])[0]
    default = phonemes_many([spoken_form(text, {}, "kokoro")])[0]
    assert kokoro.startswith("ɕi↗ŋꭧa↓ŋ") and default.startswith("xa↗ŋꭧa↓ŋ")
    assert "kˈOkəɹO" in kokoro and "ʧˈæt ʤˈi pˈi tˈi" in kokoro
    assert "ɻə↗nkʊ→ŋ" in kokoro  # 人工智能 is said in Chinese
    # espeak-ng: its Mandarin voice is given the pinyin
    espeak = espeak_inputs([spoken_form(text, lexicon, "espeak")], "cmn")[0]
    assert espeak.startswith("xing2 zhang3 shuo1") and "Chat G-P-T" in espeak
    assert "ren2 gong1 zhi4 neng2" in espeak and "Kokoro" in espeak  # ipa is Kokoro's
    # Edge takes no phonemes: a respelling, and the spoken forms
    edge = spoken_form(text, {**lexicon, "行长": Entry(pinyin="hang2 zhang3")}, "edge")
    assert edge == "杭长说，Chat G P T和人工智能都不如Kokoro。"
    limited = {"行长": Entry(pinyin="hang2 zhang3", engines=["kokoro"])}
    assert spoken_form(text, limited, "edge") == text


def test_a_respelling_uses_characters_with_that_reading_alone():
    assert respell("行长", ["hang2", "zhang3"]) == "杭长"  # 长's usual reading is zhang3
    assert respell("重庆", ["chong2", "qing4"]) == "虫庆"
    assert respell("还钱", ["huan2", "qian2"]) == "环钱"


@pytest.mark.slow
def test_the_edge_server_receives_the_respelling(cli, tmp_path, monkeypatch):
    script = tmp_path / "talk.yaml"
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["lexicon"] = {"AI": "A I", "行业": {"pinyin": "hang2 ye4"},
                       "重": {"pinyin": "chong2", "engines": ["kokoro"]}}
    script.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    server = EdgeServer()
    with RunningServer(server):
        monkeypatch.setenv("PODCAST_EDGE_URL", server.url)
        result = cli("render", script, "--engine", "edge", "-o", tmp_path / "out" / "t.mp3",
                     "--cache-dir", tmp_path / "cache", "--json")
    assert result.code == 0, result.err
    sent = "".join(request.text for request in server.requests)
    assert "软件杭业的基础设施" in sent and "行业" not in sent


@pytest.mark.slow
def test_an_entry_edit_respeaks_exactly_the_turns_it_touches(cli, tmp_path):
    script = tmp_path / "talk.yaml"
    shutil.copy(SMALL, script)

    def render() -> dict:
        result = cli("render", script, "--engine", "espeak", "-o", tmp_path / "out" / "t.mp3",
                     "--cache-dir", tmp_path / "cache", "--json")
        assert result.code == 0, result.err
        return json.loads(result.out)

    assert render()["synthesized"] == 7
    text = script.read_text(encoding="utf-8")
    touched = sum("开源" in line for line in text.splitlines() if "text:" in line)
    assert touched == 2
    for reading in ("kai1 yuan2", "kai1 yuan4"):  # an entry added, then changed
        script.write_text(text.replace("lexicon: {AI: A I}",
                                       f"lexicon: {{AI: A I, 开源: {{pinyin: {reading}}}}}"),
                          encoding="utf-8")
        assert render()["synthesized"] == touched
    assert render()["synthesized"] == 0


@pytest.mark.parametrize(("entry", "message"), [
    ("{pinyin: hang2}", "1 syllable(s) for 2 Chinese character(s)"),
    ("{pinyin: hang zhang3}", "'hang' is not pinyin with a tone digit 1–5"),
    ("{say: x, pinyin: hang2 zhang3}", "give exactly one of say, pinyin, ipa"),
    ("{sound: x}", "unknown field 'sound'"),
])
def test_a_bad_lexicon_entry_is_named_with_its_line(cli, tmp_path, entry, message):
    script = tmp_path / "talk.yaml"
    text = SMALL.read_text(encoding="utf-8")
    script.write_text(text.replace("lexicon: {AI: A I}", f"lexicon:\n  AI: A I\n  行长: {entry}"),
                      encoding="utf-8")
    result = cli("check", script)
    assert result.code == ExitStatus.SCRIPT, result.err
    line = next(n for n, row in enumerate(script.read_text().splitlines(), 1) if "行长" in row)
    assert f"talk.yaml:{line}: lexicon entry '行长': {message}" in result.err


def test_pronounce_a_script_as_json_and_the_doubtful_polyphones_first(cli, tmp_path):
    script = tmp_path / "talk.yaml"
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["lexicon"]["行业"] = {"pinyin": "hang2 ye4"}
    script.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = cli("pronounce", script, "--json")
    assert result.code == 0, result.err
    lines = [json.loads(line) for line in result.out.splitlines()]
    turns = {t.id: t.text for c in data["chapters"] for t in
             [type("T", (), turn) for turn in c["turns"]]}
    assert [line["turn"] for line in lines] == list(turns)
    for line in lines:
        assert "".join(t["text"] for t in line["tokens"]) == turns[line["turn"]]
    t03 = {t["text"]: t for t in lines[2]["tokens"]}
    assert t03["行业"] == {"text": "行业", "pinyin": ["hang2", "ye4"], "source": "lexicon",
                         "polyphones": [{"index": 0, "pinyin": "hang2", "confidence": 1.0,
                                         "source": "lexicon", "alternatives": []}]}
    one = cli("pronounce", script, "--turn", "t06")
    assert one.code == 0 and one.out.startswith("t06  嘉宾: AI[A I · lexicon]")
    ranked = cli("pronounce", script, "--polyphones", "--json")
    confidences = [json.loads(line)["confidence"] for line in ranked.out.splitlines()]
    assert confidences == sorted(confidences) and len(confidences) >= 5
    missing = cli("pronounce", script, "--turn", "t99")
    assert missing.code == ExitStatus.NOT_FOUND and "no turn t99" in missing.err


def test_chinese_is_written_without_spaces_between_sentences():
    from renderer.metadata.transcript import TurnTiming, build_cues

    turn = TurnTiming(start=0.0, end=30.0, speaker="主持人", chapter=0, sentences=[],
                      text="我们先谈谈开源。这一段很长，" + "写到第二行\n接着说完。" * 4)
    cues = build_cues([turn])
    assert cues and all(not re.search(r"[\u4e00-\u9fff，。] +[\u4e00-\u9fff]", c.text)
                        for c in cues)


_FIRST_READINGS_AT_ONCE = """
import threading
from renderer.reading.polyphones import tone3, usual_reading

barrier = threading.Barrier(8)
readings, failures = [], []

def first_reading(index):
    barrier.wait()
    try:
        readings.append(tone3("háng") if index % 2 else usual_reading("行"))
    except Exception as exc:
        failures.append(repr(exc))

threads = [threading.Thread(target=first_reading, args=(i,)) for i in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert not failures, failures[0]
print(" ".join(readings))
"""


@pytest.mark.parametrize("attempt", range(4))
def test_readings_looked_up_from_several_threads_the_first_time_are_found(attempt):
    # Kokoro reads two turns side by side: the first lookups of a process happen at once
    # (pypinyin imported from two threads could fail halfway, in about half the runs)
    done = subprocess.run([sys.executable, "-c", _FIRST_READINGS_AT_ONCE],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1:]
    assert sorted(set(done.stdout.split())) == ["hang2", "xing2"]
