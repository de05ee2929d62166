"""The `podcast` command: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

# click, not typer: typer (0.29) builds a pydantic TypeAdapter for every option of the
# command it runs, ~0.08 s of every start-up (bench/scale.py's chapter export)
import click
from rich.console import Console

from . import interrupts, startup
from .commands import output as present
from .errors import AudioFileError, ExitStatus, PodcastError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .progress import Reporter
    from .render.plan import RenderOptions

# emoji=False: a transcript's ":word:" stays as written (and rich skips loading its emoji table)
out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)

PATH = click.Path(path_type=Path)
SCRIPT_HELP = "The podcast script (YAML)."


@click.group(name="podcast", context_settings={"help_option_names": ["-h", "--help"],
                                                "max_content_width": 100})
def app() -> None:
    """Turn a dialogue article into a podcast script, and a script into an episode."""


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, profile = value.partition("=")
        if not sep or not name.strip() or not profile.strip():
            raise click.BadParameter(f"expected NAME=PROFILE, got {value!r}", param_hint=option)
        pairs[name.strip()] = profile.strip()
    return pairs


@app.command("import")
@click.argument("article")
@click.option("-o", "--output", type=PATH, help="Script to write (default: beside the article, "
              ".yaml; for a URL, NAME.yaml in this folder).")
@click.option("--speakers", help="Speaker labels as written in the article, comma-separated, "
              "e.g. \"朱民,张亚勤\".")
@click.option("--no-intro", is_flag=True,
              help="Drop the narrative intro instead of keeping it as a narrator turn.")
@click.option("--chapters", type=click.IntRange(1, 255),
              help="Number of chapters (default: one per ~5 minutes).")
@click.option("--voice", multiple=True, help="Voice for a speaker, NAME=PROFILE (repeatable), "
              "e.g. 张亚勤=zh-male-guest.")
@click.option("--title", help="Episode title (default: the headline).")
@click.option("--language", help="Language tag, e.g. zh-CN (default: detected).")
@click.option("--report", type=PATH, help="Write the full cleaning report here.")
@click.option("--force", is_flag=True, help="Overwrite an existing script.")
@click.option("--weights", type=PATH, help="Speaker-model weights to use instead of the shipped "
              "ones (a JSON file written by `python -m bench.import_general --fit`).")
def import_command(article: str, output: Path | None, speakers: str | None, no_intro: bool,
                   chapters: int | None, voice: tuple[str, ...], title: str | None,
                   language: str | None, report: Path | None, force: bool,
                   weights: Path | None) -> None:
    """Import a scraped dialogue article into a clean, editable YAML script.

    ARTICLE is a text, Markdown, HTML, SRT, WebVTT, JSON transcript or Word (.docx) file, or
    an http(s) URL.
    """
    from .commands.importing import import_to_file
    from .importer import ImportOptions
    from .importer.speaker_model import load_model

    startup.resume_collector()

    options = ImportOptions(
        speakers=[s.strip() for s in speakers.split(",") if s.strip()] if speakers else None,
        keep_intro=not no_intro,
        chapters=chapters,
        voices=_pairs(voice, "--voice"),
        title=title,
        language=language,
        model=load_model(weights),
    )
    result, path = import_to_file(article, output, options, report, force)
    present.import_summary(out, result, path, report)


@app.command()
@click.argument("script", type=PATH)
def check(script: Path) -> None:
    """Validate a script (YAML); print its speakers, chapters and estimated duration."""
    from .script.model import load
    from .script.voices import VoiceLibrary

    startup.resume_collector()
    voices = VoiceLibrary.load()
    present.check_summary(out, load(script, voices), voices, script)


_ENGINE = click.option("--engine", default="auto", show_default=True,
                       help="auto (edge when reachable, else offline), edge, espeak, kokoro.")
_CACHE_DIR = click.option("--cache-dir", type=PATH, envvar="PODCAST_CACHE_DIR",
                          help="Clip cache (default: output/.cache).")
_PROXY = click.option("--proxy", help="Proxy URL for the edge engine (default: $HTTPS_PROXY).")


def _engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that synthesizes takes: engine, jobs, cache, network."""
    for option in reversed((
        _ENGINE,
        click.option("-j", "--jobs", type=click.IntRange(1, 64),
                     help="Turns synthesized at once (default: per engine)."),
        _CACHE_DIR,
        _PROXY,
        click.option("--connect-timeout", type=click.IntRange(min=1), default=10,
                     show_default=True, help="Edge connect timeout, seconds."),
        click.option("--receive-timeout", type=click.IntRange(min=1), default=60,
                     show_default=True, help="Edge receive timeout, seconds."),
    )):
        command = option(command)
    return command


