"""One exception root for the project.

Each error class carries the CLI exit status and the HTTP status it maps to, so the
CLI and the API translate failures in one place each and never guess.
"""

from __future__ import annotations


def _message_lines(exc: BaseException) -> list[str]:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()


def first_line(exc: BaseException) -> str:
    """The first line of an error's (or its driver's) message, else its type: never the whole SQL."""
    lines = _message_lines(exc)
    return lines[0] if lines else type(exc).__name__


def described(exc: BaseException) -> str:
    """The error's type and the first line of its message: for errors that are bugs."""
    lines = _message_lines(exc)
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


class IngestError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code: int = 2
    http_status: int = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Keep the hint when pickled (errors come back from the cleaning processes)."""
        return type(self), (self.message,), {"hint": self.hint}


class ConfigError(IngestError):
    """A setting is invalid, a path given by the user cannot be used, or a program it needs is missing."""

    http_status = 400


class InputError(IngestError):
    """A path or argument given on the command line is missing or unreadable."""

    http_status = 400


class DatabaseUnavailable(IngestError):
    """The database cannot be reached (server down, wrong URL, network)."""

    http_status = 503


class StorageRefused(IngestError):
    """The database refused a document's data (a value over one of its limits, a character
    it cannot store): the document is at fault, not the database, so retrying cannot help."""

    exit_code = 1
    http_status = 422


class SchemaMismatch(IngestError):
    """The database schema is newer (or otherwise other) than this code knows."""

    http_status = 503


class CleanError(IngestError):
    """A file cannot be turned into an article; the message says why, for the user."""

    exit_code = 1
    http_status = 422


class NotFound(IngestError):
    """A requested record does not exist."""

    exit_code = 1
    http_status = 404
