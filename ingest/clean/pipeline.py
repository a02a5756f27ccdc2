"""Entry point of the cleaner: decide the kind of input and run the matching cleaner."""

from __future__ import annotations

from ingest.clean.article import Article
from ingest.clean.options import CleanOptions
from ingest.errors import CleanError


def clean(data: bytes, name: str, options: CleanOptions = CleanOptions()) -> list[Article]:
    """Clean one file's bytes into its articles (a `.jsonl` file may hold many).

    Raises CleanError with a message for the user when nothing can be made of the file.
    """
    if len(data) > options.max_bytes:
        raise CleanError(f"file is {len(data)} bytes, over the limit of {options.max_bytes} (INGEST_MAX_BYTES)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CleanError(f"not valid UTF-8 text at byte {exc.start}") from None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise CleanError("file is empty or holds only whitespace")
    return [Article(kind="text", title=lines[0], body=tuple(lines[1:]))]
