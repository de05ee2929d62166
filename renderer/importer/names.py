"""Whether a label's name looks like a person's, and whether a word is a dictionary word.

Chinese: a common surname and no dictionary word (jieba's). English: a given name that
gender-guesser's dictionary of some 40,000 given names (from many countries) knows, versus a
common word that misaki's English lexicon (shipped for the Kokoro voice) lists in lower case.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from ..script.voices import Gender
from ..text import LATIN_LOWER, LATIN_UPPER

# the most common Chinese surnames (together well over four in five people) and compound ones
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    # the same surnames in traditional characters, where they differ
    "陳劉楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇盧鍾鐘譚陸賈韋鄒賀顧龔萬錢嚴湯溫莊聶魯嶽歐關蘭寧紀淩畢單塗"
    "駱藍遊靳鮑華饒繆項蘆麥婁竇黨費衛閔鄔邊師欒榮鞏遲鄺羅許張蔣閻龍覃"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
                      "令狐", "司徒", "夏侯", "长孙", "宇文", "端木", "独孤", "歐陽", "司馬",
                      "諸葛", "東方", "長孫")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_LATIN_WORD = re.compile(
    rf"(?:[{LATIN_UPPER}][{LATIN_LOWER}'’\-]*\.?|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)")


def surname_shaped(text: str) -> bool:
    """What may stand before a Chinese given name: one character (most surnames, in either
    script) or a compound surname (欧阳) — never a word such as 对话 in `对话王明`."""
    return len(text) == 1 or text in _COMPOUND_SURNAMES


# what follows a surname to address someone: 王老师, 李总 — the surname is all that differs
# (one or two characters each)
ADDRESS_FORMS = frozenset({
    "老师", "老師", "先生", "女士", "小姐", "总", "總", "教授", "医生", "醫生", "主任",
    "局长", "局長", "书记", "書記", "经理", "經理", "博士", "同学", "同學", "师傅", "師傅",
    "阿姨", "大爷", "大爺", "老板", "老闆", "律师", "律師", "导演", "導演", "院长", "院長"})


def addressed_surname(name: str) -> str | None:
    """The surname in a way to address someone (`李教授` → 李, `欧阳老师` → 欧阳), or None."""
    for size in (2, 1):  # every form of address is one or two characters
        surname = name[:-size]
        if name[-size:] in ADDRESS_FORMS and (surname in _SURNAMES
                                              or surname in _COMPOUND_SURNAMES):
            return surname
    return None


def looks_like_person(name: str) -> bool:
    """A Chinese name (a common surname, not a dictionary word) or capitalized given names."""
    if _CJK_NAME.fullmatch(name):
        has_surname = name[0] in _SURNAMES or name.startswith(_COMPOUND_SURNAMES)
        return has_surname and not dictionary_word(name)
    words = name.split()
    if not 1 <= len(words) <= 3 or not all(_LATIN_WORD.fullmatch(w) for w in words):
        return False
    return not any(w.lower() in common_english() for w in words)


def dictionary_word(word: str) -> bool:
    """Whether jieba's dictionary knows `word` as something other than a person's name."""
    flag = _word_tags().get(word)
    return flag is not None and not flag.startswith("nr")


def segment(text: str) -> list[str]:
    """Chinese text cut into words with jieba's dictionary (rjieba: the same cuts, no
    second of loading)."""
    import rjieba

    words: list[str] = rjieba.cut(text, False)
    return words


@cache
def _word_tags() -> dict[str, str]:
    """Each word of jieba's dictionary and its part of speech, read from the dictionary
    itself (loading jieba.posseg for them costs the import a second and a half)."""
    fields = jieba_fields("dict.txt")
    return dict(zip(fields[0::3], fields[2::3], strict=True))


def jieba_fields(*path: str) -> list[str]:
    """The whitespace-separated fields of a data file jieba ships (its dictionary, its
    inverse document frequencies), read without importing jieba."""
    file = resources.files("jieba")
    for part in path:
        file = file / part
    return file.read_text(encoding="utf-8").split()


@cache
def common_english() -> frozenset[str]:
    """Common English words (stop words and a few more): a label made of them is no name."""
    text = (resources.files("renderer") / "data" / "stopwords_en.txt").read_text(encoding="utf-8")
    words = {w for w in text.split("\n") if w and not w.startswith("#")}
    return frozenset(words | {"yes", "no", "okay", "ok", "thanks", "reason", "answer",
                              "question", "result", "step", "cost", "price", "total",
                              "conclusion", "problem", "solution", "goal", "idea", "fact"})


def given_name(word: str) -> bool:
    """Whether `word` is a given name (Ben, Safia, Stjepan), in any case."""
    return bool(_name_detector().get_gender(word.strip(".").capitalize()) != "unknown")


# words that stand before a person's name as a title or an office (lower case, no full stop)
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "senator", "sen",
          "representative", "rep", "secretary", "president", "acting", "chairman", "chairwoman",
          "chair", "judge", "justice", "mayor", "governor", "minister", "speaker", "madam",
          "lord", "lady", "commissioner", "general", "gen", "ambassador", "officer", "detective",
          "agent", "hon", "rev"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "sister",
                  "mother", "aunt", "queen", "princess", "duchess", "countess", "baroness"}
_MALE_TITLES = {"mr", "sir", "lord", "father", "brother", "uncle", "king", "prince", "duke",
                "count", "baron", "monsieur", "herr", "señor"}
# characters that mark a Chinese given name as a woman's or a man's (where one of them is
# there and none of the other kind, the guess is usually right)
_FEMALE_CHARACTERS = set("娟婷娜丽麗芳燕玲静靜秀霞颖穎雪倩琳慧梅莉萍艳艷妍媛婉嫣娇嬌琴瑶瑤怡蓉凤鳳"
                         "兰蘭菊莹瑩薇媚姝娥妮姗姍嫦婵嬋姣姿婕晴璇瑾黛")
_MALE_CHARACTERS = set("强強刚剛军軍伟偉勇杰傑涛濤斌鹏鵬龙龍峰磊浩辉輝雄彪虎豪毅健坤栋棟彬武威"
                       "猛昌麟兵")
# a form of address or a family word that ends a Chinese name: 王女士, 张大爷, 老王媳妇, 小妹
_FEMALE_ENDINGS = ("女士", "小姐", "太太", "阿姨", "奶奶", "妈", "母亲", "女儿", "姐", "妹", "大娘",
                   "婆婆", "姥姥", "嫂", "嫂子", "姑娘", "媳妇", "妻子")
_MALE_ENDINGS = ("先生", "爷爷", "叔叔", "大爷", "爸", "父亲", "儿子", "哥", "弟", "伯伯", "舅舅",
                 "老头", "小伙", "丈夫")
_FEMALE_PEOPLE = {"mother", "mom", "mum", "wife", "woman", "girl", "daughter", "grandmother",
                  "grandma", "aunt", "sister", "widow", "queen", "lady"}
_MALE_PEOPLE = {"father", "dad", "husband", "man", "boy", "son", "grandfather", "grandpa",
                "uncle", "brother", "king", "lord"}
_CODE_LIKE = re.compile(r"[a-z]|speaker|spk|participant")


def gender_of(name: str) -> Gender | None:
    """A speaker's gender as the name says it (`Mrs. Park`, `Margaret`, 王女士), else None."""
    if name.endswith(_FEMALE_ENDINGS):
        return "female"
    if name.endswith(_MALE_ENDINGS):
        return "male"
    if _CJK_NAME.fullmatch(name) and looks_like_person(name):
        given = set(name[2:] if name.startswith(_COMPOUND_SURNAMES) else name[1:])
        female, male = bool(given & _FEMALE_CHARACTERS), bool(given & _MALE_CHARACTERS)
        return "female" if female and not male else "male" if male and not female else None
    words = [word.strip(".,").lower() for word in name.split()]
    if not words:
        return None
    if words[0] in _FEMALE_TITLES:
        return "female"
    if words[0] in _MALE_TITLES:
        return "male"
    if len(words) == 1 or words[0] == "the" or not given_name(words[0]):  # not Carole King
        if words[-1] in _FEMALE_PEOPLE:  # a part named for who it is: The Mother, OLD WOMAN
            return "female"
        if words[-1] in _MALE_PEOPLE:
            return "male"
    if words[0] == "the" or _CODE_LIKE.fullmatch(words[0]):
        return None  # The Secretary, Q, Speaker 1
    if len(words) > 1 and not given_name(words[0]):
        if len(words) == 2:
            return None  # a role and a surname: Inspector Reid, General Peabody
        words = words[1:]  # a role before the name: Senator Ada Smith
    guess = _name_detector().get_gender(words[0].capitalize())
    if guess in ("female", "mostly_female"):
        return "female"
    if guess in ("male", "mostly_male"):
        return "male"
    return None


