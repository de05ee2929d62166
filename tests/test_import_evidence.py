"""Each source of evidence about labels, measured on small articles of our own, and the
decision it moves: the importer weighs what a document gives, not the shape it has."""

from __future__ import annotations

import pytest

from renderer.importer import import_article
from renderer.importer.pipeline import speaker_candidates
from renderer.importer.sources import load_document
from renderer.importer.speaker_evidence import FEATURES
from renderer.importer.speaker_model import load_model


def _candidates(tmp_path, text: str, name: str = "a.txt") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.name: c.features for c in speaker_candidates(load_document(path), str(path))}


def _speakers(tmp_path, text: str, name: str = "a.txt") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    script = import_article(path).script
    return [s.name for s in script.speakers.values() if s.role != "narrator"]


DIALOGUE = ("Ann: Hello, Ben. How was the trip?\n\nBen: Long, but good.\n\n"
            "Ann: Where did you go first?\n\nBen: To the coast. It rained.\n\n"
            "Ann: And then?\n\nBen: Then we drove north for two days.\n\n")


def test_every_feature_is_a_number_in_range(tmp_path):
    features = _candidates(tmp_path, DIALOGUE)
    assert set(features) == {"Ann", "Ben"}
    for values in features.values():
        assert list(values) == list(FEATURES)
        assert all(0.0 <= v <= 1.5 for v in values.values()), values


def test_recurrence_and_alternation(tmp_path):
    features = _candidates(tmp_path, DIALOGUE + "Cleo: I was there too.\n")
    assert features["Ann"]["count"] > features["Cleo"]["count"]
    assert features["Cleo"]["single"] == 1.0 and features["Ann"]["single"] == 0.0
    assert features["Ann"]["top_two"] == features["Ben"]["top_two"] == 1.0
    assert features["Cleo"]["top_two"] == 0.0
    assert features["Ben"]["alternation"] == 1.0  # always answers someone else
    repeated = _candidates(tmp_path, "Ann: One.\n\nAnn: Two.\n\nBen: Three.\n\nAnn: Four.\n")
    assert repeated["Ann"]["alternation"] == pytest.approx((0.5 + 0 + 1) / 3)


def test_shape_shared_with_the_other_labels(tmp_path):
    text = ("**Ann:** Hello, Ben. How was it?\n\n**Ben:** Good, thanks.\n\n"
            "**Ann:** Tell me more.\n\n**Ben:** Another time.\n\n"
            "Budget: ten dollars a day.\n")
    features = _candidates(tmp_path, text, "a.md")
    # of the other labels, Ben's two are bold as Ann's are, Budget's one is not
    assert features["Ann"]["shape_share"] == pytest.approx(2 / 3)
    assert features["Ann"]["strong"] == 1.0
    assert features["Budget"]["shape_share"] == 0.0 and features["Budget"]["strong"] == 0.0
    assert features["Budget"]["odd_shape"] == 1.0  # every other label is bold
    assert _speakers(tmp_path, text, "a.md") == ["Ann", "Ben"]


def test_words_that_read_as_speech_follow_a_speaker(tmp_path):
    features = _candidates(tmp_path, DIALOGUE + "Agenda:\n\nAnn: Bye.\n")
    assert features["Ann"]["speech"] == 1.0
    assert features["Agenda"]["speech"] == 0.0 and features["Agenda"]["empty"] == 1.0
    short = _candidates(tmp_path, DIALOGUE + "Place: a small town\n")
    assert short["Place"]["speech"] == 0.5  # a phrase, not a sentence


EARNINGS_CALL = (
    "Northwind Traders (NASDAQ: NWTR)\nQ3 2026 Earnings Call\n\n"
    "Operator\n\nGood afternoon, and welcome to the call.\n\n"
    "Dana Kim -- Investor Relations\n\nThank you, operator. Robert will start.\n\n"
    "Robert Hale -- Chief Executive\n\nThanks, Dana. It was a strong quarter.\n\n"
    "Operator\n\nOur first question comes from Alex.\n\n"
    "Alex Brenner -- Analyst\n\nHow did wholesale do?\n\n"
    "Robert Hale -- Chief Executive\n\nVery well, Alex.\n\n"
    "Alex Brenner -- Analyst\n\nThanks.\n")


