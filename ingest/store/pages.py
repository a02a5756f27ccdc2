"""Paged reads for the HTTP API: filtered article lists, story lists, one story, one document.

Pages are keyed on columns that never change once a row exists (articles: `story_time`,
`id`; stories: `id`), so a page boundary does not shift while new rows arrive. The
caller turns the key of a page's last row into an opaque cursor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import cast, func, select, tuple_
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.store.models import ArticleRow, Document, Story, table
from ingest.store.reads import listed_stories, shown_time, with_members

articles = table(ArticleRow)
documents = table(Document)
stories = table(Story)

Key = TypeVar("Key")
ArticleKey = tuple[datetime, int]

# `websearch_to_tsquery` reads each '-' before a word as NOT, skipping spaces and the operator
# characters !&|()< between them, and fails on more than 32 in a row ("tsquery stack too small").
_NOT_RUN = re.compile(r'(?<![^\s!&|()<"])-(?:[\s!&|()<]*-)+')


def _search_text(q: str) -> str:
    """`q` with each run of NOTs cut to one or two: two cancel out, so the query means the same
    (two, not none, keep a following `or` a word rather than the OR operator)."""
    return _NOT_RUN.sub(lambda run: "-" * (2 - run.group().count("-") % 2), q)


@dataclass(frozen=True)
class Page(Generic[Key]):
    """One page of rows, and the key to continue after it (None on the last page)."""

    items: list[dict[str, Any]]
    next_key: Key | None


@dataclass(frozen=True)
class ArticleFilter:
    """Conditions an article must meet; None means any. Times bound `story_time` (published, else arrival)."""

    q: str | None = None
    outlet: str | None = None
    story: int | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def articles_page(conn: AsyncConnection, where: ArticleFilter, limit: int, after: ArticleKey | None) -> Page[ArticleKey]:
    """Articles newest first (by published time, else arrival), `limit` of them after `after`.

    `q` goes through `websearch_to_tsquery` on the indexed `search` column: quotes, `or`
    and `-` work as on a web search engine, and no input is a syntax error.
    """
    a, d = articles, documents
    stmt = select(
        a.c.id, a.c.story_time, a.c.title, a.c.summary, a.c.authors, a.c.outlet, a.c.language,
        a.c.published, a.c.published_has_offset, a.c.source_url, a.c.word_count, a.c.story_id,
        a.c.duplicate_of, a.c.novelty, a.c.document_id, d.c.original_name.label("source_name"),
    ).join(d, d.c.id == a.c.document_id)
    if where.q is not None:
        stmt = stmt.where(a.c.search.bool_op("@@")(func.websearch_to_tsquery(cast("simple", REGCONFIG), _search_text(where.q))))
    for column, value in ((a.c.outlet, where.outlet), (a.c.story_id, where.story), (a.c.language, where.language)):
        if value is not None:
            stmt = stmt.where(column == value)
    if where.since is not None:
        stmt = stmt.where(a.c.story_time >= where.since)
    if where.until is not None:
        stmt = stmt.where(a.c.story_time < where.until)
    if after is not None:
        stmt = stmt.where(tuple_(a.c.story_time, a.c.id) < tuple_(*after))
    rows = list(await conn.execute(stmt.order_by(a.c.story_time.desc(), a.c.id.desc()).limit(limit + 1)))
    items = []
    for row in rows[:limit]:
        item = dict(row._mapping)
        del item["story_time"]
        item["published"] = shown_time(item["published"], item.pop("published_has_offset"))
        items.append(item)
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(items, (last.story_time, last.id) if last is not None else None)


async def stories_page(conn: AsyncConnection, since: datetime | None, limit: int, after: int | None) -> Page[int]:
    """Stories newest first (by id: order of creation), each with its articles in brief.

    `since` keeps stories whose latest article was published (else updated) at or after it.
    """
    stmt = listed_stories(since)
    if after is not None:
        stmt = stmt.where(stories.c.id < after)
    rows = list(await conn.execute(stmt.limit(limit + 1)))
    found = await with_members(conn, rows[:limit])
    return Page(found, found[-1]["id"] if len(rows) > limit else None)


async def story(conn: AsyncConnection, story_id: int) -> dict[str, Any] | None:
    """One story with all its articles in brief, or None (also for a story its articles all left)."""
    row = (await conn.execute(select(stories).where(stories.c.id == story_id, stories.c.article_count > 0))).one_or_none()
    if row is None:
        return None
    return (await with_members(conn, [row]))[0]


async def document(conn: AsyncConnection, document_id: int) -> dict[str, Any] | None:
    """A document's processing state and the ids of the articles made from it, or None."""
    d = documents
    row = (await conn.execute(
        select(d.c.id, d.c.original_name, d.c.media_type, d.c.size_bytes, d.c.status, d.c.error, d.c.attempts,
               d.c.times_received, d.c.received_at, d.c.updated_at).where(d.c.id == document_id)
    )).one_or_none()
    if row is None:
        return None
    record = dict(row._mapping)
    record["received_at"] = record["received_at"].isoformat()
    record["updated_at"] = record["updated_at"].isoformat()
    ids = await conn.execute(
        select(articles.c.id).where(articles.c.document_id == document_id).order_by(articles.c.record_index))
    record["article_ids"] = list(ids.scalars())
    return record
