"""HTML to article: trafilatura for the main text and metadata, then the line pass.

trafilatura finds the main content block; related-story lists, bylines and comment
counts still leak through it (trafilatura issues #584, #850), so its text goes
through the same line classifier as raw text. JSON-LD outranks trafilatura's
heuristic metadata; a JSON record's own fields outrank both.
"""

from __future__ import annotations

import trafilatura
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document
from trafilatura.utils import line_processing, load_html

from ingest.clean import jsonld
from ingest.clean.article import Article
from ingest.clean.dates import parse_iso
from ingest.clean.decode import canonical
from ingest.clean.metadata import PageMeta
from ingest.clean.options import CleanOptions
from ingest.clean.rawtext import clean_text
from ingest.errors import CleanError

# Elements trafilatura's cleaning deletes with their text before its extractor runs (`MANUALLY_CLEANED`).
# Form controls, frames and images too, all deleted (images stripped) there as we extract no images;
# not <noscript>, whose text readability counts in its choice of the main block.
_NEVER_EXTRACTED = ("aside", "footer", "nav", "svg", "button", "iframe", "img", "input", "label", "option", "picture",
                    "select", "source", "textarea")
_PARSER_MAX_DEPTH = 255  # libxml2's HTML parser gives up on deeper elements (and on all that follows)
# trafilatura keeps a category link only when its href holds "/category/" (or "/categories/"...).
_CATEGORY_LINK = XPath("boolean(//a[contains(@href, '/categor')])")
# Its fallback when no link qualifies: the page's section and subject meta tags.
_SECTION_META = XPath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]/@content')


def clean_html(html: str, options: CleanOptions, known: PageMeta = PageMeta()) -> Article:
    """Clean one HTML page; `known` holds metadata stated outside the page (JSON record).

    The page need not be in canonical form (NFC, `\\n` line ends): what is read from it is put in
    that form, sparing a pass over its markup, which is most of its bytes."""
    tree = load_html(html)
    if tree is None or len(tree) == 0:
        raise CleanError("not parseable as HTML")
    stated = known.over(jsonld.from_tree(tree))
    meta = stated.over(_trafilatura_meta(_page_tags(tree, stated, known.source_url))).canonical()
    extracted = trafilatura.bare_extraction(
        _without_code(tree),
        url=meta.source_url,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
        fast=not options.fallback,
    )
    if extracted is None or not (extracted.text or "").strip():
        if tree.xpath(f"boolean(//*[count(ancestor::*) >= {_PARSER_MAX_DEPTH - 1}])"):
            raise CleanError(f"HTML nested more than {_PARSER_MAX_DEPTH} elements deep: the parser stops there, before the text")
        raise CleanError("HTML page without article text (the extractor found no main content)")
    return clean_text(canonical(extracted.text), "html", meta, page_dump=False)


def _without_code(tree: HtmlElement) -> HtmlElement:
    """The tree without its scripts, styles, head and the page parts trafilatura never extracts,
    once the metadata has been read from them.

    Scripts and styles are code, never article text; the head holds metadata, and asides, footers,
    navigation, SVG drawings, images, frames and form controls are deleted by trafilatura's
    cleaning before its extractor runs. It drops them only after copying the whole tree and
    matching its XPaths over them several times: on the benchmark pages they are half the
    elements (the head's meta and link tags alone a seventh), and dropping them first takes a
    third off trafilatura's time (2.05 s -> 1.38 s over the 181 pages).
    Readability, which trafilatura runs for comparison, was the one step that still saw them with
    favor_precision (it counts them against a block): without the form controls and images it
    chose otherwise on 4 of the 1,171 benchmark and evaluation pages, keeping two lead paragraphs
    and dropping a print-dialog notice and a photo credit. Without navigation, trafilatura's
    baseline rescue and the page measure of its recall retry (balanced mode) also counted less.
    <noscript> stays: readability counts its text. JSON-LD stays, and the parts holding it:
    trafilatura reads it to tell forum threads from articles.
    """
    head = tree.find("head")
    for element in [] if head is None else list(head):
        if not _is_jsonld(element):
            element.drop_tree()
    for element in list(tree.iter("script", "style", *_NEVER_EXTRACTED)):
        if element.tag in _NEVER_EXTRACTED:
            if not any(map(_is_jsonld, element.iter("script"))):
                element.drop_tree()  # its tail, text between tags, stays
        elif not _is_jsonld(element):
            element.drop_tree()
    return tree


def _is_jsonld(element: HtmlElement) -> bool:
    return element.tag == "script" and (element.get("type") or "").strip().lower() == "application/ld+json"


def _page_tags(tree: HtmlElement, stated: PageMeta, url: str | None) -> Document:
    """What `trafilatura.extract_metadata` finds, its costly searches run only for fields still open.

    The author search copies the whole tree, htmldate and the category search walk it;
    `extract_metadata` runs them all, even for fields that JSON-LD already stated.
    """
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:  # a login or handle, as trafilatura judges it
        doc.author = None
    if not (stated.title and stated.authors and stated.outlet):
        doc = extract_meta_json(tree, doc)  # reads more JSON-LD shapes than `jsonld` does (authors, publishers)
    if not (stated.title or doc.title):
        doc.title = extract_title(tree)
    if not (stated.authors or doc.author):
        doc.author = extract_author(tree)
    doc.url = doc.url or extract_url(tree, url)
    if not stated.published:
        doc.date = find_date(tree, url=doc.url, original_date=True, extensive_search=True)
    doc.sitename = (doc.sitename or extract_sitename(tree) or "").lstrip("@") or None
    if doc.sitename and "." not in doc.sitename and not doc.sitename[0].isupper():
        doc.sitename = doc.sitename.title()
    elif not doc.sitename and doc.url and (site := META_URL.match(doc.url)):
        doc.sitename = site[1]
    if not (stated.section or doc.categories):
        doc.categories = _categories(tree)
    doc.clean_and_trim()
    return doc


def _categories(tree: HtmlElement) -> list[str]:
    """What `extract_catstags("category", tree)` finds, its link search run only on pages with a
    link it could keep: that search tries a regex on the class of every div of the page, and
    three pages in four (129 of the 181 benchmark pages) have no such link."""
    if _CATEGORY_LINK(tree):
        return extract_catstags("category", tree)
    return [c for c in dict.fromkeys(line_processing(x) for x in _SECTION_META(tree) if x) if c]


def _trafilatura_meta(doc: Document) -> PageMeta:
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
