"""JSON records, the usual crawler output: `.json` holds one object, `.jsonl` one per line.

A record has `html` or `text` and optionally `url`, `title`, `published`; those
fields are the crawler's statement and outrank anything read from the page.

Per-record failures: one bad line of a `.jsonl` must not lose the good ones, so
`clean_jsonl` returns one entry per non-empty line, in order, each an `Article`
or the `CleanError` saying why that line failed ("line 3: malformed JSON ...").
`pipeline.clean_records` exposes this for any file; `pipeline.clean` keeps only
the articles and raises the first failure when there are none.
"""

from __future__ import annotations

import json
from typing import Any

from ingest.clean import html
from ingest.clean.article import Article
from ingest.clean.dates import parse_iso
from ingest.clean.decode import normalise
from ingest.clean.metadata import PageMeta
from ingest.clean.options import CleanOptions
from ingest.clean.rawtext import clean_text
from ingest.errors import CleanError

Result = Article | CleanError
# Longer than any headline or address: the text put in the wrong field, or an attack on the
# search index (a title's words go into one tsvector of at most 1 MB).
MAX_FIELD_CHARS = 2_000


def summary_error(errors: list[CleanError]) -> CleanError:
    """One error for a file none of whose records could be cleaned."""
    if len(errors) == 1:
        return errors[0]
    return CleanError(f"none of {len(errors)} records could be cleaned; first: {errors[0].message}")


def starts_with_record(text: str) -> bool:
    """Whether the first non-empty line is a JSON object: crawler output saved under another name."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def clean_json(text: str, options: CleanOptions) -> list[Result]:
    """A `.json` file: one record, or, when the whole text is not one JSON value, one per line."""
    try:
        data = json.loads(text)
    except ValueError:
        return clean_jsonl(text, options)
    try:
        return [clean_record(data, options)]
    except CleanError as exc:
        return [exc]


def clean_jsonl(text: str, options: CleanOptions) -> list[Result]:
    """Clean each non-empty line as a record; a failure is kept as that line's CleanError."""
    results: list[Result] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            results.append(clean_record(_parse_line(line), options))
        except CleanError as exc:
            results.append(CleanError(f"line {number}: {exc.message}"))
    return results


def clean_record(data: Any, options: CleanOptions) -> Article:
    """Clean one decoded record: its `html` through the HTML cleaner, else its `text`."""
    if not isinstance(data, dict):
        raise CleanError(f"a record must be a JSON object, not {type(data).__name__}")
    known = PageMeta(
        title=_field(data, "title"),
        source_url=_field(data, "url"),
        published=parse_iso(data.get("published")),
    )
    page_html, page_text = _string(data.get("html")), _string(data.get("text"))
    if page_html:
        return html.clean_html(page_html, options, known)
    if page_text:
        return clean_text(page_text, "text", known)
    raise CleanError("record has neither an `html` nor a `text` field with content")


def _parse_line(line: str) -> Any:
    try:
        return json.loads(line)
    except ValueError as exc:
        raise CleanError(f"malformed JSON: {exc}") from None


def _field(data: dict[str, Any], key: str) -> str | None:
    value = _string(data.get(key))
    if value is not None and len(value) > MAX_FIELD_CHARS:
        raise CleanError(f"`{key}` of {len(value)} characters, longer than any {key} (at most {MAX_FIELD_CHARS})")
    return value


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return normalise(value).strip() or None
