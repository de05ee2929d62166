"""Numbers in Chinese text, written out the way a Chinese speaker says them (cn2an).

2019年 → 二零一九年, 50% → 百分之五十, 3.5亿 → 三点五亿, 2-3年 → 二到三年. What cn2an leaves
(very long numbers, odd forms) is read digit by digit.
"""

from __future__ import annotations

import re
import warnings

_DIGITS = "零一二三四五六七八九"
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[-~～—–]\s*(\d+(?:\.\d+)?)(?=\s*[\u4e00-\u9fff%％])")
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*(?:\s*[-~～—–]\s*\d+(?:[.,:]\d+)*)?\s*[%％]?")


def chinese_numbers(text: str) -> str:
    """Arabic numerals in Chinese words: 2019年 → 二零一九年, 50% → 百分之五十."""
    import cn2an

    text = _RANGE.sub(r"\1到\2", text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cn2an warns and leaves what it cannot read
            text = cn2an.transform(text, "an2cn")
    except (ValueError, KeyError, IndexError):
        pass
    return re.sub(r"[0-9]", lambda m: _DIGITS[int(m.group(0))], text)


def spoken_number(number: str, after: str = "") -> str:
    """A number as said in Chinese, read with the character after it (年, 月, %, 亿 …)."""
    said = chinese_numbers(number + after)
    return said[:len(said) - len(after)] if after and said.endswith(after) else said
