"""HTML pages and fragments, read structurally with lxml.

The page is walked in document order: block elements (p, div, li, h1–h6, …) end a block,
`<br>` ends a line, bold runs and elements that name a speaker (class="name", "speaker")
are kept as hints. What a browser would not show (scripts, styles, hidden elements) and
the page's navigation, asides and footers are removed. When one <article> or <main>
holds most of the words, only it is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml import html as lxml_html

from ...text import ends_sentence
from ..document import Block, BlockKind, Document, Metadata, Removal, shift_spans
from .plain import read_plain
from .styles import NO_STYLES, PageStyles, page_styles
from .tables import Cell, transcript_table

_SKIP = {"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
         "embed", "canvas", "audio", "video", "select", "button", "input", "textarea", "map"}
_CHROME = {"nav", "aside", "footer", "form", "address"}  # <address>: whom to contact
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# what a page built of <div>s names its furniture (a word of a class or an id): a box of
# promotion, sharing or further reading inside the article, a cookie notice
_FURNITURE_WORDS = frozenset({
    "newsletter", "signup", "subscribe", "subscription", "promo", "promotion", "advert",
    "advertisement", "ad", "ads", "adsbygoogle", "sponsor", "sponsored", "share", "sharing",
    "social", "related", "recommended", "recirculation", "cookie", "cookies", "gdpr",
    "consent", "popup", "modal", "paywall", "breadcrumb", "breadcrumbs", "pagination",
    "sidebar", "widget", "outbrain", "taboola", "player", "tweet", "embed",
    # the <footer> and <nav> of a page built before those elements
    "footer", "nav", "navbar", "navigation", "copyright", "masthead"})
_CLASS_WORDS = re.compile(r"[\s_\-]+")
_FURNITURE_SHARE = 0.25  # a box of furniture holds less of the page's words than this
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
           "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
           "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html",
           "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table",
           "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_STRONG = {"strong", "b"}
_EMPHASIS = {"em", "i"}
_SPEAKER_CLASS = re.compile(
    r"(?:^|[-_])(?:speaker|name|voice|person|interlocutor|who|talker)(?:$|[-_])", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COLLAPSE = re.compile(r"[ \t\n\r\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_MAIN_SHARE = 0.6
_FACT_LENGTH = 200  # a fact in a definition list is no longer
_CODE_BRACKETS = re.compile(r"\s*[<>]+\s*")
_PREFORMATTED_LINES = 3  # a `<pre>` of more lines than this is a text file's page


@dataclass
class _Context:
    level: int = 0
    list_item: bool = False
    quote: bool = False
    caption: bool = False
    pre: bool = False
    code: bool = False
    dialogue_list: bool = False  # inside a <dl> whose terms recur: each <dt> names a speaker
    table: bool = False  # inside a table of data (an agenda, prices): not speech


@dataclass
class _Line:
    number: int
    after_blank: bool
    parts: list[str] = field(default_factory=list)
    strong: list[tuple[int, int]] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    link_chars: int = 0
    images: int = 0
    speaker: str | None = None
    context: _Context | None = None

    def length(self) -> int:
        return sum(len(p) for p in self.parts)


class _Walker:
    """Turns an element tree into blocks, in document order."""

    def __init__(self, line_offset: int, page_chars: int = 0,
                 styles: PageStyles = NO_STYLES) -> None:
        self.offset = line_offset
        self.page_chars = page_chars  # the words of the whole page, in characters
        self.styles = styles
        self.blocks: list[Block] = []
        self.removed: list[Removal] = []
        self.line: _Line | None = None
        self.boundary = True  # a block element ended since the last line

    def walk(self, element: etree._Element, context: _Context) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        number = self._number(element)
        if not tag or tag in _SKIP or _hidden(element) or _chrome(element, tag):
            if tag and tag not in ("head",):
                text = _COLLAPSE.sub(" ", element.text_content() if tag else "").strip()
                if text:
                    self.removed.append(Removal(number, _removal_kind(tag, element), text[:80],
                                                _removal_reason(tag, element)))
            return
        furniture = _furniture_name(element)
        if furniture:
            text = _COLLAPSE.sub(" ", " ".join(element.itertext())).strip()
            if len(text) < _FURNITURE_SHARE * self.page_chars:
                if text:
                    self.removed.append(Removal(number, "chrome", text[:80],
                                                f"page furniture ({furniture})"))
                return
        block = tag in _BLOCKS
        if block:
            self.flush(number)
            self.boundary = True
        if tag == "table" and self._transcript_table(element):
            return
        if tag == "pre" and _code_block(element):
            text = element.text_content().strip()
            self.removed.append(Removal(number, "code", text[:80], "code block (not speech)",
                                        number + text.count("\n")))
            self.boundary = True
            return
        if tag == "pre" and not context.code and self._preformatted(element, number):
            return
        if tag == "br":
            self.flush(number, hard=True)
            return
        if tag == "hr":
            self.flush(number)
            self.blocks.append(Block(number, "---", kind="rule"))
            self.boundary = True
            return
        if tag == "img":
            self._open(number).images += 1
            return
        inner = _Context(context.level, context.list_item, context.quote, context.caption,
                         context.pre, context.code, tag == "dl" and _terms_recur(element),
                         context.table or (tag == "table" and _data_table(element))
                         or (tag == "dl" and _data_list(element)))
        if re.fullmatch(r"h[1-6]", tag):
            inner.level = int(tag[1])
        inner.list_item |= tag == "li"
        inner.quote |= tag == "blockquote"
        inner.caption |= tag == "figcaption" or _caption_class(element)
        inner.pre |= tag == "pre"
        inner.code |= tag in ("code", "kbd", "samp")
        line = self.line
        look = self.styles.look(element)
        # `<b style="font-weight:normal">` (a copy from Google Docs) is not bold, a styled
        # `<span class="c3">` may be
        strong = look.bold if look.bold is not None else tag in _STRONG
        slanted = look.italic if look.italic is not None else tag in _EMPHASIS
        strong_from = self._open(number).length() if strong else None
        emphasis_from = self._open(number).length() if slanted else None
        speaker_from = None
        if _names_speaker(element, context) and (line is None or not "".join(line.parts).strip()):
            speaker_from = self._open(number).length()
        link_from = self._open(number).length() if tag == "a" else None
        link_line = self.line
        if element.text:
            self.add(element.text, number, inner)
        for child in element:
            self.walk(child, inner)
            if child.tail:
                self.add(child.tail, self._number(child), inner)
        current = self.line
        if link_from is not None and current is link_line and current is not None:
            words = "".join(current.parts)[link_from:]
            current.link_chars += sum(1 for ch in words if not ch.isspace())
        if strong_from is not None and current is not None and current.length() > strong_from:
            current.strong.append((strong_from, current.length()))
        if (emphasis_from is not None and current is not None
                and current.length() > emphasis_from):
            current.emphasis.append((emphasis_from, current.length()))
        if speaker_from is not None and current is not None:
            name = "".join(current.parts)[speaker_from:].strip()
            if 0 < len(name) <= 60:
                current.speaker = name
        if block:
            self.flush(number)
            self.boundary = True

    def _preformatted(self, pre: etree._Element, number: int) -> bool:
        """Read a `<pre>` of text (a court record, a plain transcript) as a text file is read,
        its layout telling paragraphs, line numbers and page numbers apart; False for a short
        one, which is read as lines."""
        text = pre.text_content()
        if text.count("\n") <= _PREFORMATTED_LINES:
            return False
        document = read_plain(text)
        shift = number - 1
        self.blocks.extend(replace(block, line=block.line + shift,
                                   through=block.through and block.through + shift)
                           for block in document.blocks)
        self.removed.extend(replace(removal, line=removal.line + shift,
                                    through=removal.through and removal.through + shift)
                            for removal in document.removed)
        self.boundary = True
        return True

    def _transcript_table(self, table: etree._Element) -> bool:
        """Read a table that is a transcript row by row; False for any other table."""
        rows = [[Cell(_COLLAPSE.sub(" ", cell.text_content()).strip(), self._number(cell),
                      str(cell.tag).lower() == "th")
                 for cell in row.xpath("./td|./th")]
                for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")]
        transcript = transcript_table(rows)
        if transcript is None:
            return False
        self.blocks.extend(transcript[0])
        self.removed.extend(transcript[1])
        self.boundary = True
        return True

    def add(self, text: str, number: int, context: _Context) -> None:
        """Add text to the current line (whitespace collapsed as a browser does)."""
        if context.pre:
            pieces = text.split("\n")
            for index, piece in enumerate(pieces):
                if index:
                    self.flush(number + index, hard=True)
                self._append(piece.replace("\t", " "), number, context)
            return
        self._append(_COLLAPSE.sub(" ", text), number, context)

    def _append(self, text: str, number: int, context: _Context) -> None:
        if context.code:  # `Vec<T>` is said "Vec T": angle brackets of code are not words
            text = _CODE_BRACKETS.sub(" ", text)
        if not text:
            return
        line = self._open(number)
        if not line.parts or not "".join(line.parts).strip():
            line.number = number
            line.context = context
        line.parts.append(text)

    def _open(self, number: int) -> _Line:
        if self.line is None:
            self.line = _Line(number, after_blank=self.boundary)
            self.boundary = False
        return self.line


    def flush(self, number: int, hard: bool = False) -> None:
        """End the current line; a hard break (<br>) keeps the paragraph going."""
        line = self.line
        self.line = None
        if line is None:
            if hard:
                self.line = _Line(number, after_blank=False)
            return
        text = "".join(line.parts)
        stripped = text.strip()
        context = line.context or _Context()
        if stripped:
            offset = len(text) - len(text.lstrip())
            kind: BlockKind = ("table" if context.table
                               else "caption" if context.caption or line.images
                               else "heading" if context.level else "text")
            self.blocks.append(Block(
                line.number, stripped, after_blank=line.after_blank, soft=False, kind=kind,
                level=context.level, strong=shift_spans(line.strong, offset, len(stripped)),
                speaker=line.speaker, list_item=context.list_item, quote=context.quote,
                link_chars=line.link_chars,
                emphasis=shift_spans(line.emphasis, offset, len(stripped)),
            ))
        elif line.images:
            self.blocks.append(Block(line.number, "image", after_blank=line.after_blank,
                                     kind="image"))
        if hard:
            self.line = _Line(number, after_blank=False)

    def _number(self, element: etree._Element) -> int:
        line = getattr(element, "sourceline", None) or 1
        return line + self.offset


def _code_block(pre: etree._Element) -> bool:
    """`<pre><code>…</code></pre>`, as Markdown writes a fenced block — not a `<pre>` that
    keeps a plain-text transcript's lines."""
    children = list(pre)
    return (len(children) == 1 and str(children[0].tag).lower() == "code"
            and not (pre.text or "").strip() and not (children[0].tail or "").strip())


