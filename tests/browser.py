"""Headless Chromium (Debian's) through Playwright, for the pages the tool makes."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed here (.ci/run installs it: apt-get install "
           "chromium)")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--autoplay-policy=no-user-gesture-required"]

# Two different CJK characters drawn the same are both the missing-glyph box.
CJK_GLYPHS_DRAWN = """() => {
  const draw = (ch) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 40;
    const context = canvas.getContext("2d");
    context.font = "32px " + getComputedStyle(document.body).fontFamily;
    context.fillText(ch, 2, 34);
    return Array.from(context.getImageData(0, 0, 40, 40).data).join(",");
  };
  return draw("开") !== draw("源") && draw("开") !== draw("\\uFFFF");
}"""


def launch(playwright):
    """Debian's Chromium, headless, allowed to play audio without a click."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
