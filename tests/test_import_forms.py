"""Every speaker-label form, encodings, and what the importer does with messy pages."""

from __future__ import annotations

import re

import pytest

from renderer.errors import ArticleError
from renderer.importer import ImportOptions, import_article
from renderer.script.voices import VoiceLibrary
from renderer.text import ends_sentence

from .helpers import ARTICLES, import_text, said_by_name

FORMS = {
    "colon_roles_zh.txt": (["主持人", "嘉宾"], 6),
    "bold_markdown_en.md": (["Alice", "Bob"], 6),
    "bracket_zh.txt": (["李雷", "韩梅梅"], 6),
    "timestamp_after_en.txt": (["Maria Lopez", "Dr. Chen"], 6),
    "timestamp_first_en.txt": (["Sam", "Priya"], 6),
    "uppercase_role_en.txt": (["John Smith", "Jane Doe"], 6),
    "qa_zh.txt": (["主持人", "嘉宾"], 6),
    "qa_en.txt": (["Host", "Guest"], 6),
    "three_speakers_zh.txt": (["王芳", "刘强", "陈静"], 7),
    "label_own_line_en.md": (["Host", "Guest"], 4),
    "name_time_lines_en.txt": (["Theo Marsh", "Mira Lane"], 7),  # its page note is not said
    "speaker_time_lines_en.txt": (["Speaker 1", "Speaker 2"], 6),
    "name_span_lines_en.txt": (["Maya Torres", "Sam Okoye"], 6),  # name, then `00:00:00 - …`
    "dash_labels_en.md": (["Narrator", "Interviewer", "Okafor"], 7),
    "accented_names_en.txt": (["Narrator", "Inés Gómez", "Søren Ødegård"], 7),
    "diarized_en.txt": (["Speaker_00", "Speaker_01"], 6),
    "zoom_export_en.txt": (["Priya Natarajan", "Tom Becker"], 5),
    "press_header_en.txt": (["Ms. Rowe", "Q"], 7),
    "oral_history_en.txt": (["Interviewer", "Ruth Calder"], 6),
    "bare_names_zh.txt": (["旁白", "周德明", "许晴"], 7),
    "bare_names_en.txt": (["Nadia Brooks", "Owen Price"], 5),
    "name_headings_en.md": (["Anna Berg", "Tomas Lind"], 6),
    "tab_columns_en.txt": (["Lena Vogt", "Kofi Mensah"], 6),
    "tab_columns_zh.txt": (["郑晓雯", "何永年"], 4),
    "xiangsheng_spaced_zh.txt": (["甲", "乙"], 10),
    "spaced_headings_zh.txt": (["主持人", "周远"], 6),
    "long_name_en.txt": (["Moderator", "Dr. John Paul Okafor Jr."], 5),
    "hearing_period_en.txt": (
        ["Narrator", "Mrs. Calloway", "Mr. Johnson of Georgia", "Mr. Whitcomb"], 10),
    "play_en.txt": (["Narrator", "Margaret", "Thomas"], 8),
    "chat_export_en.txt": (["Rosa Delgado", "Ken Adachi"], 5),
    "irc_log_en.txt": (["kmartin", "dgreen"], 6),
    "messenger_export_en.txt": (["Ines Moreau", "Felix Brandt"], 6),
    "play_verse_en.txt": (["Narrator", "Ashby", "Giles"], 6),
    "brackets_en.txt": (["Maya", "Leo"], 6),
    "fullwidth_qa_zh.txt": (["主持人", "嘉宾"], 6),
    "affiliation_bar_zh.md": (["张薇", "刘一鸣"], 6),
    "timed_headings_en.md": (["Anna Berg", "Tomas Lind"], 6),
    "timed_role_headings_en.md": (["Host", "Guest"], 4),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_label_form_gives_speakers_and_turns(name):
    speakers, turns = FORMS[name]
    script = import_article(ARTICLES / name).script
    assert [s.name for s in script.speakers.values()] == speakers
    assert script.turn_count() == turns
    voices = [s.voice for s in script.speakers.values()]
    assert len(set(voices)) == len(voices)
    for _, turn in script.turns():
        assert not turn.text.startswith(("**", "[", "(", ":", "："))
        assert "00:0" not in turn.text


def test_language_decides_the_voices():
    english = import_article(ARTICLES / "qa_en.txt").script
    chinese = import_article(ARTICLES / "qa_zh.txt").script
    assert english.language == "en-US"
    assert chinese.language == "zh-CN"
    assert all(s.voice.startswith("en-") for s in english.speakers.values())
    assert all(s.voice.startswith("zh-") for s in chinese.speakers.values())


def test_roles_come_from_labels():
    script = import_article(ARTICLES / "uppercase_role_en.txt").script
    assert [s.role for s in script.speakers.values()] == ["host", "guest"]
    script = import_article(ARTICLES / "three_speakers_zh.txt").script
    assert script.speakers["wang_fang"].role == "host"  # she asks the questions


def test_continuation_paragraphs_join_their_turn():
    script = import_article(ARTICLES / "bold_markdown_en.md").script
    turn = [t for _, t in script.turns()][3]
    assert turn.text == ("Manufacturing. Making thin ceramic layers at scale is hard.\n"
                         "It takes new factories, and those take years.")


def test_messy_english_page():
    result = import_article(ARTICLES / "messy_en.txt")
    script = result.script
    texts = [t.text for _, t in script.turns()]
    assert script.turn_count() == 8, "duplicated copy merged, extra turns of the copy kept"
    assert texts[1] == "They carry supplies around hospitals so nurses can stay with patients."
    notes = [t.note for _, t in script.turns()]
    assert notes[1] == "[laughter]" and notes[3] == "(laughs)"
    assert texts[-1] == "We are hiring engineers in and opening a second office."
    everything = "\n".join(texts)
    for noise in ("Subscribe", "Home", "Share", "The Daily Tech Site", "By Kim Lee", "REDACTED"):
        assert noise not in everything
    kinds = {e.kind for e in result.report.entries}
    assert {"ad", "chrome", "credit", "duplicate", "placeholder", "truncated"} <= kinds


def test_speakers_option_overrides_detection(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ann: Hi there. Shall we start with recipes?\nBen: Hello. Sure.\n"
                       "Bread: flour and water.\nAnn: And cake?\n"
                       "Bread: bake it.\nBen: Bye.\n", encoding="utf-8")
    auto = import_article(article).script
    assert [s.name for s in auto.speakers.values()] == ["Ann", "Ben", "Bread"]
    forced = import_article(article, ImportOptions(speakers=["Ann", "Ben"])).script
    assert [s.name for s in forced.speakers.values()] == ["Ann", "Ben"]
    assert forced.turn_count() == 4
    assert forced.chapters[0].turns[1].text == "Hello. Sure.\nBread: flour and water."
    assert forced.chapters[0].turns[2].text == "And cake?\nBread: bake it."


def test_pseudo_labels_are_not_speakers(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ann: Hi there. Shall we start with recipes?\nBen: Hello. Sure.\n"
                       "Example: bread needs flour.\nAnn: And cake?\n"
                       "Note: cake needs eggs.\nBen: Bye.\nBREAK: back after this.\n"
                       "Ann: We are back.\nBen: Good.\nExample: more flour.\n",
                       encoding="utf-8")
    script = import_article(article).script
    assert [s.name for s in script.speakers.values()] == ["Ann", "Ben"]
    assert script.chapters[0].turns[1].text == "Hello. Sure.\nExample: bread needs flour."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le",
                                      "utf-16-be"])
def test_decodes_common_encodings(tmp_path, encoding):
    text = (ARTICLES / "colon_roles_zh.txt").read_text(encoding="utf-8")
    article = tmp_path / f"{encoding}.txt"
    article.write_bytes(text.encode(encoding))
    script = import_article(article).script
    assert script.turn_count() == 6
    assert script.chapters[0].turns[0].text.startswith("欢迎来到节目")


@pytest.mark.parametrize(("encoding", "turns"), [
    ("big5", [("記者", "您是什麼時候開始種有機米的？"),
              ("陳阿土", "民國八十九年，大家都覺得我瘋了。"),
              ("記者", "第一年的收成怎麼樣？"), ("陳阿土", "只有以前的一半。")]),
    ("cp1252", [("Smith", "It’s a “good” day — isn’t it?"), ("Jones", "Yes, it’s café weather."),
                ("Smith", "Let’s go."), ("Jones", "Fine.")]),
])
def test_an_article_in_a_legacy_encoding_is_read_in_it(tmp_path, encoding, turns):
    # no byte-order mark and no declared charset: the encoding is found from the bytes
    label = "：" if encoding == "big5" else ": "
    article = tmp_path / f"{encoding}.txt"
    article.write_bytes("\n\n".join(f"{name}{label}{text}" for name, text in turns)
                        .encode(encoding))
    assert said_by_name(import_article(article)) == turns


def _misread(data: bytes, encoding: str) -> str:
    """Bytes read one at a time in `encoding`, as a browser does: a byte the code page leaves
    undefined (0x9D in Windows-1252) stands for the control character of its number."""
    return "".join(bytes([byte]).decode(encoding, errors="ignore") or chr(byte)
                   for byte in data)


@pytest.mark.parametrize("misread", ["cp1252", "latin-1"])
def test_utf8_once_read_in_the_wrong_encoding_is_repaired_and_reported(tmp_path, misread):
    # a page saved as UTF-8, read back as Windows-1252 (or Latin-1) and saved again:
    # `Itâ€™s`, `cafÃ©` — Latin-1's misreading leaves control characters in the text
    turns = [("Smith", "It’s a “good” day — isn’t it?"), ("Jones", "Yes, it’s café weather."),
             ("Smith", "Let’s go."), ("Jones", "Fine.")]
    text = "\n\n".join(f"{name}: {words}" for name, words in turns)
    article = tmp_path / "garbled.txt"
    article.write_text(_misread(text.encode("utf-8"), misread), encoding="utf-8")
    result = import_article(article)
    assert said_by_name(result) == turns
    assert [(e.line, e.action) for e in result.report.entries if e.kind == "encoding"] == [
        (1, "changed"), (3, "changed"), (5, "changed")]


def test_windows_line_endings_and_odd_spaces(tmp_path):
    article = tmp_path / "crlf.txt"
    article.write_bytes("A：\u3000你好。\r\n\r\nB： 你好\u00a0呀。\r\nA：再见。\r\nB：再见。\r\n"
                        .encode())
    script = import_article(article).script
    assert [t.text for _, t in script.turns()] == ["你好。", "你好 呀。", "再见。", "再见。"]


def test_voice_option_pins_a_voice():
    options = ImportOptions(voices={"李雷": "zh-male-guest", "韩梅梅": "zh-female-guest"})
    script = import_article(ARTICLES / "bracket_zh.txt", options).script
    assert script.speakers["li_lei"].voice == "zh-male-guest"
    assert script.speakers["han_meimei"].voice == "zh-female-guest"


def test_section_headings_become_chapters(tmp_path):
    article = tmp_path / "sections.txt"
    article.write_text(
        "一、开源的现状\n\n甲：开源现在发展得怎么样？\n\n乙：很好。\n\n"
        "二、商业模式\n\n甲：怎么赚钱？\n\n乙：靠服务。\n", encoding="utf-8")
    script = import_article(article).script
    assert [c.title for c in script.chapters] == ["一、开源的现状", "二、商业模式"]
    assert [len(c.turns) for c in script.chapters] == [2, 2]