def _data_table(table: etree._Element) -> bool:
    """A table of short cells in rows and columns (an agenda, a price list) — not a table
    that lays out a page, whose cells hold paragraphs."""
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    cells = [cell for row in rows for cell in row.xpath("./td|./th")]
    if len(rows) < 2 or any(len(row.xpath("./td|./th")) < 2 for row in rows):
        return False
    if any(cell.xpath(".//p|.//div|.//table|.//ul|.//ol|.//blockquote|.//pre")
           for cell in cells):
        return False
    lengths = [len(_COLLAPSE.sub(" ", cell.text_content()).strip()) for cell in cells]
    return max(lengths, default=0) <= 200


def read_html(text: str) -> Document:
    """Read a whole HTML page (or a fragment saved as a page) into blocks."""
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return Document("html", [])
    meta = _metadata(root)
    body = root.find("body")
    page = _COLLAPSE.sub(" ", (body if body is not None else root).text_content()).strip()
    walker = _Walker(0, len(page), page_styles(root))
    main = _main_content(body if body is not None else root)
    if main is not None and body is not None:
        outside = page
        inside = _COLLAPSE.sub(" ", main.text_content()).strip()
        walker.removed.append(Removal(
            walker._number(body), "chrome", f"{len(outside) - len(inside)} characters",
            f"page chrome outside the main <{main.tag}>"))
        walker.walk(main, _Context())
    else:
        walker.walk(body if body is not None else root, _Context())
    walker.flush(0)
    return Document("html", walker.blocks, meta, walker.removed)