def test_a_company_over_the_title_is_no_speaker_and_an_office_names_no_one(tmp_path):
    # the company's name heads the call's title, every word capitalised: no speech; the
    # office after Dana Kim's name (`Investor Relations`) is not another person's name
    features = _candidates(tmp_path, EARNINGS_CALL)
    assert features["Northwind Traders"]["speech"] == 0.0
    assert features["Dana Kim"]["metadata"] == 0.0
    assert _speakers(tmp_path, EARNINGS_CALL) == [
        "Operator", "Dana Kim", "Robert Hale", "Alex Brenner"]


def test_a_label_where_the_words_of_a_name_alone_belong_is_those_words(tmp_path):
    text = ("陈雨：\n\n这座厂房是什么状态？\n\n林涛：\n\n屋顶漏水，墙面开裂。\n\n"
            "陈雨：\n\n接下来还有类似的项目吗？\n\n林涛：\n\n还有两个：一个是纺织厂，一个是仓库。\n\n"
            "陈雨：\n\n谢谢林老师。\n")
    features = _candidates(tmp_path, text)
    assert features["还有两个"]["announced"] == 1.0  # right under `林涛：`, which says nothing
    assert features["陈雨"]["announced"] == features["林涛"]["announced"] == 0.0
    assert _speakers(tmp_path, text) == ["陈雨", "林涛"]


def test_what_the_name_looks_like(tmp_path):
    text = (DIALOGUE + "Q: A question?\n\nDC: An answer.\n\nNote: the archive.\n\n"
            "MS. PSAKI: Good afternoon.\n\nActing President Pro Tempore: Order.\n\n"
            "Maria Lopez: Hello.\n")
    features = _candidates(tmp_path, text)
    assert features["Maria Lopez"]["person"] == 1.0
    assert features["MS. PSAKI"]["person"] == 1.0  # a title and a name
    assert features["Ann"]["person"] == 1.0  # a given name
    assert features["Ann"]["word"] == 0.0
    assert features["Q"]["role"] == 1.0 and features["Q"]["person"] == 0.0
    assert features["DC"]["code"] == 1.0
    assert features["Note"]["metadata"] == 1.0 and features["Note"]["person"] == 0.0
    assert features["Acting President Pro Tempore"]["long"] == 0.5  # four words
    assert features["Maria Lopez"]["long"] == 0.0


def test_a_day_heading_a_line_of_a_turn_is_no_speaker(tmp_path):
    text = (DIALOGUE + "Ben: The adjuster took his time.\n\n"
            "Monday: he came. Tuesday: he sent the forms.\n\nAnn: And then?\n\n"
            "Ben: Nothing for a month.\n")
    features = _candidates(tmp_path, text)
    assert features["Monday"]["metadata"] == 1.0
    assert _speakers(tmp_path, text) == ["Ann", "Ben"]


@pytest.mark.parametrize(("host", "guest", "steps"), [
    ("Ann", "Ben", ["First", "Second", "Finally"]),
    ("主持人", "李明", ["第一", "第二", "比如"]),
])
def test_the_steps_of_a_list_inside_a_turn_are_no_speakers_nor_doubts(tmp_path, host, guest,
                                                                      steps):
    lines = [f"{host}: What did you do after the storm?", f"{guest}: We made a list."]
    lines += [f"{step}: fix what the rain broke, step {n}." for n, step in enumerate(steps)]
    lines += [f"{host}: Did it work?", f"{guest}: It did.", f"{host}: Thanks.", f"{guest}: Bye."]
    path = tmp_path / "steps.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = import_article(path)
    assert [s.name for s in result.script.speakers.values()] == [host, guest]
    assert not [d for d in result.report.doubts if d.subject in steps]


