"""Named queries for deduplication and stories.

Story assignment runs under one transaction-level advisory lock, so two workers
handling two articles of one event at the same moment see each other's article
and cannot split the event into two stories.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, false, func, insert, literal, literal_column, not_, or_, select, text, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.dedup.assign import Stored
from ingest.dedup.profile import from_json
from ingest.store.models import ArticleBand, ArticleRow, Story, StoryTerm, table

articles = table(ArticleRow)
bands = table(ArticleBand)
stories = table(Story)
story_terms = table(StoryTerm)

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


@dataclass(frozen=True)
class Times:
    """When an article happened (published, else arrival) and when it arrived."""

    published: datetime | None
    created_at: datetime
    story_time: datetime

    @property
    def index_days(self) -> set[int]:
        """The day it happened, and (when dated) the day it arrived, so undated articles
        arriving alongside it can find it too."""
        return {_epoch_day(self.story_time)} | ({_epoch_day(self.created_at)} if self.published else set())


def _epoch_day(moment: datetime) -> int:
    return int(moment.timestamp() // 86400)


async def times(conn: AsyncConnection, article_id: int) -> Times:
    a = articles
    row = (await conn.execute(select(a.c.published, a.c.created_at, a.c.story_time).where(a.c.id == article_id))).one()
    return Times(row.published, row.created_at, row.story_time)


async def index_terms(conn: AsyncConnection, article_id: int, terms: Sequence[str], when: Times) -> None:
    rows = [{"term": term, "day": day, "article_id": article_id} for term in set(terms) for day in when.index_days]
    if rows:
        await conn.execute(pg_insert(story_terms).values(rows).on_conflict_do_nothing())


async def story_candidates(
    conn: AsyncConnection, article_id: int, me: Times, terms: Sequence[str], window: timedelta, limit: int,
    min_shared: int,
) -> list[Stored]:
    """Articles near in time that share telling words, those sharing most first.

    Two dated articles must be published within the window of each other. When either
    has no date, arriving within the window of each other (or its arrival falling near
    the other's date) is enough: an undated page says nothing against being the same event.
    A dated article must also fall within the window of the candidate story's published
    span, so an undated article cannot bridge two dated events weeks apart.
    """
    if not terms:
        return []
    a, t, st = articles, story_terms, stories
    around = [me.story_time] + ([me.created_at] if me.published is not None else [])
    days = or_(*[t.c.day.between(_epoch_day(x - window), _epoch_day(x + window)) for x in around])
    hits = (
        select(t.c.article_id, func.count().label("shared"))
        .where(t.c.term.in_(list(terms)), days, t.c.article_id != article_id)
        .group_by(t.c.article_id)
        .having(func.count() >= min_shared)
        .order_by(func.count().desc(), t.c.article_id.desc())
        .limit(limit * 4)
        .subquery()
    )
    both_dated = a.c.published.is_not(None) if me.published is not None else false()
    near_in_time = or_(
        and_(both_dated, a.c.published.between(me.published - window, me.published + window))
        if me.published is not None else false(),
        and_(
            not_(both_dated),
            or_(
                a.c.created_at.between(me.created_at - window, me.created_at + window),
                a.c.story_time.between(me.story_time - window, me.story_time + window),
            ),
        ),
    )
    story_in_time = (
        or_(st.c.first_published.is_(None),
            literal(me.published).between(st.c.first_published - window, st.c.last_published + window))
        if me.published is not None else true()
    )
    stmt = (
        select(a.c.id, a.c.story_id, a.c.profile)
        .select_from(hits.join(a, a.c.id == hits.c.article_id).join(st, st.c.id == a.c.story_id))
        .where(near_in_time, story_in_time)
        .order_by(hits.c.shared.desc(), a.c.id.desc())
        .limit(limit)
    )
    return [Stored(r.id, r.story_id, None, profile=from_json(r.profile)) for r in await conn.execute(stmt) if r.profile]


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
