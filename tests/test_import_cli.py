"""`podcast import` and `podcast check` from the command line: outputs, messages, exit codes."""

from __future__ import annotations

import os
import random

import pytest

from renderer.errors import ExitStatus
from renderer.script.model import load

from .helpers import ARTICLES, SAMPLE_ARTICLE, SAMPLE_SCRIPT


def test_import_writes_script_and_report(cli, tmp_path):
    script = tmp_path / "sample.yaml"
    report = tmp_path / "report.txt"
    result = cli("import", SAMPLE_ARTICLE, "-o", script, "--report", report)
    assert result.code == 0, result.err
    assert "57 turns" in result.out
    assert "dropped duplicate" in result.out
    loaded = load(script)
    assert loaded.turn_count() == 57
    text = report.read_text(encoding="utf-8")
    assert "line     9  dropped  ad" in text
    assert "# chapters" in text


def test_import_refuses_to_overwrite_edits(cli, tmp_path):
    script = tmp_path / "s.yaml"
    script.write_text("edited by hand\n", encoding="utf-8")
    result = cli("import", ARTICLES / "qa_en.txt", "-o", script)
    assert result.code == ExitStatus.OUTPUT
    assert "--force" in result.err
    assert script.read_text(encoding="utf-8") == "edited by hand\n"
    assert cli("import", ARTICLES / "qa_en.txt", "-o", script, "--force").code == 0


def _one_line_error(result, code: int, *words: str) -> None:
    assert result.code == code, (result.code, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0], lines[0]


def test_empty_file(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _one_line_error(cli("import", empty), ExitStatus.ARTICLE, "empty.txt", "empty")


def test_whitespace_only_file(cli, tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    _one_line_error(cli("import", blank), ExitStatus.ARTICLE, "blank.txt", "empty")


def test_binary_file(cli, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 40)
    _one_line_error(cli("import", binary), ExitStatus.ARTICLE, "photo.jpg", "binary")


def test_a_broken_word_document(cli, tmp_path):
    import zipfile

    broken = tmp_path / "interview.docx"
    with zipfile.ZipFile(broken, "w") as package:  # the part is there, the package is not
        package.writestr("word/document.xml", "<w:document>")
    _one_line_error(cli("import", broken), ExitStatus.ARTICLE, "interview.docx",
                    "not a readable Word document")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_not_taken_for_utf16_without_its_mark(cli, tmp_path, seed):
    noise = tmp_path / "noise.bin"
    noise.write_bytes(random.Random(seed).randbytes(4096))
    _one_line_error(cli("import", noise), ExitStatus.ARTICLE, "noise.bin", "binary")


def test_random_bytes_without_nul(cli, tmp_path):
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(4096).replace(b"\x00", b"\x01"))
    _one_line_error(cli("import", noise), ExitStatus.ARTICLE, "noise.bin")


def test_no_speakers_suggests_the_option(cli, tmp_path):
    prose = tmp_path / "essay.txt"
    prose.write_text("This is an essay.\n\nIt has paragraphs but nobody speaks.\n",
                     encoding="utf-8")
    _one_line_error(cli("import", prose), ExitStatus.ARTICLE, "essay.txt", "--speakers")


def test_speakers_not_in_article(cli, tmp_path):
    result = cli("import", ARTICLES / "qa_en.txt", "-o", tmp_path / "x.yaml",
                 "--speakers", "Zed,Q")
    _one_line_error(result, ExitStatus.ARTICLE, "Zed")


def test_missing_article(cli, tmp_path):
    _one_line_error(cli("import", tmp_path / "nope.txt"), ExitStatus.ARTICLE, "nope.txt")


def test_bad_voice_option(cli, tmp_path):
    result = cli("import", ARTICLES / "qa_en.txt", "-o", tmp_path / "x.yaml", "--voice", "Q")
    assert result.code == ExitStatus.USAGE
    result = cli("import", ARTICLES / "qa_en.txt", "-o", tmp_path / "x.yaml",
                 "--voice", "Q=nobody")
    _one_line_error(result, ExitStatus.VOICE, "nobody")
    assert not (tmp_path / "x.yaml").exists()


def test_check_prints_chapters_and_estimate(cli):
    result = cli("check", SAMPLE_SCRIPT)
    assert result.code == 0, result.err
    assert "valid" in result.out
    assert "estimated" in result.out
    assert "朱民" in result.out and "张亚勤" in result.out
    assert result.out.count("│ 1 ") >= 1


def test_check_bad_script_names_file_and_line(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = SAMPLE_SCRIPT.read_text(encoding="utf-8").replace("speaker: zhu_min", "speaker: zhumin",
                                                             1)
    bad.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "speaker: zhumin" in row)
    _one_line_error(cli("check", bad), ExitStatus.SCRIPT, f"bad.yaml:{line}:", "zhumin")


def test_committed_example_script_is_valid_and_complete():
    script = load(SAMPLE_SCRIPT)
    assert script.turn_count() == 57
    assert script.source == SAMPLE_ARTICLE.name
