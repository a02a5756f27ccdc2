"""Read-side named queries: export, story listings, one article in full.

Rows come back as plain dicts shaped for users: times without a stated offset are
shown as the page's wall-clock time (no offset), lists as lists.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.store.models import ArticleRow, Document, Story, table

articles = table(ArticleRow)
documents = table(Document)
stories = table(Story)


def shown_time(value: datetime | None, has_offset: bool | None) -> str | None:
    """A stored time as users read it: with its offset, or the page's wall-clock time when it gave none."""
    if value is None:
        return None
    return value.isoformat() if has_offset else value.astimezone(timezone.utc).replace(tzinfo=None).isoformat()


def _article_select() -> Select[Any]:
    a, d = articles, documents
    return select(
        a.c.id, d.c.original_name.label("source_name"), a.c.document_id, a.c.story_id, a.c.duplicate_of,
        a.c.title, a.c.summary, a.c.section, a.c.authors, a.c.outlet, a.c.language,
        a.c.published, a.c.published_has_offset, a.c.modified, a.c.modified_has_offset,
        a.c.source_url, a.c.word_count, a.c.novelty, a.c.novel_paragraphs, a.c.paragraphs,
    ).join(d, d.c.id == a.c.document_id)


def _shape(row: Any) -> dict[str, Any]:
    record = dict(row._mapping)
    record["published"] = shown_time(record["published"], record.pop("published_has_offset"))
    record["modified"] = shown_time(record["modified"], record.pop("modified_has_offset"))
    record["body"] = record.pop("paragraphs")
    return record


def export_fields() -> list[str]:
    """The keys of every `export_articles` record, in their order: a CSV header even with no rows."""
    names = [c.name for c in _article_select().selected_columns if not c.name.endswith("_has_offset")]
    return [name for name in names if name != "paragraphs"] + ["body"]


async def export_articles(conn: AsyncConnection) -> AsyncIterator[dict[str, Any]]:
    """Every stored article with its provenance, oldest first, streamed."""
    result = await conn.stream(_article_select().order_by(articles.c.id))
    async for row in result:
        yield _shape(row)


async def article(conn: AsyncConnection, article_id: int) -> dict[str, Any] | None:
    """One article with its removed lines, its story's other articles and its near-duplicates."""
    row = (await conn.execute(_article_select().add_columns(articles.c.removed)
                              .where(articles.c.id == article_id))).one_or_none()
    if row is None:
        return None
    record = _shape(row)
    brief = select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.duplicate_of)
    record["duplicates"] = [dict(r._mapping) for r in await conn.execute(
        brief.where(articles.c.duplicate_of == article_id).order_by(articles.c.id))]
    record["story"] = None
    if record["story_id"] is not None:
        story = (await conn.execute(select(stories).where(stories.c.id == record["story_id"]))).one()
        record["story"] = {**story_record(story), "articles": [dict(r._mapping) for r in await conn.execute(
            brief.where(articles.c.story_id == record["story_id"]).order_by(articles.c.story_time, articles.c.id))]}
    return record


def story_record(row: Any) -> dict[str, Any]:
    """A `stories` row with its times as ISO strings (publication times as their articles show them)."""
    record = dict(row._mapping)
    for name in ("first_published", "last_published"):
        record[name] = shown_time(record[name], record.pop(f"{name}_has_offset"))
    for name in ("created_at", "updated_at"):
        record[name] = record[name].isoformat()
    return record


async def story_members(conn: AsyncConnection, story_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each story's articles in brief, in story order (one query for any number of stories)."""
    members: dict[int, list[dict[str, Any]]] = {story_id: [] for story_id in story_ids}
    if not story_ids:
        return members
    brief = select(articles.c.id, articles.c.story_id, articles.c.title, articles.c.outlet,
                   articles.c.published, articles.c.published_has_offset, articles.c.duplicate_of, articles.c.novelty)
    for r in await conn.execute(brief.where(articles.c.story_id.in_(story_ids)).order_by(articles.c.story_time, articles.c.id)):
        item = dict(r._mapping)
        item["published"] = shown_time(item["published"], item.pop("published_has_offset"))
        members[item.pop("story_id")].append(item)
    return members


def listed_stories(since: datetime | None) -> Select[Any]:
    """Stories with articles, newest first by id (order of creation: `updated_at` moves with
    every recount), those whose latest article was published (else updated) at or after `since`.
    The one listing of `ingest stories`, `GET /stories` and the home page."""
    stmt = select(stories).where(stories.c.article_count > 0).order_by(stories.c.id.desc())
    if since is not None:
        stmt = stmt.where(func.coalesce(stories.c.last_published, stories.c.updated_at) >= since)
    return stmt


async def with_members(conn: AsyncConnection, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """`stories` rows as records, each with its articles in brief."""
    found = [story_record(r) for r in rows]
    members = await story_members(conn, [s["id"] for s in found])
    return [{**s, "articles": members[s["id"]]} for s in found]


async def list_stories(conn: AsyncConnection, since: datetime | None) -> list[dict[str, Any]]:
    """Every listed story (see `listed_stories`) with its articles."""
    return await with_members(conn, await conn.execute(listed_stories(since)))
