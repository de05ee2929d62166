"""Labels that name a speaker by role rather than by name: Q, 主持人, Host, UNIDENTIFIED MALE."""

from __future__ import annotations

import re

# roles as whole labels, where no role noun below heads them: Q, 问, 甲, THE COURT
ROLE_NAMES = {"q", "a", "question", "answer", "court", "the court", "the witness", "问", "答",
              "提问", "主持", "逗", "捧", "逗哏", "捧哏", "甲", "乙", "合", "unknown",
              "unidentified"}
# nouns for a person in a role: the head of a label such as UNIDENTIFIED MALE, Audience member,
# 现场观众 — a label names a speaker by role as often as by name
_ROLE_HEADS = {
    "host", "co-host", "cohost", "guest", "moderator", "interviewer", "interviewee", "announcer",
    "narrator", "audience", "questioner", "speaker", "reporter", "correspondent", "journalist",
    "anchor", "caller", "panelist", "panellist", "presenter", "commentator", "analyst",
    "spokesman", "spokeswoman", "spokesperson", "member", "participant", "attendee", "delegate",
    "representative", "official", "officer", "minister", "secretary", "senator", "chair",
    "chairman", "chairwoman", "chairperson", "president", "judge", "juror", "witness", "counsel",
    "attorney", "lawyer", "prosecutor", "defendant", "plaintiff", "clerk", "student", "teacher",
    "professor", "doctor", "nurse", "patient", "voice", "man", "woman", "male", "female",
    "person", "child", "boy", "girl", "crowd", "protester", "respondent", "listener", "viewer",
    "translator", "interpreter", "operator", "producer", "voiceover", "everyone", "all", "both",
}
# more than one speaking at once, counted: `Several participants`, `Multiple voices`, `Both
# hosts` (`Company Participants` heads a list of them, and says nothing)
_PLURAL_HEADS = {"participants", "voices", "speakers", "people", "members", "students",
                 "panelists", "panellists", "guests", "hosts", "attendees", "delegates", "men",
                 "women", "children", "audience"}
_COUNTED = {"several", "multiple", "many", "some", "all", "both", "two", "three", "various",
            "other", "few", "unidentified", "unknown"}
_ROLE_SUFFIXES_ZH = ("主持人", "记者", "記者", "观众", "觀眾", "听众", "聽眾", "嘉宾", "嘉賓",
                     "发言人", "發言人", "网友", "網友", "学生", "學生", "同学", "同學", "老师",
                     "老師", "律师", "律師", "法官", "代表", "委员", "委員", "提问者", "提問者",
                     "男声", "女声", "男聲", "女聲", "旁白", "众人", "眾人")
_GROUPS_ZH = {"全体", "全體", "大家", "众", "眾", "众人", "眾人", "齐", "齊", "合"}
_SERIES_ZH = re.compile(r"[甲乙丙丁戊一二三四五六七八九十\d]{1,2}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_role(name: str) -> bool:
    """A label that names a speaker by role: Q, 主持人, Host, UNIDENTIFIED MALE, 现场观众."""
    lower = name.lower()
    if lower in ROLE_NAMES:
        return True
    if _CJK.match(name[:1]):
        if name in _GROUPS_ZH or (name.endswith(("们", "們")) and 2 < len(name) <= 4):
            return True  # 全体, 同学们: more than one at once
        name = _SERIES_ZH.sub("", name) or name  # 听众甲, 记者2, like Student 2
        longest = 14 if name.endswith(("记者", "記者")) else 6  # `中央广播电视总台央视记者`
        return len(name) <= longest and name.endswith(_ROLE_SUFFIXES_ZH)
    words = [w for w in re.split(r"\s+", lower.replace("#", " ")) if w]
    while len(words) > 1 and words[-1].isdigit():  # Student 2, Caller #3
        words.pop()
    if not words:
        return False
    heads = _ROLE_HEADS if words[0] not in _COUNTED else _ROLE_HEADS | _PLURAL_HEADS
    return (len(words) <= 3 and words[-1] in heads
            and all(w.replace("-", "").isalpha() for w in words))
