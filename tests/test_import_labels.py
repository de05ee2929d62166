"""Label shapes learned from the document, aliases, singletons and pseudo labels."""

from __future__ import annotations

import pytest

from renderer.errors import ArticleError
from renderer.importer import import_article
from renderer.importer.document import Block
from renderer.importer.run_together import inline_labels
from renderer.script.model import dumps

from .coverage import lost_lines
from .helpers import ARTICLES, import_text, said_by_name

# fixture → (speakers as displayed, dialogue turns, {turn index: exact text})
SHAPES = {
    "otter_en.txt": (["Speaker 1", "Sam Rivera"], 4, {1: "Thanks for having me."}),
    "briefing_en.txt": (["Ms. Psaki", "Q", "Mr. Kirby"], 8, {
        1: "Thanks, Jen. Can you say more about the trip?",
        5: "Just one addition from me: the meeting is on Monday."}),
    "npr_en.txt": (["Rachel Martin", "Ana Ruiz", "Unidentified Person"], 7, {
        0: "This is MORNING EDITION. I'm Rachel Martin.", 4: "Soup. Always soup."}),
    "runs_zh.txt": (["1", "2"], 7, {0: "大家好，今天说段相声。", 1: "好啊。", 6: "对。"}),
    "asym_zh.md": (["周刊", "李明"], 6, {0: "你为什么创业？", 5: "谢谢你们。"}),
    "alias_zh.md": (["王小明", "李华", "Q"], 7, {4: "开源怎么赚钱？"}),
    "asr_speakers.md": (["Speaker 1", "Speaker 2", "Speaker 3"], 5, {1: "Right, we started "
                                                                     "with the kernel."}),
    "topics_en.txt": (["Ann", "Ben"], 4, {}),
    "interview.md": (["Maria Lopez", "David Chen"], 8, {6: "Thank you, David."}),
    "print_qa_en.txt": (["Host", "Guest"], 4, {3: "A small cabin in the mountains, for a friend."}),
    "name_lines_en.md": (["Lex Fridman", "Ada Moore"], 4, {2: "And then?"}),
    "caps_names_en.txt": (["John Smith", "Jane Doe"], 4, {2: "Let us begin.", 3: "Sure."}),
    # the title (`对话李明：…`) names the guest
    "bold_questions_zh.md": (["主持人", "李明"], 6, {
        0: "你为什么创业？", 1: "因为我想做自己的产品。\n那时候我在大公司，觉得很难。"}),
    "heading_questions_en.md": (["Host", "Guest"], 6, {4: "What is next?"}),
    # a page that ran the whole dialogue into a line or two: labels after sentence ends
    "run_together_zh.txt": (["晚报", "周明"], 6, {
        0: "您还记得开店第一天吗？",
        5: "不太担心。纸书有它的温度，总有人需要一个可以安静下来的地方。"}),
    "run_together_en.txt": (["Harbour News", "Okafor"], 6, {
        2: "What has changed the most?", 4: "Will you retire soon?"}),
    # transcripts laid out as tables: a row a turn; an empty speaker cell continues the turn
    "table_transcript_en.md": (["Lena", "Tom"], 6, {
        1: "Thanks, Lena. I have built four so far, all from plywood.\n"
           "The first one was a simple punt."}),
    # no header: the column of recurring short names is the speakers'; the page's line
    # after the table is not the last row's words
    "table_transcript_zh.html": (["小雨", "老周"], 5, {
        3: "浇水太勤。很多菜是被淹死的，不是被渴死的。", 4: "谢谢老周，我们下期再见。"}),
    # television transcripts put the role before the name: `主持人 王小丫：`
    "role_name_zh.txt": (["王小丫", "李建国"], 6, {1: "主持人好，大家好。"}),
    # a two-character name padded with a full-width space to line up with longer ones
    "padded_names_zh.txt": (["王菲", "陈大山"], 6, {4: "您最想传下去的是什么？"}),
    # HTML that names the speaker in its structure: a definition list of the same names
    # again and again, an element of class "who"
    "definition_list_en.html": (["Ava", "Noor"], 4, {2: "You took the night train to Vienna?"}),
    "who_divs_en.html": (["Ava", "Noor"], 4, {1: "Hi Ava, glad to be here again."}),
    # a table of figures inside a labelled dialogue is not a transcript
    "price_table_en.md": (["Ann", "Ben"], 4, {2: "The kayak is the lightest by far."}),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_label_shape(name):
    names, count, texts = SHAPES[name]
    result = import_article(ARTICLES / name)
    script = result.script
    speakers = {sid: s.name for sid, s in script.speakers.items() if s.role != "narrator"}
    assert list(speakers.values()) == names
    dialogue = [t for _, t in script.turns() if t.speaker in speakers]
    assert len(dialogue) == count
    for index, text in texts.items():
        assert dialogue[index].text == text
    voices = [s.voice for s in script.speakers.values()]
    assert len(set(voices)) == len(voices)
    assert lost_lines(ARTICLES / name, result) == []


@pytest.mark.parametrize(("labels", "names"), [
    (("J.S.:", "T.B.:"), ["J.S.", "T.B."]),  # initials with their full stops
    (("🎙️ 主持人：", "🎧 嘉宾："), ["主持人", "嘉宾"]),  # an emoji marks who speaks
    (("JANE ——", "TOM ——"), ["Jane", "Tom"]),  # a Chinese dash after a Latin name
])
def test_label_variants_written_by_hand(tmp_path, labels, names):
    words = ["Welcome to the show.", "Thanks for having me.", "How was the trip?",
             "Long, but worth it.", "Where did you go?", "North, to the lakes."]
    text = "\n\n".join(f"{labels[i % 2]} {line}" for i, line in enumerate(words))
    result = import_text(tmp_path, "variants.txt", text + "\n")
    assert said_by_name(result) == [(names[i % 2], line) for i, line in enumerate(words)]


def test_dotted_initials_are_the_full_names_the_opening_gives(tmp_path):
    result = import_text(tmp_path, "dotted.txt", (
        "Interview with Tom Baker by Jane Smith.\n\n"
        "Jane Smith: Welcome to the show, Tom.\n\nTom Baker: Thanks for having me.\n\n"
        "J.S.: How was the trip?\n\nT.B.: Long, but worth it.\n\nJ.S.: Thanks, Tom.\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "Narrator", "Jane Smith", "Tom Baker", "Jane Smith", "Tom Baker", "Jane Smith"]


def test_a_quotation_inside_prose_is_not_a_run_together_dialogue():
    # `她说：` follows a sentence end twice, but nobody answers: a story, not a transcript
    with pytest.raises(ArticleError, match="no dialogue found"):
        import_article(ARTICLES / "quoted_prose_zh.txt")


def test_a_title_abbreviation_is_not_the_end_of_a_sentence():
    blocks = [Block(1, "MR. THOMPSON: Thank you. MR. WILCOX: Objection."),
              Block(2, "MR. THOMPSON: Go on. MR. WILCOX: Withdrawn.")]
    found = inline_labels(blocks, {"MR. THOMPSON"})
    assert [label.name for label in found] == ["MR. WILCOX", "MR. WILCOX"]


def test_a_glossary_is_not_a_list_of_speakers():
    script = import_article(ARTICLES / "glossary_dl_en.html").script
    assert [s.name for s in script.speakers.values()] == ["Ann", "Ben"]


def test_a_role_before_the_name_is_the_speakers_role():
    script = import_article(ARTICLES / "role_name_zh.txt").script
    assert {s.name: s.role for s in script.speakers.values()} == {"王小丫": "host",
                                                               "李建国": "guest"}


def test_what_someone_is_before_their_name_leaves_the_name_as_the_speaker(tmp_path):
    # a press conference prints the title before the name, the words on the next line
    result = import_text(tmp_path, "press.txt", (
        "主持人 寿小丽：\n欢迎出席今天的发布会。\n\n国家统计局局长 康义：\n一季度经济开局平稳。\n\n"
        "路透社记者：\n全年就业形势怎么样？\n\n国家统计局局长 康义：\n就业形势总体稳定。\n\n"
        "人民银行副行长 刘国强：\n我补充一点，物价也是稳的。\n\n主持人 寿小丽：\n谢谢各位。\n"))
    assert said_by_name(result) == [
        ("寿小丽", "欢迎出席今天的发布会。"), ("康义", "一季度经济开局平稳。"),
        ("路透社记者", "全年就业形势怎么样？"), ("康义", "就业形势总体稳定。"),
        ("刘国强", "我补充一点，物价也是稳的。"), ("寿小丽", "谢谢各位。")]


def test_question_labels_are_spoken_by_the_reporter():
    script = import_article(ARTICLES / "briefing_en.txt").script
    by_speaker = {t.text: t.speaker for _, t in script.turns()}
    assert by_speaker["And the budget?"] == "q"
    assert by_speaker["We will release it next week."] == "ms_psaki"
    assert script.speakers["q"].role == "host"


def test_sound_cues_and_laughter_go_to_notes():
    script = import_article(ARTICLES / "npr_en.txt").script
    turns = [t for _, t in script.turns()]
    assert turns[0].note == "(SOUNDBITE OF MUSIC)"
    assert turns[4].note == "(Laughter)"
    assert "SOUNDBITE" not in "\n".join(t.text for t in turns)


def test_alias_introduced_in_brackets_is_one_speaker():
    script = import_article(ARTICLES / "alias_zh.md").script
    turns = [(t.speaker, t.text) for _, t in script.turns()]
    assert turns[2] == ("wang_xiaoming", "我们先聊聊开源。")  # "WX：" is 王小明（WX）
    assert [c.title for c in script.chapters] == ["开场", "提问"]


def test_topic_lines_are_chapter_titles():
    script = import_article(ARTICLES / "topics_en.txt").script
    assert [c.title for c in script.chapters] == ["Budget", "Hiring"]
    assert [len(c.turns) for c in script.chapters] == [2, 2]


def test_a_longer_topic_line_between_punctuated_turns_is_a_heading_not_speech():
    # a page's text copied without its markup: `How the first maps were made by hand` stands
    # between turns whose words always end their sentences, so it heads a section (it is not
    # Ben's words); the first line, all there is above the dialogue, is the page's title
    result = import_article(ARTICLES / "long_topic_lines_en.txt")
    script = result.script
    assert script.title == "Field Notes, episode 12"
    assert [c.title for c in script.chapters][1:] == [
        "How the first maps were made by hand", "What a drone sees that a person walking"]
    assert [len(c.turns) for c in script.chapters] == [4, 4, 3]
    said = [t.text for _, t in script.turns()]
    assert said[3] == "A flood, in 2019. Nobody had a current map of our river."
    assert said[7] == "It was. The drone came a year later."
    assert lost_lines(ARTICLES / "long_topic_lines_en.txt", result) == []


def test_words_broken_off_before_the_next_label_are_speech_not_a_heading(tmp_path):
    # `So it's like-` ends no sentence and is short, but a word broken off is someone's
    # speech cut short, never a section's title
    script = import_text(tmp_path, "talk.txt", (
        "Ann: 00:00:01\n\nWe met in the spring.\n\nBen: 00:00:04\n\nRight, at the market.\n"
        "So it's like-\n\nAnn: 00:00:09\n\nExactly, the flower stall.\n\n"
        "Ben: 00:00:12\n\nAnd then…\n\nAnn: 00:00:15\n\nThen we talked for hours.\n")).script
    assert len(script.chapters) == 1
    said = [t.text for _, t in script.turns()]
    assert said[1] == "Right, at the market.\nSo it's like-"
    assert said[3] == "And then…"


def test_first_name_after_full_name_and_front_matter_names(tmp_path):
    article = tmp_path / "talk.md"
    article.write_text(
        "---\nspeakers: [Grace Hopper]\n---\n\n"
        "Alan Kay: Welcome, Grace. What was the first bug?\n\n"
        "Grace: A moth, in a relay.\n\nAlan: Really?\n\nGrace: Really. We taped it in.\n\n"
        "AK: Thanks.\n", encoding="utf-8")
    script = import_article(article).script
    assert [s.name for s in script.speakers.values()] == ["Alan Kay", "Grace Hopper"]
    assert [t.speaker for _, t in script.turns()] == ["alan_kay", "grace_hopper"] * 2 + [
        "alan_kay"]


def test_ad_break_marker_is_not_a_speaker(tmp_path):
    article = tmp_path / "show.txt"
    article.write_text(
        "HOST: Welcome to the show. Who are you?\n\nGUEST: I make maps.\n\n"
        "AD BREAK: This episode is brought to you by Acme.\n\n"
        "HOST: We are back. Why maps?\n\nGUEST: Because places matter.\n\n"
        "BREAK:\n\nHOST: Thanks for coming.\n\nGUEST: Thank you.\n", encoding="utf-8")
    result = import_article(article)
    script = result.script
    assert [s.name for s in script.speakers.values()] == ["Host", "Guest"]
    assert "Acme" not in dumps(script)
    assert [e.kind for e in result.report.entries if "Acme" in e.text] == ["ad"]


def test_singleton_speaker_in_the_documents_label_shape(tmp_path):
    article = tmp_path / "panel.md"
    article.write_text(
        "**Moderator:** Let's begin. Who builds the engines?\n\n"
        "**Ada:** I do, mostly.\n\n**Moderator:** And who tests them?\n\n"
        "**Charles:** Me. Just the once, though.\n\n**Ada:** He is modest.\n\n"
        "**Moderator:** Thank you both.\n", encoding="utf-8")
    script = import_article(article).script
    assert [s.name for s in script.speakers.values()] == ["Moderator", "Ada", "Charles"]
    assert "Me. Just the once, though." in dumps(script)


def test_a_plain_singleton_in_the_flow_of_talk_is_a_speaker(tmp_path):
    article = tmp_path / "space.txt"
    article.write_text(
        "Bryan: Welcome to the space. Adam, are you there?\n\nAdam: I am here.\n\n"
        "Bryan: Great. Let us talk about formal methods.\n\nLaura: Ha, yes!\n\n"
        "Adam: Laura has opinions.\n\nBryan: We all do. Two reasons matter.\n\n"
        "Cost: nobody pays for proofs.\n\nAdam: True enough.\n\nBryan: Thanks, all.\n",
        encoding="utf-8")
    script = import_article(article).script
    assert [s.name for s in script.speakers.values()] == ["Bryan", "Adam", "Laura"]
    texts = [t.text for _, t in script.turns()]
    assert "Ha, yes!" in texts
    assert "We all do. Two reasons matter.\nCost: nobody pays for proofs." in texts


def test_a_chinese_singleton_name_but_not_a_word(tmp_path):
    article = tmp_path / "talk.txt"
    article.write_text(
        "李明：今天聊聊开源。你怎么看？\n\n王强：开源很重要。\n\n赵丽：我补充一句。\n\n"
        "李明：请继续。\n\n王强：有两点。\n\n其中：第一点是社区。\n\n李明：谢谢。\n",
        encoding="utf-8")
    script = import_article(article).script
    assert [s.name for s in script.speakers.values()] == ["李明", "王强", "赵丽"]
    assert any(t.text == "有两点。\n其中：第一点是社区。" for _, t in script.turns())


@pytest.mark.parametrize(("line", "name", "role"), [
    ("Jane Smith (Host): Welcome to the show.", "Jane Smith", "host"),
    ("王芳（主持人）：欢迎来到节目。", "王芳", "host"),
    (">> JOHN: Hello everyone.", "John", None),
])
def test_role_in_brackets_and_caption_markers(tmp_path, line, name, role):
    other = "Guest: Thanks for having me." if line.isascii() else "嘉宾：谢谢邀请。"
    article = tmp_path / "a.txt"
    article.write_text(f"{line}\n\n{other}\n\n{line}\n\n{other}\n", encoding="utf-8")
    script = import_article(article).script
    first = next(iter(script.speakers.values()))
    assert first.name == name
    if role:
        assert first.role == role


def test_a_research_interviews_participant_codes_are_speakers_and_numbered_questions_are_not(
        tmp_path):
    # `P07:` is a participant's code (`INT` too: kept in capitals, not a word); `Q1:` / `A1:`
    # number the questions and answers of two people, not eight
    coded = import_text(tmp_path, "coded.txt", "".join(
        f"INT: Question {n}, can you say more?\n\nP07: Answer {n}, yes I can.\n"
        for n in range(1, 5)))
    assert [s.name for s in coded.script.speakers.values()] == ["INT", "P07"]
    assert len(list(coded.script.turns())) == 8
    numbered = import_text(tmp_path, "numbered.txt", "".join(
        f"Q{n}: Question {n}, can you say more?\n\nA{n}: Answer {n}, yes I can.\n"
        for n in range(1, 5)))
    assert sorted(s.name for s in numbered.script.speakers.values()) == ["Guest", "Host"]


def test_a_name_in_brackets_before_the_words_is_a_label_and_a_sound_in_brackets_is_not(
        tmp_path):
    result = import_text(tmp_path, "bracketed.txt", (
        "[Maria Lopez] Welcome to the show.\n\n[David Chen] Thanks for having me.\n\n"
        "[Laughter] It was a long trip, honestly.\n\n[Maria Lopez] Tell me about the book.\n\n"
        "[David Chen] It is about rivers.\n\n[Applause] Thank you all.\n"))
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == ["Maria Lopez", "David Chen"]
    assert said[1] == ("david_chen", "Thanks for having me.\nIt was a long trip, honestly.")
    assert len(said) == 4


def test_turns_a_scraped_chinese_script_ran_together_with_spaces_are_split(tmp_path):
    # one line, the turns kept apart only by a space before each label (Chinese puts no
    # spaces between words), one after a number
    result = import_text(tmp_path, "xs.txt", (
        "甲：我给大家介绍一下我的搭档 乙：不敢当 甲：他从小就爱说相声 乙：五岁就开始学了 "
        "甲：你今年多大 乙：23 甲：看不出来 乙：保养得好\n"))
    assert said_by_name(result) == [
        ("甲", "我给大家介绍一下我的搭档"), ("乙", "不敢当"), ("甲", "他从小就爱说相声"),
        ("乙", "五岁就开始学了"), ("甲", "你今年多大"), ("乙", "23"), ("甲", "看不出来"),
        ("乙", "保养得好")]


def test_a_spaced_script_turn_that_opens_with_a_stage_direction_is_its_speaker_s(tmp_path):
    # `逗哏　（学）买猴儿`: the direction comes first and the label has no colon
    result = import_text(tmp_path, "xs.txt", (
        "逗哏　今天我给您说一段。\n捧哏　说什么呀？\n逗哏　说说马大哈。\n"
        "捧哏　这可差远了！\n逗哏　（学）买猴儿，买五十只！\n捧哏　好嘛，买五十只猴儿！\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "逗哏", "捧哏", "逗哏", "捧哏", "逗哏", "捧哏"]
    assert "买猴儿，买五十只！" in said_by_name(result)[4][1]


def test_a_latin_full_name_in_run_together_chinese_turns_stays_whole(tmp_path):
    # the space inside `Sam Lee：` is no boundary between turns
    result = import_text(tmp_path, "round.txt", (
        "周文：请介绍一下自己。 Sam Lee：大家好，我是 Sam。 王晓雨：我是王晓雨。 "
        "周文：谢谢两位。 Sam Lee：不客气。 王晓雨：谢谢。\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "周文", "Sam Lee", "王晓雨", "周文", "Sam Lee", "王晓雨"]


def test_a_label_typed_with_a_comma_or_a_semicolon_is_still_a_label(tmp_path):
    lines = []
    for number in range(4):
        lines += [f"甲：今天说第{number}段。", f"乙：好，您说第{number}段吧。"]
    lines[3] = "乙;好，您说第1段吧。"
    lines[5] = "乙，好，您说第2段吧。"
    result = import_text(tmp_path, "xs.txt", "\n".join(lines) + "\n")
    assert said_by_name(result) == [
        (name, text.split("：", 1)[1]) for name, text in
        [("甲", line) if line.startswith("甲") else ("乙", "乙：" + line[2:]) for line in lines]]
    assert len(result.script.chapters) == 1  # neither slipped label is a section heading
    assert sum(e.kind == "label" for e in result.report.entries) == 2


def test_a_skits_parts_directions_and_curtain_are_not_spoken(tmp_path):
    # a school skit: the parts are 演员甲 and 演员乙 (counted, not one name misspelt), what
    # the actors do is in brackets, and the curtain falls at the end
    result = import_text(tmp_path, "skit.txt", (
        "演员甲:你最不喜欢哪门课?\n\n演员乙:作文!\n\n"
        "演员甲:为什么?\n\n演员乙:我写不出来。(一边说一边做动作)真的写不出来。\n\n"
        "演员甲:那就多观察生活。\n\n演员乙:我试试……我想到了月亮……(定格)\n\n"
        "演员甲:喂，该下场啦!\n\n谢幕。\n"))
    assert said_by_name(result) == [
        ("演员甲", "你最不喜欢哪门课？"), ("演员乙", "作文！"), ("演员甲", "为什么？"),
        ("演员乙", "我写不出来。真的写不出来。"), ("演员甲", "那就多观察生活。"),
        ("演员乙", "我试试……我想到了月亮……"), ("演员甲", "喂，该下场啦！")]
    assert not result.report.doubts


def test_what_an_actor_does_before_or_after_the_words_is_a_direction_but_a_sentence_is_said(
        tmp_path):
    result = import_text(tmp_path, "skit.txt", (
        "老王：几点了？这孩子怎么还不回来？\n\n老伴：来了来了！（跑去开门）\n\n"
        "小王：（提着大包小包上）爸，我回来了！\n\n"
        "老王：（站起来，又坐下）哼，还知道回来。\n\n"
        "小王：我买了棉袄。（这是去年的事。）\n\n老伴：快坐下。(laughs, then pauses)\n"))
    assert said_by_name(result) == [
        ("老王", "几点了？这孩子怎么还不回来？"), ("老伴", "来了来了！"),
        ("小王", "爸，我回来了！"), ("老王", "哼，还知道回来。"),
        ("小王", "我买了棉袄。（这是去年的事。）"), ("老伴", "快坐下。")]
    notes = [turn.note for chapter in result.script.chapters for turn in chapter.turns]
    assert notes == [None, "（跑去开门）", "（提着大包小包上）", "（站起来，又坐下）", None,
                     "(laughs, then pauses)"]


@pytest.mark.parametrize(("cast", "names"), [
    ("甲：郭德纲　乙：于谦", ["郭德纲", "于谦"]),
    ("甲：郭德纲\n乙：于谦", ["郭德纲", "于谦"]),
])
def test_a_cast_list_in_labels_names_the_parts_and_is_not_said(tmp_path, cast, names):
    result = import_text(tmp_path, "xs.txt", (
        f"《学四省》\n{cast}\n\n甲：今天跟您说段相声。\n乙：您说。\n甲：我会学各地方言。\n"
        "乙：学哪儿的？\n甲：天津、山东、河南、山西。\n乙：那您给学学。\n"))
    said = said_by_name(result)
    assert [name for name, _ in said] == [*names, *names, *names]
    assert said[0] == (names[0], "今天跟您说段相声。") and len(said) == 6


def test_a_host_and_a_guest_named_above_the_talk_are_those_people(tmp_path):
    result = import_text(tmp_path, "bees.txt", (
        "Host: Jane Park\nGuest: Tom Lee\n\nHost: Welcome, Tom. How many hives?\n\n"
        "Guest: Forty, on three farms.\n\nHost: Do they survive the winter?\n\n"
        "Guest: Most of them.\n"))
    assert said_by_name(result) == [
        ("Jane Park", "Welcome, Tom. How many hives?"), ("Tom Lee", "Forty, on three farms."),
        ("Jane Park", "Do they survive the winter?"), ("Tom Lee", "Most of them.")]


@pytest.mark.parametrize("mark", ["[{name}]", "00:00:{second:02d} {name}", "({second}:00) {name}"])
def test_a_name_alone_on_its_line_in_brackets_or_after_a_time_labels_the_words_below(
        tmp_path, mark):
    turns = [("Ann", "Welcome to the show."), ("Bob", "Thanks, Ann."),
             ("Ann", "Let us talk about soil."), ("Bob", "Soil is alive.")]
    lines = [f"{mark.format(name=name, second=3 * n)}\n{text}"
             for n, (name, text) in enumerate(turns, start=1)]
    # a sound or a note on its own line names nobody
    result = import_text(tmp_path, "talk.txt",
                         "[Music]\n\n" + "\n\n".join(lines) + "\n\n[END OF TAPE ONE]\n")
    assert said_by_name(result) == turns


def test_a_verb_of_saying_after_a_chinese_name_is_not_part_of_the_name(tmp_path):
    result = import_text(tmp_path, "talk.txt", (
        "记者问：今天聊什么？\n\n张三说：聊聊读书。\n\n记者问：读什么？\n\n张三答：读历史。\n\n"
        "王道：我也来说两句。\n\n记者问：请讲。\n\n王道：历史很有意思。\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "记者", "张三", "记者", "张三", "王道", "记者", "王道"]


@pytest.mark.parametrize("group", ["Several participants", "Multiple voices", "Both hosts",
                                   "Unknown"])
def test_a_group_or_an_unknown_voice_speaking_once_is_a_speaker_not_the_last_one_s_words(
        tmp_path, group):
    result = import_text(tmp_path, "focus.txt", (
        "Moderator: Thanks for coming. Who has tried the new bus line?\n\n"
        "Participant 1: I have. It is faster.\n\nParticipant 2: Not for me, it skips my stop.\n\n"
        "Moderator: Would you use it more if it stopped there?\n\n"
        f"{group}: Yes!\n\nModerator: Thanks, everyone.\n"))
    assert said_by_name(result)[-3:] == [
        ("Moderator", "Would you use it more if it stopped there?"), (group, "Yes!"),
        ("Moderator", "Thanks, everyone.")]


@pytest.mark.parametrize("group", ["全体", "同学们", "听众甲", "记者2"])
def test_a_chinese_group_or_a_counted_role_speaking_once_is_a_speaker(tmp_path, group):
    result = import_text(tmp_path, "focus.txt", (
        "主持人：今天聊聊新公交线路。谁坐过？\n\n张伟：我坐过，挺快的。\n\n李娜：我没坐，不经过我家。\n\n"
        f"主持人：如果经过你家，你会坐吗？\n\n{group}：会！\n\n主持人：好，谢谢大家。\n\n张伟：谢谢。\n"))
    assert said_by_name(result)[3:5] == [("主持人", "如果经过你家，你会坐吗？"), (group, "会！")]