def test_a_plain_heading_line_of_a_markdown_page_starts_a_chapter_and_is_not_said(tmp_path):
    exchanges = [("高层住宅的定义是什么？", "一般指十层以上的住宅。"),
                 ("为什么建得这么多？", "因为土地成本高，要快速解决住房问题。"),
                 ("住起来怎么样？", "电梯和消防的负担很重。"),
                 ("以后会怎样？", "维修资金会是个大问题。"),
                 ("有办法吗？", "要早做准备。"),
                 ("小区会衰败吗？", "有这个风险。")]
    turns = ["".join(f"**记者：**{asked}\n\n**尹稚：**{answer}\n\n") for asked, answer in exchanges]
    article = ("# 中国的高层住宅\n\n高层住宅：一种时代产物\n\n" + "".join(turns[:3])
               + "“贫民窟”小区不是无稽之谈\n\n" + "".join(turns[3:]))
    script = import_text(tmp_path, "sections.md", article).script
    titles = [c.title for c in script.chapters]
    assert titles == ["高层住宅：一种时代产物", "贫民窟小区不是无稽之谈"]
    assert [len(c.turns) for c in script.chapters] == [6, 6]
    assert not any("贫民窟" in turn.text for _, turn in script.turns())


def test_name_line_then_time_line_is_one_label():
    script = import_article(ARTICLES / "name_time_lines_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    # the note on the page's timestamps above it is not an intro
    assert said[0][0] == "theo_marsh" and "narrator" not in script.speakers
    assert said[2] == ("mira_lane", "At fourteen. My uncle let me take his dinghy across the "
                       "harbour and back, and I did not sleep that night.")
    assert all("Theo Marsh" not in text and "Mira Lane\n" not in text for _, text in said)


def test_timed_contents_before_the_dialogue_are_not_a_chapter_title():
    script = import_article(ARTICLES / "name_time_lines_en.txt").script
    assert [chapter.title for chapter in script.chapters] == ["Introduction", "Tides", "Maps"]
    assert all("9:48" not in turn.text for _, turn in script.turns())


def test_dash_after_a_bold_name_separates_label_and_words():
    script = import_article(ARTICLES / "dash_labels_en.md").script
    texts = [turn.text for _, turn in script.turns()]
    assert texts[-1] == "It opens in the autumn, a year late but within its budget."
    assert not any(text.startswith(("—", "–", "-")) for text in texts)


def test_accented_names_get_plain_ascii_ids():
    script = import_article(ARTICLES / "accented_names_en.txt").script
    assert list(script.speakers) == ["narrator", "ines_gomez", "soren_odegard"]


def test_a_clock_time_line_is_not_a_chapter_title():
    script = import_article(ARTICLES / "press_header_en.txt").script
    assert all("A.M." not in chapter.title for chapter in script.chapters)


def test_a_time_said_within_a_sentence_stays_and_an_exports_time_mark_goes(tmp_path):
    result = import_text(tmp_path, "times.txt", (
        "Alice: The race took 1:02:33 in the end, from 0:00:09.300 to the finish.\n\n"
        "Bob: The clip runs 0:00:10, 0:00:20 to 0:01:00. 00:14:30\nAnd no more.\n\n"
        "Alice: Really? 00:12:01 It started [inaudible 0:12:32] at 9:00. [00:12:05]\n"))
    assert said_by_name(result) == [
        ("Alice", "The race took 1:02:33 in the end, from 0:00:09.300 to the finish."),
        ("Bob", "The clip runs 0:00:10, 0:00:20 to 0:01:00. And no more."),
        ("Alice", "Really? It started at 9:00.")]


@pytest.mark.parametrize(("name", "speakers", "commented"), [
    ("comments_en.md", ["Ruth Okoye", "Alan Greer"], "What a lovely man"),
    ("comments_zh.md", ["记者", "孙师傅"], "音准到现在"),
])
def test_readers_comments_after_the_dialogue_are_not_speech(name, speakers, commented):
    script = import_article(ARTICLES / name).script
    assert [s.name for s in script.speakers.values()] == speakers
    texts = "\n".join(turn.text for _, turn in script.turns())
    assert commented not in texts and "Facebook" not in texts


def test_a_name_closed_by_a_full_stop_is_a_label_only_where_it_opens_a_paragraph():
    script = import_article(ARTICLES / "hearing_period_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    # `Yes.` opens a paragraph of the chair's; `Mr. Whitcomb, you…` and `Mr. President.` go
    # on with a sentence the line above left open
    assert said[1][0] == "mrs_calloway" and "\nYes. Three years ago" in said[1][1]
    assert said[3][1].endswith("Mr. Whitcomb, you are recognized for five minutes.")
    assert said[4][1].startswith("Thank you, Madam Chair, and thank you, Mr. President. If I")
    # the preamble's wrapped lines are one paragraph, read by the narrator
    assert said[0] == ("narrator", "The subcommittee met, pursuant to notice, at 10:00 a.m., "
                       "Hon. Ruth Calloway (chairwoman of the subcommittee) presiding.")


def test_an_office_before_a_surname_closed_by_a_full_stop_is_a_label(tmp_path):
    # as printed hearings write them: the surname alone is a common word (Brown, Young)
    result = import_text(tmp_path, "hearing.txt", (
        "[Senate Hearing 118-45]\n[From the U.S. Government Publishing Office]\n\n"
        "THE STATE OF THE ECONOMY\n\n"
        "    Chairman Brown. The Committee will come to order. Welcome back.\n"
        "    Mr. Lane. Thank you, Chairman Brown. I am glad to be here again.\n"
        "    Chairman Brown. Let me start with housing. What can be done?\n"
        "    Mr. Lane. Rents are coming down, more slowly than we would like.\n"
        "    Judge Young. Chairman Brown, may I add something about the courts?\n"
        "    Chairman Brown. Please do, Judge Young.\n"
        "    Judge Young. The backlog has doubled in two years.\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "Chairman Brown", "Mr. Lane", "Chairman Brown", "Mr. Lane", "Judge Young",
        "Chairman Brown", "Judge Young"]
    # notes in brackets above the headline are not the episode's title
    assert result.script.title == "THE STATE OF THE ECONOMY"


@pytest.mark.parametrize(("page", "title", "speakers"), [
    # a news page: a skip link and menu items above the headline
    (("Skip to main content\n\nSections\nHome\nNews\n\n"
      "Heat waves are getting longer. Cities are trying to keep up\n\n"
      "STEVE INSKEEP, HOST:\n\nMuch of the country is under a heat advisory. Hi, Julia.\n\n"
      "JULIA SIMON, BYLINE: Hi, Steve.\n\nINSKEEP: What are cities doing?\n\n"
      "SIMON: Some are planting trees.\n"),
     "Heat waves are getting longer. Cities are trying to keep up",
     ["Steve Inskeep", "Julia Simon", "Steve Inskeep", "Julia Simon"]),
    # as a podcast's transcript page copies: its tab title first, then links under a line
    # that leads into them
    (("Transcript for Ana Ruiz: Rivers, Bridges and the Cities Built Over Them | Field Notes "
      "Podcast #41\n\n"
      "Links we mention in the episode:\n\n"
      "Go back to this episode’s main page\n"
      "Watch the full YouTube version of the podcast\n\n"
      "Introduction\n\n"
      "Ben Ode\n(00:00:00) Welcome to Field Notes. My guest today is Ana Ruiz.\n\n"
      "Ana Ruiz\n(00:00:05) Thanks for having me, Ben.\n\n"
      "Ben Ode\n(00:00:08) Where do rivers and cities meet?\n\n"
      "Ana Ruiz\n(00:00:12) At every bridge, and under most streets.\n"),
     "Ana Ruiz: Rivers, Bridges and the Cities Built Over Them",
     ["Ben Ode", "Ana Ruiz", "Ben Ode", "Ana Ruiz"]),
], ids=["news-menu", "transcript-links"])
def test_a_pages_chrome_above_its_headline_is_not_its_title(tmp_path, page, title, speakers):
    result = import_text(tmp_path, "page.txt", page)
    assert result.script.title == title
    assert [name for name, _ in said_by_name(result)] == speakers


@pytest.mark.parametrize(("first_lines", "title", "intro"), [
    ("THE HARBOUR INTERVIEWS\nRecorded 14 August, transcribed by volunteers.",
     "THE HARBOUR INTERVIEWS", "Recorded 14 August, transcribed by volunteers."),
    # a sentence wrapped at a comma, or a long line wrapped at the margin, stays one
    ("Recorded at the harbour in August,\nwith the last of the old crews.", "page",
     "Recorded at the harbour in August, with the last of the old crews."),
])
def test_a_headline_set_straight_above_the_next_line_is_the_title(tmp_path, first_lines,
                                                                   title, intro):
    # the transcript is wrapped at the margin, so lines without a blank line between them
    # are read as one paragraph unless they read otherwise
    result = import_text(tmp_path, "page.txt", first_lines + (
        "\n\nPeter Walsh: My father worked the boats from 1946 until the harbour\n"
        "closed. I started with him when I was eleven, before school.\n\n"
        "Interviewer: What do you remember of the harbour then?\n\n"
        "Peter Walsh: Noise, mostly. Gulls, engines, men shouting prices across\n"
        "the water. You never got the smell out of your clothes.\n\n"
        "Interviewer: And then?\n"))
    assert result.script.title == title
    assert said_by_name(result)[0] == ("Narrator", intro)


def test_chapter_titles_of_a_traditional_chinese_text_are_written_in_its_script(tmp_path):
    # function words in Traditional characters (我們, 這個, 覺得) are no keywords either, and
    # two keywords are joined by 與, as the text writes `and`
    article = tmp_path / "tw.txt"
    article.write_text("".join(
        f"主持人：我們今天聊{topic}。你覺得這個{topic}怎麼樣？\n\n"
        f"唐鳳：我覺得{topic}很重要，這個{topic}我們一直在做，{topic}需要大家一起來。\n\n"
        for topic in ("開放政府", "社會企業", "數位身分證") for _ in range(3)), encoding="utf-8")
    titles = [chapter.title for chapter in import_article(
        article, ImportOptions(chapters=3)).script.chapters]
    assert not any("与" in title or "对话" in title for title in titles), titles
    assert not any(word in title for title in titles for word in ("我們", "這個", "覺得")), titles
    assert any("與" in title for title in titles), titles


def test_a_traditional_chinese_q_and_a_interview_has_a_host_and_a_guest(tmp_path):
    result = import_text(tmp_path, "qa.txt", (
        "問：為什麼選擇回台南開書店？\n\n答：台北的房租太高了。\n\n"
        "問：靠賣書能維持嗎？\n\n答：單靠賣書不行，我們也賣咖啡。\n"))
    assert [name for name, _ in said_by_name(result)] == ["主持人", "嘉賓", "主持人", "嘉賓"]
    assert [s.role for s in result.script.speakers.values()] == ["host", "guest"]


def test_a_screenplays_scene_headings_and_transitions_are_directions_not_speakers(tmp_path):
    result = import_text(tmp_path, "ferry.txt", (
        "                         DEV\n          Is this the last one tonight?\n\n"
        "                         OLIVE\n          Last one till Tuesday.\n\n"
        "INT. FERRY CABIN - CONTINUOUS\n\n"
        "                         DEV\n          The island. My grandmother lives there.\n\n"
        "                         OLIVE\n          Which one?\n\n"
        "                                                    FADE OUT.\n"))
    assert [name.lower() for name, _ in said_by_name(result)] == ["dev", "olive"] * 2
    spoken = " ".join(text for _, text in said_by_name(result))
    assert "FERRY CABIN" not in spoken and "FADE" not in spoken
    notes = " ".join(turn.note or "" for _, turn in result.script.turns())
    assert "INT. FERRY CABIN - CONTINUOUS" in notes


def test_a_reporter_named_by_a_long_outlet_is_a_speaker(tmp_path):
    result = import_text(tmp_path, "briefing.txt", (
        "　　中央广播电视总台央视记者：近日中方举办了多场活动。你能否介绍有关情况？\n"
        "　　汪文斌：今年是中俄建交75周年。\n"
        "　　法新社记者：中方对此有何回应？\n"
        "　　汪文斌：我们已多次表明立场。\n"
        "　　路透社记者：中方能否证实？\n"
        "　　汪文斌：目前我没有可以提供的信息。\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "中央广播电视总台央视记者", "汪文斌", "法新社记者", "汪文斌", "路透社记者", "汪文斌"]


@pytest.mark.parametrize("mark", ["▌ ", "● ", "■", "◆ "])
def test_a_mark_that_decorates_every_label_is_not_part_of_the_name(tmp_path, mark):
    turns = [("主持人", "您是哪一年开始学木工的？"), ("何永年", "1984年，我十六岁。"),
             ("主持人", "现在还用老办法吗？"), ("何永年", "榫卯还是老办法。")]
    result = import_text(tmp_path, "decorated.md",
                         "\n\n".join(f"{mark}{name}：{words}" for name, words in turns))
    assert said_by_name(result) == turns


def test_a_play_keeps_its_cast_list_and_stage_directions_out_of_the_words():
    script = import_article(ARTICLES / "play_en.txt").script
    said = [(turn.speaker, turn.text, turn.note) for _, turn in script.turns()]
    assert said[0][:2] == ("narrator", "SCENE: A landing stage on the river. Dusk.")
    assert said[4] == ("thomas", "In this wind?",
                       "(A gust rattles the lanterns.) (looking at the water)")
    assert all("HOLT" not in text and "END" not in text for _, text, _ in said)


def test_a_chat_logs_event_lines_are_not_messages():
    result = import_article(ARTICLES / "irc_log_en.txt")
    texts = [turn.text for _, turn in result.script.turns()]
    assert texts[-1] == "agreed, I'll post the review status on thursday"
    assert not any("Log" in text or "19:0" in text for text in texts)
    assert ("dropped", "chat-event") in result.report.counts()


def test_a_briefings_reporters_named_by_their_outlets_each_speak_and_keep_the_capitals(
        tmp_path):
    result = import_text(tmp_path, "briefing.txt", (
        "Mao Ning: Good afternoon. The floor is now open.\n\n"
        "AFP: Can you confirm the visit next week?\n\nMao Ning: We will say in due course.\n\n"
        "CCTV: Could you share the forum's arrangements?\n\n"
        "Mao Ning: Forty countries will attend.\n\nReuters: How do you view the region?\n\n"
        "Mao Ning: We hope all parties stay calm.\n\nAFP: Has the date been set?\n\n"
        "Mao Ning: Please stay tuned.\n"))
    assert [s.name for s in result.script.speakers.values()] == [
        "Mao Ning", "AFP", "CCTV", "Reuters"]  # not `Cctv`: no word is written without a vowel


def test_a_xiangsheng_titled_by_its_name_in_title_marks_has_that_name_as_title(tmp_path):
    result = import_text(tmp_path, "jiaozi.txt", (
        "《吃饺子》\n\n表演者：张三、李四\n\n逗：今天咱们说段相声。\n捧：说什么呀？\n"
        "逗：说说吃饺子。\n捧：饺子谁不会吃呀。\n逗：那可不一样。\n捧：您给讲讲。\n"))
    assert result.script.title == "吃饺子"
    assert [name for name, _ in said_by_name(result)] == ["逗", "捧"] * 3


def test_a_messenger_exports_notice_and_left_out_pictures_are_not_said():
    result = import_article(ARTICLES / "messenger_export_en.txt")
    texts = [turn.text for _, turn in result.script.turns()]
    assert texts[0] == "Are we still on for the allotment on Saturday?"
    assert "That's what it looks like now." in texts
    assert not any("encrypted" in text or "Media" in text or "18:0" in text for text in texts)
    assert {("dropped", "chat-event"), ("dropped", "image")} <= set(result.report.counts())


@pytest.mark.parametrize(("name", "voices"), [
    ("play_en.txt", {"margaret": "female", "thomas": "male"}),
    ("hearing_period_en.txt", {"mrs_calloway": "female", "mr_whitcomb": "male"}),
    ("chat_export_en.txt", {"rosa_delgado": "female", "ken_adachi": "male"}),
    ("affiliation_bar_zh.md", {"zhang_wei": "female"}),
    ("bare_names_zh.txt", {"xu_qing": "female"}),
])
def test_a_name_that_tells_a_gender_gets_a_voice_of_it(name, voices):
    script = import_article(ARTICLES / name).script
    library = VoiceLibrary.load()
    assert {sid: library.get(script.speakers[sid].voice).gender for sid in voices} == voices


def _genders(result) -> dict[str, str]:
    library = VoiceLibrary.load()
    return {speaker.name: library.get(speaker.voice).gender
            for sid, speaker in result.script.speakers.items() if sid != "narrator"}


def test_a_cast_list_above_a_skit_gives_each_part_a_voice_of_its_gender(tmp_path):
    # neither 老伴 (one's spouse) nor 小王 tells a gender; the list of parts does
    result = import_text(tmp_path, "skit.txt", (
        "小品《回家过年》\n\n人物：\n老王——男，六十岁\n老伴——女，五十八岁\n小王——老王之子\n\n"
        "老王：几点了？\n老伴：才七点。\n小王：爸，妈，我回来了！\n老王：哼，还知道回来。\n"
        "老伴：快坐下。\n小王：好嘞。\n"))
    assert _genders(result) == {"老王": "male", "老伴": "female", "小王": "male"}


def test_a_part_named_for_who_it_is_gets_a_voice_of_that_gender(tmp_path):
    result = import_text(tmp_path, "scene.txt", (
        "THE MOTHER: Where were you?\n\nOLD MAN: At the mill.\n\n"
        "THE MOTHER: All night?\n\nOLD MAN: All night.\n\n"
        "王大妈：吃了吗？\n\n张大爷：吃了。\n\n王大妈：好。\n\n张大爷：走了。\n"))
    assert _genders(result) == {"The Mother": "female", "Old Man": "male", "王大妈": "female",
                                "张大爷": "male"}


def test_a_surname_that_is_also_a_word_for_a_man_does_not_make_a_woman_a_man(tmp_path):
    result = import_text(tmp_path, "chat.txt", (
        "Carole King: Shall we start?\n\nTom Lord: Yes.\n\nCarole King: Good.\n\n"
        "Tom Lord: Go on.\n"))
    assert _genders(result) == {"Carole King": "female", "Tom Lord": "male"}


def test_two_women_and_a_narrator_all_get_voices_of_their_gender(tmp_path):
    result = import_text(tmp_path, "talk.txt", (
        "Recorded at the county fair.\n\nMargaret Hale: Shall we start?\n\n"
        "Susan Price: Yes, please.\n\nMargaret Hale: Good.\n\nSusan Price: Go on.\n"))
    speakers = result.script.speakers
    assert _genders(result) == {"Margaret Hale": "female", "Susan Price": "female"}
    assert len({speaker.voice for speaker in speakers.values()}) == len(speakers) == 3


def test_a_turn_that_opens_with_a_name_describes_nobody(tmp_path):
    # `小李：女儿说…` is 小李's words, not a cast list: words never set a voice
    def genders(first: str) -> dict[str, str]:
        return _genders(import_text(tmp_path, "chat.txt", (
            f"小李：{first}\n\n老周：替我问好。\n\n小李：好的。\n\n老周：谢谢。\n")))

    assert genders("女儿说你好。") == genders("她说你好。")


def test_an_episode_number_stays_in_the_title():
    script = import_article(ARTICLES / "timed_headings_en.md").script
    assert script.title == "Ep. 7 — Night Trains"


@pytest.mark.parametrize(("tab", "title"), [
    ("Ep 31 – The quiet web | Small Tech Radio", "Ep 31 – The quiet web"),
    ("Episode 5 | Tiny houses | Build Small", "Episode 5 | Tiny houses"),
    ("EP42｜离开大厂之后，我做了一个小产品", "EP42｜离开大厂之后，我做了一个小产品"),
    ("Transcript: Episode 12 – Soil", "Episode 12 – Soil"),
    # a bar straight after the number leads into the title; the next one into the site
    ("第128期 | 一位急诊科医生的夜班 | 深夜电台", "第128期 | 一位急诊科医生的夜班")])
def test_the_sites_name_after_a_numbered_episodes_title_is_not_in_it(tmp_path, tab, title):
    result = import_text(tmp_path, "episode.html", (
        f"<html><head><title>{tab}</title></head><body><p><b>Omar:</b> Welcome, Lena.</p>"
        "<p><b>Lena:</b> Thanks, Omar.</p><p><b>Omar:</b> Why a website?</p>"
        "<p><b>Lena:</b> Because it is yours.</p></body></html>"))
    assert result.script.title == title


def test_pull_quotes_and_a_credited_caption_are_not_said_again():
    result = import_article(ARTICLES / "pull_quotes_en.md")
    texts = [turn.text for _, turn in result.script.turns()]
    spoken = "\n".join(texts)
    assert spoken.count("I never wanted to be a chef") == 1
    assert spoken.count("Baking is chemistry with better smells") == 1
    assert "Photo: Lea Stone" not in spoken
    assert texts[6] == ("Twelve, now. The chemistry helps more than people think. Baking is "
                        "chemistry with better smells.")
    counts = result.report.counts()
    assert counts[("dropped", "pull-quote")] == 2 and counts[("dropped", "caption")] == 1


def test_a_name_and_a_full_stop_is_no_label_where_the_record_labels_with_colons():
    script = import_article(ARTICLES / "vocative_en.txt").script
    assert [s.name for s in script.speakers.values()] == [
        "Senator Brown", "Senator Green", "The President", "The Secretary"]
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert said[0] == ("senator_brown", "Thank you.\nMr. President. I rise to speak on the bill "
                       "before us, which would fund the repair of rural bridges.")
    assert said[4][1].endswith("\nMr. President. I ask that the report be printed in the record.")


def test_a_hard_wrapped_chinese_intro_is_one_narrator_turn():
    script = import_article(ARTICLES / "wrapped_intro_zh.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert said[0] == ("narrator", "今天我们来到城市的一栋高楼楼顶，这里有二十个蜂箱，"
                       "主人王建国已经在这里养了整整十年的蜜蜂，他说，城市里的蜜其实比乡下的更好。")


def test_a_speaker_named_once_by_role_is_a_speaker_of_their_own():
    script = import_article(ARTICLES / "tv_transcript_en.txt").script
    assert [s.name for s in script.speakers.values()] == [
        "Anderson Cooper", "Unidentified Male", "Sen. Mark Kelly"]
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert said[1] == ("anderson_cooper",
                       "The wind came first, then the water. By midnight, the pier was gone.")
    assert said[2] == ("unidentified_male", "I have lived here forty years. I have never seen "
                       "anything like it.")
    spoken = "\n".join(text for _, text in said)
    assert "CROSSTALK" not in spoken and "VIDEOTAPE" not in spoken and "RUSH" not in spoken
    briefing = import_article(ARTICLES / "briefing_roles_en.txt").script
    assert [s.name for s in briefing.speakers.values()] == [
        "Narrator", "Question", "Spokesman", "Correspondent"]
    asked = [turn.text for _, turn in briefing.turns() if turn.speaker == "correspondent"]
    assert asked == ["Stéphane, a different topic. The climate report that was due last week?"]


@pytest.mark.parametrize(("name", "people", "order"), [
    ("role_person_en.txt", {"host": "Dana Fields", "guest": "Luis Ortega",
                            "audience_member": "Audience Member"},
     "HGHGHGAGHG"),
    ("role_person_zh.md", {"host": "张婷", "li_guohua": "李国华"}, "HGHGHGHG"),
])
def test_the_person_named_beside_a_role_label_names_the_speaker(name, people, order):
    script = import_article(ARTICLES / name).script
    assert {sid: s.name for sid, s in script.speakers.items()} == people
    assert script.speakers["host"].role == "host"
    letter = {"host": "H", "guest": "G", "li_guohua": "G", "audience_member": "A"}
    assert "".join(letter[turn.speaker] for _, turn in script.turns()) == order


@pytest.mark.parametrize(("host", "guest", "names", "lines"), [
    ("主持人（李响，科技记者）：", "王敏（北京师范大学教授）：", ("李响", "王敏"),
     ["欢迎收听本期节目。", "谢谢邀请，很高兴来到这里。", "您觉得人工智能会取代老师吗？",
      "我不这么认为。老师的工作更重要的是陪伴和引导。"]),
    ("HOST (Dana Fields, County Radio): ", "GUEST (Luis Ortega, co-op manager): ",
     ("Dana Fields", "Luis Ortega"),
     ["Good afternoon and welcome to the show.", "Thanks, Dana. Glad to be here.",
      "Where are we today with broadband?", "About sixty percent of homes are connected."]),
])
def test_the_person_named_first_beside_a_role_and_what_they_do_names_the_speaker(
        tmp_path, host, guest, names, lines):
    text = "\n\n".join((host if i % 2 == 0 else guest) + line for i, line in enumerate(lines))
    said = said_by_name(import_text(tmp_path, "panel.txt", text))
    assert said == [(names[i % 2], line) for i, line in enumerate(lines)]


def test_a_chinese_news_page_title_loses_its_column_and_site():
    result = import_article(ARTICLES / "news_interview_zh.html")
    script = result.script
    assert script.title == "作家余华：写作就是和自己较劲"
    assert [s.name for s in script.speakers.values()] == ["旁白", "记者", "余华"]
    spoken = "\n".join(turn.text for _, turn in script.turns())
    for chrome in ("相关新闻", "版权所有", "责任编辑", "红包", "首页"):
        assert chrome not in spoken
    assert len(list(script.turns())) == 9


def test_an_interview_whose_dashed_turns_name_nobody_alternates_host_and_guest(tmp_path):
    result = import_article(ARTICLES / "dashed_interview_zh.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [speaker for speaker, _ in said] == ["host", "guest"] * 4
    assert said[0] == ("host", "您的新片拍了多久？")
    assert said[7][1].startswith("电影是时间的容器。")
    assert any("dashed turns" in warning for warning in result.report.warnings)
    english = tmp_path / "captions.txt"
    english.write_text(">> Where were you that night?\n\n>> At home, with my sister.\n\n"
                       ">> Did anyone see you?\n\n>> The neighbour did.\n\n"
                       ">> What time?\n\n>> Around nine.\n", encoding="utf-8")
    script = import_article(english).script
    turns = [(script.speakers[turn.speaker].name, turn.text) for _, turn in script.turns()]
    assert turns[:2] == [("Host", "Where were you that night?"),
                         ("Guest", "At home, with my sister.")]
    statements = tmp_path / "list.txt"  # dashes that mark no questions: no interview
    statements.write_text("Notes\n\n" + "".join(f"- point {n} of the plan.\n\n" for n in range(8)),
                          encoding="utf-8")
    with pytest.raises(ArticleError, match="no dialogue found"):
        import_article(statements)


def test_a_dash_instead_of_a_colon_and_a_span_of_time_before_a_name_are_labels():
    script = import_article(ARTICLES / "dash_names_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert [s.name for s in script.speakers.values()] == ["Narrator", "Marco", "Rosa"]
    assert said[1:3] == [("marco", "Rosa, thanks for coming in."),
                         ("rosa", "Thanks for having me, Marco.")]
    assert len(said) == 11
    meeting = import_article(ARTICLES / "time_span_en.txt").script
    assert [s.name for s in meeting.speakers.values()] == [
        "Chair Lopez", "Clerk Nguyen", "Mr. Grant", "Member Osei"]
    texts = [turn.text for _, turn in meeting.turns()]
    assert texts[1] == "All members are present." and len(texts) == 8
    assert not any(re.search(r"\d:\d\d", text) for text in texts)


def test_initials_the_introduction_gives_are_the_person_it_names():
    script = import_article(ARTICLES / "introduced_initials_zh.md").script
    assert [s.name for s in script.speakers.values()] == ["旁白", "陈一", "林志远", "王蕾"]
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert said[2] == ("lin_zhiyuan", "我觉得是评测。大家都说自己第一，但用的评测都不一样。")
    assert said[4] == ("wang_lei", "同意。另外还有数据的问题，很多开源模型其实不开源数据。")
    assert [speaker for speaker, _ in said].count("lin_zhiyuan") == 3
    english = import_article(ARTICLES / "introduced_initials_en.md").script
    assert [s.name for s in english.speakers.values()] == [
        "Narrator", "Jane Smith", "Omar Farouk"]
    assert [turn.speaker for _, turn in english.turns()][1:3] == ["jane_smith", "omar_farouk"]


def test_footnotes_are_neither_marks_in_the_words_nor_spoken_at_the_end():
    result = import_article(ARTICLES / "footnotes_en.md")
    texts = [turn.text for _, turn in result.script.turns()]
    assert texts[1] == ("Most adults need seven to nine hours. Some need a little less, very "
                        "few need much less.")
    spoken = "\n".join(texts)
    assert "[^" not in spoken and "Watson" not in spoken and "Further reading" not in spoken
    assert result.report.counts()[("dropped", "footnote")] == 2


def test_an_affiliation_printed_under_every_label_is_not_said():
    result = import_article(ARTICLES / "affiliation_lines_en.md")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said[1] == ("rachel_kim", "Thanks for coming, everyone. Let's start with the hard "
                       "question: can local papers survive?")
    assert said[4] == ("tom_alvarez", "Angry for a month. Then they got used to the app.")
    assert not any("Ledger" in text or "Coastline" in text for _, text in said)
    assert result.report.counts()[("dropped", "affiliation")] == 5


def test_a_questioner_named_in_brackets_after_q_is_the_speaker():
    script = import_article(ARTICLES / "named_questioners_en.txt").script
    assert [s.name for s in script.speakers.values()] == ["The Mayor", "Ana Ruiz", "Ben Ode"]
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert said[1] == ("ana_ruiz", "Mayor, how much did the lanes cost?")
    assert said[3] == ("ben_ode", "Will drivers be fined in the first week?")
    assert said[5] == ("ana_ruiz", "A follow-up: what about taxis?")


def test_numbered_questions_and_answers_are_q_and_a():
    script = import_article(ARTICLES / "numbered_qa_zh.md").script
    assert [s.name for s in script.speakers.values()] == ["主持人", "嘉宾"]
    texts = [turn.text for _, turn in script.turns()]
    assert texts[:2] == ["你是怎么开始做独立游戏的？",
                         "大学的时候做了一个小游戏放在网上，没想到有几万人玩，就决定毕业以后试试。"]
    assert len(texts) == 8 and not any(re.match(r"[QA]\d", text) for text in texts)


def test_two_people_addressed_alike_are_neither_merged_nor_doubted():
    result = import_article(ARTICLES / "address_titles_zh.txt")
    assert [s.name for s in result.script.speakers.values()] == ["王老师", "李老师"]
    assert result.report.doubts == []
    said = [turn.text for _, turn in result.script.turns()]
    assert said[3] == "记得！你把粉笔盒打翻了，全班都笑了。"


def test_chinese_timed_labels_and_a_sponsor_line_after_the_dialogue():
    result = import_article(ARTICLES / "timestamps_sponsor_zh.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == ["陈静", "王晓明"]
    assert said[1] == ("wang_xiaoming", "大家好，很高兴来到节目。")
    assert said[-1] == ("chen_jing", "好，谢谢晓明，我们下期再见。")
    assert len(said) == 11
    counts = result.report.counts()
    assert counts[("dropped", "timestamp")] == 11 and counts[("dropped", "ad")] == 1


def test_a_name_a_dot_and_a_time_over_the_words_is_a_label():
    script = import_article(ARTICLES / "dot_time_lines_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert [s.name for s in script.speakers.values()] == ["Lena Ortiz", "Sam Price"]
    assert said[1] == ("sam_price", "Thanks, Lena. Happy to be here.")
    assert len(said) == 6 and not any("0:" in text for _, text in said)


def test_contractions_make_no_chapter_title(tmp_path):
    article = tmp_path / "sync.txt"
    article.write_text("".join(
        f"Ravi: Let's start. Let's look at the {topic} first. Don't skip it.\n\n"
        f"Mia: The {topic} moved yesterday. Let's check it again.\n\n"
        for topic in ("billing service", "search index")), encoding="utf-8")
    script = import_article(article).script
    titles = [chapter.title for chapter in script.chapters]
    assert not any("'" in title or "Let" in title or "Don" in title for title in titles)


@pytest.mark.parametrize(("lines", "words", "joiner"), [
    # the keywords are counted without their plural `s`, but a title says them as written:
    # `Redis` and `Kubernetes` are no plurals, `iPhone` keeps its capital
    (("Ravi: Why did you pick {word} for this? {word} is everywhere now.",
      "Mia: Because {word} was what the team knew. We ran {word} for years."),
     ("Redis", "Kubernetes", "iPhone"), " and "),
    # Chinese chapter words are jieba's words: `C++` is one (its dictionary has it) and so is
    # `GPT4.0` (letters, digits and a decimal part), where a cut at every mark gives `C`, `GPT4`
    (("李明：说说{word}吧。{word}的生态这些年变化很大。",
      "王芳：{word}很重要，我每天都用{word}，{word}改变了我的工作。"),
     ("C++", "GPT4.0", "Rust"), "与"),
], ids=["en", "zh"])
def test_chapter_titles_write_a_word_as_the_text_does(tmp_path, lines, words, joiner):
    article = tmp_path / "terms.txt"
    article.write_text("".join(
        "".join(f"{line.format(word=word)}\n\n" for line in lines)
        for word in words for _ in range(4)), encoding="utf-8")
    script = import_article(article, ImportOptions(chapters=3)).script
    found = {word for chapter in script.chapters for word in chapter.title.split(joiner)}
    assert set(words) <= found, [chapter.title for chapter in script.chapters]


def test_a_media_name_of_letters_or_digits_and_chinese_is_a_label_and_the_h1_the_title():
    script = import_article(ARTICLES / "media_label_zh.md").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert script.title == "对话周琪：小店的账本比大公司的更难算"  # not the menu line above it
    assert [s.name for s in script.speakers.values()] == ["旁白", "晚点LatePost", "周琪"]
    assert said[1] == ("wan_dian_latepost", "为什么关掉一家店？")
    assert said[-1] == ("zhou_qi", "先把两家做好。开店容易，关店难。")
    assert len(said) == 9 and not any("扫码" in text or "授权" in text for _, text in said)


def test_a_chat_user_name_in_lower_case_over_a_time_is_a_label():
    script = import_article(ARTICLES / "chat_handles_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert [s.name for s in script.speakers.values()] == ["lena.k", "omar_b", "j-park"]
    assert said[3] == ("j_park", "That's fair. We ask for contacts before we've shown any value.")
    assert len(said) == 8 and not any("AM" in text for _, text in said)


def test_a_promotion_between_one_paragraph_turns_is_dropped_as_a_decision_to_check():
    result = import_article(ARTICLES / "promo_insert_en.md")
    said = [turn.text for _, turn in result.script.turns()]
    assert not any("Subscribe" in text for text in said)
    assert said[4].startswith("Completely.") and said[4].endswith("earlier in the season.")
    doubt = next(d for d in result.report.blocks if d.line == 15)
    assert doubt.dropped and "promotion" in doubt.reason


def test_a_turn_keeps_a_paragraph_naming_its_newsletter_and_doubts_one_with_two_such_words(
        tmp_path):
    article = tmp_path / "letters.md"
    article.write_text(
        "**Ana:** How did the project start?\n\n"
        "**Ben:** With a letter from a reader, three years ago.\n\n"
        "She had found a mistake in our maps and wrote to say so, very politely.\n\n"
        "**Ana:** And then?\n\n"
        "**Ben:** We wrote back and asked her to help.\n\n"
        "Now she writes half of our newsletter, and readers say hers is the best part.\n\n"
        "**Ana:** Do readers notice?\n\n**Ben:** They write to her, not to us.\n\n"
        "Every subscriber to the newsletter knows her name by now, I think.\n\n"
        "**Ana:** That is a good story.\n\n**Ben:** It is the best one we have.\n",
        encoding="utf-8")
    result = import_article(article)
    said = [turn.text for _, turn in result.script.turns()]
    assert any("half of our newsletter" in text for text in said)
    assert any(not d.dropped and "promotion" in d.reason for d in result.report.blocks)
    # two words of promotion in one sentence of speech: set aside, but not for sure
    assert not any("knows her name" in text for text in said)
    assert any(d.dropped and d.text.startswith("Every subscriber") for d in result.report.blocks)


def test_common_verbs_make_no_chapter_title(tmp_path):
    article = tmp_path / "storm.txt"
    article.write_text(
        "Tom: Where were you when the storm came? Who came to help, and when?\n\n"
        "Ana: The storm came at night. Nobody came until the morning. The lines went down.\n\n"
        "Tom: And then the storm went east?\n\nAna: It went east, and the lines came back.\n",
        encoding="utf-8")
    titles = [chapter.title for chapter in import_article(article).script.chapters]
    assert titles and not any(re.search(r"\b(?:Came|Went)\b", title) for title in titles)


def test_numbered_speakers_of_chinese_speech_recognition_are_labels():
    script = import_article(ARTICLES / "asr_numbered_zh.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert [s.name for s in script.speakers.values()] == ["发言人1", "发言人2", "发言人3"]
    assert said[2] == ("fa_yan_ren_3",
                       "我也注意到这一点。书里说这叫诱发需求，路越宽，开车的人越多。")
    assert len(said) == 7 and not any("00:" in text for _, text in said)


def test_questions_in_italics_and_plain_answers_are_an_interview():
    result = import_article(ARTICLES / "italic_questions_en.html")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    # the byline's writer asks; the intro is about the one other person it names
    assert [s.name for s in result.script.speakers.values()] == ["Narrator", "Aoife Kerr",
                                                                 "Dermot Hale"]
    assert said[1] == ("q", "Who rides a bus at three in the morning?")
    assert said[-1] == ("a", "Never. At night the city is kind to you, mostly.")
    assert len(said) == 9 and any("italic" in w for w in result.report.warnings)


def test_a_newspaper_page_s_buttons_and_notes_are_not_spoken():
    result = import_article(ARTICLES / "newspaper_furniture_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    # `Adams:` asks; the byline over the interview names her in full
    assert [s.name for s in result.script.speakers.values()] == ["Lior Adams", "Okoye"]
    assert said[3] == ("okoye", "Then it takes an hour, and the passengers who catch the train "
                                "complain to me, not to the moon.")
    assert said[-1] == ("okoye", "Twice in nineteen years. Both times the harbour master "
                                 "ordered it, not me.")
    assert len(said) == 6
    assert not any(re.search(r"(?i)advertisement|continue reading|edited|print", text)
                   for _, text in said)
    assert not result.report.blocks  # a button's word alone is surely not speech


def test_a_line_promoting_the_site_s_app_is_no_chapter_title(tmp_path):
    article = tmp_path / "app.txt"
    article.write_text(
        "记者：今年你最关注什么？\n\n张宁：成本。原材料涨得太快了，我们只能想办法省。\n\n"
        "海量资讯、精准解读，尽在财经日报APP\n\n"
        "记者：怎么省？\n\n张宁：先从运输开始，把仓库搬到离工厂更近的地方。\n\n"
        "记者：效果怎么样？\n\n张宁：运费降了三成，比我们想的还好。\n", encoding="utf-8")
    script = import_article(article).script
    said = [turn.text for _, turn in script.turns()]
    assert len(said) == 6 and not any("APP" in text for text in said)
    assert not any("APP" in chapter.title for chapter in script.chapters)


def test_an_epigraph_set_one_clause_a_line_under_an_image_is_kept_whole(tmp_path):
    article = tmp_path / "epigraph.md"
    article.write_text(
        "# 对话林晓：慢一点也没关系\n\n![](https://example.com/a.jpg)\n\n"
        "「做得慢一点，\n\n做得少一点，\n\n但每一件都做完。」\n\n"
        "林晓做了十年木工，我们在她的工作室聊了一个下午。\n\n"
        "**记者：** 为什么做木工？\n\n**林晓：** 因为木头不着急，我也就不着急了。\n\n"
        "**记者：** 一件家具要做多久？\n\n**林晓：** 小的一周，大的一个月，有的做了半年。\n\n"
        "**记者：** 会一直做下去吗？\n\n**林晓：** 会，做到拿不动刨子为止。\n", encoding="utf-8")
    result = import_article(article)
    intro = next(turn.text for _, turn in result.script.turns())
    assert intro.startswith("「做得慢一点，\n做得少一点，\n但每一件都做完。」")
    assert not result.report.blocks  # no clause of it taken for the image's caption


def test_what_a_copied_page_leaves_of_pictures_and_videos_is_not_spoken():
    result = import_article(ARTICLES / "media_remnants_zh.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == ["城市手记", "周师傅"]
    assert said[0] == ("cheng_shishouji", "您修表修了多久？")
    assert len(said) == 8
    assert not any(re.search(r"图片|视频|▲", text) for _, text in said)
    assert not result.report.blocks  # each of them surely not speech


def test_a_label_with_a_seat_and_a_party_in_two_brackets(tmp_path):
    article = tmp_path / "house.txt"
    article.write_text(
        "The Minister (Ruth Vale): The scheme opens next month.\n\n"
        "Tom Hart (Eastfield) (Lab): Will it cover rural areas?\n\n"
        "The Minister: It will, from the first day.\n\n"
        "Tom Hart: And the funding?\n\nThe Minister: It is in this year's budget.\n",
        encoding="utf-8")
    said = [(turn.speaker, turn.text) for _, turn in import_article(article).script.turns()]
    assert said[1] == ("tom_hart", "Will it cover rural areas?")
    # the minister is the person holding the office, also where the office is written alone
    assert [speaker for speaker, _ in said] == [
        "ruth_vale", "tom_hart", "ruth_vale", "tom_hart", "ruth_vale"]


def test_a_court_record_s_running_lines_and_caption_columns_name_nobody():
    result = import_article(ARTICLES / "court_pages_en.txt")
    script = result.script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    # the cover's caption box (parties, docket number in a column of colons) is not read
    # out as an intro: its lines are the record's, not anyone's words
    assert script.title == "IN THE SUPREME COURT OF THE STATE"
    assert [s.name for s in script.speakers.values()] == [
        "Chief Justice Morrow", "Mr. Estes", "Justice Allen", "Ms. Shaw"]
    assert said[1] == ("mr_estes", "Thank you, Chief Justice. The ferry left the dock with the "
                                   "gate open, and my client fell.")
    assert not any(re.search(r"Official|Subject to|Heritage|ORAL ARGUMENT|REYES|24-881", text)
                   for _, text in said)
    # the argument headings in capitals open chapters; the page footer opens none
    assert [c.title for c in script.chapters][1:] == [
        "ORAL ARGUMENT OF DAVID ESTES", "ORAL ARGUMENT OF NINA SHAW"]
    running = [e.text for e in result.report.entries if "repeated on every page" in e.reason]
    assert sorted(running) == ["Heritage Reporting Corporation"] * 3 + [
        "Official - Subject to Final Review"] * 3  # 3 headers, 3 footers


def test_a_briefing_s_q_with_one_space_is_the_reporters_label():
    script = import_article(ARTICLES / "briefing_q_space_en.txt").script
    said = [(turn.speaker, turn.text) for _, turn in script.turns()]
    assert [s.name for s in script.speakers.values()] == ["Mr. Okafor", "Q"]
    assert said[1] == ("q", "Thank you. When will the channel reopen to large ships?")
    assert said[5] == ("q", "A follow-up on the cost. Is it still within the budget?")
    assert len(said) == 8 and not any("A.M." in text for _, text in said)


def test_a_meeting_apps_day_and_time_above_each_message_is_not_spoken():
    result = import_article(ARTICLES / "meeting_app_days_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == ["Speaker 1", "Speaker 2"]
    assert said[0] == ("speaker_1", "Nadia, hi.\nCan you hear me now?")
    assert said[4] == ("speaker_1", "How much more, roughly?")
    assert len(said) == 6
    assert [e.text for e in result.report.entries if e.kind == "timestamp"][-1] == (
        "Mon, Mar 3, 2025 10:03")
    assert len([e for e in result.report.entries if e.kind == "timestamp"]) == 6


def test_the_first_words_under_labels_alone_on_their_lines_are_said_however_short(tmp_path):
    # every label stands alone on its line: the short line below one is its words, not a
    # section heading (they look alike: short, no full stop)
    result = import_text(tmp_path, "meeting.txt", (
        "共识营会议记录\n\n魏明：\n\n大家好，我是今天的主持人魏明。\n\n"
        "彭婷、魏明：\n\n我们是「明婷组合」～\n\n彭婷：\n\n今天先讲议程。\n\n"
        "魏明：\n\n两个想法\n\n彭婷：\n\n请说。\n\n魏明：\n\n第一，先分组；第二，再汇报。\n"))
    said = [turn.text for _, turn in result.script.turns()]
    assert "我们是「明婷组合」～" in said and "两个想法" in said
    assert len(said) == 6
    assert not [e for e in result.report.entries if e.kind == "heading" and e.action == "moved"]


def test_a_line_that_opens_with_a_comma_goes_on_with_the_turn_above(tmp_path):
    # a 相声 script with its lines broken anywhere: `，讲的是…` is never a section heading
    result = import_text(tmp_path, "xiangsheng.txt", (
        "　　1：今天给大家说段相声。2：说什么呀？\n"
        "　　1：太平歌词有各种题材，其中有一个大家都知道《白蛇传》\n"
        "　　，讲的是一条伟大的长虫2：额哟喂，什么词啊1：长虫就是蛇的意思。\n"
        "　　2：原来如此。1：对。2：那您接着说。1：好，这就开始。\n"))
    said = [turn.text for _, turn in result.script.turns()]
    assert "其中有一个大家都知道《白蛇传》，讲的是一条伟大的长虫" in said[2]


def test_a_web_pages_tab_title_menu_and_comments_copied_as_text_are_not_spoken():
    result = import_article(ARTICLES / "web_page_copy_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert result.script.title == "Interview: Rosa Delgado on urban beekeeping"
    assert said[0] == ("narrator", "Rosa Delgado keeps twelve hives on the roofs of three office "
                                   "buildings downtown. We met her at the market.")
    assert [s.name for s in result.script.speakers.values()] == ["Narrator", "Ken", "Rosa"]
    assert len(said) == 9 and said[-1][1].startswith("Take a course")
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("City Garden Blog", "Contact", "says:", "Reply"))


def test_a_news_pages_breadcrumb_dateline_controls_and_related_headlines_are_not_spoken():
    # the headline asks a question; the breadcrumb, dateline and font-size control above it
    # are the page's; a related headline under `相关阅读` names a speaker without being a turn
    result = import_article(ARTICLES / "news_page_copy_zh.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert result.script.title == "周启航：城市里还需要多少充电桩？"
    assert said[0] == ("narrator", "充电难仍是不少车主的烦恼。本报记者专访了能源研究员周启航。")
    assert [s.name for s in result.script.speakers.values()] == ["旁白", "本报", "周启航"]
    assert len(said) == 9 and said[-1] == ("zhou_qihang", "先做夜间慢充，把车位和电网的账算清楚。")
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("首页", "来源", "字号", "慢充比快充", "扫一扫"))


def test_a_stage_direction_above_the_dialogue_is_never_the_episode_title(tmp_path):
    result = import_text(tmp_path, "bookclub.txt", (
        "(Intro Music: Electro Swing)\n\n"
        "Ada Park: Hello, and welcome to the book club.\n\nBen Ortiz: Hi, I'm Ben.\n\n"
        "Ada Park: Today we discuss a book about maps.\n\nBen Ortiz: I loved it.\n"))
    assert result.script.title == "bookclub"
    assert [turn.speaker for _, turn in result.script.turns()] == ["ada_park", "ben_ortiz"] * 2


def test_a_line_numbered_court_record_keeps_every_spoken_line_and_drops_its_page_furniture():
    # double-spaced, numbered lines; each page ends with the reporter's name over the next
    # page's number; the record's closing note is in brackets across two lines
    result = import_article(ARTICLES / "court_record_numbered_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    titles = [chapter.title for chapter in result.script.chapters]
    assert "Heritage Reporting Corporation" not in titles
    assert titles[1:] == ["ORAL ARGUMENT OF SARAH KLEIN", "ORAL ARGUMENT OF DAVID PARK"]
    # the dateline above it (`Washington, D.C.`) is a place, not a sentence to say
    assert said[0] == ("narrator", "The above-entitled matter came on for oral argument before "
                                   "the Supreme Court of the United States at 10:04 a.m.")
    # `in 2015.` alone on its numbered line is the end of a sentence, not a site's counter
    assert ("ms_klein", "Subsection (b) speaks to tender of delivery, Justice Thomas, and "
                        "delivery here occurred in 2015.") in said
    assert said[-1] == ("chief_justice_roberts", "Thank you, counsel. The case is submitted.")
    assert len(said) == 16
    # a line break is left only where a paragraph ends (`… versus Doe.` / `Ms. Klein.`)
    assert all(ends_sentence(line) for _, text in said for line in text.split("\n"))
    spoken = " ".join(text for _, text in said)
    assert "Whereupon" not in spoken and "Heritage" not in spoken


def test_a_record_copied_out_of_a_pdf_viewer_loses_its_line_numbers_and_spaced_heading(
        tmp_path):
    # one space after each line's number, so the words of lines 10-25 stand a column further
    # right than those of lines 1-9: no indent, no new paragraph
    page = ["Official - Subject to Final Review", "", "2", "",
            "1 P R O C E E D I N G S", "2 (10:00 a.m.)",
            "3 CHIEF JUSTICE ROBERTS: We'll hear argument", "4 first this morning in Case",
            "5 22-451, Doe versus Acme Corporation.", "6 Mr. Park.",
            "7 MR. PARK: Mr. Chief Justice, and may it", "8 please the Court: The statute",
            "9 says what it means. The court of appeals read a", "10 limit into it that",
            "11 Congress never wrote.", "12 JUSTICE KAGAN: But the word is doing different",
            "13 work in the two places, isn't it?", "14 MR. PARK: I don't think so,",
            "15 Justice Kagan. Congress knew how to write a", "16 narrower rule.",
            "17 JUSTICE KAGAN: Thank you.", "18 CHIEF JUSTICE ROBERTS: Thank you, counsel.",
            "19 The case is submitted.", "", "Heritage Reporting Corporation", ""]
    result = import_text(tmp_path, "argument.txt", "\n".join(page))
    assert said_by_name(result) == [
        ("Chief Justice Roberts", "We'll hear argument first this morning in Case 22-451, "
                                  "Doe versus Acme Corporation. Mr. Park."),
        ("Mr. Park", "Mr. Chief Justice, and may it please the Court: The statute says what "
                     "it means. The court of appeals read a limit into it that Congress never "
                     "wrote."),
        ("Justice Kagan", "But the word is doing different work in the two places, isn't it?"),
        ("Mr. Park", "I don't think so, Justice Kagan. Congress knew how to write a narrower "
                     "rule."),
        ("Justice Kagan", "Thank you."),
        ("Chief Justice Roberts", "Thank you, counsel. The case is submitted.")]


def test_a_court_records_appearances_and_contents_name_nobody(tmp_path):
    # the front pages list counsel under `APPEARANCES:` and the arguments under `ORAL
    # ARGUMENT OF:`, each once, in a label's shape: sections of the record, not speakers
    pages = ["Official - Subject to Final Review", "",
             "1 IN THE SUPREME COURT OF THE UNITED STATES", "2 Washington, D.C.",
             "3 The above-entitled matter came on for oral", "4 argument at 10:02 a.m.",
             "5 APPEARANCES:", "6 ANNA TUTT, ESQUIRE, Washington, D.C.; on behalf",
             "7 of the Petitioner.", "8 JON BOND, ESQUIRE, Washington, D.C.; on behalf",
             "9 of the Respondent.", "", "Heritage Reporting Corporation",
             "Official - Subject to Final Review", "2",
             "1 C O N T E N T S", "2 ORAL ARGUMENT OF: PAGE:", "3 ANNA TUTT, ESQ.",
             "4 On behalf of the Petitioner 3", "", "Heritage Reporting Corporation",
             "Official - Subject to Final Review", "3",
             "1 P R O C E E D I N G S", "2 CHIEF JUSTICE ROBERTS: We'll hear argument",
             "3 this morning in Case 24-440. Ms. Tutt.",
             "4 MS. TUTT: Mr. Chief Justice, and may it please", "5 the Court: the rule controls.",
             "6 JUSTICE KAGAN: Isn't that what Shady Grove", "7 forecloses?",
             "8 MS. TUTT: It is, Justice Kagan.", "9 MR. BOND: The requirement is substantive.",
             "10 JUSTICE KAGAN: Well, that's a label, isn't it?",
             "11 CHIEF JUSTICE ROBERTS: Thank you, counsel.", "",
             "Heritage Reporting Corporation", ""]
    result = import_text(tmp_path, "argument.txt", "\n".join(pages))
    names = [speaker.name for speaker in result.script.speakers.values()]
    assert "Appearances" not in names and "Oral Argument Of" not in names
    spoken = said_by_name(result)
    assert [name for name, _ in spoken if name != "Narrator"] == [
        "Chief Justice Roberts", "Ms. Tutt", "Justice Kagan", "Ms. Tutt", "Mr. Bond",
        "Justice Kagan", "Chief Justice Roberts"]


def test_a_podcast_pages_show_notes_links_sponsor_and_call_to_subscribe_are_not_the_intro(
        tmp_path):
    result = import_text(tmp_path, "episode.md", (
        "# Episode 88: Rust in the kernel\n\n"
        "Dana Whitfield maintains a Linux driver written in Rust.\n\n**Links:**\n\n"
        "- [Rust for Linux](https://rust-for-linux.com)\n\n"
        "**Sponsors:** This episode is brought to you by CloudBox. Get 20% off with code "
        "PODCAST.\n\nSubscribe on Apple Podcasts, Spotify or wherever you listen.\n\n"
        "## Transcript\n\n**Sam:** Dana, welcome to the show.\n\n**Dana:** Thanks, Sam.\n\n"
        "**Sam:** Why Rust?\n\n**Dana:** Memory bugs. Rust rules out a whole class of them.\n"))
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said[0] == ("narrator", "Dana Whitfield maintains a Linux driver written in Rust.")
    assert len(said) == 5


def test_a_parliament_s_names_over_their_words_keep_seat_party_and_question_number_out():
    # `Keir Starmer (Holborn and St Pancras) (Lab)` alone on its line, the words below; the
    # question's number and reference above the first name are not said; the office over
    # its holder's words (`The Prime Minister (Rishi Sunak)`) is that person, and so is the
    # office written alone after it
    result = import_article(ARTICLES / "parliament_name_lines_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == [
        "Mrs Sharon Hodgson", "Rishi Sunak", "Keir Starmer", "Mr Speaker"]
    assert said[0] == ("mrs_sharon_hodgson",
                       "If she will list her official engagements for Wednesday 7 June.")
    assert said[1][0] == "rishi_sunak" and said[1][1].startswith("This morning")
    assert said[3][0] == "rishi_sunak"  # `The Prime Minister` alone: the same person
    assert said[2][0] == "mrs_sharon_hodgson"  # `Mrs Hodgson` later: the same member
    assert said[4] == ("keir_starmer", "I join the Prime Minister in his remarks. Can he tell "
                                       "the House how many people are waiting for hospital "
                                       "treatment today?")
    assert len(said) == 8
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("901234", "(Lab)", "Gateshead", "Engagements"))


def test_an_office_with_its_holder_in_brackets_is_that_person_and_a_seat_is_no_person():
    # `The Minister of State for Housing (Mr Peter Grant):` is Mr Peter Grant, later `Mr
    # Grant:`; an office written out again alone (with a comma in it) is its holder; a
    # numbered question's member keeps seat and party out — `(Hazel Grove)` is a seat,
    # though it reads like a name
    result = import_article(ARTICLES / "parliament_offices_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == [
        "Mrs Jane Miller", "Mr Peter Grant", "Tom Baker", "Ruth Okafor", "Mr Speaker"]
    assert [speaker for speaker, _ in said] == [
        "mrs_jane_miller", "mr_peter_grant", "mrs_jane_miller", "mr_peter_grant", "tom_baker",
        "ruth_okafor", "tom_baker", "ruth_okafor", "mr_speaker"]
    assert said[0][1] == "What steps the Government are taking to build more social homes."
    assert said[7][1] == "I say that good landlords have nothing to fear."
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("(Lab)", "(Con)", "Minister of State for"))


def test_a_titled_person_with_where_they_work_in_brackets_is_not_an_office(tmp_path):
    # `Professor Emma Stone (Oxford Brookes):` is the professor, though the bracket reads
    # like a name: a title before a name is a person, not an office held by someone else
    script = import_text(tmp_path, "panel.txt", (
        "Host: Welcome, both.\n\nProfessor Emma Stone (Oxford Brookes): Thank you.\n\n"
        "Host: Where do we start?\n\nProfessor Emma Stone: With the soil.\n")).script
    assert [s.name for s in script.speakers.values()] == ["Host", "Professor Emma Stone"]
    assert [t.text for _, t in script.turns()][1] == "Thank you."


def test_an_earnings_call_s_names_and_titles_on_their_own_lines_are_labels_not_page_chrome():
    # `Lisa Wong -- Chief Financial Officer` recurs as a label (and again in the list of
    # participants): neither a running footer nor her words; `Operator` alone is a speaker
    result = import_article(ARTICLES / "earnings_call_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == [
        "Narrator", "Operator", "Jane Park", "Tom Brandt", "Lisa Wong", "Raj Mehta"]
    assert [speaker for speaker, _ in said][1:] == [
        "operator", "jane_park", "tom_brandt", "lisa_wong", "operator", "raj_mehta",
        "lisa_wong", "raj_mehta", "operator"]
    assert said[2] == ("jane_park", "Thank you, operator. Joining me today are Tom Brandt, our "
                                    "chief executive officer, and Lisa Wong, our chief "
                                    "financial officer.")
    assert said[-1] == ("operator", "This concludes today's conference call. You may now "
                                    "disconnect.")
    assert [c.title for c in result.script.chapters] == ["Prepared Remarks",
                                                         "Questions and Answers"]
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in (
        "Officer", "Analyst", "Duration", "More ACME", "Foolish"))
    assert not [e for e in result.report.entries if "repeated on every page" in e.reason]


def test_a_news_channel_transcript_s_link_back_is_not_its_title():
    result = import_article(ARTICLES / "news_channel_transcript_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert result.script.title == "THE SITUATION ROOM"
    assert [s.name for s in result.script.speakers.values()] == [
        "Wolf Blitzer", "Chad Myers", "Unidentified Female"]
    assert said[0][1].endswith("Chad, what are you seeing?")
    assert said[-1] == ("wolf_blitzer", "Welcome back. We turn now to the Senate.")
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("Return to", "RUSH TRANSCRIPT", "17:00"))


def test_a_list_of_participants_above_the_call_is_neither_turns_nor_the_names_words():
    result = import_article(ARTICLES / "earnings_call_participants_en.txt")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [speaker for speaker, _ in said] == [
        "operator", "jane_park", "tom_brandt", "operator", "raj_mehta", "tom_brandt",
        "operator"]
    assert said[0][1].startswith("Good afternoon")
    listed = [e.text for e in result.report.entries if e.kind == "participants"]
    assert listed == ["Jane Park - Head of Investor Relations",
                      "Tom Brandt - Chief Executive Officer", "Raj Mehta - Goldman Sachs"]


def test_scribed_minutes_keep_the_attendees_list_and_the_formatter_s_note_out_of_the_words():
    # <dl> Present / Chair / Scribe is facts, not speech; <address> is the page's; the
    # topic heading under `Meeting minutes` titles the first chapter
    result = import_article(ARTICLES / "scribed_minutes_main_en.html")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [c.title for c in result.script.chapters] == ["Secure Payment Confirmation",
                                                         "Next meeting"]
    assert said[0] == ("adrian", "Let's start with the pilot. Danyao, can you give us an "
                                 "update?")
    assert said[-1] == ("adrian", "We meet again on 26 March. Thanks, everyone.")
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("Hope-Bailie", "Scribe", "scribe.perl"))


def test_older_scribed_minutes_name_their_speakers_as_the_scribe_wrote_them():
    result = import_article(ARTICLES / "scribed_minutes_old_en.html")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    # a nick in capitals is not a word to title-case: AWK stays AWK
    assert [s.name for s in result.script.speakers.values()] == [
        "AWK", "Greg", "Joshue", "MichaelC", "Laura"]
    assert said[-1] == ("laura", "That is tight but possible.")
    assert [c.title for c in result.script.chapters][1:] == ["Target size", "Timeline"]
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("Greg_Lowney", "scribe.perl", "End of minutes",
                                               "Kathy"))


@pytest.mark.parametrize(("text", "names", "answer"), [
    ("Hana Mori has worked with clay for forty years.\n\n"
     "Q: How did you start?\n\nI was nineteen. A neighbour had a kiln.\n\n"
     "Q: What did you learn?\n\nPatience, mostly.\n\nAnd how a fire behaves.\n\n"
     "Q: Do you still fire with wood?\n\nYes. Gas is easier.\n",
     ["Narrator", "Host", "Hana Mori"], ("a", "Patience, mostly.\nAnd how a fire behaves.")),
    ("问：您是怎么开始的？\n\n十九岁那年，邻居有一座窑。\n\n问：学到了什么？\n\n耐心。\n\n"
     "问：现在还烧柴窑吗？\n\n烧。\n", ["主持人", "嘉宾"], ("guest", "耐心。")),
])
def test_an_interview_that_labels_only_its_questions_gives_the_answers_to_one_guest(
        tmp_path, text, names, answer):
    result = import_text(tmp_path, "asked.txt", text)
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == names
    assert answer in said
    assert [speaker for speaker, _ in said][-6:] == [said[-2][0], answer[0]] * 3
    assert any("only the questions are labelled" in w for w in result.report.warnings)


def test_labels_that_come_once_do_not_hide_an_interview_that_labels_its_questions(tmp_path):
    # the outlet asks, in quotes; a byline and a further-reading line are labels that come
    # once, and name no one
    result = import_text(tmp_path, "interview.md", (
        "# 对话林晓：步行街为什么总是失败\n\n原创 城市观察 2024-05-20 08:00\n\n"
        "> 城市观察：成功的步行街有什么共同点？\n\n有人愿意停下来。\n\n"
        "> 城市观察：那失败的呢？\n\n太宽、太晒，走起来很无聊。\n\n"
        "> 城市观察：最容易犯的错误是什么？\n\n把原来的小店都赶走。\n\n"
        "**推荐阅读：**\n\n[城市更新的十个误区](https://mp.weixin.qq.com/s/xyz)\n"))
    said = said_by_name(result)
    assert said == [("城市观察", "成功的步行街有什么共同点？"), ("林晓", "有人愿意停下来。"),
                    ("城市观察", "那失败的呢？"), ("林晓", "太宽、太晒，走起来很无聊。"),
                    ("城市观察", "最容易犯的错误是什么？"), ("林晓", "把原来的小店都赶走。")]


def test_a_heading_in_capitals_before_a_name_and_a_full_stop_label(tmp_path):
    # a hearing's record: `Ms. RIVERA.` opens her turn although the line above it (a heading
    # in capitals) ends on no full stop, and the heading is a chapter title, not words
    result = import_text(tmp_path, "hearing.txt", (
        "    Chairman CARDIN. The Committee will come to order. Our first witness is Ms. "
        "Rivera, who runs a small accounting firm in Baltimore.\n\n"
        "  STATEMENT OF MARIA RIVERA, OWNER, RIVERA ACCOUNTING, BALTIMORE, MD\n\n"
        "    Ms. RIVERA. Thank you, Chairman Cardin. Last year my firm was hit by ransomware.\n"
        "    Chairman CARDIN. What would have helped you most before the attack?\n"
        "    Ms. RIVERA. Honestly, a simple checklist.\n"))
    said = said_by_name(result)
    assert said == [
        ("Chairman Cardin", "The Committee will come to order. Our first witness is Ms. Rivera, "
                            "who runs a small accounting firm in Baltimore."),
        ("Ms. Rivera", "Thank you, Chairman Cardin. Last year my firm was hit by ransomware."),
        ("Chairman Cardin", "What would have helped you most before the attack?"),
        ("Ms. Rivera", "Honestly, a simple checklist.")]
    assert result.script.chapters[-1].title.startswith("STATEMENT OF MARIA RIVERA")


@pytest.mark.parametrize(("opening", "first"), [
    # a headline quoting the guest, over the byline: the title, not a turn
    ("王明：AI不会取代好译者\n\n原创 2024-06-01 文化周刊\n\n", "王老师，您怎么看AI翻译？"),
    # a first turn that stops short of a full stop, the dialogue going on under it
    ("王明：大家好\n\n（笑）\n\n", "大家好"),
])
def test_a_labelled_first_line_over_a_byline_is_the_headline(tmp_path, opening, first):
    result = import_text(tmp_path, "page.txt", opening + (
        "主持人：王老师，您怎么看AI翻译？\n\n王明：说明书够用了，文学还差得远。\n\n"
        "主持人：年轻译者还有机会吗？\n\n王明：有，但要学会和机器一起工作。\n"))
    said = [turn.text for _, turn in result.script.turns()]
    assert said[0] == first and said[-1] == "有，但要学会和机器一起工作。"
    assert len(said) == (4 if first.startswith("王老师") else 5)
    if first.startswith("王老师"):
        assert result.script.title == "王明：AI不会取代好译者"


def test_a_page_title_with_the_sites_name_and_its_contents_over_name_lines_with_times(tmp_path):
    # the page's first line is long with the site's name after a bar; the contents list
    # `0:00 – …` entries under a `Table of Contents` line: neither is the title, none is said
    result = import_text(tmp_path, "episode.txt", (
        "Transcript for Ada Moore: Rivers, Bridges and Old Maps | The Long Walk Podcast #41\n\n"
        "Table of Contents\n\n0:00 – Introduction\n3:10 – Bridges\n\n"
        "Introduction\nLex Park\n(00:00:00) Welcome. Today my guest is Ada Moore.\n"
        "Ada Moore\n(00:00:04) Thanks, Lex. It is good to be here.\n"
        "Bridges\nLex Park\n(00:03:10) Which bridge do you like most?\n"
        "Ada Moore\n(00:03:14) The old stone one in my town.\n"
        "(00:03:19) It has stood for four hundred years.\n"))
    assert result.script.title == "Ada Moore: Rivers, Bridges and Old Maps"  # what it is of
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said == [
        ("lex_park", "Welcome. Today my guest is Ada Moore."),
        ("ada_moore", "Thanks, Lex. It is good to be here."),
        ("lex_park", "Which bridge do you like most?"),
        ("ada_moore", "The old stone one in my town.\nIt has stood for four hundred years.")]
    assert [chapter.title for chapter in result.script.chapters] == ["Introduction", "Bridges"]


def test_a_bold_line_over_labels_that_open_with_their_time_is_not_a_speaker(tmp_path):
    # `**Transcript**` over `**[00:00:00] Tom Miller:** …`: the time opens the next turn's
    # own label, so the bold word above is not a name written over its time
    result = import_text(tmp_path, "post.md", (
        "# Why small teams win\n\n**Transcript**\n\n"
        "**[00:00:00] Tom Miller:** Welcome to the show, Priya.\n\n"
        "**[00:00:05] Priya Raman:** Thanks for having me.\n\n"
        "**[00:00:09] Tom Miller:** What makes a small team work?\n\n"
        "**[00:00:13] Priya Raman:** Trust, mostly.\n"))
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said == [("tom_miller", "Welcome to the show, Priya."),
                    ("priya_raman", "Thanks for having me."),
                    ("tom_miller", "What makes a small team work?"),
                    ("priya_raman", "Trust, mostly.")]


@pytest.mark.parametrize(("name", "label"), [
    ("episode.md", "**{name}** {time}"), ("episode.txt", "{name} {time}"),
    ("episode.md", "**{name}** ({time})")])
def test_a_name_and_a_time_of_hours_over_the_words_is_that_name(tmp_path, name, label):
    # `Anna Berg 00:00:12`: the colon inside the time is no label's colon
    turns = [("Anna Berg", "00:00:12", "Welcome back. Today we talk about night trains."),
             ("Jonas Weber", "00:00:18", "I have taken forty of them."),
             ("Anna Berg", "00:00:23", "Which was the best?"),
             ("Jonas Weber", "00:00:27", "Vienna to Rome.")]
    result = import_text(tmp_path, name, "# Night trains\n\n" + "\n\n".join(
        label.format(name=who, time=time) + f"\n{words}" for who, time, words in turns) + "\n")
    assert [s.name for s in result.script.speakers.values()] == ["Anna Berg", "Jonas Weber"]
    assert [turn.text for _, turn in result.script.turns()] == [w for _, _, w in turns]


@pytest.mark.parametrize(("notes", "dialogue"), [
    ("> 本期嘉宾：林夏，独立书店主理人\n> 主播：阿哲",
     [("阿哲", "欢迎收听，今天我们请来了林夏。"), ("林夏", "大家好，我是林夏。"),
      ("阿哲", "开书店第一年是什么感觉？"), ("林夏", "累，但是很开心。")]),
    ("This week's guest: Ana Ruiz, a river guide\n\nGuests: Ana Ruiz and Ben Ode",
     [("Tom", "Welcome, Ana."), ("Ana Ruiz", "Thanks for having me."),
      ("Tom", "How long have you guided?"), ("Ana Ruiz", "Twelve years now.")]),
], ids=["zh", "en"])
def test_an_episodes_notes_naming_its_guest_are_not_a_speaker(tmp_path, notes, dialogue):
    # `本期嘉宾：…`, `Guests: …` once over the dialogue: who takes part, not a turn
    turns = [f"{who}：{said}" if said[-1] in "。？" else f"{who}: {said}"
             for who, said in dialogue]
    result = import_text(tmp_path, "episode.md",
                         "# Episode 42\n\n" + notes + "\n\n" + "\n\n".join(turns) + "\n")
    assert said_by_name(result) == dialogue


COURT_RECORD = (
    "TRANSCRIPT OF PROCEEDINGS - DAY 3\n\n"
    "THE COURT: Good morning. Mr. Jones, you may call your next witness.\n\n"
    "MR. JONES: Thank you, Your Honor. The plaintiffs call Dr. Ellen Ward.\n\n"
    "{oath}"
    "DIRECT EXAMINATION\n\nBY MR. JONES:\n\n"
    "Q. Good morning, Dr. Ward. What is your profession?\n\n"
    "A. I am a hydrologist.\n\nMy Aunt Rose was sworn in as a judge, though.\n\n"
    "MS. LEE: Objection, Your Honor. Relevance.\n\n"
    "THE COURT: Overruled.\n\n"
    "{witness}: Thank you, Your Honor.\n\n"
    "Q. How long have you studied the river?\n\nA. Nineteen years.\n\n"
    "MR. JONES: Nothing further.\n\n"
    "CROSS-EXAMINATION\n\nBY MS. LEE:\n\n"
    "Q. You were paid for your testimony, correct?\n\nA. My usual rate, yes.\n\n"
    "MS. LEE: No further questions.\n")


@pytest.mark.parametrize(("oath", "witness", "name"), [
    ("DR. ELLEN WARD, having been duly sworn, testified as follows:\n\n", "THE WITNESS",
     "Dr. Ellen Ward"),
    ("", "THE WITNESS", "Dr. Ellen Ward"),  # named where a lawyer calls her
    ("ELLEN WARD, called as a witness, being first duly sworn, testified:\n\n",
     "THE WITNESS", "Ellen Ward"),
])
def test_a_court_records_questions_are_the_examining_lawyers_and_answers_the_witnesss(
        tmp_path, oath, witness, name):
    # `BY MR. JONES:` names who asks until the next `BY …:`; the witness sworn in (or
    # called) answers, and `THE WITNESS:` is the same person
    result = import_text(tmp_path, "record.txt",
                         COURT_RECORD.format(oath=oath, witness=witness))
    said = said_by_name(result)
    assert said[2:] == [
        ("Mr. Jones", "Good morning, Dr. Ward. What is your profession?"),
        (name, "I am a hydrologist.\nMy Aunt Rose was sworn in as a judge, though."),
        ("Ms. Lee", "Objection, Your Honor. Relevance."),
        ("The Court", "Overruled."), (name, "Thank you, Your Honor."),
        ("Mr. Jones", "How long have you studied the river?"), (name, "Nineteen years."),
        ("Mr. Jones", "Nothing further."),
        ("Ms. Lee", "You were paid for your testimony, correct?"), (name, "My usual rate, yes."),
        ("Ms. Lee", "No further questions.")]
    assert [c.title for c in result.script.chapters][1:] == [
        "DIRECT EXAMINATION BY MR. JONES", "CROSS-EXAMINATION BY MS. LEE"]
    assert not any("duly sworn" in text for _, text in said)


DEPOSITION = """\
                                                              Page 12
 1    Q.   Good morning. Could you state your
 2    name for the record?
 3    A.   Thomas James Harlan.
 4    Q.   Where do you work?
 5    A.   At the Millbrook Water Authority.
 6              MS. ROURKE:  Objection. Form.
 7              MR. DALE:  You can answer.
 8    A.   I run the treatment plant.
 9    Q.   Thank you. Nothing further.
10              MS. ROURKE:  I have a few questions.
11                      EXAMINATION
12    BY MS. ROURKE:
13    Q.   Had the pump stopped before?
14    A.   Twice that winter, yes.
"""


def test_a_deposition_s_q_and_a_in_columns_stay_q_and_a_beside_its_lawyers(tmp_path):
    # `Q.   ` set in a column is the label Q, not `Q.`; beside lawyers Q and A are no host
    # and guest; `EXAMINATION` alone in capitals heads the part its `BY …:` line opens
    result = import_text(tmp_path, "deposition.txt", DEPOSITION)
    assert said_by_name(result) == [
        ("Q", "Good morning. Could you state your name for the record?"),
        ("A", "Thomas James Harlan."), ("Q", "Where do you work?"),
        ("A", "At the Millbrook Water Authority."), ("Ms. Rourke", "Objection. Form."),
        ("Mr. Dale", "You can answer."), ("A", "I run the treatment plant."),
        ("Q", "Thank you. Nothing further."), ("Ms. Rourke", "I have a few questions."),
        ("Ms. Rourke", "Had the pump stopped before?"), ("A", "Twice that winter, yes.")]
    assert [c.title for c in result.script.chapters][-1] == "EXAMINATION BY MS. ROURKE"


def test_a_transcribers_marks_inside_a_turn_go_to_its_note_without_their_times(tmp_path):
    result = import_text(tmp_path, "oral.txt", (
        "INTERVIEWER: Where did you grow up? [00:01:12]\n\n"
        "MARTINEZ: Near the border. [laughs] We had one [inaudible 00:01:20] and one church.\n\n"
        "INTERVIEWER: And school?\n\nMARTINEZ: [pause] I left at fourteen.\n"))
    turns = [turn for _, turn in result.script.turns()]
    assert [t.text for t in turns] == ["Where did you grow up?",
                                       "Near the border. We had one and one church.",
                                       "And school?", "I left at fourteen."]
    assert [t.note for t in turns] == [None, "[laughs] [inaudible]", None, "[pause]"]


@pytest.mark.parametrize(("text", "guest"), [
    ("Five questions for a furniture maker\n\nWe asked Hannah Cole, who builds chairs in "
     "Vermont, five questions.\n\n1. How did you get started?\nAs an apprentice.\n\n"
     "2. What is your favourite tool?\nA hand plane.\n\n3. What is the hardest part?\n"
     "Pricing. People think of the wood, not the hours.\n", "Hannah Cole"),
    ("三个问题\n\n一、你为什么回国？\n因为家在这里。\n\n二、最难的是什么？\n找到好的合作者。\n\n"
     "三、下一步做什么？\n先把实验室建起来。\n", "嘉宾"),
], ids=["en", "zh"])
def test_numbered_questions_over_plain_answers_are_an_interview(tmp_path, text, guest):
    result = import_text(tmp_path, "questions.txt", text)
    names = {sid: s.name for sid, s in result.script.speakers.items()}
    said = [(names[t.speaker], t.text) for _, t in result.script.turns()
            if t.speaker != "narrator"]
    assert len(said) == 6 and [who for who, _ in said[1::2]] == [guest] * 3
    assert said[0][1] in ("1. How did you get started?", "一、你为什么回国？")
    assert said[5][1] in ("Pricing. People think of the wood, not the hours.", "先把实验室建起来。")


def test_names_in_a_column_lined_up_with_spaces_are_labels(tmp_path):
    result = import_text(tmp_path, "panel.txt", (
        "Panel on city trees\n\n"
        "MODERATOR      Welcome to the panel on city trees.\n"
        "JANE ROE       Thank you. Trees cool our streets by several degrees.\n"
        "MODERATOR      Which trees do best?\n"
        "JANE ROE       Plane trees and lindens, mostly.\n"
        "TOM OKAFOR     I would add ginkgo.\n"
        "MODERATOR      Thank you both.\n"))
    said = said_by_name(result)
    assert said == [("Moderator", "Welcome to the panel on city trees."),
                    ("Jane Roe", "Thank you. Trees cool our streets by several degrees."),
                    ("Moderator", "Which trees do best?"),
                    ("Jane Roe", "Plane trees and lindens, mostly."),
                    ("Tom Okafor", "I would add ginkgo."), ("Moderator", "Thank you both.")]


def test_a_solo_episode_labelled_once_is_its_hosts_monologue(tmp_path):
    # one person labelled at the start, the rest of the episode in paragraphs below: a solo
    # show, not "no dialogue"; the front matter's title is kept as its author wrote it
    result = import_text(tmp_path, "twir.md", (
        "---\ntitle: \"Rust Notes - Issue 12\"\n---\n\n"
        "__Ana Ruiz__: Hello everyone! Welcome back to Rust Notes, issue twelve.\n\n"
        "This week starts with community news. Two conferences moved online.\n\n"
        "In other news, a new book on embedded Rust came out.\n\n"
        "That's all for this week. Until then, take care.\n"))
    assert result.script.title == "Rust Notes - Issue 12"
    said = said_by_name(result)
    assert [name for name, _ in said] == ["Ana Ruiz"]
    assert said[0][1].startswith("Hello everyone!") and said[0][1].endswith("take care.")
    assert any("monologue" in warning for warning in result.report.warnings)


@pytest.mark.parametrize("text", [
    # a label late in an article is a quotation in it, not the voice of the whole
    "A long article about rivers.\n\nIt goes on for a while.\n\nAnd on.\n\n"
    "Then the mayor spoke.\n\nMaria Lopez: We will build the bridge.\n\nThe end.\n",
    # a label that names metadata is no speaker
    "Source: City Hall press office\n\nThe bridge will open in May.\n\nIt cost forty "
    "million.\n\nMost of it came from the state.\n",
])
def test_one_label_that_does_not_open_the_words_is_still_no_dialogue(tmp_path, text):
    with pytest.raises(ArticleError, match="no dialogue found"):
        import_text(tmp_path, "article.txt", text)


@pytest.mark.parametrize(("front", "title"), [
    ("title: \"Rust Notes - Issue 12\"", "Rust Notes - Issue 12"),  # as its author wrote it
    # a web clipper's: the page's tab title, beside the page's address
    ("title: \"Rivers and Cities | Field Notes Podcast #41\"\nsource: https://example.com/41",
     "Rivers and Cities"),
])
def test_a_front_matter_title_loses_a_site_name_only_where_a_clipper_wrote_it(
        tmp_path, front, title):
    result = import_text(tmp_path, "episode.md", (
        f"---\n{front}\n---\n\n**Ana:** Welcome to the show.\n\n**Ben:** Thanks, Ana.\n\n"
        "**Ana:** Where do rivers and cities meet?\n\n**Ben:** At every bridge.\n"))
    assert result.script.title == title


def test_a_talk_whose_every_paragraph_names_its_one_speaker_is_a_monologue(tmp_path):
    result = import_text(tmp_path, "talk.md", (
        "# 2015-08-23 演講：開放資料\n\n### 唐鳳：\n大家好，今天想跟大家聊聊開放資料。\n\n"
        "### 唐鳳：\n開放資料的意思，是把資料用機器可讀的格式公開。\n\n"
        "### 唐鳳：\n謝謝大家。\n"))
    assert said_by_name(result) == [
        ("唐鳳", "大家好，今天想跟大家聊聊開放資料。"),
        ("唐鳳", "開放資料的意思，是把資料用機器可讀的格式公開。"), ("唐鳳", "謝謝大家。")]


def test_punctuation_after_english_quotes_stays_as_written(tmp_path):
    # `”` closes English quotes too: only a quote of Chinese words takes full-width marks
    result = import_text(tmp_path, "quotes.md", (
        "**Ana:** They called it “tolerance”, and it was not.\n\n"
        "**Ben:** What is “cloud native”? Nobody knows.\n\n"
        "**Ana:** The rule said “no”: that was all.\n\n"
        "**Ben:** 他说“好的”, 然后说“走吧”!\n\n"))
    assert [text for _, text in said_by_name(result)] == [
        "They called it “tolerance”, and it was not.",
        "What is “cloud native”? Nobody knows.",
        "The rule said “no”: that was all.",
        "他说“好的”，然后说“走吧”！"]


@pytest.mark.parametrize("name", ["oral.txt", "oral.md"])
def test_a_word_hyphenated_at_a_hard_wrapped_line_end_is_one_word_again(tmp_path, name):
    result = import_text(tmp_path, name, (
        "HAINES: Where were you born?\n\nODUYA: On a farm. We had no electricity un-\n"
        "til I was twelve, when a well-\nknown doctor moved in.\n\nHAINES: Thank you.\n\n"
        "ODUYA: You're welcome.\n"))
    assert said_by_name(result)[1][1] == (
        "On a farm. We had no electricity until I was twelve, when a well-known doctor moved in.")


@pytest.mark.parametrize(("intro", "said"), [
    ("导语：陈立群是一家芯片公司的创始人。", "陈立群是一家芯片公司的创始人。"),
    ("Summary: Ana and Raj compare their knives.", "Ana and Raj compare their knives."),
])
def test_the_word_naming_the_intro_is_not_said_with_it(tmp_path, intro, said):
    result = import_text(tmp_path, "talk.md", (
        f"{intro}\n\n**Ana:** I use one knife.\n\n**Raj:** I use many.\n\n"
        "**Ana:** Why?\n\n**Raj:** Habit.\n"))
    assert said_by_name(result)[0][1] == said
