"""The read-only page at `/`: recent stories and their articles, for users who do not write SQL.

Plain server-rendered HTML with no script; every stored value is escaped (titles and
outlets come from crawled pages and may hold markup), and the response forbids
scripts outright through its Content-Security-Policy.
"""

from __future__ import annotations

from html import escape
from typing import Any

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .2rem; }
.meta, .article .outlet { color: #666; font-size: .9rem; } ul { margin: .3rem 0; padding-left: 1.2rem; }
.duplicate { color: #888; }
"""


def _article(item: dict[str, Any]) -> str:
    title = escape(item["title"] or "(untitled)")
    outlet = escape(item["outlet"] or "unknown outlet")
    published = f", {escape(item['published'])}" if item["published"] else ""
    copy = ' <span class="duplicate">(near-duplicate)</span>' if item["duplicate_of"] is not None else ""
    return (f'<li class="article"><a href="/articles/{int(item["id"])}">{title}</a> '
            f'<span class="outlet">{outlet}{published}</span>{copy}</li>')


def _story(story: dict[str, Any]) -> str:
    count = int(story["article_count"])
    outlets = ", ".join(escape(o) for o in story["outlets"])
    return (f'<section class="story"><h2><a href="/stories/{int(story["id"])}">{escape(story["title"] or "(untitled)")}'
            f'</a></h2><div class="meta">{count} article{"s" if count != 1 else ""}: {outlets}</div>'
            f'<ul>{"".join(_article(a) for a in story["articles"])}</ul></section>')


def render(stories: list[dict[str, Any]], older_url: str | None) -> str:
    """The page for one page of stories (as `GET /stories` returns them), linking to the next one."""
    body = "".join(_story(s) for s in stories) or "<p>No stories yet.</p>"
    older = f'<p><a href="{escape(older_url)}">Older stories</a></p>' if older_url else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ingest: recent stories</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_STYLE}</style></head>'
            f"<body><h1>Recent stories</h1>{body}{older}</body></html>")
