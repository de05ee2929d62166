"""Two labels, one person — merged only on evidence; look-alikes kept apart and reported."""

from __future__ import annotations

from renderer.importer import import_article

from .helpers import ARTICLES, import_text, said_by_name


def _import(tmp_path, text: str, name: str = "a.txt"):
    return import_text(tmp_path, name, text)


def _speakers(result) -> list[str]:
    return [s.name for s in result.script.speakers.values() if s.role != "narrator"]


def _turn_speakers(result) -> list[str]:
    names = {sid: s.name for sid, s in result.script.speakers.items()}
    return [names[turn.speaker] for _, turn in result.script.turns()]


def _panel(rare: str, often: str, other: str = "Jordan", times: int = 8) -> str:
    lines = []
    for number in range(times):
        lines += [f"{other}: Question {number}, what do you think?",
                  f"{rare if number == 3 else often}: Answer {number}, I think so."]
    return "\n\n".join(lines) + "\n"


def test_two_letters_swapped_in_a_rare_label_is_a_typo(tmp_path):
    result = _import(tmp_path, _panel("Saifa", "Safia Abdalla"))
    assert _speakers(result) == ["Jordan", "Safia Abdalla"]
    doubts = [d for d in result.report.doubts if d.kind == "same-person"]
    assert [d.subject for d in doubts] == ["Saifa"]
    assert "swapped" in doubts[0].evidence[0]
    assert doubts[0].fix["op"] == "separate_speaker"


def test_one_letter_changed_in_a_long_rare_name_is_a_typo(tmp_path):
    result = _import(tmp_path, _panel("Margret", "Margaret"))
    assert _speakers(result) == ["Jordan", "Margaret"]


def test_one_letter_dropped_from_a_short_surname_beside_the_same_first_name_is_a_typo(
        tmp_path):
    result = _import(tmp_path, _panel("Dan More", "Dan Moore"))
    assert _speakers(result) == ["Jordan", "Dan Moore"]
    doubts = [d for d in result.report.doubts if d.kind == "same-person"]
    assert [d.subject for d in doubts] == ["Dan More"]


def test_short_names_one_letter_apart_are_two_people(tmp_path):
    result = _import(tmp_path, _panel("Mary", "Mark"))
    assert _speakers(result) == ["Jordan", "Mark", "Mary"]
    assert _turn_speakers(result)[7] == "Mary"


def test_a_name_the_others_say_is_no_typo(tmp_path):
    text = _panel("Margret", "Margaret").replace("Question 3,", "Question 3, Margret,")
    result = _import(tmp_path, text)
    assert "Margret" in _speakers(result)


def test_abbreviated_names_that_differ_are_different_people(tmp_path):
    lines = []
    for number in range(6):
        lines += [f"Senator: Question {number}?", f"Witness: Answer {number}."]
    lines += ["Senator M: A question from me.", "Witness: Yes.", "Senator R: And from me.",
              "Witness: Also yes.", "Senator M: Thank you."]
    result = _import(tmp_path, "\n\n".join(lines) + "\n")
    assert {"Senator M", "Senator R"} <= set(_speakers(result))


def test_a_chinese_name_with_a_same_sounding_character_in_another_stretch(tmp_path):
    first = ["主持人：请吕世旸先说。", "吕世旸：好的，我先讲第一部分。"] * 5
    second = ["主持人：请继续。", "吕士旸：第二部分是这样的。"] * 5
    result = _import(tmp_path, "\n\n".join(first + second) + "\n")
    assert len(_speakers(result)) == 2
    doubt = next(d for d in result.report.doubts if d.kind == "same-person")
    assert "旸" in doubt.subject or "世" in doubt.subject
    assert "same sound" in doubt.evidence[0]


def test_a_one_character_label_typed_as_another_of_its_sound_in_a_dialogue_of_two(tmp_path):
    # a crosstalk script whose 乙 is now and then typed 已 (both yǐ): each only ever answers 甲
    lines = []
    for number, second in enumerate(["乙", "已", "已", "乙", "已", "乙", "已", "已"]):
        lines += [f"甲：今天说第{number}段。", f"{second}：好，您说第{number}段吧。"]
    result = _import(tmp_path, "\n".join(lines) + "\n")
    assert _speakers(result) == ["甲", "乙"]  # the crosstalk role, not its slip
    assert _turn_speakers(result) == ["甲", "乙"] * 8
    doubt = next(d for d in result.report.doubts if d.kind == "same-person")
    assert doubt.subject == "已" and "yi3" in doubt.evidence[0]


