"""Recognise paragraphs that are not part of the conversation: chrome, ads, SEO, credits."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..text import ends_sentence

_URL = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|cn|net|org|io|cc|me|tv)\b|@[\w-]+\.\w+)",
                  re.IGNORECASE)
_AD_PHRASES = re.compile(
    r"红包|领券|优惠券|优惠码|互助群|微信群|QQ群|关注公众号|公众号\s*[【「“\"]|扫码|二维码|长按识别|"
    r"点击(下载|关注|阅读原文|购买)|下载APP|免费领|加微信|加V|VX|[淘京][宝东]?搜\s*[:：]|包邮|秒杀|"
    r"subscribe|newsletter|sponsored by|advertisement|promo code|coupon",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(编辑|责编|责任编辑|主编|作者|撰文|文|来源|出品|策划|校对|审核|监制|图|图片|图片来源|摄影|整理|"
    r"视觉|排版|翻译|译者|记者)\s*[丨|｜:：/·•]"
    r"|^(?i:source|credits?|photo|image)\s*:"
    r"|^(?i:by|edited by|photo(?:graph)?s? by|transcribed by|translated by)\s+"
    r"[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}$"
)
_RIGHTS = re.compile(
    r"经授权|授权(刊发|转载|发布)|转载请|禁止转载|未经(许可|授权)|版权(归|所有|声明)|"
    r"经编辑整理|内容经|本文(来自|系|由|转载|首发)|原文链接|原标题|文章来源|"
    r"all rights reserved|reprinted with|republished with|originally (published|appeared)|"
    r"edited for (length|clarity)|this transcript (has been|was) edited",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"^[\w\u4e00-\u9fff ]{1,12}\s+\d+$")
_END_MARK = re.compile(r"^[(（\[【]?\s*(完|全文完|end|the end|fin)\s*[)）\]】]?$", re.IGNORECASE)
_NAV = re.compile(
    r"^(首页|返回|上一篇|下一篇|分享|收藏|举报|登录|注册|关注|点赞|在看|评论|相关阅读|相关文章|推荐阅读|"
    r"阅读原文|展开全文|热门|更多|share|subscribe|sign in|log in|related|read more|comments?|"
    r"advertisement|home|menu|next|previous)\s*[>›»]?\s*\d*$",
    re.IGNORECASE,
)
_SEGMENT_SPLIT = re.compile(r"[\s,，、|｜/;；]+")


@dataclass(frozen=True)
class Noise:
    """Why a paragraph is not conversation."""

    kind: str
    reason: str


def classify(text: str, repeated_short: set[str] | None = None) -> Noise | None:
    """The kind of noise `text` is, or None if it may be conversation."""
    stripped = text.strip()
    short = len(stripped) <= 120
    if _END_MARK.match(stripped):
        return Noise("end-mark", "end-of-article marker")
    if _URL.search(stripped) and short:
        return Noise("link", "link or address")
    ad_hits = len(_AD_PHRASES.findall(stripped))
    if ad_hits >= 2 or (ad_hits and len(stripped) <= 80 and not ends_sentence(stripped)):
        return Noise("ad", "advertising")
    if _CREDIT.match(stripped) and short:
        return Noise("credit", "editor/author credit")
    if _RIGHTS.search(stripped) and len(stripped) <= 200:
        return Noise("rights", "publication/republication notice")
    if _COUNTER.match(stripped) and len(stripped) <= 20:
        return Noise("chrome", "site counter")
    if _NAV.match(stripped):
        return Noise("chrome", "site navigation")
    if repeated_short and stripped in repeated_short:
        return Noise("chrome", "site chrome repeated on the page")
    if is_keyword_list(stripped):
        return Noise("seo", "SEO keyword line")
    return None


def is_keyword_list(text: str) -> bool:
    """A run of short phrases with no sentence in it, sharing words: an SEO line."""
    if any(mark in text for mark in "。！？!?") or ends_sentence(text):
        return False
    segments = [s for s in _SEGMENT_SPLIT.split(text) if s]
    if len(segments) < 3 or max(len(s) for s in segments) > 24:
        return False
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


def repeated_short_lines(texts: list[str]) -> set[str]:
    """Short lines without punctuation that the page repeats (site name, section labels)."""
    counts = Counter(t.strip() for t in texts if len(t.strip()) <= 20)
    return {
        line for line, count in counts.items()
        if count >= 2 and not re.search(r"[。！？!?.,，:：]", line)
    }


def looks_like_heading(text: str) -> bool:
    """A short line with no sentence end: a title or section heading."""
    return len(text) <= 80 and not ends_sentence(text) and not re.search(r"[。！？!?]", text)
