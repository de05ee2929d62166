"""Library-level commands: each one does a whole job the CLI offers, and nothing about the CLI."""

from __future__ import annotations

from pathlib import Path

from .atomic import write_text_atomic
from .errors import OutputError
from .importer import ImportOptions, ImportResult, import_article
from .script import dumps, loads
from .voices import VoiceLibrary


def import_to_file(
    article: Path, output: Path | None, options: ImportOptions, report_path: Path | None,
    force: bool = False,
) -> tuple[ImportResult, Path]:
    """Import an article and write the script (and the full report) atomically."""
    output = Path(output) if output else Path(article).with_suffix(".yaml")
    if output.exists() and not force:
        raise OutputError(f"{output}: already exists (it may hold your edits); "
                          "pass --force to overwrite it")
    voices = VoiceLibrary.load()
    result = import_article(Path(article), options, voices)
    text = dumps(result.script)
    loads(text, str(output), voices)  # what we write must load back
    write_text_atomic(output, text)
    if report_path:
        write_text_atomic(Path(report_path), result.report.render())
    return result, output