def test_one_character_labels_of_one_sound_who_answer_each_other_are_two_people(tmp_path):
    # 张 and 章 (both zhāng) take turns with each other: two people, reported
    lines = []
    for number in range(4):
        lines += [f"主持人：第{number}个问题？", f"张：我先说{number}。", f"章：我补充{number}。",
                  f"张：同意{number}。"]
    result = _import(tmp_path, "\n".join(lines) + "\n")
    assert _speakers(result) == ["主持人", "张", "章"]
    doubt = next(d for d in result.report.doubts if d.kind == "maybe-same-person")
    assert "same sound" in doubt.evidence[0]


def test_another_surname_is_another_person(tmp_path):
    lines = []
    for number in range(4):
        lines += [f"主持人：问题{number}？", f"陈嘉豪：回答{number}。", f"林嘉豪：补充{number}。"]
    result = _import(tmp_path, "\n\n".join(lines) + "\n")
    assert _speakers(result) == ["主持人", "陈嘉豪", "林嘉豪"]
    doubt = next(d for d in result.report.doubts if d.kind == "maybe-same-person")
    assert doubt.fix["op"] == "merge_speakers"
    assert "surname" in doubt.evidence[0]


def test_an_initial_beside_a_name_is_reported_not_merged(tmp_path):
    lines = []
    for number in range(5):
        lines += [f"ANN: Question {number}?", f"MICHAEL: Answer {number}."]
    lines += ["ANN: One more?", "M: Sure.", "ANN: And another?", "M: Fine.",
              "ANN: Last one?", "M: Yes."]
    result = _import(tmp_path, "\n\n".join(lines) + "\n")
    assert _speakers(result) == ["Ann", "Michael", "M"]
    doubt = next(d for d in result.report.doubts if d.kind == "maybe-same-person")
    assert doubt.subject == "M" and "initial" in doubt.evidence[0]


def test_numbered_speakers_in_sequence_are_people_and_a_stray_number_is_a_typo(tmp_path):
    lines = []
    for number in range(6):
        lines += [f"1：问题{number}。", f"2：回答{number}。", f"3：补充{number}。"]
    lines.insert(5, "31：我也说一句。")
    result = _import(tmp_path, "\n\n".join(lines) + "\n")
    assert _speakers(result) == ["1", "2", "3"]
    assert _turn_speakers(result)[5] == "1"


def test_introduced_short_names_are_aliases(tmp_path):
    text = ("**田间（以下简称田）：这本书怎么写的？**\n\n**舛友雄大（以下简称舛）**：写了很久。\n\n"
            "**田：为什么？**\n\n**舛**：因为资料很多。\n\n**田：谢谢。**\n\n**舛**：不客气。\n")
    result = _import(tmp_path, text, "a.md")
    assert _speakers(result) == ["田间", "舛友雄大"]
    assert not [d for d in result.report.doubts if d.kind == "speaker"]


def test_a_role_naming_its_person_and_every_form_of_a_name_are_one_speaker():
    # `MODERATOR (Ellen Cho)` once, then `ELLEN CHO`, `Ellen Cho`, `Cho`: one person
    script = import_article(ARTICLES / "role_then_names_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert [s.name for s in script.speakers.values()] == [
        "Ellen Cho", "Director Ana Baptiste", "Mr. Henrik Lund"]
    assert said[0][0] == "ellen_cho" and said[0][1].startswith("Good evening.")
    assert [speaker for speaker, _ in said].count("ellen_cho") == 5
    assert len(said) == 11 and script.speakers["ellen_cho"].role == "host"


def test_a_numbered_question_s_member_and_her_title_and_surname_are_one_speaker(tmp_path):
    result = _import(tmp_path, (
        "Q1. [904512] Mrs Ana Vale (Westford) (Con): If he will list his engagements.\n\n"
        "The Minister: Meetings with colleagues this morning, and more later today.\n\n"
        "Mrs Vale: Will he visit the new school in Westford?\n\n"
        "The Minister: I would be glad to.\n\n"
        "Mr Vale: As her husband, I should say the invitation is mine too.\n\n"
        "The Minister: Then I accept both.\n"))
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said[0] == ("mrs_ana_vale", "If he will list his engagements.")
    assert said[2][0] == "mrs_ana_vale"  # `Mrs Vale` shortens `Mrs Ana Vale`
    assert said[4][0] != "mrs_ana_vale"  # `Mr Vale` is someone else: the titles differ


