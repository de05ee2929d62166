"""Each input format read into the same script: HTML, Markdown, SRT, WebVTT and plain text."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pytest

from renderer.importer import import_article
from renderer.importer.readers import detect_format, read_document
from renderer.script.model import dumps

from .helpers import ARTICLES, import_text, said_by_name

MARKUP = re.compile(r"\*\*|__|!\[|\]\(|^\s*#{1,6}\s|</?[a-zA-Z][^<>]*>|&[a-zA-Z]{2,8};|https?://",
                    re.MULTILINE)


def _spoken(script) -> str:
    return "\n".join(turn.text for _, turn in script.turns())


def _names(script) -> list[str]:
    return [s.name for s in script.speakers.values() if s.role != "narrator"]


@pytest.mark.parametrize(("name", "kind"), [
    ("page.html", "html"), ("interview.md", "markdown"), ("episode.srt", "srt"),
    ("episode.vtt", "vtt"), ("messy_en.txt", "plain"), ("asym_zh.md", "markdown"),
])
def test_format_is_detected(name, kind):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    assert detect_format(text, "." + name.rsplit(".", 1)[1]) == kind
    # the content alone is enough for the formats that announce themselves
    if kind in ("html", "srt", "vtt"):
        assert detect_format(text) == kind


def test_markdown_saved_as_txt_is_read_as_markdown(tmp_path):
    article = tmp_path / "interview.txt"
    article.write_bytes((ARTICLES / "interview.md").read_bytes())
    script = import_article(article).script
    assert _names(script) == ["Maria Lopez", "David Chen"]
    assert not MARKUP.search(_spoken(script))


def test_markdown_with_inline_html_saved_as_txt_is_read_as_markdown(tmp_path):
    # a web clipper's Markdown keeps the page's `<br />` and `<em>`: tags on most lines, yet
    # no tag makes a block — Markdown, whose bold labels name the speakers
    lines = [f"**{who}:** Line {n} of the talk, with a break.<br />\nAnd <em>more</em> words."
             for n, who in enumerate(["Ann", "Ben"] * 4)]
    text = "\n\n".join(lines) + "\n"
    assert detect_format(text) == "markdown"
    script = import_text(tmp_path, "clipped.txt", text).script
    assert _names(script) == ["Ann", "Ben"]
    assert len(list(script.turns())) == 8
    assert not MARKUP.search(_spoken(script))


def test_html_page():
    result = import_article(ARTICLES / "page.html")
    script = result.script
    assert script.title == "Robots that help nurses"
    assert _names(script) == ["Karen Smith", "Omar Haddad"]  # Karen and Omar merged in
    dialogue = [t.text for _, t in script.turns() if t.speaker != "narrator"]
    assert dialogue == [
        "Thanks for coming in. What do your robots do?",
        "They carry supplies & medicine around hospitals.\n"
        "Nurses can stay with patients. Read about the robots if you like.",
        "What surprised you?",
        "How much people talk to them and nurses even give them names.",
        "Any names you like?",
        "\u201cRolly.\u201d",
    ]
    assert [c.title for c in script.chapters] == ["Getting started", "What surprised them"]
    text = dumps(script)
    for gone in ("Subscribe", "Home", "Sign in", "tracking pixel", "Also hidden",
                 "Another story", "All rights reserved", "Photo: Kim Lee", "&amp;", "color"):
        assert gone not in text, gone
    kinds = {e.kind for e in result.report.entries}
    assert {"chrome", "hidden", "caption"} <= kinds


def test_site_header_outside_the_main_content_is_not_spoken():
    """<main> holds the <article>: the page's header beside them is chrome, not an intro."""
    script = import_article(ARTICLES / "main_article_en.html").script
    assert _names(script) == ["Mina Hart", "Jonas Eld"]
    text = dumps(script)
    assert "Conversations, recipes" not in text and "volunteers" not in text
    assert script.turn_count() == 6