def read_html_fragment(text: str, first_line: int = 1) -> Document:
    """Read a piece of HTML (inside Markdown, a subtitle cue) into blocks."""
    try:
        parts = lxml_html.fragments_fromstring(text)
    except (etree.ParserError, ValueError):
        return Document("html", [])
    walker = _Walker(first_line - 1)
    walker.boundary = True
    for part in parts:
        if isinstance(part, str):
            walker.add(part, first_line, _Context())
        else:
            walker.walk(part, _Context())
            if part.tail:
                walker.add(part.tail, walker._number(part), _Context())
    walker.flush(first_line)
    return Document("html", walker.blocks, removed=walker.removed)


def _metadata(root: etree._Element) -> Metadata:
    def meta(*names: str) -> str | None:
        for name in names:
            for element in root.iter("meta"):
                key = (element.get("property") or element.get("name") or "").lower()
                content = str(element.get("content") or "").strip()
                if key == name and content:
                    return content
        return None

    title_element = root.find(".//title")
    title = meta("og:title") or (
        _COLLAPSE.sub(" ", title_element.text_content()).strip()
        if title_element is not None else None)
    author = meta("author", "article:author")
    return Metadata(
        title=title or None,
        authors=[author] if author else [],
        description=meta("description", "og:description"),
    )


