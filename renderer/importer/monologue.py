"""A solo episode: one person labelled once, at the start of everything said."""

from __future__ import annotations

from .document import SPEECH_KINDS
from .label_words import metadata_word
from .names import looks_like_person
from .paragraphs import Paragraph

_MIN_PARAGRAPHS_AFTER = 2  # a label over a line or two is a byline or a caption, not a show


def lone_speaker(paragraphs: list[Paragraph]) -> str | None:
    """The one person the document labels, if it labels one and the words follow that label:
    `__Nell Shamrell-Harrington__: Hello everyone! Welcome back…` and the paragraphs after it.
    Where labels name anyone else, or the label stands late, or names metadata, None."""
    labelled = [(index, paragraph.label) for index, paragraph in enumerate(paragraphs)
                if paragraph.label is not None and paragraph.kind in SPEECH_KINDS]
    if not labelled or len({label.name for _, label in labelled}) != 1:
        return None
    index, label = labelled[0]
    if metadata_word(label.name) or not (label.strong or looks_like_person(label.name)):
        return None
    before = sum(paragraph.kind == "text" for paragraph in paragraphs[:index])
    after = sum(paragraph.kind == "text" for paragraph in paragraphs[index + 1:])
    return label.name if after >= _MIN_PARAGRAPHS_AFTER and before <= after else None