def test_speech_list_page_keeps_times_out_of_the_words():
    """`<span class="speaker">唐鳳</span> <span class="time">14:02</span>`: the time opening
    the words after a label is a timestamp, not speech."""
    script = import_article(ARTICLES / "speech_list_zh.html").script
    assert _names(script) == ["唐鳳", "林主任"]
    assert script.turn_count() == 5
    spoken = _spoken(script)
    assert not re.search(r"\d{1,2}:\d{2}", spoken) and "連結" not in spoken
    assert spoken.startswith("大家好，今天很高興")


def test_blog_transcript_keeps_readers_comments_out():
    """WordPress: `2 thoughts on "Episode 42"` opens the readers' comments; `Linda says:`
    is a reader, not a speaker."""
    script = import_article(ARTICLES / "blog_comments_en.html").script
    assert _names(script) == ["Sarah Quinn", "Omar Haddad"]
    spoken = _spoken(script)
    for gone in ("Tried this", "Great episode", "Saving Seeds", "cookies", "Share this"):
        assert gone not in spoken, gone
    assert script.turn_count() == 8


def test_markdown_interview_with_front_matter():
    result = import_article(ARTICLES / "interview.md")
    script = result.script
    assert script.title == "Fusion, explained"
    assert script.date == dt.date(2024, 5, 2)
    assert _names(script) == ["Maria Lopez", "David Chen"]
    texts = [t.text for _, t in script.turns()]
    assert texts[:4] == [
        "Welcome. Today we talk about fusion with David Chen.",
        "Thanks, Maria. Fusion joins light nuclei and releases energy.",
        "Why is it so hard?",
        "You need a plasma hotter than the core of the Sun. "
        "The magnets hold it in place, see B-field T.",
    ]
    assert [c.title for c in script.chapters] == ["The basics", "What comes next"]
    assert [t.note for _, t in script.turns()][5] == "(laughs)"
    text = dumps(script)
    for gone in ("placeholder", "{:toc}", "__", "**", "![", "](", "00:01:05", "---\n",
                 "edited for clarity", "speakers:\n  -"):
        assert gone not in text.split("chapters:", 1)[1], gone
    assert {"front-matter", "markup", "image", "rule", "timestamp"} <= {
        e.kind for e in result.report.entries}


def test_srt_cues_join_into_turns():
    script = import_article(ARTICLES / "episode.srt").script
    assert _names(script) == ["Anna", "Ben"]
    assert [t.text for _, t in script.turns()] == [
        "Welcome back to the show. Today we talk about rivers.",
        "Rivers shape every city they run through.",
        "Which river do you love?",
        "The Danube.",
    ]
    assert [t.note for _, t in script.turns()][-1] == "[MUSIC]"


def test_webvtt_voices_are_speakers():
    script = import_article(ARTICLES / "episode.vtt").script
    assert _names(script) == ["Roger Bingham", "Neil Tyson"]
    assert [t.text for _, t in script.turns()] == [
        "We are in New York City and we are talking about space.",
        "It is big & mostly empty.",
        "How big?",
        "Bigger than you think.",
    ]
    assert "recorded live" not in dumps(script)


