"""What comes before the dialogue: the page's title, a narrative intro, a first section heading."""

from __future__ import annotations

import re

from ..text import ends_sentence, is_cjk, left_open, simplified
from .cleanup import clean_text, is_stage_direction
from .document import NON_SPEECH
from .labels import TIME, starts_with_time
from .noise import Noise, card_spans, classify, looks_like_heading
from .paragraphs import Paragraph, goes_on_below, join_parts
from .report import Report
from .titles import heading_title
from .turns import EDITOR_NOTE, DraftTurn, heading_like, is_heading_label

# a section's number before its name: `一、开源的现状`, `2. Pricing`, `第一部分`, `Part 1`
_NUMBERED = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、.．)）]|^第.{1,3}[部章节篇]"
                       r"|^(?i:part|chapter|section)\s+\w")


def first_section_heading(preamble: list[Paragraph], drafts: list[DraftTurn], report: Report,
                          language: str, chrome: set[str], titled: bool = True) -> None:
    """When the dialogue has section headings, the heading just before it opens chapter 1 —
    unless it is a plain line, all there is above the dialogue of a document that gives no
    title (not `titled`): that line is the page's headline."""
    if not preamble or not drafts or drafts[0].heading or not any(
            draft.heading for draft in drafts[1:]):
        return
    start = len(preamble)
    contents = _contents(preamble)
    while (start > 0 and len(preamble) - start < 4 and start - 1 not in contents
           and _heading(preamble[start - 1], chrome)):
        start -= 1
    first = preamble[0]
    if (start == 0 and not titled and first.kind == "text" and not is_heading_label(first.text)
            and not _NUMBERED.match(first.text.strip())):
        start = 1  # (a section marked as one, `# 开场`, `Topic: Budget`, `一、…`, stays one)
    if start == len(preamble):
        return
    last = preamble[-1]
    while (start < len(preamble) - 1 and preamble[start].kind == "heading"
           and (preamble[start].block.level != last.block.level if last.kind == "heading"
                else preamble[start].block.level == 1)):
        # `## Meeting minutes` over `### Agenda`, `# 高层住宅` over a plain `一种时代产物`:
        # the nearer heading titles the section
        start += 1
    lines = preamble[start:]
    title = heading_title([p.text for p in lines], language) if lines else None
    if not title:
        return
    del preamble[start:]
    drafts[0].heading = title
    for line in lines:
        report.note(line, "heading", "moved", "section heading became a chapter title")


def _heading(paragraph: Paragraph, chrome: set[str]) -> bool:
    # `3:12 – Robots` before the dialogue is an entry of its contents, not this section's title
    if starts_with_time(paragraph.text):
        return False
    if classify(paragraph.text, chrome, paragraph.block.link_share,
                     paragraph.kind == "heading"):
        return False
    return (paragraph.kind == "heading" or is_heading_label(paragraph.text)
            or heading_like(paragraph))