def _render_options(engine: str, jobs: int | None, cache_dir: Path | None,
                    output: Path | None, network: tuple[str | None, int, int]) -> RenderOptions:
    from .engines import EngineOptions
    from .render.plan import RenderOptions

    proxy, connect_timeout, receive_timeout = network
    proxy = proxy or os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy") or None
    return RenderOptions(engine=engine, jobs=jobs, cache_dir=cache_dir, output=output,
                         engine_options=EngineOptions(proxy, connect_timeout, receive_timeout))


@app.command()
@click.argument("script", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Episode file (default: output/NAME/NAME.mp3).")
@_engine_options
@click.option("--format", "formats", help="mp3, m4a, m4b, or several: --format mp3,m4b "
              "(default: the -o file's, else mp3).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--pipelined/--sequential", default=None, help="Encode finished chapters while "
              "later clips are made, or only once every clip is made (the same episode either "
              "way; default: pipelined when the engine leaves cores idle, as edge does)")
def render(script: Path, output: Path | None, engine: str, jobs: int | None,
           cache_dir: Path | None, proxy: str | None, connect_timeout: int,
           receive_timeout: int, formats: str | None, as_json: bool,
           pipelined: bool | None) -> None:
    """Render a script (YAML) into an episode with chapters, transcripts and sidecar files."""
    from .render.render import render as render_script

    startup.resume_collector()

    options = _render_options(engine, jobs, cache_dir, output,
                              (proxy, connect_timeout, receive_timeout))
    if formats is None:
        suffix = output.suffix.lstrip(".").lower() if output else ""
        formats = suffix if suffix in ("mp3", "m4a", "m4b") else "mp3"
    options.formats = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    options.early_encoding = pipelined
    with _reporter(as_json) as reporter:
        result = render_script(script, options, reporter)
    present.render_summary(out, result, as_json)


@app.command()
@click.argument("script", type=PATH)
@click.option("-c", "--chapter", help="Chapter number (from 1) or title.")
@click.option("--all", "every", is_flag=True, help="Export every chapter.")
@click.option("-o", "--output", type=PATH,
              help="File for one chapter (default: output/NAME/chapters/).")
@_engine_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def export(script: Path, chapter: str | None, every: bool, output: Path | None, engine: str,
           jobs: int | None, cache_dir: Path | None, proxy: str | None, connect_timeout: int,
           receive_timeout: int, as_json: bool) -> None:
    """Export one chapter (or all) of a script (YAML) as its own MP3, at the episode's
    loudness."""
    from .render.chapters import export_chapters

    startup.resume_collector()

    options = _render_options(engine, jobs, cache_dir, None,
                              (proxy, connect_timeout, receive_timeout))
    with _reporter(as_json) as reporter:
        result = export_chapters(script, chapter, every, output, options, reporter)
    present.export_summary(out, result, as_json)


@app.command()
@click.argument("audio", type=PATH)
@click.option("--json", "as_json", is_flag=True, help="Print the chapters as JSON.")
def chapters(audio: Path, as_json: bool) -> None:
    """Read the chapters back from an audio file (MP3, M4A, M4B): title, start, end."""
    from .metadata.ffmetadata import probe

    if not audio.is_file():
        raise AudioFileError(f"{audio}: no such file")
    present.file_chapters(out, audio, probe(audio), as_json)


@app.command()
@click.argument("scripts", nargs=-1, required=True, type=PATH)
@click.option("--base-url", required=True,
              help="Where the output folder is served, e.g. https://example.com/pod")
@click.option("-o", "--output", type=PATH, default=Path("output/feed.xml"), show_default=True,
              help="The feed file.")
@click.option("--title", help="Show title (default: the script's show).")
@click.option("--description", help="Show description.")
def feed(scripts: tuple[Path, ...], base_url: str, output: Path, title: str | None,
         description: str | None) -> None:
    """Build the show's RSS feed (iTunes and Podcasting 2.0 tags) from rendered episodes.

    SCRIPTS are the episodes: each its script, its audio file, or its .render.json.
    """
    from .publish.pages import write_feed

    startup.resume_collector()

    path = write_feed(list(scripts), base_url, output, title, description)
    out.print(f"feed: {path} ({len(scripts)} episodes)", markup=False, highlight=False)


@app.command()
@click.argument("script", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="The page (default: index.html beside the episode).")
def preview(script: Path, output: Path | None) -> None:
    """Write a self-contained preview page: player, chapters, transcript that follows along.

    SCRIPT is a rendered episode: its script, its audio file, or its .render.json.
    """
    from .publish.pages import write_preview

    startup.resume_collector()

    path = write_preview(script, output)
    out.print(f"preview: {path} (open it in a browser)", markup=False, highlight=False)


@app.command()
@click.argument("script", type=PATH)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@_ENGINE
@_CACHE_DIR
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
def studio(script: Path, port: int, engine: str, cache_dir: Path | None,
           no_browser: bool) -> None:
    """Listen to, edit and re-speak a script (YAML) in the browser; every edit is saved."""
    from .studio.server import serve

    startup.resume_collector()

    options = _render_options(engine, None, cache_dir, None, (None, 10, 60))
    serve(script, options, port, not no_browser,
          lambda line: out.print(line, markup=False, highlight=False, soft_wrap=True))


@app.command()
@click.argument("script", type=PATH, required=False)
@click.option("--turn", multiple=True, help="Only this turn (repeatable).")
@click.option("--polyphones", is_flag=True,
              help="List every polyphone choice, the least certain first.")
@click.option("--lines", type=PATH,
              help="Read FILE instead: one sentence per line, one result per line.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, one line each.")
def pronounce(script: Path | None, turn: tuple[str, ...], polyphones: bool,
              lines: Path | None, as_json: bool) -> None:
    """Show how each turn will be read: polyphones, Latin terms, where each reading came from."""
    from .commands.pronounce import pronounce_lines, pronounce_script

    startup.resume_collector()

    if lines is not None:
        for line in pronounce_lines(lines, as_json):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    if script is None:
        raise click.UsageError("give a SCRIPT, or --lines FILE")
    for line in pronounce_script(script, list(turn) or None, polyphones, as_json):
        out.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
@click.option("--engine", default="edge", show_default=True, help="edge, espeak or kokoro.")
@click.option("--locale", help="Only this locale, e.g. zh-CN.")
@_PROXY
def voices(engine: str, locale: str | None, proxy: str | None) -> None:
    """List an engine's voices (edge: live from the service, else the shipped catalogue)."""
    from .engines.catalogue import edge_voices, offline_voices
    from .script.voices import VoiceLibrary

    library = VoiceLibrary.load()
    if engine == "edge":
        entries, source = edge_voices(locale, proxy, library)
    else:
        entries, source = offline_voices(engine, locale, library)
    present.voice_list(out, entries, source)


def _reporter(quiet: bool) -> AbstractContextManager[Reporter]:
    from .progress import Silent, rich_reporter

    return nullcontext(Silent()) if quiet else rich_reporter(err)


def _usage_error(exc: click.UsageError) -> str:
    """One line: what is wrong with the command line, and where its help is."""
    command = exc.ctx.command_path if exc.ctx else "podcast"
    message = " ".join(exc.format_message().split())
    return f"error: {command}: {message} (see `{command} --help`)"


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status (never raises for user errors)."""
    interrupts.install()
    try:
        app.main(args=argv, prog_name="podcast", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        # `podcast` or `podcast export` alone: the help is the answer, as a usage error
        out.print(exc.ctx.get_help() if exc.ctx else "", markup=False, highlight=False)
        return ExitStatus.USAGE
    except click.UsageError as exc:
        err.print(_usage_error(exc), markup=False, highlight=False)
        return ExitStatus.USAGE
    except click.exceptions.Exit as exc:  # --help
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        terminated = interrupts.received == signal.SIGTERM
        err.print("terminated" if terminated else "interrupted")
        return ExitStatus.TERMINATED if terminated else ExitStatus.INTERRUPTED
    except click.ClickException as exc:  # an option's file cannot be opened and the like
        err.print(f"error: {exc.format_message()}", markup=False, highlight=False)
        return ExitStatus.USAGE
    except PodcastError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return exc.exit_status
    except Exception as exc:  # a bug: one line, traceback only when asked for
        if os.environ.get("PODCAST_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} (PODCAST_DEBUG=1 shows where)",
                  markup=False, highlight=False)
        return ExitStatus.INTERNAL
    return ExitStatus.OK


def main() -> None:
    """Console entry point."""
    startup.pause_collector()  # each command resumes it once its imports are done
    code = run(sys.argv[1:])
    if code in (ExitStatus.INTERRUPTED, ExitStatus.TERMINATED):
        # Interrupted: everything finished is saved and every temporary file removed. Work
        # still running in threads (a request in flight) is abandoned rather than waited
        # for, so that the process ends at once.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
