"""The command line itself: help, and one clear line with exit status 2 for a wrong command."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from renderer.errors import ExitStatus

from .helpers import ARTICLES, SAMPLE_SCRIPT

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


_COLLECTOR_AT_EXIT = """
import atexit, gc, sys
atexit.register(lambda: print("collector", gc.isenabled(), file=sys.stderr))
from renderer.cli import main
sys.argv = ["podcast", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("command", [
    ("check", str(SAMPLE_SCRIPT)),
    ("import", str(ARTICLES / "bare_names_en.txt"), "-o", "episode.yaml"),
])
def test_the_garbage_collector_runs_again_once_a_command_has_started(tmp_path, command):
    # `podcast` pauses the collector for start-up; a command left without it would grow
    # with every reference cycle it makes
    done = subprocess.run([sys.executable, "-c", _COLLECTOR_AT_EXIT, *command], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "collector True"


def test_calling_the_command_line_in_process_leaves_the_collector_alone(cli):
    assert cli("check", SAMPLE_SCRIPT).code == 0
    assert gc.isenabled()
