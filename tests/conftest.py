"""Shared fixtures: paths to the sample and fixtures, a CLI runner that captures output."""

from __future__ import annotations

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
