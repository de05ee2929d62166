"""The one exception hierarchy of the project; each error carries its exit status."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes, one per kind of failure."""

    OK = 0
    INTERNAL = 1
    USAGE = 2
    ARTICLE = 3
    SCRIPT = 4
    VOICE = 5
    ENGINE_UNAVAILABLE = 6
    SYNTHESIS = 7
    OUTPUT = 8
    NOT_FOUND = 9
    AUDIO_FILE = 10
    INTERRUPTED = 130
    TERMINATED = 143


class PodcastError(Exception):
    """Base of every error the tool reports to a user as one line."""

    exit_status: ExitStatus = ExitStatus.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ArticleError(PodcastError):
    """The article to import is empty, binary, undecodable or has no dialogue."""

    exit_status = ExitStatus.ARTICLE


class ScriptError(PodcastError):
    """A podcast script is not valid YAML or breaks the schema."""

    exit_status = ExitStatus.SCRIPT


class VoiceError(PodcastError):
    """A voice profile is missing, malformed or has no settings for an engine."""

    exit_status = ExitStatus.VOICE


class EngineUnavailableError(PodcastError):
    """The requested speech engine cannot run here."""

    exit_status = ExitStatus.ENGINE_UNAVAILABLE


class SynthesisError(PodcastError):
    """One or more turns could not be synthesized."""

    exit_status = ExitStatus.SYNTHESIS


class Cancelled(SynthesisError):
    """Synthesis stopped because the render was interrupted."""


class OutputError(PodcastError):
    """An output file or folder cannot be written."""

    exit_status = ExitStatus.OUTPUT


class NotFoundError(PodcastError):
    """A chapter (or other named thing) the user asked for does not exist."""

    exit_status = ExitStatus.NOT_FOUND


class AudioFileError(PodcastError):
    """An audio file cannot be read."""

    exit_status = ExitStatus.AUDIO_FILE


class EditError(PodcastError):
    """An edit made in the studio cannot be applied (unknown turn, invalid value)."""

    exit_status = ExitStatus.SCRIPT


class ConflictError(EditError):
    """The script changed on disk since the studio read it; the edit was not saved."""
