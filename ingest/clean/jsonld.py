"""Schema.org JSON-LD (`NewsArticle` and kin): the page's own statement of its metadata.

Structured data beats heuristics: `datePublished` carries the time and offset the
publisher meant, `author` and `publisher` are names, not guesses. Read from the
lxml tree the HTML cleaner parses anyway, so the page is parsed once.
"""

from __future__ import annotations

import json
from typing import Any

from lxml.html import HtmlElement

from ingest.clean.dates import parse_iso
from ingest.clean.metadata import PageMeta

_ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle",
})
_MAX_SCRIPT_CHARS = 1_000_000


def from_tree(tree: HtmlElement) -> PageMeta:
    """Metadata of the first article object in the page's JSON-LD scripts, or an empty PageMeta."""
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "")[:_MAX_SCRIPT_CHARS]
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        article = _find_article(data)
        if article is not None:
            return _meta(article)
    return PageMeta()


def _find_article(data: Any) -> dict[str, Any] | None:
    """Depth-first search through lists and `@graph` for an article-typed object."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(t in _ARTICLE_TYPES for t in types if isinstance(t, str)):
                return node
            if "@graph" in node:
                stack.append(node["@graph"])
    return None


def _meta(article: dict[str, Any]) -> PageMeta:
    section = article.get("articleSection")
    return PageMeta(
        title=_text(article.get("headline")),
        section=_text(section[0] if isinstance(section, list) and section else section),
        authors=tuple(_names(article.get("author"))),
        outlet=next(iter(_names(article.get("publisher"))), None),
        published=parse_iso(article.get("datePublished")),
        modified=parse_iso(article.get("dateModified")),
        source_url=_url(article),
    )


def _names(value: Any) -> list[str]:
    """Names from a string, a Person/Organization object, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item.get("name") if isinstance(item, dict) else item) for item in items]
    return [n for n in dict.fromkeys(names) if n]


def _url(article: dict[str, Any]) -> str | None:
    page = article.get("mainEntityOfPage")
    candidates = [article.get("url"), page.get("@id") if isinstance(page, dict) else page]
    return next((c for c in candidates if isinstance(c, str) and c.startswith("http")), None)


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