def common_word(word: str, inflected: bool = False) -> bool:
    """Whether `word` is a common English word (oven, proposal) rather than a proper name;
    `inflected`: or a plural or past of one (`Remarks`, `Prepared`) — asked of words in a
    phrase, since alone such a word is as often a surname (`Banks`, `Harding`)."""
    lexicon = _english_lexicon()
    plain = word.strip(".").lower()
    return any(form in lexicon and form.capitalize() not in lexicon
               for form in (_word_forms(plain) if inflected else [plain]))


def _word_forms(word: str) -> list[str]:
    """`word` and the stems it may be inflected from: the lexicon lists no plurals or past
    tenses, so `Remarks`, `Activities`, `Succeeded`, `Planning` are its words too."""
    forms = [word]
    if len(word) <= 4:
        return forms
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("s"):
        forms.append(word[:-1])
    for ending in ("ed", "ing"):
        if word.endswith(ending):
            stem = word[:-len(ending)]
            forms += [stem, stem + "e", *([stem[:-1]] if stem[-1:] == stem[-2:-1] else [])]
    return forms


def english_word(word: str) -> bool:
    """Whether `word` is an English word in any case (until, before)."""
    return word.lower() in _english_lexicon()


@cache
def _name_detector() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@cache
def _english_lexicon() -> frozenset[str]:
    import json

    text = (resources.files("misaki") / "data" / "us_gold.json").read_text(encoding="utf-8")
    return frozenset(json.loads(text))
