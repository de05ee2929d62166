"""Copies and repetitions: a second rendition is dropped, a repeated formula is kept."""

from __future__ import annotations

import re

from renderer.importer import import_article
from renderer.script.model import MAX_TURN_CHARS, dumps, loads

SENTENCES = [
    "We started the company in a garage with two laptops and a borrowed printer",
    "Our first customer was a bakery that needed help with deliveries",
    "The hardest part was hiring people who believed in the idea",
    "We almost ran out of money twice in the first year",
    "A small grant from the city kept the lights on that winter",
    "Then a logistics firm asked us to route their trucks",
    "That contract changed everything about how we thought of the product",
    "We rewrote the routing engine from scratch in about three months",
    "Customers noticed the difference within a week of the release",
    "Now we employ forty people across three offices",
    "The next step is to bring the same tools to hospitals",
    "Hospitals move supplies around all day and nobody measures it",
]


def _transcript() -> tuple[str, list[str]]:
    lines, texts = [], []
    for index, sentence in enumerate(SENTENCES):
        question = f"Tell me about part {index + 1} of the story, what happened there?"
        answer = f"{sentence}. It was a lesson for all of us, honestly."
        lines += [f"HOST: {question}", f"GUEST: {answer}"]
        texts += [question, answer]
    return "\n\n".join(lines), texts


def _asr_copy(texts: list[str]) -> str:
    """The same show as a speech recognizer hears it: no labels, no capitals, slips."""
    words = " ".join(texts).lower()
    words = re.sub(r"[^\w\s']", "", words).replace("garage", "garbage").replace("grant", "grand")
    chunks = words.split(" ")
    return "\n\n".join(
        f"[{i // 60:02d}:{i % 60:02d}] " + " ".join(chunks[i:i + 45])
        for i in range(0, len(chunks), 45)
    )


def test_a_second_rendition_is_dropped_not_spoken(tmp_path):
    transcript, texts = _transcript()
    article = tmp_path / "show.txt"
    article.write_text(f"{transcript}\n\nAutomatic transcript\n\n{_asr_copy(texts)}\n",
                       encoding="utf-8")
    result = import_article(article)
    turns = [t.text for _, t in result.script.turns()]
    assert turns == texts
    renditions = [e for e in result.report.entries if e.kind == "rendition"]
    assert len(renditions) == 1 and "rendition" in renditions[0].reason


def test_a_rendition_before_the_labelled_transcript_is_the_one_dropped(tmp_path):
    transcript, texts = _transcript()
    article = tmp_path / "show.txt"
    article.write_text(f"{_asr_copy(texts)}\n\nEdited transcript\n\n{transcript}\n",
                       encoding="utf-8")
    result = import_article(article, _no_intro())
    assert [t.text for _, t in result.script.turns()] == texts


def test_a_cold_open_played_again_is_kept(tmp_path):
    transcript, texts = _transcript()
    clip = f"GUEST: {texts[13]}"
    article = tmp_path / "show.txt"
    article.write_text(f"{clip}\n\n{transcript}\n", encoding="utf-8")
    turns = [t.text for _, t in import_article(article).script.turns()]
    assert turns == [texts[13], *texts]


def test_a_cold_open_of_many_lines_leaves_the_dialogue_in_its_order(tmp_path):
    # each sentence on its own line under `NAME: time`, and the first lines a clip of the
    # talk played before the introduction: whatever of it counts as a copy, the turns after
    # the clip's second playing stay after the introduction, in their order
    clip = [f"{sentence}." for sentence in SENTENCES[4:8]]
    body = [f"{sentence}." for sentence in SENTENCES[:4]]
    lines = ["GUEST: 00:00:00", *clip, "",
             "HOST: 00:00:30", "Welcome to the show, today with the founder of a routing company.",
             "", "GUEST: 00:00:40", "Thanks for having me, it is good to be here.", "",
             "HOST: 00:00:45", "Let us start at the very beginning, in the garage.", "",
             "GUEST: 00:00:50", *body, *clip, "",
             "HOST: 00:05:00", "And what came after that contract?", "",
             "GUEST: 00:05:10", f"{SENTENCES[8]}.", f"{SENTENCES[9]}.", ""]
    article = tmp_path / "show.txt"
    article.write_text("\n".join(lines), encoding="utf-8")
    turns = [t.text for _, t in import_article(article).script.turns()]
    assert turns[1].startswith("Welcome to the show")
    assert turns[2].startswith("Thanks for having me")
    assert turns[4].startswith(SENTENCES[0])
    assert turns[-2] == "And what came after that contract?"
    assert turns[-1].startswith(SENTENCES[8])


def test_an_over_long_turn_is_split_at_sentence_ends(tmp_path):
    sentences = [f"This is sentence number {n} of a very long answer." for n in range(1, 900)]
    article = tmp_path / "long.txt"
    article.write_text("HOST: Go on?\n\nGUEST: " + " ".join(sentences) + "\n\nHOST: Thanks.\n"
                       "\nGUEST: Bye.\n", encoding="utf-8")
    result = import_article(article)
    script = result.script
    assert loads(dumps(script)) == script
    guest = [t.text for _, t in script.turns() if t.speaker == "guest"]
    assert len(guest) == 4  # the long answer became three turns, then "Bye."
    assert all(len(text) <= MAX_TURN_CHARS for text in guest)
    assert all(text.endswith("answer.") for text in guest[:3])
    assert " ".join(guest[:3]) == " ".join(sentences)
    assert any(e.kind == "long-turn" for e in result.report.entries)


def test_a_repeated_formula_is_not_a_copy(tmp_path):
    record = []
    for number, sponsor in enumerate(["Skelos", "Marcellino", "Alesi", "Volker"], start=1):
        record += [
            f"THE SECRETARY: Calendar Number {number}, by Senator {sponsor}, Senate Print "
            f"{number * 7}, an act to amend the tax law.",
            "ACTING PRESIDENT: Read the last section.",
            "THE SECRETARY: Section 2. This act shall take effect immediately.",
            "ACTING PRESIDENT: Call the roll.",
            "(The Secretary called the roll.)",
            "THE SECRETARY: Ayes, 45.",
            "ACTING PRESIDENT: The bill is passed.",
        ]
    article = tmp_path / "record.txt"
    article.write_text("\n\n".join(record) + "\n", encoding="utf-8")
    result = import_article(article)
    turns = [t.text for _, t in result.script.turns()]
    assert turns.count("Call the roll.") == 4
    assert turns.count("The bill is passed.") == 4
    assert not [e for e in result.report.entries if e.kind == "duplicate"]


def _no_intro():
    from renderer.importer import ImportOptions

    return ImportOptions(keep_intro=False)
