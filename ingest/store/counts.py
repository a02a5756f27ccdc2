"""Counts for monitoring: documents by status, queued jobs by status, stored totals.

Read at scrape time from PostgreSQL rather than counted in memory, so every process
(and every host) running workers is reflected, and a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from procrastinate.jobs import Status
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.store.jobs import QUEUE, STALLED_SECONDS, jobs, workers
from ingest.store.jobs import status as job_status
from ingest.store.models import DOCUMENT_STATUSES, ArticleRow, Document, Story
from ingest.store.models import table as model_table

documents = model_table(Document)
articles = model_table(ArticleRow)
stories = model_table(Story)


@dataclass(frozen=True)
class Snapshot:
    """What the database holds now."""

    documents: dict[str, int]
    jobs: dict[str, int]
    workers: int  # worker processes alive on every host: none means queued documents wait
    articles: int
    stories: int


async def ping(conn: AsyncConnection) -> None:
    """A round trip to the server (readiness)."""
    await conn.execute(text("SELECT 1"))


async def snapshot(conn: AsyncConnection) -> Snapshot:
    """Every known status is present, at 0 when no row has it, so alerts and rates see a series from the start."""
    by_status = select(documents.c.status, func.count()).group_by(documents.c.status)
    queued = select(job_status, func.count()).where(jobs.c.queue_name == QUEUE).group_by(job_status)
    return Snapshot(
        documents=dict.fromkeys(DOCUMENT_STATUSES, 0) | {status: n for status, n in await conn.execute(by_status)},
        jobs=dict.fromkeys((s.value for s in Status), 0) | {str(status): n for status, n in await conn.execute(queued)},
        workers=(await conn.execute(select(func.count()).where(
            workers.c.last_heartbeat > func.now() - timedelta(seconds=STALLED_SECONDS)))).scalar_one(),
        articles=(await conn.execute(select(func.count()).select_from(articles))).scalar_one(),
        stories=(await conn.execute(select(func.count()).where(stories.c.article_count > 0))).scalar_one(),
    )