def test_a_name_without_the_title_it_had_before_is_the_same_person(tmp_path):
    result = _import(tmp_path, (
        "Sir Keir Starmer (Holborn and St Pancras) (Lab): Why are mortgages rising?\n\n"
        "The Prime Minister: We are taking action on mortgages.\n\n"
        "Keir Starmer: He does not get it, does he?\n\n"
        "The Prime Minister: I get it very well.\n\n"
        "Jane Starmer: And I am someone else.\n"))
    speakers = [turn.speaker for _, turn in result.script.turns()]
    assert speakers[0] == speakers[2] == "sir_keir_starmer"
    assert speakers[4] != "sir_keir_starmer"


def test_initials_are_the_person_the_opening_names_in_full():
    result = import_article(ARTICLES / "initials_introduced_en.txt")
    # `Today I'm talking with Priya Nair` names PN; JM is only ever `Jamie`: left as written
    assert _speakers(result) == ["JM", "Priya Nair"]
    assert _turn_speakers(result)[1:3] == ["JM", "Priya Nair"]


def test_a_surname_label_is_the_person_the_opening_names_in_full(tmp_path):
    # 王 and 李 are 王建国 and 李晓华 by the opening; `王老师` addresses him and names nobody
    # new; 赵 could be 赵明 or 赵亮, so it stays as written
    result = _import(tmp_path, (
        "本期嘉宾：同济大学教授王建国，作家李晓华，规划师赵明和赵亮。\n\n"
        "周：先请王老师说说。\n\n王：能不拆就不拆。\n\n李：我同意王老师。\n\n"
        "赵：修的成本太高了。\n\n周：王老师怎么看？\n\n王：成本要算长账。\n\n"
        "李：所以要居民参与。\n\n赵：资金是按年走的。\n"))
    assert _speakers(result) == ["周", "王建国", "李晓华", "赵"]


def test_a_surname_with_a_way_to_address_him_is_the_one_person_of_that_surname(tmp_path):
    # `李教授` and `张总` are 李国华 (a label) and 张建国 (named in the opening); `王老师` could
    # be 王明 or 王亮, so it stays as written
    result = _import(tmp_path, (
        "今天请到了宏达机械的创始人张建国，还有两位王老师：王明和王亮。\n\n"
        "记者：李教授您好。\n\n李国华：你好。\n\n记者：城市河流的问题是什么？\n\n"
        "李教授：我们把它当成了下水道。\n\n记者：张总怎么看？\n\n张总：要算长账。\n\n"
        "记者：王老师呢？\n\n王老师：资金是按年走的。\n\n记者：谢谢李教授。\n\n李教授：不客气。\n"))
    assert _speakers(result) == ["记者", "李国华", "张建国", "王老师"]
    assert _turn_speakers(result)[-1] == "李国华"


def test_a_surname_in_capitals_is_the_person_the_opening_names_in_full(tmp_path):
    # WEBB and BRANDT by the opening's `Marcus Webb` and `Helen Brandt`; `Jordan` is a
    # first name, not the surname of the `Michael Jordan` the opening mentions
    result = _import(tmp_path, (
        "Reporter Marcus Webb spoke with Helen Brandt and Jordan, a student who once met "
        "Michael Jordan.\n\nWEBB: Why do people distrust data?\n\n"
        "BRANDT: They never see it being made.\n\nJordan: I agree.\n\n"
        "WEBB: What would help?\n\nBRANDT: Open notebooks.\n\nJordan: And time.\n"))
    assert _speakers(result) == ["Marcus Webb", "Helen Brandt", "Jordan"]


def test_a_surname_that_is_a_given_name_too_is_the_person_the_opening_names(tmp_path):
    # gender-guesser knows `Chu` as a first name; the opening uses it only as a surname
    result = _import(tmp_path, (
        "Oral History Project\nInterviewee: Margaret Olsen\nInterviewer: David Chu\n\n"
        "CHU: Could you tell me where you were born?\n\n"
        "OLSEN: In a farmhouse outside Decorah, Iowa.\n\nCHU: What did your father farm?\n\n"
        "OLSEN: Corn and hogs, mostly.\n"))
    assert _speakers(result) == ["David Chu", "Margaret Olsen"]


