"""Named queries for deduplication and stories.

Story assignment runs under one transaction-level advisory lock, so two workers
handling two articles of one event at the same moment see each other's article
and cannot split the event into two stories.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import and_, func, insert, literal_column, not_, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.dedup.assign import Stored
from ingest.store.models import ArticleBand, ArticleRow, Story

articles = ArticleRow.__table__
bands = ArticleBand.__table__
stories = Story.__table__

STORY_LOCK = zlib.crc32(b"ingest:stories")


async def lock(conn: AsyncConnection) -> None:
    await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STORY_LOCK})


async def save_bands(conn: AsyncConnection, article_id: int, keys: Sequence[int]) -> None:
    rows = [{"band_key": key, "article_id": article_id} for key in set(keys)]
    await conn.execute(pg_insert(bands).values(rows).on_conflict_do_nothing())


async def near_duplicate_candidates(conn: AsyncConnection, keys: Sequence[int], exclude_id: int) -> list[Stored]:
    """Earlier articles sharing at least one LSH band with these keys (index lookups only)."""
    matching = select(bands.c.article_id).where(bands.c.band_key.in_(list(keys)), bands.c.article_id != exclude_id)
    stmt = select(articles.c.id, articles.c.story_id, articles.c.duplicate_of, articles.c.minhash).where(
        articles.c.id.in_(matching.distinct())
    )
    return [Stored(r.id, r.story_id, r.duplicate_of, signature=r.minhash) for r in await conn.execute(stmt)]


async def story_candidates(
    conn: AsyncConnection, article_id: int, terms: Sequence[str], window: timedelta, limit: int
) -> list[Stored]:
    """Articles near in time that share telling words, best full-text matches first.

    Two dated articles must be published within the window of each other. When either
    has no date, arriving within the window of each other (or its arrival falling near
    the other's date) is enough: an undated page says nothing against being the same event.
    A dated article must also fall within the window of the candidate story's published
    span, so an undated article cannot bridge two dated events weeks apart.
    """
    if not terms:
        return []
    a = articles
    query = func.to_tsquery(literal_column("'simple'::regconfig"), " | ".join(terms))
    this = select(a.c.published, a.c.created_at, a.c.story_time).where(a.c.id == article_id).subquery()
    both_dated = and_(a.c.published.is_not(None), this.c.published.is_not(None))
    near_in_time = or_(
        and_(both_dated, a.c.published.between(this.c.published - window, this.c.published + window)),
        and_(
            not_(both_dated),
            or_(
                a.c.created_at.between(this.c.created_at - window, this.c.created_at + window),
                a.c.story_time.between(this.c.story_time - window, this.c.story_time + window),
            ),
        ),
    )
    st = stories
    story_in_time = or_(
        this.c.published.is_(None),
        st.c.first_published.is_(None),
        this.c.published.between(st.c.first_published - window, st.c.last_published + window),
    )
    stmt = (
        select(a.c.id, a.c.story_id, a.c.title, a.c.paragraphs, a.c.language)
        .select_from(a.join(this, literal_column("true")).join(st, st.c.id == a.c.story_id))
        .where(a.c.id != article_id, near_in_time, story_in_time, a.c.search.op("@@")(query))
        .order_by(func.ts_rank(a.c.search, query).desc())
        .limit(limit)
    )
    return [
        Stored(r.id, r.story_id, None, title=r.title, paragraphs=r.paragraphs, language=r.language)
        for r in await conn.execute(stmt)
    ]


async def story_paragraphs(conn: AsyncConnection, story_id: int, exclude_id: int) -> list[str]:
    stmt = select(func.unnest(articles.c.paragraphs)).where(
        articles.c.story_id == story_id, articles.c.id != exclude_id
    )
    return list((await conn.execute(stmt)).scalars())


async def new_story(conn: AsyncConnection) -> int:
    return (await conn.execute(insert(stories).returning(stories.c.id))).scalar_one()


async def link(
    conn: AsyncConnection, article_id: int, *, story_id: int, duplicate_of: int | None,
    novel_paragraphs: list[int], novelty: float,
) -> None:
    await conn.execute(
        update(articles).where(articles.c.id == article_id).values(
            story_id=story_id, duplicate_of=duplicate_of, novel_paragraphs=novel_paragraphs, novelty=novelty
        )
    )


async def refresh(conn: AsyncConnection, story_id: int) -> None:
    """Recompute a story's title, time span, article count and outlets from its articles."""
    a = articles
    members = a.c.story_id == story_id
    first_title = (
        select(a.c.title).where(members, a.c.title.is_not(None), a.c.duplicate_of.is_(None))
        .order_by(a.c.story_time, a.c.id).limit(1).scalar_subquery()
    )
    outlets = select(func.coalesce(func.array_agg(a.c.outlet.distinct()).filter(a.c.outlet.is_not(None)),
                                   literal_column("'{}'::text[]"))).where(members).scalar_subquery()
    await conn.execute(
        update(stories).where(stories.c.id == story_id).values(
            title=first_title,
            first_published=select(func.min(a.c.published)).where(members).scalar_subquery(),
            last_published=select(func.max(a.c.published)).where(members).scalar_subquery(),
            article_count=select(func.count()).where(members).scalar_subquery(),
            outlets=outlets,
            updated_at=func.now(),
        )
    )
