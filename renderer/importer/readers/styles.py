"""Bold and italics a page writes as CSS rather than as `<b>` and `<i>`.

A Google Docs export bolds a speaker's name with a class its `<style>` defines
(`.c3{font-weight:700}`), Word with an inline style (`style="font-weight:bold"`), and a copy
from Google Docs wraps everything in `<b style="font-weight:normal">`. Labels are read from
bold, so the reader asks here what the styles say. The CSS is parsed with tinycss2; only
what a class selector or a `style` attribute says of a run's weight and slant is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tinycss2
from lxml import etree

_CLASS_SELECTOR = re.compile(r"\.([\w-]+)")
_BOLD_FROM = 600  # font-weight at or above which text shows bold


@dataclass(frozen=True)
class Look:
    """Whether a style makes text bold or italic (None where it says nothing of it)."""

    bold: bool | None = None
    italic: bool | None = None


@dataclass(frozen=True)
class PageStyles:
    """The classes a page's style sheets make bold or italic."""

    classes: dict[str, Look]

    def look(self, element: etree._Element) -> Look:
        """What the element's classes and its own `style` say of its weight and slant."""
        bold: bool | None = None
        italic: bool | None = None
        for name in str(element.get("class") or "").split():
            look = self.classes.get(name)
            if look is not None:
                bold = look.bold if look.bold is not None else bold
                italic = look.italic if look.italic is not None else italic
        own = _declared(str(element.get("style") or ""))
        return Look(own.bold if own.bold is not None else bold,
                    own.italic if own.italic is not None else italic)


NO_STYLES = PageStyles({})


def page_styles(root: etree._Element) -> PageStyles:
    """The bold and italic classes the page's `<style>` elements define."""
    classes: dict[str, Look] = {}
    for style in root.iter("style"):
        rules = tinycss2.parse_stylesheet(style.text or "", skip_comments=True,
                                          skip_whitespace=True)
        for rule in rules:
            if rule.type != "qualified-rule":
                continue
            look = _declared(tinycss2.serialize(rule.content))
            if look == Look():
                continue
            for selector in tinycss2.serialize(rule.prelude).split(","):
                match = _CLASS_SELECTOR.fullmatch(selector.strip())
                if match:
                    earlier = classes.get(match.group(1), Look())
                    classes[match.group(1)] = Look(
                        look.bold if look.bold is not None else earlier.bold,
                        look.italic if look.italic is not None else earlier.italic)
    return PageStyles(classes)


def _declared(css: str) -> Look:
    """What a list of declarations (`font-weight:700;font-style:italic`) says."""
    bold: bool | None = None
    italic: bool | None = None
    for declaration in tinycss2.parse_declaration_list(css, skip_comments=True,
                                                       skip_whitespace=True):
        if declaration.type != "declaration":
            continue
        value = tinycss2.serialize(declaration.value).strip().lower()
        if declaration.lower_name == "font-weight":
            bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= _BOLD_FROM)
        elif declaration.lower_name == "font-style":
            italic = value in ("italic", "oblique")
    return Look(bold, italic)