def read_preamble(
    preamble: list[Paragraph], chrome: set[str], report: Report, keep_intro: bool,
    title: str | None, title_whole: bool = False,
) -> tuple[str | None, list[Paragraph]]:
    """Pick the title and the narrative intro out of what precedes the dialogue (a title the
    document gives is kept whole when its author wrote it: `This Week in Rust - Issue 343`)."""
    intro: list[Paragraph] = []
    if title:
        title = title_from_headline(title, site=not title_whole)
    contents = _contents(preamble)
    for index in sorted(contents):
        report.note(preamble[index], "contents", "dropped",
                    "the contents: a list of the topics that follow")
    preamble = _headline_apart(_unwrapped([p for i, p in enumerate(preamble)
                                           if i not in contents]))
    cards = card_spans([p.text for p in preamble], [p.kind for p in preamble])
    noises = [classify(p.text, chrome, p.block.link_share, p.kind == "heading")
              for p in preamble]
    headline = None if title else _headline(preamble, noises, cards)
    named = title or (preamble[headline].text.strip() if headline is not None else None)
    for index, paragraph in enumerate(preamble):
        text = paragraph.text
        if paragraph.kind in NON_SPEECH:
            report.note(paragraph, paragraph.kind, "dropped", NON_SPEECH[paragraph.kind])
            continue
        if index != headline and named and _with_site_name(text, named):
            report.note(paragraph, "title", "dropped", "the page's title: the headline and "
                        "the site's name")
            continue
        if index in cards:
            report.note(paragraph, "card", "dropped", "account card of the publishing site")
            continue
        noise = noises[index]
        heading = paragraph.kind == "heading" or looks_like_heading(text)
        if EDITOR_NOTE.match(text):
            report.note(paragraph, "editor-note", "dropped",
                        "editor's note before the conversation (not part of it)")
        elif noise:
            report.note(paragraph, noise.kind, "dropped", noise.reason)
        elif index == headline:
            title = title_from_headline(text)
            report.note(paragraph, "title", "moved", "page headline became the title")
        elif heading or len(text) < 12:
            report.note(paragraph, "heading", "dropped", "heading or page chrome")
        elif not keep_intro:
            report.note(paragraph, "intro", "dropped", "intro dropped (--no-intro)")
        else:
            # `导语：…`, `Summary: …`: the word that names the intro is not said with it
            intro.append(paragraph.with_text(_INTRO_LABEL.sub("", text, count=1)))
    return title, intro


def _contents(preamble: list[Paragraph]) -> set[int]:
    """Paragraphs of a list of times and topics (`0:00 Intro` / `1:12 The old stack`), whether
    the list is one paragraph (its lines joined or not) or a run of one-entry paragraphs; and
    the entries listed under a heading that says it is the contents (`Contents:`, `目录`)."""
    entries = [_contents_entries(p.text) for p in preamble]
    found = {index for index, count in enumerate(entries) if count >= 2}
    found.update(_listed_contents(preamble))
    run: list[int] = []
    for index, count in enumerate([*entries, 0]):
        if count == 1 and starts_with_time(preamble[index].text):
            run.append(index)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def _listed_contents(preamble: list[Paragraph]) -> set[int]:
    """`Contents:` over `Prepared Remarks` / `Questions and Answers`: the lines of one list
    under the heading (the first may follow a blank line), each short and no sentence."""
    found: set[int] = set()
    for index, paragraph in enumerate(preamble):
        if not _CONTENTS_HEADING.fullmatch(paragraph.text.strip()):
            continue
        below = index + 1
        while (below < len(preamble) and preamble[below].kind == "text"
               and (below == index + 1 or not preamble[below].block.after_blank)
               and len(preamble[below].text) <= _CONTENTS_TOPIC
               and looks_like_heading(preamble[below].text)):
            found.add(below)
            below += 1
    return found


def _contents_entries(text: str) -> int:
    """How many `time topic` entries `text` is made of (0 if it is anything more)."""
    head, *entries = _CONTENTS_ENTRY.split(text.strip())
    # what may stand before the entries is a heading of the list (`Chapters:`, `Timestamps`),
    # not the start of a sentence (`The meeting began at 10:00 a.m. and ended at 11:30.`)
    titled = not head or head.endswith((":", "：")) or len(head.split()) <= 2
    if not titled or len(head) > _CONTENTS_HEAD or any(len(e) > _CONTENTS_TOPIC
                                                       for e in entries):
        return 0
    return len(entries)