def test_a_header_line_naming_a_speaker_is_metadata_not_a_turn(tmp_path):
    # `Interviewer: Claire Dubois` over turns labelled CLAIRE DUBOIS says who speaks; the
    # two roles one letter apart are not one misspelt; the title line's label comes once
    text = ("Oral History Project: Voices of the Harbour\n\n"
            "Interviewee: Samuel Okoro\nInterviewer: Claire Dubois\nDate: 14 March 2018\n\n"
            "CLAIRE DUBOIS: Thank you for speaking with me.\n\n"
            "SAMUEL OKORO: It is my pleasure.\n\nCLAIRE DUBOIS: When did you first sail?\n\n"
            "SAMUEL OKORO: At seven, with my father.\n")
    features = _candidates(tmp_path, text)
    assert features["Interviewer"]["metadata"] == features["Interviewee"]["metadata"] == 1.0
    assert features["CLAIRE DUBOIS"]["metadata"] == 0.0
    path = tmp_path / "oral.txt"
    path.write_text(text, encoding="utf-8")
    script = import_article(path).script
    assert [s.name for s in script.speakers.values()] == ["Claire Dubois", "Samuel Okoro"]
    assert script.title == "Oral History Project: Voices of the Harbour"
    assert next(t.text for _, t in script.turns()) == "Thank you for speaking with me."


def test_common_words_are_not_names(tmp_path):
    text = (DIALOGUE + "Oven: very hot, above two hundred degrees.\n\n"
            "Sagal: Welcome back.\n\nAnn: Bye.\n")
    features = _candidates(tmp_path, text)
    assert features["Oven"]["word"] == 1.0 and features["Oven"]["person"] == 0.0
    assert features["Sagal"]["word"] == 0.0 and features["Sagal"]["person"] == 0.5  # a surname?
    assert _speakers(tmp_path, text) == ["Ann", "Ben", "Sagal"]
    # plurals and pasts of common words in a phrase are words; one alone may be a surname
    inflected = _candidates(tmp_path, DIALOGUE + "Prepared Remarks: none today.\n\n"
                            "Banks: Welcome back.\n\nAnn: Bye.\n")
    assert inflected["Prepared Remarks"]["word"] == 1.0
    assert inflected["Banks"]["word"] == 0.0 and inflected["Banks"]["person"] == 0.5


def test_a_title_in_capitals_over_a_play_is_words_not_a_speaker(tmp_path):
    # the name lists know `The` as a given name; a label that opens with an article is a title
    text = ("THE LAST FERRY\n\nA radio play in one act.\n\n"
            "RUTH\nYou said the boat would wait for us.\n\nSAM\nI said it usually waits.\n\n"
            "RUTH\nThen how do we get home?\n\nSAM\nWe walk to the bridge.\n")
    features = _candidates(tmp_path, text)
    assert features["THE LAST FERRY"]["word"] == 1.0
    assert _speakers(tmp_path, text) == ["Ruth", "Sam"]
    assert import_article(tmp_path / "a.txt").script.title == "THE LAST FERRY"


def test_a_role_is_named_by_its_head_noun_not_by_a_list_of_labels(tmp_path):
    text = (DIALOGUE + "UNIDENTIFIED FEMALE: It was loud.\n\nAudience member: What now?\n\n"
            "Caller #3: Hi, long-time listener.\n\nBudget Office: the figures.\n\n"
            "现场观众：请问一个问题。\n\n高层住宅：一种时代产物\n")
    features = _candidates(tmp_path, text)
    for role in ("UNIDENTIFIED FEMALE", "Audience member", "Caller #3", "现场观众"):
        assert features[role]["role"] == 1.0, role
        assert features[role]["word"] == 0.0 and features[role]["phrase"] == 0.0, role
    for words in ("Budget Office", "高层住宅"):
        assert features[words]["role"] == 0.0 and features[words]["word"] == 1.0, words
    assert "Next question" not in _candidates(tmp_path, DIALOGUE + "Next question: why?\n")
    panel = ("Moderator: Welcome to the panel.\n\nAudience member: What about privacy?\n\n"
             "Alice Ng: Good question. We encrypt everything.\n\nNext question: how fast?\n\n"
             "Unidentified speaker: And the fees?\n\nAlice Ng: Low.\n\nModerator: Thanks.\n")
    assert _speakers(tmp_path, panel, "panel.txt") == [
        "Moderator", "Audience member", "Alice Ng", "Unidentified speaker"]


def test_chinese_names_and_words(tmp_path):
    text = ("李明：今天聊聊开源。你怎么看？\n\n王强：开源很重要。\n\n李明：为什么？\n\n"
            "王强：因为大家都能用。\n\n高层住宅：一种时代产物\n\n我要讲的是：第一点。\n")
    features = _candidates(tmp_path, text)
    assert features["李明"]["person"] == 1.0 and features["李明"]["word"] == 0.0
    assert features["高层住宅"]["word"] == 1.0  # dictionary words, not a name
    assert features["我要讲的是"]["phrase"] == 1.0  # a pronoun and particles: a sentence
    assert _speakers(tmp_path, text) == ["李明", "王强"]


