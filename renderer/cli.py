"""The `podcast` command: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from . import interrupts
from .commands import output as present
from .errors import AudioFileError, ExitStatus, PodcastError

if TYPE_CHECKING:
    from .progress import Reporter
    from .render.plan import RenderOptions

app = typer.Typer(
    name="podcast",
    help="Turn a dialogue article into a podcast script, and a script into an episode.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# emoji=False: a transcript's ":word:" stays as written (and rich skips loading its emoji table)
out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or []:
        name, sep, profile = value.partition("=")
        if not sep or not name.strip() or not profile.strip():
            raise typer.BadParameter(f"expected NAME=PROFILE, got {value!r}", param_hint=option)
        pairs[name.strip()] = profile.strip()
    return pairs


@app.command("import")
def import_command(
    article: Annotated[str, typer.Argument(
        help="The article: a text, Markdown, HTML, SRT or WebVTT file, or an http(s) URL.")],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                      help="Script to write (default: beside the article, .yaml; for a URL, "
                           "NAME.yaml in this folder).")] = None,
    speakers: Annotated[str | None, typer.Option(
        help="Speaker labels as written in the article, comma-separated, e.g. \"朱民,张亚勤\".")
    ] = None,
    no_intro: Annotated[bool, typer.Option("--no-intro",
                        help="Drop the narrative intro instead of keeping it as a narrator turn.")
                        ] = False,
    chapters: Annotated[int | None, typer.Option(min=1, max=255,
                        help="Number of chapters (default: one per ~5 minutes).")] = None,
    voice: Annotated[list[str] | None, typer.Option(
        help="Voice for a speaker, NAME=PROFILE (repeatable), e.g. 张亚勤=zh-male-guest.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Episode title (default: the headline).")
                     ] = None,
    language: Annotated[str | None, typer.Option(
        help="Language tag, e.g. zh-CN (default: detected).")] = None,
    report: Annotated[Path | None, typer.Option(help="Write the full cleaning report here.")
                      ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing script.")] = False,
    weights: Annotated[Path | None, typer.Option(
        help="Speaker-model weights to use instead of the shipped ones (a JSON file written "
             "by `python -m bench.import_general --fit`).")] = None,
) -> None:
    """Import a scraped dialogue article into a clean, editable YAML script."""
    from .commands.importing import import_to_file
    from .importer import ImportOptions
    from .importer.speaker_model import load_model

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
def check(script: Annotated[Path, typer.Argument(help="The podcast script (YAML).")]) -> None:
    """Validate a script; print its speakers, chapters and estimated duration."""
    from .script.model import load
    from .script.voices import VoiceLibrary

    voices = VoiceLibrary.load()
    present.check_summary(out, load(script, voices), voices, script)


def _render_options(engine: str, jobs: int | None, cache_dir: Path | None,
                    output: Path | None, network: tuple[str | None, int, int]) -> RenderOptions:
    from .engines import EngineOptions
    from .render.plan import RenderOptions

    proxy, connect_timeout, receive_timeout = network
    proxy = proxy or os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy") or None
    return RenderOptions(engine=engine, jobs=jobs, cache_dir=cache_dir, output=output,
                         engine_options=EngineOptions(proxy, connect_timeout, receive_timeout))


EngineOption = Annotated[str, typer.Option(
    "--engine", help="auto (edge when reachable, else offline), edge, espeak, kokoro.")]
JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, max=64, help="Turns synthesized at once (default: per engine).")]
CacheOption = Annotated[Path | None, typer.Option(
    "--cache-dir", envvar="PODCAST_CACHE_DIR", help="Clip cache (default: output/.cache).")]
ProxyOption = Annotated[str | None, typer.Option(
    help="Proxy URL for the edge engine (default: $HTTPS_PROXY).")]
ConnectTimeout = Annotated[int, typer.Option(min=1, help="Edge connect timeout, seconds.")]
ReceiveTimeout = Annotated[int, typer.Option(min=1, help="Edge receive timeout, seconds.")]


@app.command()
def render(
    script: Annotated[Path, typer.Argument(help="The podcast script (YAML).")],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                      help="Episode file (default: output/NAME/NAME.mp3).")] = None,
    engine: EngineOption = "auto",
    jobs: JobsOption = None,
    cache_dir: CacheOption = None,
    proxy: ProxyOption = None,
    connect_timeout: ConnectTimeout = 10,
    receive_timeout: ReceiveTimeout = 60,
    formats: Annotated[str | None, typer.Option(
        "--format", help="mp3, m4a, m4b, or several: --format mp3,m4b "
        "(default: the -o file's, else mp3).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    pipelined: Annotated[bool | None, typer.Option(
        "--pipelined/--sequential", help="Encode finished chapters while later clips are "
        "made, or only once every clip is made (the same episode either way; default: "
        "pipelined when the engine leaves cores idle, as edge does)")] = None,
) -> None:
    """Render a script into an episode with chapters, plus transcripts and sidecar files."""
    from .render.render import render as render_script

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
def export(
    script: Annotated[Path, typer.Argument(help="The podcast script (YAML).")],
    chapter: Annotated[str | None, typer.Option("--chapter", "-c",
                       help="Chapter number (from 1) or title.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Export every chapter.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                      help="File for one chapter (default: output/NAME/chapters/).")] = None,
    engine: EngineOption = "auto",
    jobs: JobsOption = None,
    cache_dir: CacheOption = None,
    proxy: ProxyOption = None,
    connect_timeout: ConnectTimeout = 10,
    receive_timeout: ReceiveTimeout = 60,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Export one chapter (or all) as its own MP3, at the episode's loudness."""
    from .render.chapters import export_chapters

    options = _render_options(engine, jobs, cache_dir, None,
                              (proxy, connect_timeout, receive_timeout))
    with _reporter(as_json) as reporter:
        result = export_chapters(script, chapter, every, output, options, reporter)
    present.export_summary(out, result, as_json)