def test_initials_two_names_of_the_opening_could_spell_stay_initials(tmp_path):
    result = _import(tmp_path, (
        "PN (00:00:03): Welcome. With me are Priya Nair and Paul Newton.\n\n"
        "KO (00:00:09): Thanks for having us.\n\n"
        "PN (00:00:12): Let's begin with the studio.\n\n"
        "KO (00:00:15): It started in a garage.\n"))
    assert _speakers(result) == ["PN", "KO"]


def test_a_typo_of_the_first_name_initials_stand_for_is_that_person(tmp_path):
    # `JD` is Jane Doe by the opening; `Jnae` misspells her first name, not a label's
    result = _import(tmp_path, (
        "Participants: Jane Doe (JD), host; Mark Lee (ML), guest.\n\n"
        "JD: Welcome back. Today I'm talking with Mark Lee.\n\nML: Thanks for having me.\n\n"
        "JD: Why is maintenance so unloved?\n\nML: Nobody gets promoted for it.\n\n"
        "JD: How do you change that?\n\nML: You measure it.\n\n"
        "Jnae: We're nearly out of time. Any last words?\n\nML: Fix one small thing.\n"))
    assert _speakers(result) == ["Jane Doe", "Mark Lee"]
    assert _turn_speakers(result)[-2:] == ["Jane Doe", "Mark Lee"]
    doubts = [d for d in result.report.doubts if d.kind == "same-person"]
    assert [d.subject for d in doubts] == ["Jnae"] and "swapped" in " ".join(doubts[0].evidence)


def test_initials_of_a_name_that_also_has_a_typo_form_are_that_person(tmp_path):
    # `Danial Brooks` misspells Daniel Brooks; once it is merged, `DB` shortens one full
    # name only
    result = _import(tmp_path, (
        "Daniel Brooks: Margaret, thank you for sitting down with us.\n\n"
        "Margaret Ellison: My pleasure.\n\nDaniel Brooks: How many years did you keep it?\n\n"
        "Margaret Ellison: Twenty-six years.\n\nDanial Brooks: And after he passed?\n\n"
        "Margaret Ellison: I stayed on.\n\nDB: What was the hardest winter?\n\n"
        "ME: 1978. The ice came right up to the door.\n\nDaniel Brooks: Do you miss it?\n\n"
        "Margaret Ellison: Every single night.\n"))
    assert _speakers(result) == ["Daniel Brooks", "Margaret Ellison"]
    assert _turn_speakers(result) == ["Daniel Brooks", "Margaret Ellison"] * 5


def test_a_headline_that_names_the_guest_is_not_the_guest_s_full_name(tmp_path):
    # `对话王明：…` heads the page; 王明 is not short for 对话王明 (对话 is no surname)
    lines = ["对话王明：AI会取代翻译吗"]
    for number in range(3):
        lines += [f"主持人：问题{number}？", f"王明：回答{number}。"]
    result = _import(tmp_path, "\n\n".join(lines) + "\n")
    assert _speakers(result) == ["主持人", "王明"]
    assert result.script.title == "对话王明：AI会取代翻译吗"
    assert _turn_speakers(result) == ["主持人", "王明"] * 3


def test_a_name_with_and_without_its_article_is_one_speaker(tmp_path):
    result = import_text(tmp_path, "pmqs.txt", (
        "The Prime Minister: This morning I had meetings with colleagues.\n\n"
        "Sarah Green: When will the Government help the families waiting for repairs?\n\n"
        "Prime Minister: We have committed record funding to flood defences.\n\n"
        "Sarah Green: That is not enough.\n\n"
        "The Prime Minister: I will ensure the Minister meets her.\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "The Prime Minister", "Sarah Green", "The Prime Minister", "Sarah Green",
        "The Prime Minister"]


def test_every_form_of_address_is_one_or_two_characters():
    # addressed_surname looks at a name's last one or two characters only
    from renderer.importer.names import ADDRESS_FORMS

    assert all(1 <= len(form) <= 2 for form in ADDRESS_FORMS)
