"""Library-level commands: each one does a whole job the CLI offers, and nothing about the CLI."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_text_atomic
from ..errors import OutputError
from ..importer import ImportOptions, ImportResult, import_article
from ..importer.sources import default_stem, is_url
from ..script.model import dumps, loads
from ..script.voices import VoiceLibrary


def import_to_file(
    article: str | Path, output: Path | None, options: ImportOptions,
    report_path: Path | None, force: bool = False,
) -> tuple[ImportResult, Path]:
    """Import an article (a file or a URL) and write the script (and the report) atomically."""
    output = Path(output) if output else default_script_path(article)
    if output.exists() and not force:
        raise OutputError(f"{output}: already exists (it may hold your edits); "
                          "pass --force to overwrite it")
    voices = VoiceLibrary.load()
    result = import_article(article, options, voices)
    text = dumps(result.script)
    loads(text, str(output), voices)  # what we write must load back
    write_text_atomic(output, text)
    if report_path:
        write_text_atomic(Path(report_path), result.report.render())
    return result, output


def default_script_path(article: str | Path) -> Path:
    """Where an imported script goes by default: beside the file, or here for a URL."""
    if is_url(str(article)):
        return Path(f"{default_stem(article)}.yaml")
    return Path(article).with_suffix(".yaml")
