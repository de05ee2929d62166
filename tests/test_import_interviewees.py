"""A Q/A interview's host and guest named by the page around it."""

from __future__ import annotations

import pytest

from renderer.importer.interviewees import interview_names

from .helpers import import_text, said_by_name


@pytest.mark.parametrize(("texts", "names"), [
    (["An interview with the potter Hana Mori"], (None, "Hana Mori")),
    (["A conversation with novelist Helen Marsh", "Interview by David Kim"],
     ("David Kim", "Helen Marsh")),
    (["Q&A with Sam Altman"], (None, "Sam Altman")),
    (["对话李想：我们为什么重新做一家咖啡馆"], (None, "李想")),
    (["专访｜张婷"], (None, "张婷")),
    (["Interviewee: Margaret Olsen", "Interviewer: David Chu"], ("David Chu", "Margaret Olsen")),
    (["Narrator: Sam Okoye (b. 1947)"], (None, "Sam Okoye")),
    (["受访者：王芳", "采访者：李明"], ("李明", "王芳")),
    # a title before the guest's name; the byline over a Q/A names who asks
    (["An interview with Dr. Helen Brandt", "By Marcus Webb, Science Desk"],
     ("Marcus Webb", "Helen Brandt")),
    # a key to the letters; an outlet or a reporter's title is no person
    (["（以下Q为界面新闻，A为赵明）"], (None, "赵明")),
    (["以下问为记者提问，答为王芳回答"], (None, "王芳")),
    (["(Q: Jane Doe; A: John Roe)"], ("Jane Doe", "John Roe")),
    (["（Q：陈立；A：赵明）"], ("陈立", "赵明")),
    (["Q is for the questions and A for the answers"], (None, None)),
    # no person named, or the name not set apart: Host and Guest stay
    (["A chat with The Kiln Project"], (None, None)),
    (["We talked with Anna about it"], (None, None)),
    (["专访张婷谈新书"], (None, None)),
    (["对话：人工智能的未来"], (None, None)),
    (["Interviewer: the editors"], (None, None)),
    (["By the way, this was edited."], (None, None)),
    # the one person the intro names besides the byline's writer, opening a sentence
    (["The farmer who plants for the next century", "By Helen Ward, Staff Writer",
      "Ruth Okafor has planted oaks for forty years. We talked about patience."],
     ("Helen Ward", "Ruth Okafor")),
    (["Ruth Okafor and Tom Reyes have farmed here for forty years."], (None, None)),
    (["The farm grew after Ruth Okafor bought the hill."], (None, None)),
])
def test_the_phrase_that_introduces_an_interview_names_its_people(texts, names):
    assert interview_names(texts) == names


def test_a_q_and_a_interview_s_speakers_are_the_people_its_title_and_byline_name(tmp_path):
    result = import_text(tmp_path, "qa.txt", (
        "A conversation with novelist Helen Marsh\n\nInterview by David Kim\n\n"
        "Helen Marsh's new novel follows three sisters through a flood year.\n\n"
        "Q. Why a flood?\n\nA. Because water forgets nothing.\n\n"
        "Q. Did you grow up there?\n\nA. Ten miles away, on higher ground.\n\n"
        "Q. What comes next?\n\nA. A book about fire, I think.\n"))
    speakers = result.script.speakers
    assert [(sid, s.name) for sid, s in speakers.items()] == [
        ("narrator", "Narrator"), ("q", "David Kim"), ("a", "Helen Marsh")]
    assert speakers["a"].voice.startswith("en-female")  # Helen: a voice of her gender


def test_a_note_in_italics_and_the_tags_under_a_bold_question_interview_are_not_said(
        tmp_path):
    result = import_text(tmp_path, "okafor.md", (
        "# A conversation with Ruth Okafor\n\nBy Tom Reyes\n\n"
        "**Your new novel took six years. Why so long?**\n\nI threw away the first draft.\n\n"
        "**That must have been hard.**\n\nIt was a relief.\n\n"
        "**You still write every morning?**\n\nYes, from six.\n\n"
        "**Is there a book you'll never write?**\n\nA memoir.\n\n"
        "*Ruth Okafor's \"The Salt Road\" is published by Harbour Press on December 4.*\n\n"
        "Topics: Books · Fiction · Interviews\n"))
    said = said_by_name(result)
    assert said[-1] == ("Ruth Okafor", "A memoir.")
    assert [d.subject for d in result.report.doubts if d.kind == "dropped-block"] == [
        "Ruth Okafor's \"The Salt Road\" is published by Harbour Press on December 4."]
    assert result.report.counts()[("dropped", "chrome")] == 1  # the topics line


def test_an_interview_whose_page_names_nobody_keeps_host_and_guest(tmp_path):
    result = import_text(tmp_path, "qa.txt", (
        "Notes from the fens\n\nQ. Why a flood?\n\nA. Because water forgets nothing.\n\n"
        "Q. Did you grow up there?\n\nA. Ten miles away.\n\nQ. What next?\n\nA. Fire.\n"))
    assert [s.name for s in result.script.speakers.values()] == ["Host", "Guest"]


