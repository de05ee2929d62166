"""Shared fixtures: paths to the sample and fixtures, a CLI runner that captures output."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from renderer.cli import run


@dataclass
class CliResult:
    """What one `podcast` invocation did."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run `podcast ARGS...` in-process; returns exit code and captured output."""

    def invoke(*args: str) -> CliResult:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(int(code), captured.out, captured.err)

    return invoke


@pytest.fixture(scope="session", autouse=True)
def _outside_the_checkout(tmp_path_factory):
    """Run the session in a scratch folder: what module fixtures write to default paths
    (output/, .hypothesis/) lands there, never in the checkout."""
    before = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(before)


@pytest.fixture(autouse=True)
def _in_own_folder(tmp_path, monkeypatch):
    """Each test runs in its own folder, so no test sees another's default output/."""
    monkeypatch.chdir(tmp_path)