def _headline(preamble: list[Paragraph], noises: list[Noise | None], cards: set[int]
              ) -> int | None:
    """Which paragraph is the page's headline: its first top-level heading, else its first
    heading, else the first line that looks like one (a menu line looks like one too, so the
    markup's word comes first); a stage direction, `(Intro Music)`, notes in brackets, an
    entry of the contents, `0:00 – Introduction`, or the site's address, `Otter.ai`, never
    is. A page's first line, unfinished, is its headline even when the site's name makes it
    long (`Transcript for … | Lex Fridman Podcast #999`): it looks like one as much as a
    shorter heading below it does. A line that ends in a colon leads into what follows
    (`Here are some useful links:`); it heads nothing."""
    ranked: list[tuple[float, int]] = []
    for index, paragraph in enumerate(preamble):
        text = paragraph.text
        if (paragraph.kind in NON_SPEECH or index in cards or noises[index]
                or EDITOR_NOTE.match(text) or len(text) < 4 or is_stage_direction(text)
                or _BRACKETED.fullmatch(text) or starts_with_time(text)
                or _DOMAIN.fullmatch(text.strip())
                or text.rstrip()[-1:] in ":："):
            continue
        if paragraph.kind == "heading":
            ranked.append((0 if paragraph.block.level == 1 else 1, index))
        elif looks_like_heading(text) or (index < len(preamble) - 1 and _asked(text)):
            # `Why do we sleep?` above the intro: a headline asks; one Latin word alone is a
            # menu's item (`Sections`) far more often than a headline
            ranked.append((2.5 if _ONE_WORD.fullmatch(text) else 2, index))
        elif (index == 0 and paragraph.line == 1 and len(text) <= _LONG_HEADLINE
              and len(paragraph.lines) == 1 and not ends_sentence(text)):
            ranked.append((2, index))
    return min(ranked)[1] if ranked else None


def _headline_apart(preamble: list[Paragraph]) -> list[Paragraph]:
    """A page's first line set straight above the next, with no blank line between, is its
    headline when it reads as one (`THE HARBOUR INTERVIEWS` / `Recorded 14 August, …`): it
    leaves no sentence open and the line below starts one."""
    if not preamble or preamble[0].line != 1 or preamble[0].kind != "text":
        return preamble
    first = preamble[0]
    head = first.block.text.strip()
    rest = first.text[len(head):].lstrip()
    if (len(first.lines) < 2 or not head or not first.text.startswith(head) or not rest
            or len(head) >= _CUT_AT_MARGIN or not looks_like_heading(head)
            or head[-1] in _LEADS_ON or not (rest[0].isupper() or is_cjk(rest[0]))):
        return preamble
    top, below = first.piece(0, len(head)), first.piece(len(head), len(first.text))
    if top is None or below is None:
        return preamble
    top.lines, below.lines = first.lines[:1], first.lines[1:]
    below.line = first.lines[1]
    return [top, below, *preamble[1:]]


_LEAD_IN = re.compile(r"\s*(?:[-–—:|｜：]\s*)?")
_CUT_AT_MARGIN = 60  # a line this long may be prose wrapped at the margin
_LEADS_ON = set(",，;；、:：-–—&")


_LONG_HEADLINE = 160  # a headline with the site's name after it is no longer
_ONE_WORD = re.compile(r"[A-Za-z]+")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9-]+\.)+[a-z]{2,6}")
# notes in square brackets, however many: `[Senate Hearing 118-45] [From the U.S. …]`
_BRACKETED = re.compile(r"(?:\s*\[[^\[\]]*\])+\s*")


def _asked(text: str) -> bool:
    """A short line that is one question or exclamation: a headline, where it opens a page."""
    return len(text) <= 60 and text.rstrip()[-1:] in "?？!！" and len(
        re.findall(r"[.。!！?？]+", text)) == 1


# what a browser's tab adds after a headline: a separator and the site's name
_SITE_AFTER = re.compile(r"\s*[|｜\-–—_·]\s*\S[^.。!?！？]{0,60}$")


def _with_site_name(text: str, headline: str) -> bool:
    """`Headline | Site`, `Headline - Site`: the headline as a browser's tab shows it."""
    return (text.startswith(headline) and len(text) > len(headline)
            and _SITE_AFTER.match(text, len(headline)) is not None)


