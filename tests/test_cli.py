"""The command line itself: help, and one clear line with exit status 2 for a wrong command."""

from __future__ import annotations

import pytest

from renderer.errors import ExitStatus

from .helpers import SAMPLE_SCRIPT

COMMANDS = ("import", "check", "render", "export", "chapters", "feed", "preview", "studio",
            "pronounce", "voices")


def _usage_error(result, *words: str) -> None:
    assert result.code == ExitStatus.USAGE, (result.code, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0], lines[0]


def test_no_command_shows_the_commands(cli):
    result = cli()
    assert result.code == ExitStatus.USAGE
    for command in COMMANDS:
        assert f"\n  {command} " in result.out, result.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.code == 0, result.err
    assert f"Usage: podcast {command} [OPTIONS]" in result.out
    assert "--help" in result.out


def test_missing_argument(cli):
    _usage_error(cli("export"), "podcast export", "SCRIPT", "podcast export --help")


def test_number_out_of_range(cli, tmp_path):
    result = cli("render", SAMPLE_SCRIPT, "--jobs", "0", "-o", tmp_path / "x.mp3")
    _usage_error(result, "podcast render", "--jobs", "0")
    assert not (tmp_path / "x.mp3").exists()


def test_not_a_number(cli):
    _usage_error(cli("import", "a.txt", "--chapters", "many"), "--chapters", "many")


def test_unknown_option_and_command(cli):
    _usage_error(cli("check", SAMPLE_SCRIPT, "--fast"), "--fast")
    _usage_error(cli("speak"), "speak")


def test_required_option(cli, tmp_path):
    _usage_error(cli("feed", SAMPLE_SCRIPT), "--base-url")


def test_pronounce_needs_a_script_or_lines(cli):
    _usage_error(cli("pronounce"), "SCRIPT", "--lines")
