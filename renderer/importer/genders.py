"""A speaker's gender as the page describes it: a cast list above a script says who is who.

`老王——男，六十岁，退休工人`, `小王（老王之子）`, `ROMEO, son to Montague`, `MAUD, a widow of
fifty`: a line that opens with a speaker's name and goes on to describe them. Only lines that
are not anyone's words are read, so a turn that starts with a name is never a description.
"""

from __future__ import annotations

import re

from ..script.voices import Gender

# what separates a name from its description: `——`, `：`, `，`, `（` (a space only after a
# Chinese name: `A woman walks in` describes nobody called A)
_MARK = r"\s*[—–\-－~～:：,，、(（]+\s*"
_SPACE = r"\s+"
# `男`/`女` as a word of their own (`男，六十岁`, `（女）`), or kinship words (`之子`, `妻子`)
_ZH = re.compile(r"(?:^|[，,、(（\s])(?P<sex>男|女)(?=[，,、)）\s。;；]|$)"
                 r"|(?P<male>之子|儿子|父亲|丈夫|哥哥|弟弟|之父|之夫)"
                 r"|(?P<female>之女|女儿|母亲|妻子|之妻|姐姐|妹妹|之母)")
_MALE_WORDS = {"man", "boy", "son", "father", "husband", "brother", "king", "prince", "lord",
               "gentleman", "uncle", "nephew", "grandfather", "he", "his", "him", "male",
               "widower", "monk", "duke"}
_FEMALE_WORDS = {"woman", "girl", "daughter", "mother", "wife", "sister", "queen", "princess",
                 "lady", "aunt", "niece", "grandmother", "she", "her", "female", "widow", "nun",
                 "duchess"}
_DESCRIPTION = 80  # a description in a cast list is no longer


def described_gender(name: str, lines: list[str]) -> Gender | None:
    """The gender the first line that describes `name` states, if it states one."""
    separator = f"(?:{_MARK}|{_SPACE})" if re.search(r"[\u4e00-\u9fff]", name) else _MARK
    opening = re.compile(rf"^[\s*•·\-–]*{re.escape(name)}{separator}(?P<rest>.+)$",
                         re.IGNORECASE)
    for line in lines:
        found = opening.match(line.strip())
        if not found:
            continue
        rest = found.group("rest")[:_DESCRIPTION]
        zh = _ZH.search(rest)
        if zh:
            sex = zh.group("sex")
            return "male" if sex == "男" or zh.group("male") else "female"
        for word in re.findall(r"[a-z]+", rest.lower()):
            if word in _MALE_WORDS:
                return "male"
            if word in _FEMALE_WORDS:
                return "female"
    return None
