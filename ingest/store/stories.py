"""Named queries for deduplication and stories, and the locks that keep assignment consistent.

Locking: a document's transaction first takes transaction-scoped advisory locks on a
hash of each of its articles' index keys (LSH band keys and story terms), in sorted
order, so lock waits can never form a cycle. Two articles that could be each other's
candidate necessarily share a key: a near-duplicate is found through an equal band key,
a story candidate through a term in the finder's query terms and the other's indexed
terms, and both sets are locked. So the later of the two waits until the earlier has
committed, and its queries (each statement takes a fresh snapshot under READ COMMITTED)
see the earlier article: one event cannot be split into two stories by a race, while
unrelated articles share no key and run in parallel (a hash collision only costs a wait).
Articles that join an existing story without sharing a key update its aggregates under
the story's row lock, taken last, in id order, so each recount sees every committed member.
An undated article taken over by a later dated one (`assign.follows`) was found through a
key both lock; an article reaching it through another key may still see its old story, and
is itself moved by the next dated article it matches better. Likewise an original that becomes
the copy of one received before it (`take_copies`) takes its copies along; a copy of it stored
at the same moment through a band key the two do not share misses that, and is mended once both
have committed (`ingest.service.grouping.mend_chains`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ColumnElement,
    CompoundSelect,
    DateTime,
    Insert,
    Integer,
    Interval,
    Select,
    SmallInteger,
    Text,
    and_,
    bindparam,
    exists,
    false,
    func,
    insert,
    null,
    or_,
    select,
    text,
    true,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.dedup.assign import Stored
from ingest.dedup.profile import Profile, from_json
from ingest.store.models import ArticleBand, ArticleRow, Story, StoryTerm, any_of, table

articles = table(ArticleRow)
bands = table(ArticleBand)
stories = table(Story)
story_terms = table(StoryTerm)


def lock_keys(band_keys: Iterable[int], terms: Iterable[str]) -> list[int]:
    """Advisory lock keys for an article's index keys, sorted: the order every transaction locks in."""
    keys = {_key(b"band", key.to_bytes(8, "little", signed=True)) for key in band_keys}
    keys |= {_key(b"term", term.encode()) for term in terms}
    return sorted(keys)


def _key(kind: bytes, value: bytes) -> int:
    digest = hashlib.blake2b(value, digest_size=8, person=b"ingest:" + kind).digest()
    return int.from_bytes(digest, "little", signed=True)


# Every transaction first takes this key, shared; one with more keys than MAX_KEY_LOCKS (a
# .jsonl of many records) takes it alone instead, exclusive. PostgreSQL's lock table holds
# max_locks_per_transaction (64 by default) per connection for all sessions together, and
# one article has about 50 keys.
EVERYTHING = _key(b"all", b"")
MAX_KEY_LOCKS = 256

_LOCK = text("""
    SELECT count(CASE WHEN k.n = 1 THEN pg_advisory_xact_lock_shared(k.key) ELSE pg_advisory_xact_lock(k.key) END)
      FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY AS k (key, n)
""")


async def lock(conn: AsyncConnection, keys: Sequence[int]) -> None:
    """Take the advisory locks one by one, in the order given (sorted: see `lock_keys`)."""
    if len(keys) > MAX_KEY_LOCKS:
        await lock_everything(conn)
    else:
        await conn.execute(_LOCK, {"keys": [EVERYTHING, *keys]})


async def lock_everything(conn: AsyncConnection) -> None:
    """Wait for every other document's transaction to end, and keep new ones waiting: for work
    whose keys are too many, or unknown (withdrawing the articles of a document that failed)."""
    await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVERYTHING})


class Clock(IntEnum):
    """Which time a term index row is filed under (`story_terms.clock`)."""

    PUBLISHED = 0  # a dated article, by its publication day
    ARRIVED = 1  # a dated article, by its arrival day: only undated articles look here
    UNDATED = 2  # an undated article, by its arrival day


