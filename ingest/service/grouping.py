"""Store a document's articles and link each to its original (if a near-duplicate) and its story.

One transaction: the articles' index keys are locked first (see `ingest.store.stories`),
so each decision sees every related article committed before it and none can race it,
while documents about unrelated events are stored in parallel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.clean import Article
from ingest.dedup.assign import (
    Prepared,
    Stored,
    best_story,
    follows,
    near_duplicates,
    novel_paragraphs,
    novelty,
)
from ingest.dedup.options import DedupOptions
from ingest.store import queries, stories

MAX_CHAIN_DEPTH = 4  # a copy of a copy of ...: each round mends one level


@dataclass(frozen=True)
class Grouped:
    """A document's stored articles, and the originals they copy or took over: to be checked for
    copies of copies once committed (`mend_chains`)."""

    article_ids: list[int]
    originals: list[int]


async def save_and_group(
    conn: AsyncConnection, document_id: int, cleaned: Sequence[tuple[int, Article, Prepared]], options: DedupOptions,
    note: str | None = None, replacing: bool = True,
) -> Grouped:
    """Replace the document's articles with `cleaned` and group them.

    A first processing (`replacing` False) writes its rows before taking the locks: no one sees
    them before the commit, and the locked part, which related documents queue behind, stays
    short. A re-processing deletes old rows other articles may link to as their original, so it
    locks first: a transaction that holds a shared key and links to such a row would otherwise
    wait for this one's delete while this one waits for its key.
    """
    keys = stories.lock_keys(
        [key for _, _, prepared in cleaned for key in prepared.band_keys],
        [term for _, _, prepared in cleaned for term in prepared.terms],
    )
    withdrawn = queries.Withdrawn({}, {})  # the replaced articles: their stories are recounted with the others
    if replacing:
        await stories.lock(conn, keys)
        withdrawn = await queries.withdraw_articles(conn, document_id)
    saved = await queries.save_articles(conn, document_id, cleaned, note=note, identities=withdrawn.identities)
    if not replacing:
        await stories.lock(conn, keys)
    story_ids, originals = list(withdrawn.stories), []
    for row, (index, article, prepared) in zip(saved, cleaned, strict=True):
        touched, linked = await _group(conn, row.id, (document_id, index), row.times, article, prepared, options,
                                       withdrawn.former_stories.get(index))
        story_ids += touched
        originals += linked
    await stories.refresh(conn, story_ids)
    return Grouped([row.id for row in saved], originals)


async def mend_chains(conn: AsyncConnection, originals: Sequence[int]) -> None:
    """Point the copies of a copy at its own original, in that one's story.

    A copy stored at the same moment as its original is taken over (`take_copies`), through a
    band key the two transactions do not share, misses the take-over and copies a copy. Both
    sides call this after their commit with the originals they linked to or took over: whichever
    commits second sees the other's commit. Rare, so it locks everything.
    """
    if not await stories.chains(conn, originals):
        return
    await stories.lock_everything(conn)
    touched: list[int] = []
    for _ in range(MAX_CHAIN_DEPTH):
        found = await stories.chains(conn, originals)  # again, under the lock
        if not found:
            break
        for chain in found:
            await stories.take_copies(conn, chain.root, chain.root_story, [chain.link])
            touched += [*chain.stories, chain.root_story]
        originals = [chain.root for chain in found]
    await stories.refresh(conn, touched)


async def mend_all_chains(conn: AsyncConnection) -> None:
    """`mend_chains` for every copy: for the chains whose documents' own checks never ran (the
    process died between a commit and its check, or the check failed)."""
    await mend_chains(conn, await stories.copied_copies(conn))


async def fail(conn: AsyncConnection, document_id: int, reason: str) -> None:
    """Mark the document failed. A failed document keeps no articles: those of an earlier
    processing (a re-processing the cleaner now rejects) leave their stories, which are
    recounted. Their index keys are not at hand, so this locks everything, as rare as it is."""
    if await queries.mark_failed(conn, document_id, reason):
        await stories.lock_everything(conn)
        await stories.refresh(conn, (await queries.withdraw_articles(conn, document_id)).stories)


async def _group(conn: AsyncConnection, article_id: int, order: tuple[int, int], when: stories.Times,
                 article: Article, prepared: Prepared, options: DedupOptions,
                 former_story: int | None) -> tuple[list[int], list[int]]:
    """Link the article to its original and story (if none matches, the story it was in before
    a re-processing when no article is left in it, else a new one), take over
    the near-duplicates received after it and the undated articles that match it better than
    their own story; return the stories touched, and the originals it copies or took over."""
    found = await stories.index_and_find_related(
        conn, article_id, prepared.band_keys, prepared.terms[: options.indexed_terms],
        prepared.terms[: options.query_terms], when, timedelta(hours=options.story_window_hours),
        options.story_candidates, options.min_shared_terms,
    )
    copying = near_duplicates(prepared, order, found.copies, options)
    related: list[Stored] = []
    if copying.match is not None:
        story_id = copying.match.story_id
    else:
        related = found.candidates
        story_id = best_story(prepared, related, options)[0]
    known = await stories.story_paragraphs(conn, story_id, article_id) if story_id else []
    novel = novel_paragraphs(article.body, known, options)
    story_id = await stories.link(
        conn, article_id, story_id=story_id, duplicate_of=copying.original,
        novel_paragraphs=novel, novelty=novelty(article.body, novel), former_story=former_story,
    )
    left = []
    if copying.taken:
        await stories.take_copies(conn, article_id, story_id, copying.taken)
        left = [c.story_id for c in found.copies if c.root in copying.taken and c.story_id is not None]
    linked = [copying.original] if copying.original is not None else copying.taken
    return [story_id, *left, *await _take_over_strays(conn, prepared, related, story_id, options)], linked


async def _take_over_strays(conn: AsyncConnection, prepared: Prepared, related: Sequence[Stored], story_id: int,
                            options: DedupOptions) -> list[int]:
    """Move undated candidates that match the article better than their own story; return their old stories."""
    left = []
    for stray in related:
        if stray.in_time or stray.story_id is None:
            continue
        if follows(prepared, stray, await stories.story_profiles(conn, stray.story_id, stray.id), options):
            await stories.move(conn, stray.id, story_id)
            left.append(stray.story_id)
    return left
