"""Recognise paragraphs that are not part of the conversation: chrome, ads, SEO, credits, cards."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import LATIN_UPPER, Phrases, ends_sentence, has_speakable, simplified, split_sentences
from .labels import TIME

if TYPE_CHECKING:
    from .document import Block
    from .paragraphs import Paragraph

_URL = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|cn|net|org|io|cc|me|tv)\b|@[\w-]+\.\w+)",
                  re.IGNORECASE)
_AD_PHRASES = Phrases(
    r"红包|领券|优惠券|优惠码|互助群|微信群|qq群|关注公众号|公众号\s*[【「“\"]|扫码|二维码|长按识别|"
    r"点击\s*[“\"「]?(下载|关注|阅读原文|购买|上方|下方|蓝字|图片|这里|链接)|下载app|免费领|加微信|加v|vx|"
    r"[淘京][宝东]?搜\s*[:：]|包邮|秒杀|长按|扫描|识别二维码|关注我们|"
    r"(?:尽在|打开|下载|安装|登录)[^\s]{0,12}(?:app|客户端)|"
    r"点赞(关注|、|和|\s*[+＋])|点个在看|点亮在看|视频号|小程序|设为星标|置顶公众号|欢迎关注|更多精彩|"
    r"原创内容|赞助播出|冠名播出|特约播出|(?:本期|本)节目由|"
    r"subscribe|newsletter|sponsored by|advertisement|promo code|coupon|sign up|sign-up|"
    r"in your inbox|join our|download (?:our|the) app|"
    r"rate (us|this show)|leave (us )?a review|follow us on|rate and review|review us|"
    # where a podcast asks to be followed: `Subscribe on Apple Podcasts, Spotify or wherever …`
    r"apple podcasts|spotify|google podcasts|pocket casts|overcast|wherever you (?:get|listen)|"
    r"小宇宙|喜马拉雅|苹果播客|"
    # a sponsor's read and a membership pitch: `This episode is brought to you by …`
    r"brought to you by|support for (?:this|the) (?:podcast|show|episode|program) comes from|"
    r"(?:use|with) (?:the )?code [a-z0-9]{3,}|\d{1,2}% off|free trial|ad-free|"
    r"become a (?:member|patron|supporter|paid subscriber)|patreon|"
    # where the page sends the reader for the rest: `Listen to the full episode …`
    r"(?:listen to|watch|read|hear) the full (?:episode|interview|conversation|video|"
    r"transcript|talk)|click here",
)
_CREDIT = re.compile(
    r"^(编辑|责编|责任编辑|主编|作者|撰文|文|来源|出品|策划|校对|审核|监制|图|图片|图片来源|摄影|整理|"
    r"视觉|排版|翻译|译者|记者|题图|头图|封面|配图|图源|题图来源|头图来源|封面来源|配图来源|运营|"
    r"设计|制作|统筹|实习生|与会人员|参会人员|出席人员|本期嘉宾|作者简介|作者介绍|关于作者)"
    r"\s*[丨|｜:：/·•]"
    r"|^(?:图|图片|摄影|题图|头图|配图|图源|封面)[ \u3000]+\S"
    r"|^(?i:source|credits?|(?:photo|image|picture)(?: source| credit)?s?|cover image|"
    r"header image|about the authors?)\s*:"
    # who takes part, listed above the conversation (a speaker's label is never plural)
    r"|^(?i:participants|attendees|guests|panell?ists|speakers|featuring|cast)\s*:"
    r"|^(?i:by|edited by|photo(?:graph)?s? by|transcribed by|translated by|transcript by)\s+"
    rf"[{LATIN_UPPER}][\w.'-]*(\s+[{LATIN_UPPER}][\w.'-]*){{0,3}}$"
    r"|对(此|本)文(亦|也)?有(所)?贡献|^图片(来源于|来自)"
    r"|^(?i:additional reporting by)\s|^(?i:transcript (?:provided|produced|prepared) by)\s"
    # the service that made the transcript, by its address: `Transcribed by https://otter.ai`
    r"|^(?i:transcribed|transcript|captions?|subtitles?)"
    r"(?i: (?:made |generated )?(?:by|with|using))\s+(?i:https?://|www\.)\S+$"
)
# a headline the page sends the reader to: `Read more: How rivers shape cities`, `延伸阅读：…`
_SENT_TO = re.compile(r"^(?:read more|read next|also read|see also|related|recommended|up next|"
                      r"watch|listen|延伸阅读|相关阅读|推荐阅读|扩展阅读|更多阅读|相关文章|相关链接|"
                      r"往期回顾|往期推荐)\s*[:：]\s*\S"
                      # the page's audio of itself: `Listen to this article · 12:04 min`
                      r"|^listen to (?:this|the) (?:article|story)\b"
                      # where else the recording is: `Watch the full YouTube version of the podcast`
                      r"|^(?:watch|listen to|see) the (?:full|whole|complete) (?:[\w'’-]+ ){0,3}"
                      r"(?:video|episode|version|recording|interview|conversation|podcast)\b",
                      re.IGNORECASE)
# words about the page itself, not the conversation: how to use its links and timestamps
_PAGE_NOTE = re.compile(
    r"\b(?:click|tap)(?:able)?\s+(?:on\s+)?(?:the\s+|a\s+|this\s+)?links?\b|"
    r"\btimestamps?\s+in\s+(?:the|this)\s+transcript|"
    r"\bjump\s+(?:directly\s+|approximately\s+)?to\b|"
    r"\b(?:the|this)\s+transcript\s+(?:is|was|has been|may)\b|"
    r"\bhere\s+are\s+(?:some\s+)?(?:useful\s+)?links\b|"
    r"\bmay\s+(?:contain|have)\s+(?:some\s+)?(?:errors|mistakes|typos)\b|"
    r"点击(?:链接|时间戳)|本文字稿|文字稿(?:由|为|可能)",
    re.IGNORECASE)
# a word each of those notes holds (a cheap test before the pattern)
_PAGE_NOTE_HINTS = ("click", "tap", "timestamp", "jump", "transcript", "link", "error",
                    "mistake", "typo", "点击", "文字稿")
# how long the recording is, as a podcast's or a call's page prints it: `Duration: 45 minutes`
_LENGTH_LINE = re.compile(
    r"^(?:(?i:duration|length|running time|runtime)|时长|時長|节目时长)\s*[:：]\s*"
    r"[\d:.]+\s*(?:(?i:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)|分钟|分|秒|小时)?"
    r"(?:\s*[\d.]+\s*(?:(?i:mins?|minutes?|secs?|seconds?)|分钟|分|秒))?\s*$")
_RIGHTS = Phrases(
    r"经授权|授权(刊发|转载|发布)|转载请|禁止转载|未经(许可|授权)|版权(归|所有|声明)|"
    r"经编辑整理|内容经|本文(来自|系|由|转载|首发|为)|原文链接|原标题|文章来源|"
    r"仅代表作者(本人)?(的)?观点|不代表本(站|平台|号|刊)(的)?立场|"
    r"all rights reserved|(?:copyright|©|\(c\))\s*©?\s*(?:19|20)\d\d|"
    r"reprinted with|republished with|"
    r"originally (published|appeared)|"
    r"(edited|condensed)( and (edited|condensed))? for (length|clarity|brevity)|"
    r"this transcript (has been|was|is) (edited|produced|generated)|"
    r"(?:this|the) (?:interview|conversation|transcript|exchange) (?:has been|was|have been) "
    r"(?:\w+ )?(?:edited|condensed)|"
    r"a version of this (?:article|interview|story) appear(?:s|ed) in print|"
    r"transcripts? (are|is) created on a rush deadline|may not be in (its|their) final form",
)
# what a page says of its transcript: `… errors, omissions, or inaccuracies in this
# transcript.`, `Transcript of a talk given at …`, `Lightly edited.` (looked for only where
# the words `transcript` or `edited` are: most paragraphs have neither)
_TRANSCRIPT_NOTE = re.compile(
    r"this (?:article|page|document) is a transcript of|"
    r"^this is (?:a|the) (?:\w+ ){0,2}transcript (?:of|for)\b|"
    r"(?:errors|omissions|inaccuracies) in (?:this|the) transcript|"
    r"^transcript of an? (?:talk|speech|lecture|keynote|address) (?:given|delivered)|"
    # the tool that made it: `Transcript generated with Descript`, `… computer generated`
    r"^(?:this |the )?transcript(?:ion)? (?:was |is |has been )?(?:automatically |auto-?)?"
    r"(?:generated|created|produced|made) (?:with|by|using|automatically)\b|"
    r"\b(?:machine|computer|auto|automatically)[- ]generated transcript|"
    r"(?:^|[.。]\s*)(?:(?:this |the )?transcript (?:has been |was |is )?)?lightly edited\b"
    r"[^.]{0,40}\.?\s*$|"
    # `The following is an edited transcript of …`, `Below is a lightly edited transcript`
    r"^(?:the following|below|here) is an? (?:[\w-]+ ){0,3}transcript\b|"
    r"^以下(?:为|是)(?:经过?)?(?:整理|编辑|删节)?(?:过)?的?(?:对话|访谈|采访|演讲|节目)?"
    r"(?:实录|内容|全文|文字稿)|"
    # `本文整理自 2024 开发者大会圆桌论坛，经嘉宾审阅。`, `文字实录有删节`
    r"^(?:本文|以下|全文|文字)(?:内容)?(?:根据|整理自|系|为|由).{0,60}?(?:整理|速记|实录)|"
    r"经(?:嘉宾|受访者|演讲者|讲者|本人)(?:本人)?审(?:阅|定|核)|"
    r"(?:有|略有|内容有|文字有)(?:删节|删减|删改)", re.IGNORECASE)
_TRANSCRIPT_HINTS = ("transcript", "edited", "整理", "实录", "速记", "审", "删")
# a paragraph opened by an ad-break marker written like a label: "AD BREAK: …", "Sponsor: …"
_AD_MARKER = re.compile(
    r"^(?:ad break|break|ads?|advertisement|sponsors?|sponsored|sponsor message|promo|"
    r"mid-?roll|pre-?roll|commercial(?: break)?|广告|推广|赞助)\s*[:：]", re.IGNORECASE)
_COUNTER = re.compile(r"^[\w\u4e00-\u9fff ]{1,12}\s+\d+$")
_DIVIDER = re.compile(r"^(?:分割线|分隔线)$")  # `—— 分割线 ——`, a rule written in words
_END_MARK = re.compile(r"^(完|全文完|end|the end|fin|结束|谢幕|剧终|全剧终)$", re.IGNORECASE)
_DECORATION = re.compile(r"^[\s·•\-—–=*~_.。…()（）\[\]【】]+|[\s·•\-—–=*~_.。…()（）\[\]【】]+$")
_NAV = re.compile(
    r"^(首页|返回|上一篇|下一篇|分享|收藏|举报|登录|注册|关注|点赞|在看|评论|相关阅读|相关文章|相关链接|推荐阅读|"
    r"阅读原文|展开全文|热门|更多|更多阅读|延伸阅读|往期回顾|往期推荐|相关推荐|热点视频|精彩推荐|"
    r"share|share this|like this|subscribe|sign in|log in|related|related posts|read more|"
    r"you may also like|recommended|more from .{1,30}|comments?|leave a comment|go back|back|"
    r"continue reading(?: the main story| below)?|keep reading|skip advertisement|广告|"
    r"(?:story|article) continues (?:below|after (?:the )?advertisement)|"
    r"advertisement|home|menu|next|previous|top|back to top|"
    r"(?:table of )?contents|目录|目錄|"
    # a screen reader's link past the menu: `Skip to main content`, `跳到主要内容`
    r"skip to (?:main |the )?(?:content|navigation|search)|skip navigation|跳到主要内容|"
    r"跳至主要内容)\s*[:：>›»]?\s*\d*$"
    # a link back up the site: `Return to Transcripts main page`, `Back to all episodes`
    r"|^(?:return|back|go back) to (?:the |all |our )?(?:[\w'’]+ ){0,3}(?:page|index|list|"
    r"home(?:page)?|episodes|articles|posts|transcripts|stories|blog|results|menu)$"
    # the page's own controls: `字号：大 中 小`, `Text size: A A A`, `打印`
    r"|^(?:字号|字体|font size|text size)\s*[:：]?(?:\s*(?:[大中小]|a[+-]?))*$|^(?:打印|print)$",
    re.IGNORECASE,
)
# the words a page files itself under: `Topics: Books · Fiction`, `标签：访谈 读书`
_TAGS = re.compile(r"^(?:(?i:topics|tags|tagged|filed under|categories|category|keywords)"
                   r"|标签|关键词|关键字|分类)\s*[:：]\s*\S")
# a site's menu copied as one line: `Home About Contact`, `首页 | 新闻 | 关于我们`
_MENU_WORDS = frozenset({
    "home", "about", "us", "contact", "blog", "news", "archive", "archives", "shop", "store",
    "search", "podcasts", "podcast", "newsletter", "events", "careers", "jobs", "privacy",
    "terms", "help", "faq", "support", "login", "log", "sign", "in", "register", "subscribe",
    "donate", "menu", "sections", "topics", "latest", "popular", "video", "videos",
    "首页", "新闻", "关于", "关于我们", "联系", "联系我们", "博客", "搜索", "登录", "注册", "订阅",
    "专题", "视频", "更多"})
_MENU_SPLIT = re.compile(r"[\s|｜·•/]+")
# where the page sits in the site: `首页 > 财经 > 正文`, `Home » News » Tech`
_BREADCRUMB_SPLIT = re.compile(r"\s*[>»›]\s*")
_BREADCRUMB_HOME = re.compile(r"^(?:(?:当前位置|您的位置|位置|you are here)\s*[:：]\s*)?"
                              r"(?:首页|主页|home|homepage)$", re.IGNORECASE)
# a section after the dialogue that lists sources or more to read: it is the page's trailer
_END_SECTION = re.compile(
    r"^(参考|参考资料|参考文献|参考链接|资料来源|注释|附录|延伸阅读|扩展阅读|相关阅读|推荐阅读|更多阅读|"
    r"往期回顾|往期推荐|相关文章|作者简介|作者介绍|关于作者|references?|further reading|"
    r"bibliography|sources|notes|about the authors?|"
    r"see also|related(?: (?:articles|reading|links|stories|posts))?|more (?:to read|reading)|"
    # the readers' comments under an article
    r"(?:\d+\s*)?(?:comments?|responses?|replies)|leave a (?:comment|reply)|"
    r"(?:\d+|one|two|three) (?:thoughts?|responses?|comments?|replies) (?:on|to) .{1,150}|"
    r"join the (?:conversation|discussion)|(?:\d+\s*条)?评论|精选留言|写留言|全部评论|热门评论|"
    r"最新评论|网友评论|读者留言|留言区)\s*[:：]?(?:\s*[(（]\d+[)）])?$",
    re.IGNORECASE)
# share buttons written out: `Share this article: Facebook · Twitter · Email`
_SOCIAL = re.compile(r"\b(?:facebook|twitter|linkedin|whatsapp|reddit|email|e-mail|telegram|"
                     r"pinterest|threads|bluesky|mastodon)\b|微信|微博|朋友圈|QQ空间|豆瓣",
                     re.IGNORECASE)
_CARD_ANCHOR = re.compile(r"^(\d+\s*篇原创内容|公众号|视频号|小程序|服务号|订阅号)$")
# a page or section number; a parliament's question number and reference, `Q1. [901234]`
_NUMBER_ONLY = re.compile(r"^(?:\d{1,4}|(?:Q\d{1,3}\.?\s*)?\[\d{1,8}\]?)$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
# what a copied page leaves where a picture or a video was: `图片`, `[image]`, `视频加载中...`
_MEDIA_REMNANT = re.compile(r"^[\[【(（]?(?:图片|圖片|配图|image|img|photo|picture|视频|影片|video)"
                            r"[\]】)）]?$|^(?:视频加载中|视频无法播放|video (?:is )?loading)"
                            # what a messenger's export leaves of a picture, a voice note
                            r"|^<?(?:media|image|video|audio|photo|sticker|gif|document)"
                            r" omitted>?$|^<?(?:this message was deleted)>?$",
                            re.IGNORECASE)
_LETTER_SPACED = re.compile(r"^(?:[A-Za-z] ){4,}[A-Za-z]$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
         rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?"
         r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
         r"|(?:\d{4}年)?\d{1,2}月\d{1,2}[日号])")
_WEEKDAY = (r"(?:yesterday|today|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)"
            r"(?:day)?\.?|昨天|今天|前天|星期[一二三四五六日天]|周[一二三四五六日])")
# the day a meeting or chat app writes before its clock: `Yesterday, 11:00 AM`,
# `Mon, Mar 3, 2025 10:02`, `2025-03-03 10:02`, `昨天 下午3:05`
_DAY = (rf"(?:(?:{_WEEKDAY}(?:[,，]?\s*{_DATE})?|{_DATE})[,，]?\s*(?:at\s+)?"
        r"(?:上午|下午|晚上|中午|凌晨)?)")
# a time alone: 00:12:05, (1h 5m), or a clock time as press records write it: 1:05 P.M. EDT;
# or a time after its day
_TIMESTAMP_ONLY = re.compile(
    rf"^[\[(（]?\s*{_DAY}?(?:{TIME}|\d+\s*[hm]\s*(?:\d+\s*[ms])?(?:\s*\d+\s*s)?)"
    r"(?:\s*[ap]\.?\s?m\.?)?(?:\s+(?-i:[A-Z]{1,4}T))?\s*[\])）]?$", re.IGNORECASE)
# a web address with whatever path follows it: what is left without it are the words
_URL_REST = re.compile(r"(?:https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|io|cc|me|tv)\b"
                       r"|\S+@[\w-]+\.\w+)\S*", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"[\s,，、|｜/;；]+")
_DATE_INSIDE = re.compile(_DATE, re.IGNORECASE)
# what a dateline names beside its date: `2024-03-18 来源：第一财经 作者：王小宁`,
# `March 3, 2024 | By Jane Doe`, `Published 2024-03-18 09:30 Source: Reuters`
_DATELINE_FIELD = re.compile(r"(?:来源|作者|编辑|记者|发布时间|发布|更新|时间)\s*[:：]|"
                             r"\b(?:source|author|published|updated|posted)\b\s*:?|(?:^|[|｜]\s*)by\s",
                             re.IGNORECASE)
# a field and its date alone, which may end in a full stop: `Published March 3.`
_FIELD_AND_DATE = re.compile(rf"^(?:published|updated|posted|first published)(?:\s+on)?\s+"
                             rf"{_DATE}\.?$", re.IGNORECASE)
_LINKS_ONLY = 0.8  # share of link text above which a paragraph is a link list or navigation
_DATED_LINE = 60  # a byline with its date is no longer
_SHORT_LINE = 20  # a line the page repeats this short is its chrome (a site name, a section)
_RUNNING_LENGTH = 80  # a running header or footer is no longer
_RUNNING_PAGES = 3  # and repeats on this many pages at least
_PUNCTUATION = re.compile(r"[。！？!?.,，:：]")  # what a repeated line of the page's has none of


@dataclass(frozen=True)
class Noise:
    """Why a paragraph is not conversation, and how sure that is."""

    kind: str
    reason: str
    confidence: float = 1.0  # below 1: weak evidence, a decision to check


# kinds of noise that mark the end of an article: what follows the dialogue after one of
# them is the page's trailer (promotion, related links, account cards), not more words
FURNITURE = {"rights", "credit", "end-mark", "rule", "table", "card", "link", "chrome", "ad"}
_STAFF = {"card", "credit", "rights", "end-mark", "ad"}


def classify(text: str, repeated_short: set[str] | None = None,
             link_share: float = 0.0, heading: bool = False) -> Noise | None:
    """The kind of noise `text` is, or None if it may be conversation (or a `heading`)."""
    written = text.strip()
    stripped = simplified(written)  # the word lists are written once, in Simplified
    bare = _DECORATION.sub("", stripped)
    short = len(stripped) <= 120
    if not has_speakable(stripped):
        return Noise("empty", "punctuation or symbols only")
    if _DIVIDER.match(bare):
        return Noise("rule", "a divider between sections")
    if end_mark(bare):
        return Noise("end-mark", "end-of-article marker")
    if _NUMBER_ONLY.match(bare):
        return Noise("number", "a number on its own line (page, section or question number)")
    if _TIMESTAMP_ONLY.match(stripped):
        return Noise("timestamp", "a timestamp on its own line")
    if _LETTER_SPACED.match(stripped):
        return Noise("chrome", "letter-spaced page heading")
    if _MEDIA_REMNANT.match(bare):
        return Noise("image", "what is left of a picture or a video")
    if _CARD_ANCHOR.match(bare):
        return Noise("card", "account card of the publishing site")
    if link_share >= _LINKS_ONLY:
        return Noise("link", "link or navigation")
    if short and _URL.search(stripped) and len(_letters(_URL_REST.sub(" ", stripped))) <= 12:
        return Noise("link", "link or address")
    if _AD_MARKER.match(stripped):
        return Noise("ad", "advertising break")
    if _NAV.match(bare):  # a line that is only a button's word (`Subscribe`, `Advertisement`)
        return Noise("chrome", "site navigation")
    if _SENT_TO.match(stripped) and len(stripped) <= 120 and not ends_sentence(stripped):
        return Noise("link", "a headline the page sends the reader to")
    if _TAGS.match(stripped) and len(stripped) <= 150 and not ends_sentence(stripped):
        return Noise("chrome", "the page's tags or topics")
    if _menu_line(bare):
        return Noise("chrome", "a site's menu")
    if _breadcrumb(stripped):
        return Noise("chrome", "the page's place in the site (breadcrumb)")
    ad_hits = _AD_PHRASES.count(stripped)
    if ad_hits >= 2:
        # two such words in a sentence of speech may be a speaker talking about their own
        # newsletter's subscribers: dropped, but a decision to check
        said = ad_hits == 2 and len(stripped) >= 60 and ends_sentence(stripped)
        return Noise("ad", "advertising or promotion", 0.8 if said else 1.0)
    if ad_hits and len(stripped) <= 80 and not ends_sentence(stripped):
        return Noise("ad", "a short line in the words of promotion", 0.75)
    if _CREDIT.search(stripped) and short and _credit_words(stripped):
        return Noise("credit", "editor/author credit")
    if _LENGTH_LINE.match(stripped):
        return Noise("credit", "the recording's length")
    if ((len(stripped) <= 100 and _DATELINE_FIELD.search(stripped)
            and _DATE_INSIDE.search(stripped) and not ends_sentence(stripped))
            or _FIELD_AND_DATE.match(stripped)):
        return Noise("credit", "the article's date and source (dateline)")
    lower = stripped.lower()
    notes = (len(_PAGE_NOTE.findall(stripped))
             if len(stripped) <= 800 and any(hint in lower for hint in _PAGE_NOTE_HINTS) else 0)
    transcript_note = len(stripped) <= 600 and _transcript_note(stripped, lower)
    rights = len(stripped) <= 600 and _RIGHTS.find(stripped) is not None
    if rights or (transcript_note and notes < 2):
        return Noise("rights", "publication/republication notice")
    if notes >= 2:  # (a note on the transcript among them is sure of itself)
        return Noise("page-note", "a note on the page itself (its links, timestamps, the "
                                  "transcript), not the conversation",
                     1.0 if notes >= 3 or transcript_note else 0.8)
    if _COUNTER.match(bare) and len(bare) <= 20 and not heading and not ends_sentence(stripped):
        return Noise("chrome", "site counter", 0.8)
    if len(stripped) <= 100 and not ends_sentence(stripped) and len(
            {m.lower() for m in _SOCIAL.findall(stripped)}) >= 2:
        return Noise("chrome", "share buttons")
    if repeated_short and written in repeated_short:
        return Noise("chrome", "a short line the page repeats (site chrome)", 0.75)
    if not heading and is_keyword_list(stripped):
        return Noise("seo", "a run of short phrases sharing words (an SEO keyword line)", 0.7)
    return None


def _credit_words(text: str) -> bool:
    """What follows a credit's label names people or a source; a question or several
    sentences after `记者：` are an interviewer's turn, not a byline."""
    rest = re.split(r"[丨|｜:：/·•]", text, maxsplit=1)[-1].strip()
    listed = rest.replace(";", ",").replace("；", "，")  # a list of people, one `;` apart
    return not re.search(r"[？?！!]", rest) and len(split_sentences(listed)) <= 1