def _unwrapped(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Hard-wrapped lines of one paragraph put back together: a line that leaves its
    sentence open (a comma, or a long line cut at the margin, or one the next line goes on
    in lower case) goes on below — and so does a clause or quotation left open across a
    blank line (an epigraph set one clause a line)."""
    result: list[Paragraph] = []
    last_line = ""
    for paragraph in paragraphs:
        above = result[-1] if result else None
        cut_at_margin = not paragraph.block.after_blank and len(last_line) >= 60
        if (above is not None and above.kind == paragraph.kind == "text"
                and not ends_sentence(last_line)
                and (cut_at_margin or goes_on_below(paragraph.text) or left_open(above.text))):
            joined = above.with_text(join_parts([above, paragraph]))
            joined.lines = [*above.lines, *paragraph.lines]
            result[-1] = joined
        else:
            result.append(paragraph)
        last_line = paragraph.text
    return result


_INTRO_LABEL = re.compile(r"^(?:导语|導語|导读|導讀|摘要|简介|簡介|前言|引言|"
                          r"(?i:summary|intro|introduction|abstract|lede|synopsis))\s*[:：]\s*")
# where an entry of the contents starts: a time before its topic (`1:12 The old stack`)
_CONTENTS_ENTRY = re.compile(rf"(?:^|\s+)(?=[\[(]?{TIME}[\])]?\s+\S)")
_CONTENTS_HEADING = re.compile(r"(?:(?i:(?:table of )?contents|in this (?:episode|issue|article))"
                               r"|目录|目錄|本期内容|本期內容)\s*[:：]?")
_CONTENTS_HEAD = 30  # `Chapters:`, `Timestamps`, `本期时间轴：`
_CONTENTS_TOPIC = 100

_EPISODE_NUMBER = re.compile(
    r"^(?i:ep(?:isode)?\.?|no\.|#)\s*\d+\s*[-–—:|｜：]\s*\S|^第\s*\d+\s*[期集]")


# what the page is, before what it is about: `Transcript: Episode 12 – Soil`, `文字稿｜…`
# (matched on the Simplified form of the headline: `文字實錄｜` is `文字实录｜`)
_TRANSCRIPT_OF = re.compile(r"^(?i:(?:full |episode |interview )?transcript(?: of)?|文字稿"
                            r"|文字实录|全文实录|文字版)\s*[:：|｜]\s*(?=\S)"
                            # `Transcript for Jane Goodall: Hope | Site`, before a name or title
                            r"|^(?i:(?:full )?transcript for)\s+(?=[A-Z\d\"“])")
# `Headline | Site`, `Headline - Site`, and Chinese sites' `标题_频道_网站` (no spaces)
_SITE_SEPARATOR = re.compile(
    r"\s*[|｜]\s*|\s+[-–—_:]\s+|(?<=[\u4e00-\u9fff）」》])[_-](?=[\u4e00-\u9fff])")


def title_from_headline(text: str, site: bool = True) -> str:
    """A page headline without the site's name: "Chef talks soup : NPR" → "Chef talks soup"
    (`site=False`: a title with no site's name after it, cleaned only)."""
    what_it_is = _TRANSCRIPT_OF.match(simplified(text))
    text = text[what_it_is.end():] if what_it_is else text
    if not site:
        return clean_text(text).text or text
    numbered = _EPISODE_NUMBER.match(text)
    if numbered:
        # `Ep. 7 — Night Trains | Site`: the number belongs, the site's name after a bar not
        # (`第128期 | 急诊夜班 | Site`: the bar right after the number leads into the title)
        lead = _LEAD_IN.match(text, numbered.end())
        assert lead is not None  # the pattern matches anywhere
        start = lead.end()
        after = re.split(r"\s+[|｜]\s+", text[start:], maxsplit=1)[0]
        text = text[:start] + after
        return clean_text(text).text or text
    parts = [p.strip() for p in _SITE_SEPARATOR.split(text) if p.strip()]
    best = parts[0] if parts and len(parts[0]) >= 4 else max(parts, key=len, default=text)
    cleaned = clean_text(best).text
    # `《吃饺子》` alone: the work's name, its title marks are the page's way to set it apart
    work = re.fullmatch(r"《([^《》]+)》", cleaned)
    return (work.group(1) if work else cleaned) or text
