"""Paths and small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
SAMPLE_ARTICLE = ROOT / "scripts" / "000_9b6faf332502484a.txt"
SAMPLE_SCRIPT = ROOT / "scripts" / "000_9b6faf332502484a.yaml"
