"""HTML to article: trafilatura for the main text and metadata, then the line pass.

trafilatura finds the main content block; related-story lists, bylines and comment
counts still leak through it (trafilatura issues #584, #850), so its text goes
through the same line classifier as raw text. JSON-LD outranks trafilatura's
heuristic metadata; a JSON record's own fields outrank both.
"""

from __future__ import annotations

import trafilatura
from trafilatura.utils import load_html

from ingest.clean import jsonld
from ingest.clean.article import Article
from ingest.clean.dates import parse_iso
from ingest.clean.metadata import PageMeta
from ingest.clean.options import CleanOptions
from ingest.clean.rawtext import clean_text
from ingest.errors import CleanError


def clean_html(html: str, options: CleanOptions, known: PageMeta = PageMeta()) -> Article:
    """Clean one HTML page; `known` holds metadata stated outside the page (JSON record)."""
    tree = load_html(html)
    if tree is None or len(tree) == 0:
        raise CleanError("not parseable as HTML")
    structured = jsonld.from_tree(tree)
    extracted = trafilatura.bare_extraction(
        tree,
        url=known.source_url,
        with_metadata=True,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
        fast=not options.fallback,
    )
    if extracted is None or not (extracted.text or "").strip():
        raise CleanError("HTML page without article text (the extractor found no main content)")
    meta = known.over(structured).over(_trafilatura_meta(extracted))
    return clean_text(extracted.text, "html", meta, page_dump=False)


def _trafilatura_meta(doc: trafilatura.settings.Document) -> PageMeta:
    categories = doc.categories or []
    return PageMeta(
        title=doc.title or None,
        summary=doc.description or None,
        section=categories[0] if categories else None,
        authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
        outlet=doc.sitename or None,
        published=parse_iso(doc.date),
        source_url=doc.url or None,
    )