def test_front_matter_and_the_text_name_people(tmp_path):
    text = ("---\nspeakers: [Grace Hopper, Alan Kay]\n---\n\n"
            "AK: Welcome, Grace. What was the first bug?\n\nGH: A moth, in a relay.\n\n"
            "AK: Really?\n\nGH: Really.\n")
    features = _candidates(tmp_path, text, "a.md")
    assert features["AK"]["known"] == 1.0  # the initials of a name the front matter gives
    assert features["GH"]["known"] == 1.0
    assert _speakers(tmp_path, text, "a.md") == ["Alan Kay", "Grace Hopper"]
    said = _candidates(tmp_path, DIALOGUE)
    assert said["Ben"]["mentioned"] == 1.0  # "Hello, Ben."
    assert said["Ann"]["mentioned"] == 0.0


def test_where_in_the_document_the_labels_stand(tmp_path):
    text = "Title: A long trip\n\n" + DIALOGUE + "Ann: Thanks for listening.\n"
    features = _candidates(tmp_path, text)
    assert features["Title"]["inside"] == 0.0 and features["Title"]["spread"] == 0.0
    assert features["Ann"]["spread"] == pytest.approx(6 / 7)  # paragraphs 1 to 7 of 0–7
    assert features["Ben"]["inside"] == 1.0


def test_a_label_in_page_furniture_is_no_candidate(tmp_path):
    text = ("编辑丨王芳\n\n李明：今天聊聊开源。你怎么看？\n\n王强：开源很重要。\n\n"
            "李明：为什么？\n\n王强：因为大家都能用。\n\n排版：小李 / 审核：小王\n")
    features = _candidates(tmp_path, text)
    assert set(features) == {"李明", "王强"}


def test_the_model_weighs_the_evidence_in_one_step():
    model = load_model()
    assert set(model.weights) == set(FEATURES)
    speaker = dict.fromkeys(FEATURES, 0.0) | {"count": 1.0, "top_two": 1.0, "speech": 1.0,
                                               "shape_share": 1.0, "person": 1.0,
                                               "alternation": 1.0, "inside": 1.0,
                                               "spread": 0.9}
    metadata = speaker | {"metadata": 1.0, "person": 0.0, "top_two": 0.0, "count": 0.25,
                          "single": 1.0, "spread": 0.0}
    assert model.probability(speaker) > 0.9
    assert model.probability(metadata) < 0.5
    assert model.evidence(metadata)[0].startswith("metadata -")


def test_shipped_weights_are_the_fit_of_the_labelled_documents():
    """The weights in the package are what the fit gives on bench/import_truth.yaml."""
    from bench.import_general import CORPUS, fit_without, samples_by_document

    if not (CORPUS / "expect.yaml").exists():
        pytest.skip(f"no corpus at {CORPUS} (CI has it beside the clone)")
    fitted = fit_without(samples_by_document(), None)
    shipped = load_model()
    hint = "run: python -m bench.import_general --fit"
    assert fitted.bias == pytest.approx(shipped.bias, abs=0.01), hint
    for name in FEATURES:
        assert fitted.weights[name] == pytest.approx(shipped.weights[name], abs=0.01), hint


def test_jieba_tables_read_from_its_files_are_jiebas_own():
    # the importer reads jieba's word tags and IDF table from jieba's data files rather than
    # loading jieba's tagger (1.5 s); they must be what jieba itself would give
    import jieba.analyse
    import jieba.posseg

    from renderer.importer.names import _word_tags, dictionary_word, segment
    from renderer.importer.titles import _idf_table

    assert _word_tags() == jieba.posseg.dt.word_tag_tab
    frequencies, median = _idf_table()
    assert frequencies == jieba.analyse.default_tfidf.idf_freq
    assert median == jieba.analyse.default_tfidf.median_idf
    line = "张亚勤说朱民在北京工作，DALL-E和2-3个模型"
    assert segment(line) == jieba.lcut(line, HMM=False)
    assert dictionary_word("北京") and not dictionary_word("张亚勤")

