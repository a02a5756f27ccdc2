"""Settings: every knob is an `INGEST_*` environment variable with a sensible default.

The README's configuration table is checked against this class by a test, so a
setting cannot be added without being documented.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.dedup.options import DedupOptions

MAX_STORABLE_BYTES = 1024**3  # PostgreSQL stores no value (a document's bytes, its text) over 1 GiB
# A longer story window is a mistake; past some 2,000 years it reaches back before year 1 and
# every article fails (Python's dates end there, PostgreSQL's intervals go further).
CENTURY_HOURS = 876_000


class Choice(str, Enum):
    """A setting with named values, written in any case: `info` is INFO, `JSON` is json."""

    @classmethod
    def _missing_(cls, value: object) -> Choice | None:
        if not isinstance(value, str):
            return None
        return next((member for member in cls if member.value.casefold() == value.casefold()), None)


class LogFormat(Choice):
    text = "text"
    json = "json"


class LogLevel(Choice):
    DEBUG = "DEBUG"
    INFO = "INFO"
    WARNING = "WARNING"
    ERROR = "ERROR"


class Settings(BaseSettings):
    """Configuration read from the environment (prefix `INGEST_`)."""

    model_config = SettingsConfigDict(env_prefix="INGEST_", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL (`postgresql://user@host:5432/db`; a same-host server's Unix socket is cheaper: "
                    "`postgresql://user@/db?host=/var/run/postgresql`). Unset: an embedded server under the data dir.",
    )
    data_dir: Path = Field(
        default=Path(".ingest"),
        description="Where the embedded database and the working folders live.",
    )
    inbox: Path | None = Field(
        default=None,
        description="The watched folder users drop files into. Default: `<data dir>/inbox`.",
    )
    archive_dir: Path | None = Field(
        default=None,
        description="Where processed, duplicate and failed files are moved; on the inbox's file system "
                    "(files move by rename). Default: `<data dir>/archive`.",
    )
    stable_seconds: float = Field(
        default=1.0, ge=0, allow_inf_nan=False,
        description="A dropped file is taken once its size and modification time are unchanged this long.",
    )
    force_polling: bool = Field(
        default=False,
        description="Poll the inbox instead of using inotify: needed on NFS/SMB shares and Docker bind mounts.",
    )
    rescan_seconds: float = Field(
        default=30.0, gt=0, allow_inf_nan=False,
        description="Full rescan of the inbox this often, a safety net for missed file events.",
    )
    ignore: str = Field(
        default="",
        description="Extra comma-separated file name patterns to ignore, in any case (`*.tmp`, `*.part`, hidden files... always are).",
    )
    delete_processed: bool = Field(
        default=False,
        description="Delete processed files instead of moving them to `<archive>/processed/YYYY-MM-DD/`.",
    )
    max_bytes: int = Field(
        default=20 * 1024 * 1024,
        gt=0,
        description="Largest file (or HTTP body) accepted, in bytes; larger ones fail with a reason. "
                    "At most 1 GiB, the most PostgreSQL stores in one value.",
    )
    concurrency: int = Field(
        default=4, ge=1,
        description="Documents one worker process handles at once (waiting on the database overlaps with cleaning).",
    )
    cpu_processes: int = Field(
        default=0, ge=0,
        description="Processes that clean documents for one worker, off its event loop. 0: one per CPU core.",
    )
    shutdown_seconds: float = Field(
        default=30.0, ge=0, allow_inf_nan=False,
        description="On SIGTERM, how long in-flight documents may take to finish; the rest are retried at next start.",
    )
    near_duplicate_threshold: float = Field(
        default=DedupOptions.near_duplicate_threshold, gt=0, le=1,
        description="Estimated Jaccard similarity of body word 5-shingles above which an article is a near-duplicate.",
    )
    story_threshold: float = Field(
        default=DedupOptions.story_threshold, gt=0, le=1,
        description="Weighted-cosine similarity above which an article joins an existing story.",
    )
    story_window_hours: float = Field(
        default=DedupOptions.story_window_hours, gt=0, le=CENTURY_HOURS, allow_inf_nan=False,
        description="How far apart in time (published, else arrival) two articles of one story may be; "
                    "at most a century (876000).",
    )
    api_host: str = Field(default="127.0.0.1", description="Address the HTTP API listens on (`0.0.0.0`: every interface).")
    api_port: int = Field(
        default=8000, ge=0, le=65535,
        description="Port the HTTP API listens on (`0`: one the system picks, named in the log).",
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="When set, write endpoints (`POST /documents`) require `Authorization: Bearer <token>`. "
                    "Surrounding whitespace is dropped; an empty token is refused.",
    )
    log_format: LogFormat = Field(
        default=LogFormat.text, description="`text` or `json` (one object per line), in any case.")
    log_level: LogLevel = Field(default=LogLevel.INFO, description="DEBUG, INFO, WARNING or ERROR, in any case.")

    @field_validator("max_bytes")
    @classmethod
    def _storable(cls, size: int) -> int:
        """A larger limit would let in documents the database then refuses, after reading them whole."""
        if size > MAX_STORABLE_BYTES:
            raise PydanticCustomError("too_large", f"at most {MAX_STORABLE_BYTES} bytes (1 GiB): "
                                      "PostgreSQL cannot store a larger document")
        return size

    @field_validator("api_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        """A token pasted with its newline still matches; an empty one (`INGEST_API_TOKEN=${UNSET}`)
        is a mistake, and would refuse every write as a wrong token."""
        if not isinstance(value, str):
            return value
        if not value.strip():
            raise PydanticCustomError("empty_token", "must not be empty (unset it to leave POST /documents open)")
        return value.strip()

    @property
    def inbox_dir(self) -> Path:
        return self.inbox if self.inbox is not None else self.data_dir / "inbox"

    @property
    def archive_root(self) -> Path:
        return self.archive_dir if self.archive_dir is not None else self.data_dir / "archive"

    @property
    def ignore_patterns(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.ignore.split(",") if p.strip())

    @property
    def cleaning_processes(self) -> int:
        return self.cpu_processes or os.cpu_count() or 1

    @property
    def embedded_pgdata(self) -> Path:
        return self.data_dir / "pg"
