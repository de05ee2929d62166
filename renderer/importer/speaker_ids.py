"""Speaker ids for the script (ASCII, from pinyin for Chinese names) and display names."""

from __future__ import annotations

import re
import unicodedata

from ..text import simplified
from .names import TITLES, given_name

_ROLE_IDS = {"主持人": "host", "主持": "host", "嘉宾": "guest", "问": "host", "答": "guest",
             "Host": "host", "Guest": "guest", "HOST": "host",
             "GUEST": "guest"}
_ROLE_NAMES_ZH = {"问": "主持人", "答": "嘉宾", "Q": "主持人", "A": "嘉宾"}
_ROLE_NAMES_EN = {"问": "Host", "答": "Guest", "Q": "Host", "A": "Guest"}


_TITLES = TITLES | {"the"}
_CAPITAL_WORD = re.compile(r"(?:Mc|Mac|De|Da|Di|Van|Von|Le|La|O')?[^a-z]*")
_PREFIX = re.compile(r"(?:Mc|Mac|De|Da|Di|Van|Von|Le|La)(?=[A-Z])")
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
                      "慕容", "令狐", "司徒", "夏侯", "长孙", "宇文", "端木", "独孤")


def speaker_id(name: str) -> str:
    """An ASCII id for a speaker: `zhang_yaqin` for 张亚勤, `jane_doe` for Jane Doe."""
    role = _ROLE_IDS.get(simplified(name))  # 嘉賓 is 嘉宾
    if role:
        return role
    if all(ord(ch) < 0x3000 for ch in name):  # no Chinese: no pypinyin (a quarter second)
        words = [name]
    else:
        from pypinyin import lazy_pinyin

        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
            cut = 2 if name.startswith(_COMPOUND_SURNAMES) and len(name) > 2 else 1
            words = ["".join(lazy_pinyin(name[:cut])), "".join(lazy_pinyin(name[cut:]))]
        else:
            words = lazy_pinyin(name)
    slug = "_".join(_ascii(w.strip().lower()) for w in words if w.strip())
    slug = re.sub(r"[^a-z0-9]+", "_", slug).strip("_")
    return slug or "speaker"


# Latin letters that do not decompose into a base letter and an accent
_UNACCENTED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                             "þ": "th", "ð": "d", "ı": "i"})


def _ascii(word: str) -> str:
    """José → jose, Müller → muller, Łukasz → lukasz (after lower-casing)."""
    base = unicodedata.normalize("NFKD", word.translate(_UNACCENTED))
    return "".join(ch for ch in base if not unicodedata.combining(ch))


def display_name(name: str, language: str, all_names: list[str]) -> str:
    """How a speaker is named to listeners: Q/A and 问/答 become host and guest — when they
    are all who speak; beside others (a court's lawyers and judge) they stay as written."""
    names = {simplified(n) for n in all_names}  # 問 is 问
    is_qa = {"Q", "A"} == names or {"问", "答"} == names
    role = simplified(name)
    if is_qa and role in _ROLE_NAMES_ZH:
        table = _ROLE_NAMES_ZH if language.startswith("zh") else _ROLE_NAMES_EN
        shown = table[role]
        traditional = any(n != simplified(n) for n in all_names)
        return "嘉賓" if shown == "嘉宾" and traditional else shown  # in the labels' script
    if name.startswith("《") and name.endswith("》") and len(name) > 2:
        return name[1:-1]
    if _capitals(name) and _a_word(name):
        return _title_case(name)  # BEN → Ben, but initials (AA, JR) stay as they are
    words = name.split(" ")
    if len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        # Mr. JOHNSON of Georgia → Mr. Johnson of Georgia (as hearings print surnames)
        return " ".join(_title_case(word) if _capitals(word) and _a_word(word) else word
                        for word in words)
    return name


def _a_word(capitals: str) -> bool:
    """Capitals that spell a name (BEN, LEE, MARIA), not initials or a nick (AA, JR, AWK,
    INT, CCTV)."""
    if re.fullmatch(r"(?:[A-Z]\.)+", capitals) or not re.search(r"[AEIOUY]", capitals):
        return False  # J.S., CCTV: no word has no vowel
    return len(capitals) > 3 or (len(capitals) == 3 and given_name(capitals.lower()))


def _capitals(name: str) -> bool:
    """Written in capitals, a prefix like De or Mc aside: SENATOR DeFRANCISCO."""
    return all(_CAPITAL_WORD.fullmatch(word) for word in name.split()) and any(
        ch.isupper() for ch in name)


def _title_case(name: str) -> str:
    """ACTING PRESIDENT MEIER → Acting President Meier (O'BRIEN → O'Brien, MS. → Ms.,
    DeFRANCISCO → DeFrancisco)."""
    return " ".join(
        "-".join("'".join(_word_case(part) for part in piece.split("'"))
                 for piece in word.split("-"))
        for word in name.split(" ")
    )


def _word_case(word: str) -> str:
    prefix = _PREFIX.match(word)
    if prefix and len(word) > prefix.end():
        return prefix.group(0) + word[prefix.end():][:1] + word[prefix.end() + 1:].lower()
    return word[:1].upper() + word[1:].lower()