def test_broken_subtitles_are_a_clear_error(tmp_path):
    from renderer.errors import ArticleError

    broken = tmp_path / "broken.vtt"
    broken.write_text("WEBVTT\n\n00:00:01.000 --> nonsense\nHello\n", encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        import_article(broken)
    assert "broken.vtt" in str(error.value) and "\n" not in str(error.value)


def test_a_json_transcript_export_is_read_utterance_by_utterance(tmp_path):
    export = tmp_path / "bb-002.json"
    export.write_text(json.dumps({"podcast": "BookBytes", "episode": "2", "transcript": [
        {"speaker": "Adam Garrett-Harris", "text": "Welcome to BookBytes. Enter on "
         "[the giveaway page](https://www.orbit.fm/giveaway/) to win a copy."},
        {"speaker": "Jen Luker", "text": "I'm Jen Luker."},
        {"speaker": "Adam Garrett-Harris", "text": "What did you think of it so far?"},
        {"speaker": "Jen Luker", "text": "I thought it was \"really\" fascinating."},
    ]}, indent=2), encoding="utf-8")
    script = import_article(export).script
    assert script.title == "BookBytes, episode 2"
    assert [(script.speakers[t.speaker].name, t.text) for _, t in script.turns()] == [
        ("Adam Garrett-Harris", "Welcome to BookBytes. Enter on the giveaway page to win a copy."),
        ("Jen Luker", "I'm Jen Luker."),
        ("Adam Garrett-Harris", "What did you think of it so far?"),
        ("Jen Luker", 'I thought it was "really" fascinating.')]


@pytest.mark.parametrize("export", [
    # a recognizer's utterances: speakers as letters, times in milliseconds
    {"id": "x1", "status": "completed", "utterances": [
        {"speaker": "A", "start": 0, "end": 900, "text": "Where were you that night?"},
        {"speaker": "B", "start": 950, "end": 2100, "text": "At home, with my sister."},
        {"speaker": "A", "start": 2200, "end": 3000, "text": "Can she say so?"},
        {"speaker": "B", "start": 3100, "end": 4000, "text": "She can, and she will."}]},
    # a bare list; speakers as numbers, and as objects with a name
    [{"speaker": 1, "content": "Where were you that night?"},
     {"speaker": {"name": "Speaker 2"}, "content": "At home, with my sister."},
     {"speaker": 1, "content": "Can she say so?"},
     {"speaker": {"name": "Speaker 2"}, "content": "She can, and she will."}],
], ids=["utterances", "list"])
def test_json_exports_of_other_shapes_give_the_same_turns(tmp_path, export):
    path = tmp_path / "call.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    said = [t.text for _, t in import_article(path).script.turns()]
    assert said == ["Where were you that night?", "At home, with my sister.",
                    "Can she say so?", "She can, and she will."]
    assert detect_format(path.read_text(encoding="utf-8")) == "json"  # without its suffix


@pytest.mark.parametrize(("name", "content", "says"), [
    ("broken.json", '{"transcript": [{"speaker": "A", "text": "Hi"}', "not valid JSON"),
    ("package.json", '{"name": "app", "dependencies": {"left-pad": "1.0"}}',
     "no transcript in this JSON"),
    ("deep.json", "[" * 100_000, "JSON nested too deeply"),
])
def test_a_json_file_without_a_transcript_is_a_clear_error(tmp_path, name, content, says):
    from renderer.errors import ArticleError

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        import_article(path)
    assert str(error.value).startswith(f"{path}: {says}") and "\n" not in str(error.value)


def test_html_fragment_and_declared_charset(tmp_path):
    page = tmp_path / "fragment.htm"
    page.write_bytes(
        '<meta charset="gbk"><p><b>主持人：</b>欢迎你。今天聊什么？</p>'
        "<p><b>嘉宾：</b>聊聊读书。</p><p><b>主持人：</b>好的。</p>"
        "<p><b>嘉宾：</b>谢谢。</p>".encode("gbk"))
    script = import_article(page).script
    assert _names(script) == ["主持人", "嘉宾"]
    assert next(t.text for _, t in script.turns()) == "欢迎你。今天聊什么？"


def test_turns_run_together_in_one_html_paragraph(tmp_path):
    page = tmp_path / "asr.html"
    page.write_text(
        "<html><body><p>[Speaker 1] [00:00] Hello there, welcome. [Speaker 2] [00:04] Hi. "
        "How are you? [Speaker 1] [00:09] Fine, and you? [Speaker 3] [00:12] Use "
        "<code>Vec&lt;T&gt;</code> here.</p></body></html>", encoding="utf-8")
    script = import_article(page).script
    assert _names(script) == ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert [t.text for _, t in script.turns()] == [
        "Hello there, welcome.", "Hi. How are you?", "Fine, and you?", "Use Vec T here."]


def test_double_spaced_record_with_page_numbers(tmp_path):
    record = tmp_path / "record.txt"
    body = """
                                                          12

                    P R O C E E D I N G S

                             THE CHAIR:    The committee

                 will come to order.  We have one

                 item today.

                             MS. GRAY:    Thank you.  I

                 move that we adopt the report.



                                                          13



                 It is ready for a vote.

                             (Whereupon, the members stood

                 for a moment of silence.)

                             THE CHAIR:    So moved.

                             MS. GRAY:    Thank you,

                 Madam Chair.
"""
    record.write_bytes(body.replace("\n", "\r\n").encode() + b"\x1a")
    script = import_article(record).script
    assert _names(script) == ["The Chair", "Ms. Gray"]
    turns = [t for _, t in script.turns()]
    assert [t.text for t in turns] == [
        "The committee will come to order. We have one item today.",
        "Thank you. I move that we adopt the report. It is ready for a vote.",
        "So moved.",
        "Thank you, Madam Chair.",
    ]
    assert turns[1].note == "(Whereupon, the members stood for a moment of silence.)"
    assert "P R O C E" not in dumps(script)


def test_an_html_agenda_table_and_a_code_block_are_not_spoken_but_a_layout_table_is_read():
    result = import_article(ARTICLES / "agenda_table_en.html")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == ["Priya", "Marcus"]
    assert said[0] == ("priya", "Welcome, everyone. Marcus, you found the cache bug?")
    assert said[3] == ("marcus", "The flags go into the key now. The change is small:")
    assert len(said) == 7
    spoken = "\n".join(text for _, text in said)
    assert "Release plan" not in spoken and "hash(" not in spoken and "10:05" not in spoken
    counts = result.report.counts()
    assert counts[("dropped", "table")] == 12 and counts[("dropped", "code")] == 1


def test_captions_of_images_a_text_copy_lost_are_still_captions():
    result = import_article(ARTICLES / "lost_captions_zh.txt")
    texts = [turn.text for _, turn in result.script.turns()]
    assert texts[1] == "在重看《东京女子图鉴》，每次看感受都不一样。"
    assert texts[3] == "因为人在变。二十岁看是羡慕，三十岁看是心疼。"
    assert len(texts) == 8
    assert result.report.counts()[("dropped", "caption")] == 2


@pytest.mark.parametrize(("name", "picture", "caption"), [
    # the page's markup names the caption by its class; a copy keeps only the words
    ("shoes.html", '<p><img src="a.jpg"></p>', '<p class="pic-title">{}</p>'),
    ("shoes.txt", "", "{}"),
])
def test_a_caption_closed_by_its_photographers_name_and_the_pages_notice_are_not_said(
        tmp_path, name, picture, caption):
    credit = "陈师傅在修鞋摊前。新京报记者 李想 摄"
    turns = ["<p>新京报：您每天几点出摊？</p>", "<p>陈师傅：七点。冬天晚一点。</p>",
             "<p>新京报：来修鞋的人还多吗？</p>", "<p>陈师傅：比以前少多了。</p>"]
    notice = "<p>（本文首发于新京报，未经授权不得转载）</p>"
    body = "\n".join([turns[0], turns[1], picture, caption.format(credit), *turns[2:], notice])
    if name.endswith(".txt"):
        body = "\n\n".join(re.sub(r"<[^>]+>", "", line) for line in body.splitlines() if line)
    result = import_text(tmp_path, name, body)
    texts = [turn.text for _, turn in result.script.turns()]
    assert texts == ["您每天几点出摊？", "七点。冬天晚一点。",
                     "来修鞋的人还多吗？", "比以前少多了。"]
    assert result.report.counts()[("dropped", "caption")] == 1
    # the page's notice in brackets is dropped, not kept as a note on the last turn
    assert [turn.note for _, turn in result.script.turns()][-1] is None
    assert result.report.counts()[("dropped", "rights")] == 1


def test_one_sentence_under_an_image_about_someone_is_a_caption_to_check(tmp_path):
    # what the picture shows, in nobody's voice, is not said; what someone says under a
    # picture (`我…`) is; the caption is dropped as a decision to check
    page = tmp_path / "doctor.md"
    image = "![](https://example.com/photo.jpg)"
    page.write_text(
        "# 乡村医生\n\n**记者：** 最开始都看什么病？\n\n**王德明：** 感冒最多。\n\n"
        f"{image}\n\n王德明在卫生室里给村民量血压。\n\n"
        "**记者：** 最大的变化是什么？\n\n**王德明：** 路通了。\n\n"
        f"{image}\n\n我最担心的是以后谁来接。\n\n**记者：** 谢谢您。\n", encoding="utf-8")
    result = import_article(page)
    said = [turn.text for _, turn in result.script.turns()]
    assert said == ["最开始都看什么病？", "感冒最多。", "最大的变化是什么？",
                    "路通了。\n我最担心的是以后谁来接。", "谢谢您。"]
    doubts = [d for d in result.report.doubts if "no one's voice" in d.decision]
    assert [(d.kind, d.subject) for d in doubts] == [
        ("dropped-block", "王德明在卫生室里给村民量血压。")]


GOOGLE_DOCS_EXPORT = (
    '<html><head><style>.c1{font-weight:700}.c2{font-style:italic}</style></head><body>'
    '<p><span class="c1">Interview with Dr. Ada Moore</span></p>{}</body></html>')
WORD_TURN = '<p><span {}>{}</span><span>&nbsp;&nbsp;{}</span></p>'


def test_names_a_google_docs_or_word_export_bolds_with_styles_are_labels(tmp_path):
    # no colon after the names: only their bold (a class, or an inline style) marks them
    turns = [("Interviewer", "Thank you for making time today."),
             ("Ada Moore", "Happy to. It has been a busy week."),
             ("Interviewer", "Tell me about the new lab."), ("Ada Moore", "It opens in June."),
             ("Interviewer", "And the team?"), ("Ada Moore", "Twelve people.")]
    bold = ['class="c1"', 'style="font-weight:bold"']
    body = "".join(WORD_TURN.format(bold[i // 4], name, words)
                   for i, (name, words) in enumerate(turns))
    result = import_text(tmp_path, "export.html", GOOGLE_DOCS_EXPORT.replace("{}", body))
    assert said_by_name(result) == turns


def test_text_a_google_docs_copy_wraps_in_normal_weight_bold_is_not_bold():
    document = read_document(
        b'<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span>Recorded in March.'
        b'</span></p><p><span style="font-weight:700;">Ann:</span><span> Hello.</span></p>'
        b'<p><span class="x" style="font-style:italic">An aside.</span></p></b>', "copy.html")
    intro, turn, aside = document.blocks
    assert intro.strong == () and turn.strong == ((0, 4),)
    assert aside.all_emphasis()


def test_a_word_document_as_transcription_services_export_it(tmp_path):
    import docx

    word = docx.Document()
    word.core_properties.title = "Design review, March 2026"
    word.add_heading("Design review", level=1)
    said = [("Maria Lopez", "00:02", "Welcome to the design review."),
            ("Sam Whitaker", "00:15", "We cut the onboarding from seven screens to four."),
            ("Maria Lopez", "00:26", "How many more people finish it?"),
            ("Sam Whitaker", "00:28", "About eighteen percent more.\nBut it is early.")]
    for name, time, words in said:
        label = word.add_paragraph()
        label.add_run(name).bold = True  # a bold name over the words, as Otter exports it
        label.add_run(f"  {time}")
        word.add_paragraph(words)  # a line break inside the paragraph goes on it
    table = word.add_table(rows=2, cols=2)  # rows of a table: name, then words
    for row, (name, words) in enumerate([("Maria Lopez", "Let's look again next week."),
                                         ("Sam Whitaker", "Will do.")]):
        table.cell(row, 0).text, table.cell(row, 1).text = name, words
    path = tmp_path / "review.docx"
    word.save(path)
    result = import_article(path)
    assert result.script.title == "Design review, March 2026"
    assert said_by_name(result) == [
        ("Maria Lopez", "Welcome to the design review."),
        ("Sam Whitaker", "We cut the onboarding from seven screens to four."),
        ("Maria Lopez", "How many more people finish it?"),
        ("Sam Whitaker", "About eighteen percent more. But it is early."),
        ("Maria Lopez", "Let's look again next week."), ("Sam Whitaker", "Will do.")]
    assert result.report.counts()[("dropped", "timestamp")] == 4


def test_two_voices_in_one_webvtt_cue_are_two_turns():
    script = import_article(ARTICLES / "voice_classes.vtt").script
    said = [(script.speakers[turn.speaker].name, turn.text) for _, turn in script.turns()]
    assert said[3] == ("Mary", "It started with one tomato plant. Now there are forty.")
    assert said[4:7] == [("Esme Johnson", "Forty!"), ("Mary", "Forty."),
                         ("Esme Johnson", "That's amazing. Thank you, Mary.")]
    assert len(said) == 8


def test_dashes_in_subtitle_cues_mark_the_other_speaker():
    result = import_article(ARTICLES / "dashed_cues.srt")
    said = [(result.script.speakers[turn.speaker].name, turn.text)
            for _, turn in result.script.turns()]
    assert said == [("Host", "Where are you going?"), ("Guest", "Out."),
                    ("Host", "Out where?"), ("Guest", "Just out, Mom."),
                    ("Host", "Be back by ten."), ("Guest", "Fine.")]


def test_named_subtitles_give_a_dashed_line_to_the_other_speaker_and_find_a_label_below_a_sound(
        tmp_path):
    cues = [("ANNA: Did you hear that?",), ("BEN: Hear what? I was",),
            ("asleep the whole time.",), ("ANNA: Something on the roof.", "BEN: It's the wind."),
            ("- It's not the wind.", "- Then go and look."), ("[THUNDER]", "BEN: Anna, wait!")]
    srt = "\n".join(f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\n"
                    + "\n".join(lines) + "\n" for n, lines in enumerate(cues, start=1))
    result = import_text(tmp_path, "storm.srt", srt)
    assert said_by_name(result) == [
        ("Anna", "Did you hear that?"), ("Ben", "Hear what? I was asleep the whole time."),
        ("Anna", "Something on the roof."), ("Ben", "It's the wind."),
        ("Anna", "It's not the wind."), ("Ben", "Then go and look."), ("Ben", "Anna, wait!")]
    assert "[THUNDER]" in [turn.note for _, turn in result.script.turns()]


def test_a_transcript_exported_as_tab_separated_columns_names_its_speakers(tmp_path):
    # a transcript tool's export pasted as text: a header row, then speaker, time and words
    rows = [("Alice Wong", "00:00:01", "Welcome to the show, Bob."),
            ("Bob Lee", "00:00:04", "Thanks, Alice. Happy to be here."),
            ("Alice Wong", "00:00:08", "Let us talk about maps."),
            ("Bob Lee", "00:00:12", "Every map is an argument about the world, as I say.")]
    export = tmp_path / "export.txt"
    export.write_text("Speaker\tTime\tText\n" + "".join("\t".join(r) + "\n" for r in rows),
                      encoding="utf-8")
    result = import_article(export)
    assert _names(result.script) == ["Alice Wong", "Bob Lee"]
    assert [(t.speaker, t.text) for _, t in result.script.turns()] == [
        ("alice_wong", rows[0][2]), ("bob_lee", rows[1][2]), ("alice_wong", rows[2][2]),
        ("bob_lee", rows[3][2])]
    assert result.report.counts()[("dropped", "timestamp")] == 4


def test_roll_up_captions_say_each_line_once_and_a_chevron_marks_the_next_speaker(tmp_path):
    # live TV and a video site's automatic captions repeat each cue's last line at the top
    # of the next; `>> NAME:` inside a cue hands over to another speaker
    lines = [">> ANNA: WELCOME BACK TO", "THE CITY DESK.", ">> MARK: THANKS, ANNA. THE LANES",
             "OPENED ON MONDAY.", ">> ANNA: HOW ARE THEY WORKING?",
             ">> MARK: BUSES ARE FIVE MINUTES", "FASTER.", ">> ANNA: GOOD."]
    cues = "".join(f"00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 2:02d}.000\n{above}\n{line}\n\n"
                   for n, (above, line) in enumerate(itertools.pairwise(lines)))
    captions = tmp_path / "news.vtt"
    captions.write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{lines[0]}\n\n{cues}",
                        encoding="utf-8")
    result = import_article(captions)
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said == [("anna", "WELCOME BACK TO THE CITY DESK."),
                    ("mark", "THANKS, ANNA. THE LANES OPENED ON MONDAY."),
                    ("anna", "HOW ARE THEY WORKING?"),
                    ("mark", "BUSES ARE FIVE MINUTES FASTER."), ("anna", "GOOD.")]
    assert result.report.counts()[("dropped", "duplicate")] == len(lines) - 1


def test_a_page_of_divs_names_its_furniture_by_class_and_none_of_it_is_said():
    # a newsletter box, an ad slot and share links inside the article; a related list and
    # a cookie notice around it — no <nav>, <aside> or <footer> to say so
    result = import_article(ARTICLES / "div_page_furniture_en.html")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == [
        "Narrator", "Sam Park", "Lena Ortiz"]
    assert said[4] == ("lena_ortiz", "Then we grow them out, harvest fresh seed and put that "
                                     "back. It is a slow cycle.")
    assert len(said) == 7 and len(result.script.chapters) == 1
    furniture = [e.reason for e in result.report.entries if e.reason.startswith("page furn")]
    assert 'page furniture (class="newsletter-signup")' in furniture
    spoken = " ".join(text for _, text in said)
    assert not any(word in spoken for word in ("newsletter", "Friday", "cookies", "heirloom"))


def test_a_podcast_page_s_notes_on_its_links_and_timestamps_are_not_the_intro():
    result = import_article(ARTICLES / "podcast_page_notes_en.md")
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert [s.name for s in result.script.speakers.values()] == ["Ada Moore", "Lex Fridman"]
    assert said[0] == ("ada_moore", "I think the first robot in most homes will not look like "
                                    "a person at all.")
    assert [c.title for c in result.script.chapters] == ["Introduction", "Robots at home"]
    notes = [e.text for e in result.report.entries if e.kind == "page-note"]
    assert len(notes) == 2 and notes[1].startswith("Here are the loose")


def test_a_court_record_in_an_html_pre_is_read_as_its_text_file_would_be(tmp_path):
    # line numbers, page numbers and wrapped lines inside <pre>; the footer a <div> of the page
    record = "\n".join([
        "                                                              112",
        " 1                 THE COURT:  Please be seated.  Mr. Alvarez,",
        " 2   you may call your next witness.",
        " 3                 MR. ALVAREZ:  Thank you, Your Honor.  The",
        " 4   plaintiffs call Dr. Susan Kwan.",
        " 5        Q.  Good afternoon, Dr. Kwan.  What is your profession?",
        " 6        A.  I'm a hydrologist.  I study groundwater.",
        "                                                              113",
        " 1        Q.  How long have you done that?",
        " 2        A.  Twenty-two years, most of it at the state",
        " 3   university.",
        " 4                 MR. ALVAREZ:  Nothing further."])
    page = tmp_path / "day3.html"
    page.write_text(
        "<html><head><title>Transcript of Proceedings</title></head><body>\n"
        f"<h2>Day 3, Afternoon Session</h2>\n<pre>\n{record}\n</pre>\n"
        '<div class="footer">Court Reporter Services, Inc. (555) 010-2000</div>\n'
        "</body></html>\n", encoding="utf-8")
    result = import_article(page)
    said = [(turn.speaker, turn.text) for _, turn in result.script.turns()]
    assert said == [
        ("the_court", "Please be seated. Mr. Alvarez, you may call your next witness."),
        ("mr_alvarez", "Thank you, Your Honor. The plaintiffs call Dr. Susan Kwan."),
        ("q", "Good afternoon, Dr. Kwan. What is your profession?"),
        ("a", "I'm a hydrologist. I study groundwater."),
        ("q", "How long have you done that?"),
        ("a", "Twenty-two years, most of it at the state university."),
        ("mr_alvarez", "Nothing further.")]
    pages = [entry for entry in result.report.entries if entry.kind == "page-number"]
    assert [(entry.line, entry.text) for entry in pages] == [(4, "112"), (11, "113")]


def test_a_web_address_within_a_sentence_leaves_its_site_and_goes_to_the_note(tmp_path):
    result = import_text(tmp_path, "links.txt", (
        "主持人：大家可以访问 https://example.com/abc?x=1 了解更多，"
        "或者看www.example.org上的资料。\n\n"
        "嘉宾：我在 https://github.com/foo/bar 上放了代码。链接：https://github.com/foo/bar\n\n"
        "主持人：The slides are at https://example.com/slides.pdf, and the video is online.\n\n"
        "嘉宾：Head over to orbit.fm/bookbytes/giveaway. Identiverse https://cvent.com/d/4W\n\n"
        "主持人：好的。\n"))
    assert said_by_name(result) == [
        ("主持人", "大家可以访问 example.com 了解更多，或者看example.org上的资料。"),
        ("嘉宾", "我在 github.com 上放了代码。链接："),
        ("主持人", "The slides are at example.com, and the video is online."),
        # written as said, the short path is said; at a turn's end an address is said by no one
        ("嘉宾", "Head over to orbit.fm/bookbytes/giveaway. Identiverse"),
        ("主持人", "好的。"),
    ]
    turns = [turn for _, turn in result.script.turns()]
    assert turns[0].note == "https://example.com/abc?x=1 www.example.org"
    assert turns[2].note == "https://example.com/slides.pdf", "the comma is the sentence's"
    moved = [e for e in result.report.entries if e.kind == "link"]
    assert len(moved) == 7 and all(e.action == "moved" for e in moved)


def test_a_meeting_recorder_s_cues_that_name_one_speaker_in_a_row_are_one_turn(tmp_path):
    # a meeting recorder writes `Name:` in every cue, even where a sentence runs on: a run
    # of one speaker's cues is one turn, as a run of one `<v>` voice is
    cues = ["Karen Liu: Okay, everyone's here, so let's", "Karen Liu: start with hiring.",
            "Omar Haddad: We made two offers.", "Omar Haddad: Both were accepted.",
            "Karen Liu: Great news."]
    vtt = "WEBVTT\n\n" + "\n".join(f"00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 1:02d}.500\n"
                                   f"{cue}\n" for n, cue in enumerate(cues, start=1))
    result = import_text(tmp_path, "meeting.vtt", vtt)
    assert said_by_name(result) == [
        ("Karen Liu", "Okay, everyone's here, so let's start with hiring."),
        ("Omar Haddad", "We made two offers. Both were accepted."), ("Karen Liu", "Great news.")]