@pytest.mark.parametrize(("header", "qa", "said"), [
    ("Oral History Project\nInterviewee: Margaret Olsen\nInterviewer: David Chu\n"
     "Date: June 4, 2009\n\n", ("Q", "A"),
     ["David Chu", "Margaret Olsen", "David Chu", "Margaret Olsen"]),
    ("口述历史\n受访者：王芳\n采访者：李明\n\n", ("问", "答"), ["李明", "王芳", "李明", "王芳"]),
])
def test_header_lines_that_name_who_asks_and_answers_are_not_turns_and_name_them(
        tmp_path, header, qa, said):
    q, a = qa
    result = import_text(tmp_path, "history.txt", header + (
        f"{q}: Where were you born?\n\n{a}: In Two Harbors, in 1931.\n\n"
        f"{q}: What did your father do?\n\n{a}: He worked on the ore docks.\n"))
    assert [name for name, _ in said_by_name(result)] == said


def test_a_key_to_the_letters_above_a_chinese_q_and_a_names_the_guest(tmp_path):
    result = import_text(tmp_path, "qa.txt", (
        "手机行业不会再有奇迹\n\n（以下Q为界面新闻，A为赵明）\n\n"
        "Q：今年手机市场回暖，你怎么看？\n\nA：回暖是有的，但不是全面回暖。\n\n"
        "Q：折叠屏是不是下一个增长点？\n\nA：折叠屏是一个，但不是唯一的。\n"))
    assert [name for name, _ in said_by_name(result)] == ["主持人", "赵明", "主持人", "赵明"]


@pytest.mark.parametrize("key", [
    "Interviewer: I   Participant: P7", "Interviewer = I; Participant = P7",
    "I = Interviewer, P7 = Participant", "Key: Interviewer (I), Participant (P7)",
    "Speakers: I – interviewer; P7 – participant"])
def test_a_key_to_a_research_interview_s_codes_names_them_and_is_not_said(tmp_path, key):
    result = import_text(tmp_path, "p07.txt", (
        f"Interview transcript – Participant 07\nDate: 14/05/2023\n{key}\n\n"
        "I: Could you tell me about your job?\nP7: I'm a data analyst.\n"
        "I: How did remote work change your day?\nP7: No commute, but the days blur.\n"
        "I: Thank you.\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "Interviewer", "Participant", "Interviewer", "Participant", "Interviewer"]
    assert result.script.speakers["i"].role == "host"
    assert ("dropped", "participants") in result.report.counts()


def test_a_first_turn_that_calls_the_other_by_name_is_said(tmp_path):
    result = import_text(tmp_path, "call.txt", (
        "Ann: Ben\n\nBen: Yes?\n\nAnn: Dinner is ready.\n\nBen: Coming.\n"))
    assert said_by_name(result) == [("Ann", "Ben"), ("Ben", "Yes?"),
                                    ("Ann", "Dinner is ready."), ("Ben", "Coming.")]


def test_a_talk_s_q_and_a_is_answered_by_the_one_speaker_its_front_matter_lists(tmp_path):
    result = import_text(tmp_path, "talk.md", (
        "---\ntitle: Seed backups\nspeakers: ['Dana Fields']\n---\n\n"
        "Today I want to talk about seed backups and why splitting them is a bad idea.\n\n"
        "## Q&A\n\nQ: What about steel plates?\n\nA: Steel is fine, keep two.\n\n"
        "Q: And a passphrase?\n\nA: Back it up apart from the seed.\n"))
    assert [name for name, _ in said_by_name(result)][-2:] == ["Host", "Dana Fields"]


BRIEFING = (
    "2021年3月1日外交部发言人汪文斌主持例行记者会\n\n"
    "总台央视记者：中方对此有何评论？\n\n汪文斌：我们注意到有关报道。\n\n"
    "法新社记者：中方会否反制？\n\n汪文斌：中方将采取一切必要措施。\n\n"
    "问：王毅外长此访有哪些安排？\n\n答：访问期间，他将举行会谈。\n\n"
    "彭博社记者：你能否介绍会谈的议题？\n\n汪文斌：双方将交换意见。\n")


def test_the_answers_of_a_briefing_are_the_spokesperson_s_its_title_names(tmp_path):
    said = said_by_name(import_text(tmp_path, "briefing.txt", BRIEFING))
    assert [who for who, _ in said if who not in ("总台央视记者", "法新社记者", "问", "彭博社记者")
            ] == ["汪文斌"] * 4
    assert ("汪文斌", "访问期间，他将举行会谈。") in said


def test_answers_stay_apart_where_the_named_speaker_asks(tmp_path):
    # the title names 汪文斌, but here nobody asks him anything: `答` may be someone else
    text = BRIEFING
    for asked, stated in [("中方对此有何评论？", "我来自央视。"),
                          ("中方会否反制？", "我来自法新社。"),
                          ("你能否介绍会谈的议题？", "我来自彭博社。")]:
        text = text.replace(asked, stated)
    said = said_by_name(import_text(tmp_path, "briefing.txt", text))
    assert ("答", "访问期间，他将举行会谈。") in said
