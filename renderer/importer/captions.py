"""Captions printed as their own paragraph under an image: `《东京女子图鉴》剧照`, `（简恒宇摄）`.

Readers mark a caption where the markup says so (<figcaption>, text on the image's line).
Copied pages often lose that: the caption becomes the next paragraph. It is recognised by
where it stands (right under an image) and by what it says:

- a photo credit closing it — `（舛友雄大提供）`, `（简恒宇摄）`, `(Photo: AP)`, `Courtesy of …`,
  `… in Lyon. Photo: Lea Stone`, `…。新京报记者 李想 摄`;
- caption words — 剧照, 截图, 资料图, 示意图, "pictured", "file photo";
- or it is short and no sentence: a label for the picture rather than something said. This
  is the weakest evidence, so such a caption is reported as a decision to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import ends_sentence, left_open
from .noise import classify
from .paragraphs import Paragraph

# credits only a picture has; beside an image, any credit (`资料图`, `(via Reuters)`, `(AP)`)
_PHOTO_CREDITS = r"提供|摄|攝|供图|供圖|摄影|攝影|图源|圖源|(?i:photo|courtesy|getty)"
_ANY_CREDITS = (_PHOTO_CREDITS + r"|截图|截圖|资料图|資料圖|"
                r"(?i:credit|image|illustration|source|via|reuters|\bap\b)")


def _credit_end(words: str) -> re.Pattern[str]:
    """A credit in brackets closing the text: `…（舛友雄大提供）`, `… (Photo: AP)`."""
    return re.compile(rf"[（(][^（）()]{{0,24}}(?:{words})[^（）()]{{0,24}}[）)]\s*$")


_CREDIT_END = _credit_end(_ANY_CREDITS)
_PHOTO_CREDIT_END = _credit_end(_PHOTO_CREDITS)  # without the image: not `(source: …)`


def _credit_tail(words: str) -> re.Pattern[str]:
    """A credit as the last sentence: `… in Lyon. Photo: Lea Stone`, `…在后厨。图片来源：受访者`."""
    return re.compile(rf"(?:^|[.。!?！？]\s*)(?:{words})(?:\s+by|\s*[:：/｜|])\s*"
                      r"[^.。:：]{1,40}$")


_PHOTO_TAILS = r"(?i:photo|photograph)|图片来源|圖片來源|图源|圖源|摄影|攝影"
_CREDIT_TAIL = _credit_tail(_PHOTO_TAILS + r"|(?i:image|picture|credit|illustration)")
_PHOTO_TAIL = _credit_tail(_PHOTO_TAILS)  # without the image: a credit only a picture has
# the photographer's name before 摄 closing a caption: `新京报记者 李想 摄`, `李想/摄`
# (`我们在拍摄` is no credit: the name stands apart from 摄)
_PHOTOGRAPHER = re.compile(r"(?:^|[。.!?！？\s])(?:[^\s。.!?！？]{1,12}\s*[/／]\s*|"
                           r"[^\s。.!?！？/／]{1,12}\s+)(?:摄|攝|摄影|攝影)$")
_CAPTION_WORDS = re.compile(
    r"剧照|劇照|截图|截圖|资料图|資料圖|示意图|示意圖|供图|供圖|^图为|^圖為|^图：|^圖：|^图/|^圖/|^[▲△↑]|"
    r"(?i:^photo:|^image:|^pictured:|^above:|^below:|^left:|^right:|file photo|courtesy of|"
    r"^credit:|^illustration:|photograph(?:ed)? by|photo by)")
_SHORT = 40  # a caption this short that is not a sentence is likely a label for the picture
_ONE_SENTENCE = 60  # a caption of one sentence is no longer
_QUOTES = "「『“‘\"'《"  # a quotation is someone's voice
# the words of someone speaking to someone
_PERSONAL = re.compile(r"[我你您咱俺]|\b(?i:i|i'm|i've|i'd|i'll|we|we're|we've|us|our|ours|my|me|"
                       r"mine|you|you're|your|yours|let's)\b")


@dataclass(frozen=True)
class Caption:
    """A paragraph read as an image caption, and how sure that is."""

    index: int
    reason: str
    sure: bool


def find_captions(paragraphs: list[Paragraph]) -> list[Caption]:
    """Unlabelled paragraphs that read as an image's caption: right under the image, or —
    where a copy lost the image — by a caption's own words."""
    found: list[Caption] = []
    for index in range(len(paragraphs)):
        above = paragraphs[index - 1] if index else None
        paragraph = paragraphs[index]
        if paragraph.kind != "text" or paragraph.label is not None:
            continue
        if above is None or above.kind != "image":
            lost = _caption_without_image(paragraph.text.strip())
            if lost:
                found.append(Caption(index, lost, True))
            continue
        if paragraph.block.link_share >= 0.5:  # a linked image: navigation
            continue
        text = paragraph.text.strip()
        if classify(text, link_share=paragraph.block.link_share) is not None:
            continue  # navigation under an arrow icon, a QR code's call to scan: noise's to say
        if _CREDIT_END.search(text) or _CREDIT_TAIL.search(text) or _PHOTOGRAPHER.search(text):
            found.append(Caption(index, "under an image, ends with a photo credit", True))
        elif _CAPTION_WORDS.search(text) and len(text) <= 120:
            found.append(Caption(index, "under an image, in a caption's words", True))
        elif (len(text) <= _SHORT and not ends_sentence(text) and not left_open(text)
              and not re.search(r"[。！？!?]", text)):
            found.append(Caption(index, "under an image, short and not a sentence", False))
        elif _describes_the_picture(text):
            found.append(Caption(index, "under an image, one short sentence about someone, "
                                 "in no one's voice", False))
    return found


def _describes_the_picture(text: str) -> bool:
    """One short statement that says no I, we or you (`王德明在卫生室里给村民量血压。`,
    `Jon Ellis on the gallery of the lighthouse.`): what a picture shows, not a turn's words."""
    return (len(text) <= _ONE_SENTENCE and ends_sentence(text) and text[:1] not in _QUOTES
            and len(re.findall(r"[。！？!?]|\.(?:\s|$)", text)) <= 1
            and not re.search(r"[？?]", text) and not _PERSONAL.search(text))


def _caption_without_image(text: str) -> str | None:
    """Why a paragraph with no image above is still a caption: it ends with a photo credit
    (`…所造成。（舛友雄大提供）`, `…在后厨。图片来源：受访者`), it opens with an arrow at the
    picture above (`▲ 陈师傅在后厨`), or it is a short line in a caption's words that says
    nothing (`《东京女子图鉴》剧照`)."""
    if len(text) <= 160 and (_PHOTO_CREDIT_END.search(text) or _PHOTO_TAIL.search(text)
                             or _PHOTOGRAPHER.search(text)):
        return "ends with a photo credit (the image itself was not copied)"
    if len(text) <= 160 and text[:1] in "▲△↑":
        return "opens with an arrow at the picture above (the image itself was not copied)"
    if (len(text) <= _SHORT and _CAPTION_WORDS.search(text) and not ends_sentence(text)
            and not re.search(r"[。！？!?，,]", text)):
        return "a caption's words, short and not a sentence (the image was not copied)"
    return None
