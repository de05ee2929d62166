"""Word documents (.docx), as transcription services export them (Otter, Rev, Trint …).

Read with python-docx: each paragraph a block (its lines, where the paragraph breaks them,
blocks that go on it), in body order with the tables; bold and italic runs are kept as the
blocks' spans, so a bold `Speaker 1` reads as a label as it would in a page; a `Heading N`
style makes a heading. A table row is one line, its cells a tab apart (`Name<TAB>words`).
A Word document has no lines: a block's "line" is its paragraph's number in the body.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from lxml import etree

from ...errors import ArticleError
from ..document import Block, BlockKind, Document, Metadata, shift_spans

_DOCX_PART = b"word/document.xml"


def is_word_document(data: bytes) -> bool:
    """Whether `data` is a .docx package (a zip holding `word/document.xml`)."""
    return data[:4] == b"PK\x03\x04" and _DOCX_PART in data


def read_word(data: bytes, source: str) -> Document:
    """Read a .docx file's paragraphs and tables into blocks."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(io.BytesIO(data))
        return _read(word)
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError,
            ValueError, NotImplementedError, etree.LxmlError) as exc:
        # a package cut short or damaged: its zip (a compression method or version no zip
        # has: NotImplementedError), a compressed part or the XML in it
        raise ArticleError(f"{source}: not a readable Word document "
                           f"({type(exc).__name__})") from None


def _read(word: Any) -> Document:
    from docx.table import Table

    blocks: list[Block] = []
    number = 0
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                number += 1
                cells = [cell.text.strip() for cell in row.cells]
                # a merged cell repeats across the columns it spans: said once
                text = "\t".join(dict.fromkeys(cell for cell in cells if cell))
                if text:
                    blocks.append(Block(number, text))
            continue
        number += 1
        blocks.extend(_paragraph_blocks(item, number))
    title = (word.core_properties.title or "").strip() or None
    return Document("docx", blocks, Metadata(title=title, title_whole=title is not None))


def _paragraph_blocks(paragraph: Any, number: int) -> list[Block]:
    """A paragraph's lines as blocks, with the spans of its bold and italic runs."""
    text = ""
    strong: list[tuple[int, int]] = []
    emphasis: list[tuple[int, int]] = []
    for run in paragraph.runs:
        start, text = len(text), text + run.text
        if _inherited(run, paragraph, "bold"):
            strong.append((start, len(text)))
        if _inherited(run, paragraph, "italic"):
            emphasis.append((start, len(text)))
    if not text.strip():
        return []
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    level = int(style.split()[-1]) if style.startswith("Heading ") and style[-1].isdigit() else 0
    kind: BlockKind = "heading" if level else "text"
    blocks = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if line.strip():
            blocks.append(Block(number, line, after_blank=index == 0, soft=index > 0,
                                kind=kind, level=level,
                                strong=shift_spans(strong, offset, len(line)),
                                emphasis=shift_spans(emphasis, offset, len(line))))
        offset += len(line) + 1
    return blocks


def _inherited(run: Any, paragraph: Any, attribute: str) -> bool:
    """A run's bold or italics, set on it or on its character or paragraph style."""
    for owner in (run.font, run.style.font if run.style is not None else None,
                  paragraph.style.font if paragraph.style is not None else None):
        value = getattr(owner, attribute, None) if owner is not None else None
        if value is not None:
            return bool(value)
    return False
