"""Section headings that name who speaks below them: a talk, its host, its Q&A; a debate."""

from __future__ import annotations

from .helpers import import_text, said_by_name

TALK = """---
title: Taproot on hardware wallets
speakers:
  - Stepan Snigirev
---
## Intro (Jeff Gallas)

I'm very happy to announce our first speaker, Stepan Snigirev. Welcome Stepan.

## Overview (Stepan Snigirev)

What I want to talk about is Taproot on hardware wallets.

## Miniscript (safer plaintext backups)

The first reason I would use it is better plaintext backups.

## Q&A

Q - What Lightning wallets can use Taproot multisignature today?

A - I think it is not even specified yet.

Q - Any hardware wallets that take your own entropy?

A - Two that I know of.
"""


def test_a_talk_s_sections_name_its_host_and_speaker_and_the_answers_are_the_speaker_s(
        tmp_path):
    said = said_by_name(import_text(tmp_path, "talk.md", TALK))
    assert said == [
        ("Jeff Gallas", "I'm very happy to announce our first speaker, Stepan Snigirev. "
                        "Welcome Stepan."),
        ("Stepan Snigirev", "What I want to talk about is Taproot on hardware wallets."),
        ("Stepan Snigirev", "The first reason I would use it is better plaintext backups."),
        ("Q", "What Lightning wallets can use Taproot multisignature today?"),
        ("Stepan Snigirev", "I think it is not even specified yet."),
        ("Q", "Any hardware wallets that take your own entropy?"),
        ("Stepan Snigirev", "Two that I know of.")]


def test_a_translated_talk_s_sections_in_full_width_brackets_name_its_people(tmp_path):
    result = import_text(tmp_path, "talk.md", (
        "---\ntitle: 硬件签名器上的 Taproot\nspeakers: ['Stepan Snigirev']\n---\n\n"
        "## 开场（Jeff Gallas）\n\n我非常高兴地宣布我们今天的第一位演讲者。欢迎 Stepan。\n\n"
        "## 概述（Stepan Snigirev）\n\n我今天的演讲主题是在硬件签名器上支持 Taproot。\n\n"
        "## 问答\n\n问：闪电钱包现在可以用吗？\n\n答：现在应该连规范都还没有。\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "Jeff Gallas", "Stepan Snigirev", "问", "Stepan Snigirev"]


def test_a_debate_labelled_only_by_its_section_headings_is_a_dialogue(tmp_path):
    result = import_text(tmp_path, "debate.md", (
        "# Should cities ban cars downtown?\n\n"
        "## Opening statement (Alice Chen)\n\nA car-free centre is good for business.\n\n"
        "## Opening statement (Bob Martinez)\n\nDeliveries depend on cars.\n\n"
        "## Rebuttal (Alice Chen)\n\nDeliveries can run in the morning.\n\n"
        "## Rebuttal (Bob Martinez)\n\nMorning windows raise costs.\n"))
    assert said_by_name(result) == [
        ("Alice Chen", "A car-free centre is good for business."),
        ("Bob Martinez", "Deliveries depend on cars."),
        ("Alice Chen", "Deliveries can run in the morning."),
        ("Bob Martinez", "Morning windows raise costs.")]


def test_one_heading_with_a_name_in_brackets_names_no_speaker(tmp_path):
    # a single `(Jane Doe)` may be a credit or a dedication; the labels decide
    result = import_text(tmp_path, "chat.md", (
        "## A conversation (Jane Doe)\n\nAn edited chat about gardens.\n\n"
        "**Ann:** Do you grow tomatoes?\n\n**Ben:** Every year.\n\n"
        "**Ann:** Indoors?\n\n**Ben:** Outside, in pots.\n"))
    assert [name for name, _ in said_by_name(result)] == [
        "Narrator", "Ann", "Ben", "Ann", "Ben"]
