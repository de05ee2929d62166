"""Page noise dropped into a clean dialogue leaves its turns exactly as they were."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renderer.importer import noise as noise_words

from .helpers import import_text, said_by_name

DIALOGUE = {
    "en": [("Maria Lopez", "Welcome to the show, it is good to have you here."),
           ("David Chen", "Thanks, I am glad to be here today."),
           ("Maria Lopez", "Let us start with your new book about rivers."),
           ("David Chen", "It took me five years to write it, mostly at night."),
           ("Maria Lopez", "What surprised you most along the way?"),
           ("David Chen", "How little we know about the rivers near our homes."),
           ("Maria Lopez", "Where should a reader start?"),
           ("David Chen", "At the nearest bridge. Stand there for an hour and watch.")],
    "zh": [("王海生", "欢迎来到节目，很高兴见到你。"), ("李静", "谢谢邀请，我也很高兴。"),
           ("王海生", "先聊聊你的新书吧。"), ("李静", "写了五年，大多在夜里。"),
           ("王海生", "过程中最让你意外的是什么？"), ("李静", "我们对身边的河流知道得太少。"),
           ("王海生", "读者应该从哪里开始？"),
           ("李静", "从最近的一座桥开始。站上一个小时，看看水。")],
    # the same in Traditional characters (Taiwan, Hong Kong): the word lists cover both scripts
    "zh-Hant": [("王海生", "歡迎來到節目，很高興見到你。"), ("李靜", "謝謝邀請，我也很高興。"),
                ("王海生", "先聊聊你的新書吧。"), ("李靜", "寫了五年，大多在夜裡。"),
                ("王海生", "過程中最讓你意外的是什麼？"), ("李靜", "我們對身邊的河流知道得太少。"),
                ("王海生", "讀者應該從哪裡開始？"),
                ("李靜", "從最近的一座橋開始。站上一個小時，看看水。")],
}
# (language, noise, where): before the first turn, between two turns, or after the last
NOISE = [
    ("en", "Advertisement", "mid"),
    ("en", "Continue reading below", "mid"),
    ("en", "Share on Facebook Share on Twitter Share via Email", "mid"),
    ("en", "![](https://example.com/river.jpg)\n\nThe Hudson at dawn. Photo: Jane Doe/Reuters",
     "mid"),
    ("en", "Read more: How rivers shape cities", "mid"),
    ("en", "Page 2 of 5", "mid"),
    ("en", "12:04", "mid"),
    ("en", "Sponsored: Try RiverMaps free for 30 days. Download now.", "mid"),
    ("en", "Sign up for our newsletter to get the best stories delivered to your inbox every "
           "week.", "mid"),
    ("en", "Transcript of a talk given at WebConf 2023. Lightly edited.", "mid"),
    ("en", "*Correction: an earlier version of this page misspelled David’s name.*", "start"),
    ("en", "Update: the bridge reopened in May.", "mid"),
    ("en", "Transcript generated with Descript. May contain errors.", "end"),
    ("en", "Transcribed by https://otter.ai", "end"),
    ("en", "Disclosure: the author is a member of the River Trust.", "end"),
    ("en", "Editor’s note: this conversation has been edited for length.", "start"),
    ("en", "This is a transcript of episode 31 of River Notes.", "start"),
    ("en", "This article is for subscribers only. Subscribe now to continue reading.", "end"),
    ("en", "Thanks for reading! Subscribe for free to receive new posts and support my work.",
     "end"),
    # the promotion's words in any letter case, beside a letter that lowercases to two
    ("en", "SIGN UP FOR OUR NEWSLETTER AND GET EVERY EPISODE IN YOUR INBOX", "mid"),
    ("en", "İstanbul Notes: Subscribe on Apple Podcasts, Spotify or wherever you listen", "end"),
    ("en", "Table of Contents", "start"),
    ("en", "Skip to main content", "start"),
    ("en", "Participants: Jane Roe (JR), host; Mark Kim (MK), soil scientist.", "start"),
    ("zh", "与会人员：张晓雯、刘一鸣、陈静", "start"),
    ("en", "This episode is brought to you by RiverMaps. Try it free for 30 days.", "mid"),
    ("en", "Below is a lightly edited transcript of our conversation.", "start"),
    ("en", "*Recorded live at DevDays 2024. Transcript lightly edited.*", "start"),
    ("en", "Listen to the full episode on our website.", "end"),
    ("en", "## Related\n\n- [Ten bridges worth a visit](https://example.com/b)\n"
           "- [The river that ran backwards](https://example.com/c)", "end"),
    ("en", "12 comments\n\nrivergirl99 · 2 days ago\n\nLoved this one!\n\nReply", "end"),
    # a section after the last turn of a dialogue whose every turn is one paragraph
    ("en", "Transcribe Your Own Content\n\nTry QuickScribe for free and save hours of typing.",
     "end"),
    ("en", "## About the guest\n\nDavid Chen is a writer. He lives by the Thames in London.",
     "end"),
    ("zh", "广告", "mid"),
    ("zh", "分享到微信 分享到微博", "mid"),
    ("zh", "![](https://example.com/river.jpg)\n\n图为哈德逊河。摄影：王芳", "mid"),
    ("zh", "延伸阅读：城市与河流", "mid"),
    ("zh", "扫码关注我们，获取更多精彩内容", "mid"),
    ("zh", "点击上方蓝字关注我们", "mid"),
    ("zh", "责任编辑：张三", "end"),
    ("zh", "喜欢这篇文章，请点赞、在看、转发", "end"),
    ("zh", "本文来源：城市笔记，转载请联系授权。", "end"),
    ("zh", "关于嘉宾\n\n李静，作家，现居上海，著有《河流》。", "end"),
    ("zh", "本文整理自城市论坛的圆桌讨论，经嘉宾审阅。", "start"),
    ("zh", "以下为对话实录：", "start"),
    ("zh", "（完）\n\n点击“阅读原文”，查看完整视频。", "end"),
    ("zh-Hant", "廣告", "mid"),
    ("zh-Hant", "延伸閱讀：城市與河流", "mid"),
    ("zh-Hant", "掃碼關注我們，獲取更多精彩內容", "mid"),
    ("zh-Hant", "點擊上方藍字關注我們", "mid"),
    ("zh-Hant", "責任編輯：張三", "end"),
    ("zh-Hant", "喜歡這篇文章，請點讚、在看、轉發", "end"),
    ("zh-Hant", "本文來源：城市筆記，轉載請聯繫授權。", "end"),
    ("zh-Hant", "關於嘉賓\n\n李靜，作家，現居上海，著有《河流》。", "end"),
    ("zh-Hant", "本文整理自城市論壇的圓桌討論，經嘉賓審閱。", "start"),
    ("zh-Hant", "以下為對話實錄：", "start"),
    ("zh-Hant", "與會人員：張曉雯、劉一鳴、陳靜", "start"),
    ("zh-Hant", "（完）\n\n點擊「閱讀原文」，查看完整影片。", "end"),
]


@pytest.mark.parametrize("markdown", [True, False], ids=["md", "txt"])
@pytest.mark.parametrize(("language", "noise", "where"), NOISE,
                         ids=[f"{lang}-{noise[:16]}" for lang, noise, _ in NOISE])
def test_noise_before_between_or_after_turns_is_not_said(tmp_path, language, noise, where,
                                                         markdown):
    dialogue = DIALOGUE[language]
    paragraphs = [f"**{name}:** {text}" if markdown else f"{name}: {text}"
                  for name, text in dialogue]
    paragraphs.insert({"start": 0, "mid": 4}.get(where, len(paragraphs)), noise)
    title = "# Notes on rivers" if markdown else "Notes on rivers"
    result = import_text(tmp_path, "page.md" if markdown else "page.txt",
                         "\n\n".join([title, *paragraphs]) + "\n")
    assert said_by_name(result) == dialogue


HTML_NOISE = [
    '<div class="ad-container"><p>Advertisement</p></div>',
    "<p>ADVERTISEMENT</p>",
    '<figure><img src="r.jpg"><figcaption>The Hudson at dawn. Photo: Jane Doe/Reuters'
    "</figcaption></figure>",
    '<p><a href="/a">Read more: How rivers shape cities</a></p>',
    '<blockquote class="pullquote"><p>How little we know about the rivers near our homes.</p>'
    "</blockquote>",
    '<div class="inline-signup"><h3>Sign up for the Daily</h3><p>Get the news delivered every '
    "morning.</p><form><input></form></div>",
    '<aside><h4>More on rivers</h4><ul><li><a href="/x">Ten bridges</a></li></ul></aside>',
    '<div class="video-player"><video src="v.mp4"></video><p>Watch: David Chen on the Thames</p>'
    "</div>",
    '<h3>Related</h3><ul><li><a href="/x">Ten bridges worth a visit</a></li>'
    '<li><a href="/y">The river that ran backwards</a></li></ul>',
    '<blockquote class="twitter-tweet"><p>Just finished reading David Chen’s river book. Wow.'
    '</p>&mdash; Reader (@reader) <a href="https://twitter.com/x">March 3, 2024</a></blockquote>',
    '<div class="audio"><audio src="a.mp3"></audio><span>Listen to this article · 12:04 min'
    "</span></div>",
]


@pytest.mark.parametrize("noise", HTML_NOISE, ids=[n[:24] for n in HTML_NOISE])
def test_html_furniture_between_turns_is_not_said(tmp_path, noise):
    dialogue = DIALOGUE["en"]
    paragraphs = [f"<p><strong>{name}:</strong> {text}</p>" for name, text in dialogue]
    paragraphs.insert(4, noise)
    result = import_text(tmp_path, "page.html", (
        "<html><head><title>Notes on rivers</title></head><body><article>"
        "<h1>Notes on rivers</h1>" + "\n".join(paragraphs) + "</article></body></html>"))
    assert said_by_name(result) == dialogue


@pytest.mark.parametrize("words", [
    "Listen: I never said that.",
    "I lightly edited the draft myself, and then we printed it.",
    "Watch: it is raining again, and the river is rising.",
    "I think the transcript was generated by hand back then, line by line.",
    "Full disclosure: I sit on the board of the river trust myself.",
])
def test_a_speaker_s_words_that_look_like_page_noise_stay_said(tmp_path, words):
    dialogue = DIALOGUE["en"]
    text = "\n\n".join(f"{name}: {said}" for name, said in dialogue[:4])
    result = import_text(tmp_path, "page.txt", f"Notes on rivers\n\n{text}\n\n{words}\n")
    assert [turn.text for _, turn in result.script.turns()][-1] == f"{dialogue[3][1]}\n{words}"


def test_a_section_after_the_last_turn_stays_said_where_turns_run_over_paragraphs(tmp_path):
    # turns of several paragraphs: the words under a last heading may be the speaker's
    dialogue = DIALOGUE["en"]
    more = ["We will come back to that later.", "I have been waiting for this for years.",
            "It is a long story, as you can imagine.", "Every chapter began as a walk.",
            "I still remember the first one.", "Most of us never look down from a bridge.",
            "Our listeners will want to know.", "Bring a flask of tea, too."]
    text = "\n\n".join(f"{name}: {said}\n\n{then}"
                       for (name, said), then in zip(dialogue, more, strict=True))
    result = import_text(tmp_path, "page.txt", f"Notes on rivers\n\n{text}\n\nClosing words"
                         "\n\nThe river was here before us and will be here after us.\n")
    assert [turn.text for _, turn in result.script.turns()][-1].endswith("after us.")


def test_a_note_on_the_publication_beside_other_words_loses_only_its_sentences(tmp_path):
    result = import_text(tmp_path, "notes.md", (
        "# 社区里的医生\n\n"
        "本期嘉宾是王芳，她在社区卫生室工作了十年。本文经授权转载。\n\n"
        "**李明：** 你为什么回到村里？\n\n"
        "**王芳：** 因为这里需要医生。我从小在这里长大。\n\n"
        "**李明：** 谢谢你。这些年辛苦了。\n\n"
        "**王芳：** 不辛苦。以上内容经编辑整理。\n\n"
        "本文仅代表作者观点，不代表本平台立场。\n"))
    assert said_by_name(result) == [
        ("旁白", "本期嘉宾是王芳，她在社区卫生室工作了十年。"),
        ("李明", "你为什么回到村里？"),
        ("王芳", "因为这里需要医生。我从小在这里长大。"),
        ("李明", "谢谢你。这些年辛苦了。"),
        ("王芳", "不辛苦。"),
    ]
    dropped = [e.text for e in result.report.entries if e.kind == "rights"]
    assert dropped == ["本文经授权转载。", "以上内容经编辑整理。",
                       "本文仅代表作者观点，不代表本平台立场。"]


def test_a_note_in_traditional_characters_goes_alone_too(tmp_path):
    result = import_text(tmp_path, "trad.txt", (
        "記者：居民應該怎麼參與進來？\n\n"
        "王建國：在設計之前先開會，把方案貼在社區裡。這件事不難。以上內容經編輯整理。\n\n"
        "記者：謝謝您。\n\n王建國：不客氣。\n"))
    assert said_by_name(result)[1] == ("王建國", "在設計之前先開會，把方案貼在社區裡。這件事不難。")
    assert [e.text for e in result.report.entries if e.kind == "rights"] == ["以上內容經編輯整理。"]


def test_a_note_among_a_speaker_s_words_is_not_cut_out(tmp_path):
    # only a note that opens or closes a paragraph goes alone; one in the middle is the
    # speaker's own words about it
    words = ("我们的稿子都是原创。未经授权转载是侵权，我们打过官司。后来大家都注意了。")
    result = import_text(tmp_path, "middle.txt", (
        f"甲：你们怎么处理转载？\n\n乙：{words}\n\n甲：明白了。后来呢？\n\n乙：后来就好多了。\n"))
    assert said_by_name(result)[1] == ("乙", words)


def test_a_dateline_before_a_briefing_is_not_said(tmp_path):
    # `D.C.` ends on a full stop, but the line is a place, not a sentence of an intro
    result = import_text(tmp_path, "briefing.txt", (
        "Department Press Briefing\n\nWashington, D.C.\n\n"
        "MR PRICE: Good afternoon, everyone.\n\nQUESTION: Will the Secretary travel?\n\n"
        "MR PRICE: Not this week.\n\nQUESTION: Thank you.\n\nMR PRICE: Thanks, everyone.\n"))
    assert [text for _, text in said_by_name(result)] == [
        "Good afternoon, everyone.", "Will the Secretary travel?", "Not this week.",
        "Thank you.", "Thanks, everyone."]


def test_a_publication_date_ending_in_a_full_stop_is_not_said(tmp_path):
    result = import_text(tmp_path, "review.txt", (
        "Design review\n\nPublished March 3.\n\n"
        "Alice Chen: Good morning. The draft was published on March 3.\n\n"
        "Bob Martinez: Morning. I read it.\n\nAlice Chen: Any questions?\n\n"
        "Bob Martinez: Only one, about the cache.\n"))
    assert said_by_name(result) == [
        ("Alice Chen", "Good morning. The draft was published on March 3."),
        ("Bob Martinez", "Morning. I read it."), ("Alice Chen", "Any questions?"),
        ("Bob Martinez", "Only one, about the cache.")]
    assert [e.text for e in result.report.entries if e.kind == "credit"] == [
        "Published March 3."]


def test_a_divider_in_words_a_part_number_and_the_author_s_bio_are_not_said(tmp_path):
    result = import_text(tmp_path, "wx.md", (
        "**PART 01**\n\n**为什么离开外卖**\n\n**记者：** 你为什么不干了？\n\n"
        "**孙浩：** 我想自己开店。\n\n"
        "—— 分割线 ——\n\n**PART 02**\n\n**最难的一年**\n\n**记者：** 最难的是哪一年？\n\n"
        "**孙浩：** 二〇二二年。\n\n**记者：** 现在呢？\n\n**孙浩：** 现在有九家店。\n\n"
        "作者简介：林夕，财经记者，关注新消费。\n\nEND\n"))
    assert [chapter.title for chapter in result.script.chapters] == ["为什么离开外卖", "最难的一年"]
    assert said_by_name(result)[-1] == ("孙浩", "现在有九家店。")
    spoken = " ".join(text for _, text in said_by_name(result))
    assert "分割线" not in spoken and "林夕" not in spoken


@pytest.mark.parametrize(("name", "contents"), [
    ("talk.md", "Chapters:\n0:00 Intro\n1:12 The old Python stack\n4:30 Why Go\n"),
    ("talk.txt", "Chapters:\n\n0:00 Intro\n\n1:12 The old Python stack\n\n4:30 Why Go\n"),
])
def test_the_contents_above_the_talk_are_not_said_but_an_intro_with_times_is(
        tmp_path, name, contents):
    result = import_text(tmp_path, name, (
        f"{contents}\nThe talk began at 10:00 a.m. and ended at 11:30 a.m.\n\n"
        "Maya (0:00): Welcome to Dev Talk.\n\nSam (0:08): Hi, thanks for having me.\n\n"
        "Maya (1:12): What was wrong with the old stack?\n\nSam (1:16): It was slow.\n"))
    said = said_by_name(result)
    assert said[0] == ("Narrator", "The talk began at 10:00 a.m. and ended at 11:30 a.m.")
    assert [name for name, _ in said[1:]] == ["Maya", "Sam", "Maya", "Sam"]
    assert [e.text for e in result.report.entries if e.kind == "contents"][-1].endswith("Why Go")


def test_the_contents_listed_under_their_heading_are_not_said_nor_a_chapter_title(tmp_path):
    result = import_text(tmp_path, "call.txt", (
        "Otter.ai\nWeekly Review\n\nContents:\nPrepared Remarks\nQuestions and Answers\n\n"
        "A look back at the week.\n\nImage source: The Daily Planet.\n\n"
        "Prepared Remarks:\n\nAnn: Welcome, everyone. Ben will start.\n\n"
        "Ben: Thanks, Ann. Sales were up.\n\nQuestions and Answers:\n\n"
        "Ann: Any questions?\n\nBen: None from me.\n"))
    assert result.script.title == "Weekly Review"  # not the site's address above it
    assert [c.title for c in result.script.chapters] == [
        "Prepared Remarks", "Questions and Answers"]
    assert said_by_name(result)[0] == ("Narrator", "A look back at the week.")
    dropped = {e.text: e.kind for e in result.report.entries if e.action == "dropped"}
    assert dropped["Prepared Remarks"] == dropped["Questions and Answers"] == "contents"
    assert dropped["Image source: The Daily Planet."] == "credit"


PHRASE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["Subscribe", "SPOTIFY", "use Code SAVE20", "点击下载", "下载APP",
                         "All Rights Reserved", "COPYRIGHT 2024", "İstanbul", "ǅ", "ﬁ",
                         "ſubſcribe", "SAVE20ı"]),
        st.text(alphabet=st.sampled_from(list("aAbBsSzZ 我们的。,İıſ")), max_size=12),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(PHRASE_TEXT)
def test_the_phrase_lists_find_what_a_case_blind_search_finds(text):
    for phrases in (noise_words._AD_PHRASES, noise_words._RIGHTS):
        case_blind = re.compile(phrases.pattern, re.IGNORECASE)
        found = case_blind.search(text)
        assert phrases.find(text) == (found.group(0) if found else None)
        assert phrases.count(text) == len(case_blind.findall(text))