@dataclass(frozen=True)
class Times:
    """When an article happened (published, else arrival) and when it arrived."""

    published: datetime | None
    created_at: datetime
    story_time: datetime

    def index_days(self) -> list[tuple[Clock, int]]:
        """Where its terms are filed: a dated article by both days, so undated ones arriving
        alongside can find it without dated articles searching every arrival of the day."""
        if self.published is None:
            return [(Clock.UNDATED, _epoch_day(self.created_at))]
        return [(Clock.PUBLISHED, _epoch_day(self.published)), (Clock.ARRIVED, _epoch_day(self.created_at))]

    def lookup_days(self, window: timedelta) -> list[tuple[Clock, int, int]]:
        """Where its candidates are filed (clock, first day, last day): dated articles near its
        date, and undated ones arriving near its date or its arrival. An undated article
        looks at everything that arrived near its own arrival, and at what was published then."""
        def span(clock: Clock, moment: datetime) -> tuple[Clock, int, int]:
            return clock, _epoch_day(moment - window), _epoch_day(moment + window)

        if self.published is None:
            return [span(clock, self.created_at) for clock in Clock]
        return [span(Clock.PUBLISHED, self.published), span(Clock.UNDATED, self.published),
                span(Clock.UNDATED, self.created_at)]


def _epoch_day(moment: datetime) -> int:
    return int(moment.timestamp() // 86400)


# The statements below run for every article stored: they are built once, with bind parameters
# (building one costs about as much Python time as running it; a built one keeps its compiled form).
# Arrays travel as parameters, so a statement's text never changes and the driver prepares it.
def _index() -> tuple[Insert, Insert]:
    """Filing an article's band keys, and its terms under each of its (clock, day) cells."""
    band_keys = func.unnest(bindparam("bands", type_=ARRAY(BigInteger())))
    save_bands = insert(bands).from_select(
        ["band_key", "article_id"], select(band_keys, bindparam("article_id", type_=BigInteger)).distinct())
    term = func.unnest(bindparam("terms", type_=ARRAY(Text()))).table_valued("term").render_derived("t")
    cell = func.unnest(bindparam("clocks", type_=ARRAY(SmallInteger())),
                       bindparam("days", type_=ARRAY(Integer()))).table_valued("clock", "day").render_derived("d")
    save_terms = insert(story_terms).from_select(
        ["term", "clock", "day", "article_id"],
        select(term.c.term, cell.c.clock, cell.c.day, bindparam("article_id"))
        .select_from(term.join(cell, true())).distinct())
    return save_bands, save_terms


def _copies() -> Select[Any]:
    """Articles sharing at least one LSH band with the new one: its near-duplicate candidates,
    with where their original was received (see `assign.near_duplicates`)."""
    a, root = articles, articles.alias("root")
    sharing = select(bands.c.article_id).where(bands.c.band_key == any_of("bands", BigInteger),
                                               bands.c.article_id != bindparam("article_id"))
    return (
        select(true().label("copy"), a.c.id, a.c.story_id, a.c.duplicate_of, a.c.minhash,
               null().label("profile"), true().label("in_time"),
               func.coalesce(root.c.document_id, a.c.document_id).label("root_document"),
               func.coalesce(root.c.record_index, a.c.record_index).label("root_record"))
        .select_from(a.outerjoin(root, root.c.id == a.c.duplicate_of))
        .where(a.c.id.in_(sharing))
    )


def _candidates(dated: bool) -> Select[Any]:
    """Story candidates of a dated or an undated article (see `index_and_find_related`)."""
    a, t, st = articles, story_terms, stories
    filed = or_(*[and_(t.c.clock == bindparam(f"clock{i}", type_=SmallInteger),
                       t.c.day.between(bindparam(f"first{i}"), bindparam(f"last{i}"))) for i in range(3)])
    hits = (
        select(t.c.article_id, func.count().label("shared"))
        .where(t.c.term == any_of("query_terms", Text), filed, t.c.article_id != bindparam("article_id"))
        .group_by(t.c.article_id)
        .having(func.count() >= bindparam("min_shared"))
        .order_by(func.count().desc(), t.c.article_id.desc())
        .limit(bindparam("hits"))
        .subquery()
    )
    in_time = _story_in_time() if dated else true()
    best = (
        select(a.c.id, a.c.story_id, a.c.duplicate_of, a.c.profile, in_time.label("in_time"))
        .select_from(hits.join(a, a.c.id == hits.c.article_id).join(st, st.c.id == a.c.story_id))
        .where(_near_in_time(dated), or_(in_time, a.c.published.is_(None)))
        .order_by(hits.c.shared.desc(), a.c.id.desc())
        .limit(bindparam("limit"))
        .subquery()
    )
    return select(false().label("copy"), best.c.id, best.c.story_id, best.c.duplicate_of,
                  null().label("minhash"), best.c.profile, best.c.in_time,
                  null().label("root_document"), null().label("root_record"))


def _near_in_time(dated: bool) -> ColumnElement[bool]:
    a = articles
    arrived_near = or_(
        a.c.created_at.between(bindparam("arrived_from", type_=DateTime(timezone=True)), bindparam("arrived_to")),
        a.c.story_time.between(bindparam("story_from", type_=DateTime(timezone=True)), bindparam("story_to")),
    )
    if not dated:
        return arrived_near
    return or_(
        a.c.published.between(bindparam("published_from", type_=DateTime(timezone=True)), bindparam("published_to")),
        and_(a.c.published.is_(None), arrived_near),
    )


def _story_in_time() -> ColumnElement[bool]:
    st, window = stories, bindparam("window", type_=Interval())
    return or_(st.c.first_published.is_(None), bindparam("published", type_=DateTime(timezone=True)).between(
        st.c.last_published - window, st.c.first_published + window))


def _index_and_find_related(dated: bool) -> CompoundSelect:
    save_bands, save_terms = _index()
    return union_all(_copies(), _candidates(dated)).add_cte(save_bands.cte("save_bands")).add_cte(
        save_terms.cte("save_terms"))


_INDEX_AND_FIND_RELATED = {dated: _index_and_find_related(dated) for dated in (True, False)}


@dataclass(frozen=True)
class Related:
    """What a new article is compared with: near-duplicate candidates (with their signatures)
    and story candidates (with their profiles)."""

    copies: list[Stored]
    candidates: list[Stored]


async def index_and_find_related(
    conn: AsyncConnection, article_id: int, band_keys: Sequence[int], indexed_terms: Sequence[str],
    query_terms: Sequence[str], me: Times, window: timedelta, limit: int, min_shared: int,
) -> Related:
    """File a new article's band keys and terms, and find the earlier articles it may copy or
    share a story with, in one round trip of the locked part of its transaction. The searches
    see the tables as the statement found them, without the rows it files: they are the
    article's own, which it excludes anyway. The story candidates are wasted on a near-duplicate
    (it joins its original's story), which costs the database less than another round trip.

    Story candidates are articles near in time that share telling words, those sharing most first.
    Two dated articles must be published within the window of each other. When either
    has no date, arriving within the window of each other (or its arrival falling near
    the other's date) is enough: an undated page says nothing against being the same event.
    A dated article must also fall within the window of every dated article of the candidate
    story, so a story spans at most the window: an undated article cannot bridge two dated
    events weeks apart, and follow-ups a day or two apart cannot chain into the next event
    on the same subject.
    Undated articles in stories outside that window come back marked not `in_time`: they
    joined on arrival time alone and may follow this article instead (`assign.follows`).
    The term lookups are index range scans over the window's days, so their cost
    follows the feed rate, not the corpus size.
    """
    days = me.index_days()
    params: dict[str, object] = {
        "article_id": article_id, "bands": list(band_keys), "terms": list(indexed_terms),
        "clocks": [int(clock) for clock, _ in days], "days": [day for _, day in days],
        "query_terms": list(query_terms), "min_shared": min_shared, "hits": limit * 4, "limit": limit,
        "arrived_from": me.created_at - window, "arrived_to": me.created_at + window,
        "story_from": me.story_time - window, "story_to": me.story_time + window,
    }
    for i, (clock, first, last) in enumerate(me.lookup_days(window)):
        params.update({f"clock{i}": int(clock), f"first{i}": first, f"last{i}": last})
    if me.published is not None:
        params.update(published=me.published, window=window,
                      published_from=me.published - window, published_to=me.published + window)
    rows = (await conn.execute(_INDEX_AND_FIND_RELATED[me.published is not None], params)).all()
    return Related(
        [Stored(r.id, r.story_id, r.duplicate_of, signature=r.minhash, root_order=(r.root_document, r.root_record))
         for r in rows if r.copy],
        [Stored(r.id, r.story_id, r.duplicate_of, profile=from_json(r.profile), in_time=r.in_time)
         for r in rows if not r.copy and r.profile],
    )


_STORY_PARAGRAPHS = select(func.unnest(articles.c.paragraphs)).where(
    articles.c.story_id == bindparam("story_id"), articles.c.id != bindparam("exclude_id"))
_STORY_PROFILES = select(articles.c.profile).where(
    articles.c.story_id == bindparam("story_id"), articles.c.id != bindparam("exclude_id"),
    articles.c.profile.is_not(None))
_MOVE = update(articles).where(
    or_(articles.c.id == bindparam("article_id"), articles.c.duplicate_of == bindparam("article_id"))
).values(story_id=bindparam("to_story"))
# The SET values come from the parameters: story_id (or a new story's), duplicate_of, novel_paragraphs, novelty.
_LINK = update(articles).where(articles.c.id == bindparam("article_id"))
_NEW_STORY = insert(stories).returning(stories.c.id).cte("new_story")
_LINK_TO_NEW_STORY = _LINK.values(story_id=select(_NEW_STORY.c.id).scalar_subquery()).returning(articles.c.story_id)
_MEMBER = articles.alias("member")
_LINK_TO_FORMER_STORY = _LINK.where(
    exists().where(stories.c.id == bindparam("former_story")),
    ~exists().where(_MEMBER.c.story_id == bindparam("former_story")),
).values(story_id=bindparam("former_story")).returning(articles.c.story_id)


async def story_paragraphs(conn: AsyncConnection, story_id: int, exclude_id: int) -> list[str]:
    return list((await conn.execute(_STORY_PARAGRAPHS, {"story_id": story_id, "exclude_id": exclude_id})).scalars())


async def story_profiles(conn: AsyncConnection, story_id: int, exclude_id: int) -> list[Profile]:
    rows = await conn.execute(_STORY_PROFILES, {"story_id": story_id, "exclude_id": exclude_id})
    return [from_json(profile) for profile in rows.scalars()]


_TAKE_COPIES = update(articles).where(
    or_(articles.c.id == any_of("originals", BigInteger), articles.c.duplicate_of == any_of("originals", BigInteger))
).values(duplicate_of=bindparam("original"), story_id=bindparam("to_story"))


async def take_copies(conn: AsyncConnection, original: int, story_id: int, originals: Sequence[int]) -> None:
    """Make `originals`, and their copies, copies of `original`, in its story."""
    await conn.execute(_TAKE_COPIES, {"original": original, "to_story": story_id, "originals": list(originals)})


@dataclass(frozen=True)
class Chain:
    """A copy (`link`) that has copies of its own: they are to copy its `root`, in `root_story`."""

    link: int
    root: int
    root_story: int
    stories: list[int]  # where the link's copies are now


_COPY = articles.alias("copy")
_ROOT = articles.alias("root")
_CHAINS = (
    select(articles.c.id, articles.c.duplicate_of, _ROOT.c.story_id,
           select(func.array_agg(_COPY.c.story_id)).where(_COPY.c.duplicate_of == articles.c.id).scalar_subquery())
    .join(_ROOT, _ROOT.c.id == articles.c.duplicate_of)
    .where(articles.c.id == any_of("ids", BigInteger), _ROOT.c.story_id.is_not(None),
           exists().where(_COPY.c.duplicate_of == articles.c.id))
)


# Every copy that has copies of its own, through the index of copies: what is left when a
# document's own check after its commit never ran (see `ingest.service.grouping.mend_chains`).
_COPIED_COPIES = (
    select(_COPY.c.duplicate_of).distinct()
    .join(articles, articles.c.id == _COPY.c.duplicate_of)
    .where(_COPY.c.duplicate_of.is_not(None), articles.c.duplicate_of.is_not(None))
)


async def copied_copies(conn: AsyncConnection) -> list[int]:
    """All the copies with copies of their own."""
    return list((await conn.scalars(_COPIED_COPIES)).all())


async def chains(conn: AsyncConnection, ids: Sequence[int]) -> list[Chain]:
    """The articles among `ids` that are copies with copies of their own."""
    rows = await conn.execute(_CHAINS, {"ids": list(ids)})
    return [Chain(link, root, story, [s for s in copy_stories if s is not None]) for link, root, story, copy_stories in rows]


async def move(conn: AsyncConnection, article_id: int, story_id: int) -> None:
    """Move an article, and the near-duplicates that point at it, to another story."""
    await conn.execute(_MOVE, {"article_id": article_id, "to_story": story_id})


async def link(
    conn: AsyncConnection, article_id: int, *, story_id: int | None, duplicate_of: int | None,
    novel_paragraphs: list[int], novelty: float, former_story: int | None = None,
) -> int:
    """Put the article in its story; with none (`story_id` None), back in the `former_story` a
    re-processed article left if no article is left in it (links to the story outlive the
    re-processing, and it is not left behind empty), else in a new one (made in the same
    statement: one round trip less in the locked part). Return the story's id."""
    values = {"article_id": article_id, "duplicate_of": duplicate_of,
              "novel_paragraphs": novel_paragraphs, "novelty": novelty}
    if story_id is None and former_story is not None:
        taken_back = await conn.scalar(_LINK_TO_FORMER_STORY, {**values, "former_story": former_story})
        if taken_back is not None:
            return taken_back
    if story_id is None:
        return (await conn.execute(_LINK_TO_NEW_STORY, values)).scalar_one()
    await conn.execute(_LINK, {**values, "story_id": story_id})
    return story_id


# One pass over each story's articles, through the story_id index. Separate min() and max()
# subqueries let the planner walk the whole published index instead, looking for the first
# row of the story: a cost that grew with the corpus (2 ms a document at 2,000 articles).
# An aggregate always returns a row, so a story left without articles is counted as empty.
_RECOUNT = text("""
    UPDATE stories AS s
       SET (title, first_published, last_published, first_published_has_offset, last_published_has_offset,
            article_count, outlets) = (
               SELECT (array_agg(a.title ORDER BY a.story_time, a.id)
                         FILTER (WHERE a.title IS NOT NULL AND a.duplicate_of IS NULL))[1],
                      min(a.published), max(a.published),
                      (array_agg(a.published_has_offset ORDER BY a.published, a.id)
                         FILTER (WHERE a.published IS NOT NULL))[1],
                      (array_agg(a.published_has_offset ORDER BY a.published DESC, a.id)
                         FILTER (WHERE a.published IS NOT NULL))[1],
                      count(*),
                      coalesce(array_agg(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL), '{}')
                 FROM articles AS a
                WHERE a.story_id = s.id),
           updated_at = now()
     WHERE s.id = ANY(CAST(:ids AS bigint[]))
""")


_LOCK_STORIES = (select(stories.c.id).where(stories.c.id == any_of("ids", BigInteger))
                 .order_by(stories.c.id).with_for_update(key_share=True))


async def refresh(conn: AsyncConnection, story_ids: Iterable[int]) -> None:
    """Recompute the stories' title, time span, article count and outlets from their articles.

    Their rows are locked first, in id order (no deadlock between documents touching several
    stories); the recount is a later statement, so it sees every member committed by a
    transaction that held the lock before.
    """
    ids = {"ids": sorted(set(story_ids))}
    await conn.execute(_LOCK_STORIES, ids)
    await conn.execute(_RECOUNT, ids)
