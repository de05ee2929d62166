"""Words that make a label metadata, a section or a heading rather than a person speaking."""

from __future__ import annotations

import re

from ..text import simplified

# Labels that introduce metadata or a section, not a person speaking.
NOT_SPEAKERS = {
    "来源", "编辑", "责编", "责任编辑", "作者", "原标题", "标题", "关键词", "标签", "时间", "日期",
    "地点", "备注", "注", "注意", "提示", "声明", "图", "图片", "图片来源", "摘要", "导语", "出品",
    "策划", "撰文", "文", "校对", "审核", "监制", "链接", "网址", "微信", "公众号", "电话",
    "题图", "头图", "话题", "主题", "广告", "推广", "赞助", "延伸阅读", "相关阅读", "更多阅读",
    "参考", "参考资料", "参考文献", "参考链接", "资料来源", "注释", "附录", "推荐阅读", "扩展阅读",
    "往期回顾", "往期推荐", "相关文章", "本文作者", "see also", "further reading",
    "source", "sources", "note", "notes", "editor", "edited", "author", "date", "time", "tags",
    "keywords", "photo", "image", "credit", "credits", "copyright", "link", "url", "ps", "p.s.",
    "update", "updated", "posted", "transcript", "summary", "disclaimer", "read", "see", "watch",
    "break", "ad break", "ad", "ads", "advertisement", "sponsor", "sponsored", "sponsors",
    "topic", "topics", "proposal", "resolved", "action", "action item", "agenda", "chapter",
    "part", "section", "episode", "music", "intro", "outro", "example", "examples", "warning",
    "tip", "important", "caption", "subject", "re", "fwd", "to", "from", "cc", "http", "https",
    "minutes", "present", "scribe", "audio", "video", "listen", "subscribe", "related",
    # who takes part, listed: `Guests: Ana Ruiz, Ben Ode`, `与会人员：…`
    "guests", "hosts", "participants", "panelists", "panellists", "attendees", "speakers",
    "featuring", "参与者", "与会者", "与会人员", "参会人员", "出席人员", "出席",
    # a court record's front matter: `APPEARANCES:` lists counsel
    "appearances",
    # a day, as a log or a diary heads its entries: `Monday: the adjuster came.`
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday", "tomorrow", "tonight",
    "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期天",
    "周一", "周二", "周三", "周四", "周五", "周六", "周日", "今天", "昨天", "明天",
    # the steps of a list inside a turn: `First: fix the roof.`, `第一：…`, `比如：…`
    "first", "second", "third", "fourth", "fifth", "firstly", "secondly", "thirdly", "lastly",
    "finally", "next", "then", "also", "plus", "bonus", "for example",
    "首先", "其次", "然后", "最后", "另外", "此外", "比如", "例如", "总之", "总结", "其一", "其二",
}
_ORDINAL = re.compile(r"第[一二三四五六七八九十百0-9]{1,3}[点條条个個项項步]?")
# `本期嘉宾：林夏，…`, `This week's guest: …`: what an episode's notes say, not a turn
_THIS_EPISODE = re.compile(r"^(?:本期|本集|本次|本节目|(?:this|today|tonight)(?:'s|’s| week's"
                           r"| week’s| episode's| episode’s)\s)", re.IGNORECASE)
# words that make a label a heading or pseudo label wherever they stand in it
PSEUDO_WORDS = {"break", "topic", "topics", "proposal", "note", "notes", "sponsor", "chapter",
                "section", "part", "episode", "credit", "credits", "related", "summary",
                "transcript", "agenda", "advertisement", "music", "editor's", "session",
                "proceedings", "record", "examination", "interview", "hearing", "resolution",
                "motion", "exhibit", "appendix", "introduction", "conclusion", "references",
                "bibliography", "contents", "index", "abstract", "preface", "foreword",
                "epilogue", "prologue", "minutes", "report", "statement", "update",
                "definition", "glossary", "vocabulary", "translation", "pronunciation",
                "meaning", "example", "examples", "tip", "tips", "warning", "hint", "act",
                "scene", "argument", "arguments", "testimony", "exhibits"}
HEADING_LABELS = {"topic", "subject", "话题", "主题"}
# a label opened by one of these is a heading or a direction: `BY MR. THOMPSON:`
_LEADING_FUNCTION_WORDS = {"by", "from", "to", "re", "for", "on", "in", "at", "of", "with",
                           "about", "continued", "cross", "direct", "redirect", "recross"}


def metadata_word(name: str) -> bool:
    """A label that usually introduces metadata, a section or an aside, not a person."""
    if re.fullmatch(r"[A-Z]{2,4}", name):  # initials (CC, PS) name people in transcripts
        return False
    lower = simplified(name.lower().strip())  # 參考資料 is 参考资料
    if lower in NOT_SPEAKERS or (lower.endswith(("注", "按")) and len(lower) <= 6):
        return True
    if _ORDINAL.fullmatch(lower):
        return True
    if _THIS_EPISODE.match(lower):
        return True
    if any(mark in name for mark in "丨｜|"):  # a byline: 文丨王芳, 编辑｜宋玮
        return True
    words = lower.split()
    return any(word.strip("'’") in PSEUDO_WORDS for word in words) or (
        len(words) > 1 and words[0] in _LEADING_FUNCTION_WORDS)