@app.command()
def chapters(
    audio: Annotated[Path, typer.Argument(help="An audio file (MP3, M4A, M4B).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the chapters as JSON.")] = False,
) -> None:
    """Read the chapters back from an audio file: title, start, end."""
    from .metadata.ffmetadata import probe

    if not audio.is_file():
        raise AudioFileError(f"{audio}: no such file")
    present.file_chapters(out, audio, probe(audio), as_json)


@app.command()
def feed(
    scripts: Annotated[list[Path], typer.Argument(
        help="Rendered episodes: each its script, its audio file, or its .render.json.")],
    base_url: Annotated[str, typer.Option("--base-url",
                        help="Where the output folder is served, e.g. https://example.com/pod")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The feed file.")
                      ] = Path("output/feed.xml"),
    title: Annotated[str | None, typer.Option(help="Show title (default: the script's show).")
                     ] = None,
    description: Annotated[str | None, typer.Option(help="Show description.")] = None,
) -> None:
    """Build the show's RSS feed (iTunes and Podcasting 2.0 tags) from rendered episodes."""
    from .publish.pages import write_feed

    path = write_feed(scripts, base_url, output, title, description)
    out.print(f"feed: {path} ({len(scripts)} episodes)", markup=False, highlight=False)


@app.command()
def preview(
    script: Annotated[Path, typer.Argument(
        help="A rendered episode: its script, its audio file, or its .render.json.")],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                      help="The page (default: index.html beside the episode).")] = None,
) -> None:
    """Write a self-contained preview page: player, chapters, transcript that follows along."""
    from .publish.pages import write_preview

    path = write_preview(script, output)
    out.print(f"preview: {path} (open it in a browser)", markup=False, highlight=False)


@app.command()
def studio(
    script: Annotated[Path, typer.Argument(help="The podcast script (YAML) to edit.")],
    port: Annotated[int, typer.Option(min=0, max=65535,
                    help="Port on 127.0.0.1 (0: any free port).")] = 8765,
    engine: EngineOption = "auto",
    cache_dir: CacheOption = None,
    no_browser: Annotated[bool, typer.Option("--no-browser",
                          help="Only print the URL; do not open a browser.")] = False,
) -> None:
    """Listen to, edit and re-speak a script in the browser; every edit is saved to the YAML."""
    from .studio.server import serve

    options = _render_options(engine, None, cache_dir, None, (None, 10, 60))
    serve(script, options, port, not no_browser,
          lambda line: out.print(line, markup=False, highlight=False, soft_wrap=True))


@app.command()
def pronounce(
    script: Annotated[Path | None, typer.Argument(
        help="The podcast script (YAML) to review.")] = None,
    turn: Annotated[list[str] | None, typer.Option(
        "--turn", help="Only this turn (repeatable).")] = None,
    polyphones: Annotated[bool, typer.Option(
        "--polyphones", help="List every polyphone choice, the least certain first.")] = False,
    lines: Annotated[Path | None, typer.Option(
        "--lines", help="Read FILE instead: one sentence per line, one result per line.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, one line each.")] = False,
) -> None:
    """Show how each turn will be read: polyphones, Latin terms, where each reading came from."""
    from .commands.pronounce import pronounce_lines, pronounce_script

    if lines is not None:
        for line in pronounce_lines(lines, as_json):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    if script is None:
        raise typer.BadParameter("give a SCRIPT, or --lines FILE")
    for line in pronounce_script(script, turn or None, polyphones, as_json):
        out.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
def voices(
    engine: Annotated[str, typer.Option("--engine", help="edge, espeak or kokoro.")] = "edge",
    locale: Annotated[str | None, typer.Option(help="Only this locale, e.g. zh-CN.")] = None,
    proxy: ProxyOption = None,
) -> None:
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


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status (never raises for user errors)."""
    command = typer.main.get_command(app)
    interrupts.install()
    try:
        command.main(args=argv, prog_name="podcast", standalone_mode=True)
    except SystemExit as exc:  # typer ends every run this way, usage errors included
        code = exc.code if isinstance(exc.code, int) else ExitStatus.INTERNAL
        if code == ExitStatus.INTERRUPTED:  # typer's answer to any KeyboardInterrupt
            terminated = interrupts.received == signal.SIGTERM
            err.print("terminated" if terminated else "interrupted")
            return ExitStatus.TERMINATED if terminated else ExitStatus.INTERRUPTED
        return code
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
    code = run(sys.argv[1:])
    if code in (ExitStatus.INTERRUPTED, ExitStatus.TERMINATED):
        # Interrupted: everything finished is saved and every temporary file removed. Work
        # still running in threads (a request in flight) is abandoned rather than waited
        # for, so that the process ends at once.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
