"""Entry point of the cleaner: decide the kind of input and run the matching cleaner.

The extension is a hint, the content decides: HTML saved as `.txt` is cleaned as
HTML, gzip is recognised by its magic bytes, JSON records by their shape.
"""

from __future__ import annotations

import re

from ingest.clean import html, records
from ingest.clean.article import Article
from ingest.clean.decode import GZIP_MAGIC, canonical, decode, gunzip
from ingest.clean.options import CleanOptions
from ingest.clean.rawtext import clean_text
from ingest.errors import CleanError

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_TAG = re.compile(r"<(?:p|div|article|br|span|a\s+href|h[1-6])\b[^>]*>", re.I)
# XML that is not XHTML (feeds, sitemaps, entity-expansion bombs): refused unparsed, so never expanded.
_XML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<(?!html\b|!doctype\s+html\b)|(?:<!--.*?-->\s*)*<!doctype\s+(?!html\b))",
    re.I | re.S,
)


def clean(data: bytes, name: str, options: CleanOptions = CleanOptions()) -> list[Article]:
    """Clean one file's bytes into its articles (a `.jsonl` file may hold many).

    Raises CleanError with a message for the user when nothing can be made of the
    file. Bad lines of a `.jsonl` are skipped here; `clean_records` reports them.
    """
    results = clean_records(data, name, options)
    good = [r for r in results if isinstance(r, Article)]
    if good:
        return good
    raise records.summary_error([r for r in results if isinstance(r, CleanError)])


def clean_records(data: bytes, name: str, options: CleanOptions = CleanOptions()) -> list[records.Result]:
    """One result per record (per line of a `.jsonl`, else one), each an Article or its CleanError.

    Raises CleanError only when the file as a whole is unusable (too big, empty, binary).
    """
    kind, text = sniff(data, name, options)
    if kind == "jsonl":
        return records.clean_jsonl(text, options)
    if kind == "json":
        return records.clean_json(text, options)
    try:
        if kind == "html":
            return [html.clean_html(text, options)]
        return [clean_text(text, "text")]
    except CleanError as exc:
        return [exc]


def sniff(data: bytes, name: str, options: CleanOptions) -> tuple[str, str]:
    """The kind of input ("text", "html", "json", "jsonl") and its decoded text."""
    if len(data) > options.max_bytes:
        raise CleanError(f"file is {len(data)} bytes, over the limit of {options.max_bytes} (INGEST_MAX_BYTES)")
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, options.max_bytes)
    if not data.strip():
        raise CleanError("empty file: it holds no bytes or only whitespace")
    text = decode(data)
    if not text.strip():
        raise CleanError("empty file: it holds only whitespace")
    kind = _kind(text, name.lower().removesuffix(".gz"))
    # A page's markup is most of its bytes: the HTML cleaner puts what it reads from it in canonical form.
    return kind, text if kind == "html" else canonical(text)


def _kind(text: str, lower_name: str) -> str:
    if lower_name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    head = text[:4096]
    if _XML_START.match(head):
        raise CleanError("an XML document, not an HTML page: ingest reads text, HTML and JSON records")
    if lower_name.endswith(".json") or (head.lstrip().startswith("{") and records.starts_with_record(text)):
        return "json"
    tags = len(_HTML_TAG.findall(head))
    if _HTML_START.match(head) or tags >= 3 or (lower_name.endswith(_HTML_SUFFIXES) and tags):
        return "html"
    return "text"
