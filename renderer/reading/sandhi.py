"""Tone sandhi: how the dictionary readings change when said together (3-3, 一, 不).

- Third tone before third tone becomes second, within a word and across a short word pair:
  你好 ni3 hao3 → ni2 hao3; in a run of third tones every one but the last rises.
- 不 bu4 before a fourth tone is bu2: 不是 bu2 shi4.
- 一 yi1 before a fourth (or neutral) tone is yi2, before the others yi4 (一天 yi4 tian1,
  一个 yi2 ge4) — but it stays yi1 in numbers (一九三七, 十一), as an ordinal (第一), at the
  end of a phrase, and in a reduplication (看一看 is yi5).

Readings are pinyin with a tone digit; words are the segmentation's.
"""

from __future__ import annotations

_NUMERALS = set("零〇一二三四五六七八九十百千万亿两点")


def apply(words: list[list[str]], texts: list[str]) -> list[list[str]]:
    """The spoken readings of consecutive words (`texts[i]` written, `words[i]` read)."""
    spoken = [list(readings) for readings in words]
    flat = [(w, i) for w, readings in enumerate(spoken) for i in range(len(readings))]
    chars = [texts[w][i] if i < len(texts[w]) else "" for w, i in flat]
    tones = [spoken[w][i] for w, i in flat]
    for k in range(len(flat)):
        following = tones[k + 1] if k + 1 < len(tones) else ""
        before = chars[k - 1] if k else ""
        after = chars[k + 1] if k + 1 < len(chars) else ""
        if chars[k] == "不" and tones[k] == "bu4" and following.endswith("4"):
            tones[k] = "bu2"
        elif chars[k] == "一" and tones[k] == "yi1" and following:
            if before in _NUMERALS or after in _NUMERALS or before == "第":
                continue
            if before and before == after:  # 看一看
                tones[k] = "yi5"
            elif following.endswith(("4", "5")):
                tones[k] = "yi2"
            else:
                tones[k] = "yi4"
    _third_tones(tones, flat, [len(t) for t in texts])
    for k, (w, i) in enumerate(flat):
        spoken[w][i] = tones[k]
    return spoken


def _third_tones(tones: list[str], flat: list[tuple[int, int]], lengths: list[int]) -> None:
    """3-3 → 2-3 inside a word, and between words that make a unit of three syllables or
    fewer; in a longer run every third tone but the last rises."""
    third = [tone.endswith("3") for tone in tones]
    for k in range(len(tones) - 1):
        if not (third[k] and third[k + 1]):
            continue
        same_word = flat[k][0] == flat[k + 1][0]
        short_pair = lengths[flat[k][0]] + lengths[flat[k + 1][0]] <= 3
        if same_word or short_pair:
            tones[k] = tones[k][:-1] + "2"
