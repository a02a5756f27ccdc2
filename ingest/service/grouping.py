"""Link a freshly stored article to its original (if a near-duplicate) and its story.

Runs inside the transaction that stored the article, after `stories.lock`, so that
the decision sees every article committed before it and none can race it.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.clean import Article
from ingest.dedup.assign import Prepared, best_story, near_duplicate, novel_paragraphs, novelty
from ingest.dedup.options import DedupOptions
from ingest.store import stories


async def group(conn: AsyncConnection, article_id: int, article: Article, prepared: Prepared, options: DedupOptions) -> None:
    await stories.save_bands(conn, article_id, prepared.band_keys)
    when = await stories.times(conn, article_id)
    await stories.index_terms(conn, article_id, prepared.terms[: options.indexed_terms], when)
    near = await stories.near_duplicate_candidates(conn, prepared.band_keys, article_id)
    original = near_duplicate(prepared, near, options)
    if original is not None:
        duplicate_of, story_id = original.duplicate_of or original.id, original.story_id
    else:
        related = await stories.story_candidates(
            conn, article_id, when, prepared.terms[: options.query_terms], timedelta(hours=options.story_window_hours),
            options.story_candidates, options.min_shared_terms,
        )
        duplicate_of, story_id = None, best_story(prepared, related, options)[0]
    known = await stories.story_paragraphs(conn, story_id, article_id) if story_id else []
    if story_id is None:
        story_id = await stories.new_story(conn)
    novel = novel_paragraphs(article.body, known, options)
    await stories.link(
        conn, article_id, story_id=story_id, duplicate_of=duplicate_of,
        novel_paragraphs=novel, novelty=novelty(article.body, novel),
    )
    await stories.refresh(conn, story_id)