def media_remnant(text: str) -> bool:
    """What a copy leaves of a picture or a video: `[图片]`, `<Media omitted>`."""
    return len(text) <= 40 and _MEDIA_REMNANT.match(_DECORATION.sub("", text.strip())) is not None


def end_mark(text: str) -> bool:
    """The mark that ends an article: `（完）`, `- END -`, `The End`."""
    return _END_MARK.match(_DECORATION.sub("", simplified(text.strip()))) is not None


def dated_line(text: str) -> bool:
    """A short line with a date in it and no sentence: a byline (`原创 2024-06-01 文化周刊`)."""
    stripped = text.strip()
    return (len(stripped) <= _DATED_LINE and _DATE_INSIDE.search(stripped) is not None
            and not ends_sentence(stripped))


def end_section(text: str) -> bool:
    """A heading that opens the sources or further reading after an article."""
    return bool(_END_SECTION.match(_DECORATION.sub("", simplified(text.strip()))))


def weak_noise(text: str, link_share: float = 0.0) -> tuple[str, str] | None:
    """What makes a paragraph kept as speech look a little like page noise, if anything:
    (why, the sentence that looks so)."""
    credit = _CREDIT.search(text)
    for found, why in ((_AD_PHRASES.find(text), "it uses the words of promotion"),
                       (_RIGHTS.find(text), "it reads like a rights notice"),
                       (credit.group(0) if credit else None, "it reads like a credit")):
        if found:
            sentence = next((s for s in split_sentences(text) if found in s), text)
            return f"{why} ({found.strip()})", sentence.strip()
    if link_share >= 0.4:
        return f"{link_share:.0%} of it is link text", text
    return None


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def is_keyword_list(text: str) -> bool:
    """A run of short phrases with no sentence in it, sharing words: an SEO line."""
    if any(mark in text for mark in "。！？!?") or ends_sentence(text) or len(text) > 100:
        return False  # keyword lines are short; a long run of clauses is a sentence
    segments = [s for s in _SEGMENT_SPLIT.split(text) if s]
    if len(segments) < 3 or max(len(s) for s in segments) > 24:
        return False
    if sorted(len(s) for s in segments)[len(segments) // 2] > 10:
        return False  # keywords are short phrases; clauses of a sentence are longer
    grams: Counter[str] = Counter()
    for segment in segments:
        grams.update(_units(segment))
    if not grams:
        return False
    shared = max(grams.values())
    return shared >= max(2, (len(segments) + 1) // 2)


def _units(segment: str) -> set[str]:
    """Character bigrams for CJK, lowercase words for Latin."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", segment)}
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", segment)
    return words | {cjk[i:i + 2] for i in range(len(cjk) - 1)}


def running_lines(blocks: Sequence[Block], page_numbers: frozenset[int] = frozenset()
                  ) -> set[str]:
    """Lines a paged document repeats at the head or foot of its pages (three at least):
    `Official - Subject to Final Review`, `Alderson Reporting Company`. A speaker's label
    alone on its line repeats too (`Lisa Wong -- Chief Financial Officer`), and so does a
    hard-wrapped line of a formula: a line counts only where it stands at a page's edge —
    beside another running line or a page number (also one the reader took out:
    `page_numbers` are their source lines), or at the document's start or end."""
    texts = [b.text.strip() if b.kind == "text" else "" for b in blocks]
    counts = Counter(t for t in texts if _SHORT_LINE < len(t) <= _RUNNING_LENGTH)
    repeated = {line for line, count in counts.items()
                if count >= _RUNNING_PAGES and not _PUNCTUATION.search(line)}
    at_edge: Counter[str] = Counter()
    for index, line in enumerate(texts):
        if line in repeated:
            around = [texts[i] if 0 <= i < len(texts) else None for i in (index - 1, index + 1)]
            number_near = any(blocks[index].line + step in page_numbers for step in (-2, -1, 1, 2))
            at_edge[line] += number_near or any(
                other is None or _PAGE_NUMBER.match(other) is not None
                or (other != line and other in repeated) for other in around)
    return {line for line in repeated if at_edge[line] >= counts[line] - 1}


def repeated_short_lines(texts: list[str]) -> set[str]:
    """Short lines without punctuation that the page repeats (site name, section labels)."""
    counts = Counter(t.strip() for t in texts if len(t.strip()) <= _SHORT_LINE)
    return {
        line for line, count in counts.items()
        if count >= 2 and not _PUNCTUATION.search(line)
    }


_INITIALS_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def looks_like_heading(text: str) -> bool:
    """A short line with no sentence end: a title or section heading."""
    if len(text.split()) <= 3 and _INITIALS_END.search(text):
        return True  # the full stop closes an abbreviation: `Washington, D.C.`
    return len(text) <= 80 and not ends_sentence(text) and not re.search(r"[。！？!?]", text)


def card_spans(texts: list[str], kinds: list[str]) -> set[int]:
    """Paragraphs of an account card (logo, name, blurb, "N篇原创内容", "公众号", a call to follow).

    A card is found by its anchor line; it reaches back over at most three short lines to
    the logo image before them, and forward over short lines of the same card.
    """
    found: set[int] = set()
    for index, text in enumerate(texts):
        if not _CARD_ANCHOR.match(_DECORATION.sub("", simplified(text.strip()))):
            continue
        start = index
        for back in range(index - 1, max(-1, index - 5), -1):
            if kinds[back] == "image":
                start = back
                break
            if len(texts[back]) > 40:
                break
        end = index
        for forward in range(index + 1, min(len(texts), index + 4)):
            text_forward = texts[forward].strip()
            if len(text_forward) > 40 or not (
                not has_speakable(text_forward) or _CARD_ANCHOR.match(text_forward)
                or _AD_PHRASES.find(text_forward) is not None
            ):
                break
            end = forward
        found.update(range(start, end + 1))
    return found


def publication_note(text: str) -> bool:
    """Whether `text` speaks of the publication, not of the subject: its rights, where it
    was published first, how its transcript was edited or made."""
    stripped = simplified(text.strip())  # the word lists are written once, in Simplified
    return _RIGHTS.find(stripped) is not None or _transcript_note(stripped, stripped.lower())


def _transcript_note(text: str, lower: str) -> bool:
    """What a page says of its transcript (looked for only where one of its words is)."""
    return (any(hint in lower for hint in _TRANSCRIPT_HINTS)
            and _TRANSCRIPT_NOTE.search(text) is not None)


def page_noise(paragraphs: Sequence[Paragraph], chrome: set[str]) -> list[bool]:
    """Per paragraph: page furniture whatever label it may carry — an account card, a byline
    or credit, a rights notice, an ad. A label there names the page's staff or an advertiser
    (`淘宝搜：`), not a speaker."""
    cards = card_spans([p.text for p in paragraphs], [p.kind for p in paragraphs])
    flags = []
    for index, paragraph in enumerate(paragraphs):
        noise = classify(paragraph.text, chrome, paragraph.block.link_share,
                         paragraph.kind == "heading")
        flags.append(index in cards or (noise is not None and noise.kind in _STAFF
                                        and noise.confidence == 1))
    for index in _readers_labels(paragraphs):
        flags[index] = True
    return flags


def _readers_labels(paragraphs: Sequence[Paragraph]) -> list[int]:
    """Labelled paragraphs under a comments (or sources) heading after the dialogue that
    name someone who said nothing before it (readers commenting), or that are headlines
    of more to read (`李明远：电池成本还有下降空间`): not speakers' turns."""
    named: Counter[str] = Counter()
    for index, paragraph in enumerate(paragraphs):
        # (`相关阅读：` reads as a label with nothing after it)
        if end_section(paragraph.text) and sum(1 for n in named.values() if n >= 2) >= 2:
            # a dialogue came before: two names that each labelled two paragraphs or more
            return [i for i in range(index + 1, len(paragraphs))
                    if (label := paragraphs[i].label) is not None
                    and (label.name not in named or looks_like_heading(label.rest))]
        if paragraph.label is not None:
            named[paragraph.label.name] += 1
    return []


def _breadcrumb(text: str) -> bool:
    """Short items joined by `>` that start at the site's home, or three of them at least."""
    items = _BREADCRUMB_SPLIT.split(text)
    if len(items) < 2 or not all(0 < len(i) <= 24 and len(i.split()) <= 4 for i in items):
        return False
    return bool(_BREADCRUMB_HOME.match(items[0])) or (
        len(items) >= 3 and not any(ends_sentence(i) for i in items))


def _menu_line(text: str) -> bool:
    """A line of menu items only, two at least (`Home About Contact`)."""
    words = [w for w in _MENU_SPLIT.split(text.casefold()) if w]
    return len(words) >= 2 and all(w in _MENU_WORDS for w in words)
