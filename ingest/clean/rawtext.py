"""Text to article: the line pass shared by raw-text files and extracted HTML text.

Raw text is a whole page dump (menus, teasers, headline and all), so it is
classified as one; text that trafilatura extracted from HTML is already the
article, its headline known from the metadata, so only patterns and runs apply.
"""

from __future__ import annotations

import re

import py3langid

from ingest.clean import metadata
from ingest.clean.article import Article, Removal
from ingest.clean.classify import classify
from ingest.clean.dates import DateStyle
from ingest.clean.lines import make_line, split_lines, stopwords
from ingest.clean.metadata import PageMeta
from ingest.clean.rules import BODY, SUMMARY, TITLE
from ingest.errors import CleanError

_KEPT = frozenset({BODY, TITLE, SUMMARY})
_MIN_LETTERS_FOR_LANGUAGE = 20
# That many letters, each followed by anything but a letter: found at the twentieth letter, where
# listing every letter of the sample to count them took fifty times as long.
_ENOUGH_LETTERS = re.compile(rf"(?:[^\W\d_][\W\d_]*){{{_MIN_LETTERS_FOR_LANGUAGE}}}")
# How much text py3langid reads, whose time grows with it. A whole page opens with menus and
# labels, often in the site's interface language: of trafilatura's 893 evaluation pages that
# declare a language, rendered whole, 864 guesses agree with it at 1,000 characters (as at
# 1,500), 861 at 600. The article text extracted from an HTML page needs less: 870 agree at
# 600 characters, 867 at 1,000.
PAGE_LANGUAGE_SAMPLE = 1000
ARTICLE_LANGUAGE_SAMPLE = 600
_NO_LANGUAGE = "zxx"  # ISO 639-2: no linguistic content
# Longer than any paragraph (the longest of the labelled sets is a few thousand): a minified
# dump or a corrupt file, whose cleaning would take minutes and whose text no index can hold.
MAX_LINE_CHARS = 100_000
# Six times the longest article of the extraction benchmark (53,000): more is a book, a log or a
# data dump, whose search vector would pass PostgreSQL's 1 MB tsvector limit and fail the insert.
MAX_TEXT_CHARS = 300_000
# An outlet is a name, not a sentence; a longer one (a stuffed og:site_name) is dropped, since
# outlets are indexed and an index row holds at most 2,704 bytes.
MAX_OUTLET_CHARS = 200


def detect_language(text: str, sample_chars: int = PAGE_LANGUAGE_SAMPLE) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None when there is too little text.

    A short sample that reads as no language at all (py3langid's `zxx`: code or markup that the
    extractor kept at the top) is read on as far as a whole page's."""
    sample = text[:sample_chars]
    if not _ENOUGH_LETTERS.search(sample):
        return None
    code, _score = py3langid.classify(sample)
    if code == _NO_LANGUAGE and sample_chars < PAGE_LANGUAGE_SAMPLE < len(text):
        return detect_language(text, PAGE_LANGUAGE_SAMPLE)
    return str(code)


def clean_text(text: str, kind: str, known: PageMeta = PageMeta(), *, page_dump: bool = True) -> Article:
    """Classify the lines of `text` and assemble the article; `known` metadata wins over the lines'."""
    longest = max(map(len, text.split("\n")))
    if longest > MAX_LINE_CHARS:
        raise CleanError(f"a line of {longest} characters, longer than any paragraph (at most {MAX_LINE_CHARS}): not article text")
    if len(text) > MAX_TEXT_CHARS:
        raise CleanError(f"{len(text)} characters of text, more than any article (at most {MAX_TEXT_CHARS}): not article text")
    raw_lines = split_lines(text)
    if not raw_lines:
        raise CleanError("no text: the file is empty or holds only whitespace")
    language = detect_language("\n".join(raw_lines), PAGE_LANGUAGE_SAMPLE if page_dump else ARTICLE_LANGUAGE_SAMPLE)
    stop = stopwords(language)
    date_style = DateStyle.of(language, raw_lines)
    lines = [make_line(r, stop) for r in raw_lines]
    page = classify(lines, date_style, page_dump=page_dump, known_title=known.title)
    if page_dump and BODY not in page.labels:  # no article block stood out: losing it all is the worst outcome,
        page = classify(lines, date_style, page_dump=False, known_title=known.title)  # so keep what no rule claims
    body = tuple(line.raw if line.bullet else line.text for line in page.of(BODY))  # lists keep their bullets
    if not body:
        raise CleanError("no article text: every line was classified as boilerplate")
    meta = known.over(metadata.from_lines(page, date_style))
    outlet = meta.outlet or metadata.domain(meta.source_url)
    return Article(
        kind=kind,
        body=body,
        title=meta.title,
        summary=meta.summary,
        section=meta.section,
        authors=meta.authors,
        outlet=outlet if outlet and len(outlet) <= MAX_OUTLET_CHARS else None,
        language=language,
        published=meta.published,
        modified=meta.modified,
        source_url=meta.source_url,
        removed=tuple(Removal(line.raw, lab) for line, lab in zip(page.lines, page.labels) if lab not in _KEPT),
    )