def _main_content(body: etree._Element) -> etree._Element | None:
    """The one <article> or <main> that holds most of the page's words, if there is one
    (an <article> inside the <main> is part of it)."""
    found = list(body.iter("article", "main"))
    candidates = [e for e in found
                  if not any(a in found for a in e.iterancestors("article", "main"))]
    if len(candidates) != 1:
        return None
    total = len(_COLLAPSE.sub("", body.text_content()))
    inside = len(_COLLAPSE.sub("", candidates[0].text_content()))
    return candidates[0] if total and inside >= _MAIN_SHARE * total else None


def _hidden(element: etree._Element) -> bool:
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _chrome(element: etree._Element, tag: str) -> bool:
    return tag in _CHROME or (element.get("role") or "").lower() in _CHROME_ROLES


def _furniture_name(element: etree._Element) -> str | None:
    """`class="newsletter-signup"`: the class or id that names a box of page furniture."""
    for attribute in ("class", "id"):
        value = str(element.get(attribute) or "")
        if _FURNITURE_WORDS.intersection(_CLASS_WORDS.split(value.lower())):
            return f'{attribute}="{value.strip()}"'
    return None


def _caption_class(element: etree._Element) -> bool:
    """`class="wp-caption-text"`, `class="pic-title"`: a class that names a picture's caption."""
    words = set(_CLASS_WORDS.split(str(element.get("class") or "").lower()))
    return "caption" in words or bool(words & _PICTURE and words & _PICTURE_TEXT)


_PICTURE = {"pic", "img", "image", "photo", "picture", "figure"}
_PICTURE_TEXT = {"title", "text", "desc", "description", "note", "info", "credit"}


def _names_speaker(element: etree._Element, context: _Context) -> bool:
    classes = (element.get("class") or "").split()
    if any(_SPEAKER_CLASS.search(name) for name in classes):
        return True
    if not context.dialogue_list or str(element.tag).lower() != "dt":
        return False
    following = element.getnext()
    return following is not None and str(following.tag).lower() == "dd"


def _data_list(dl: etree._Element) -> bool:
    """A definition list of facts, not of what people say: a meeting's `Present` / `Chair` /
    `Scribe` and their names, a fact box — short descriptions, none a sentence, no term
    twice."""
    said = [_COLLAPSE.sub(" ", item.text_content()).strip() for item in dl.iterchildren("dd")]
    return (bool(said) and not _terms_recur(dl)
            and all(len(text) <= _FACT_LENGTH and not ends_sentence(text) for text in said))


def _terms_recur(dl: etree._Element) -> bool:
    """A definition list written as a transcript: <dt>Ava</dt><dd>what she says</dd>, the
    same names again and again (a glossary names each term once)."""
    terms = [_COLLAPSE.sub(" ", term.text_content()).strip() for term in dl.iterchildren("dt")]
    return len(set(terms)) < len(terms)


def _removal_kind(tag: str, element: etree._Element) -> str:
    if tag in _CHROME or (element.get("role") or "").lower() in _CHROME_ROLES:
        return "chrome"
    return "hidden" if _hidden(element) else "markup"


def _removal_reason(tag: str, element: etree._Element) -> str:
    if tag in _CHROME or (element.get("role") or "").lower() in _CHROME_ROLES:
        return f"page navigation or chrome (<{tag}>)"
    if _hidden(element):
        return "hidden on the page"
    return f"<{tag}> is not read aloud"
