"""Named queries for running the service: document states, the queue's depth, requeueing.

procrastinate owns its tables; they are read here (never written) so that `ingest status`
and the recovery sweep see the queue and the documents in one consistent picture.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Text, cast, column, func, literal, select, table, update
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.store.models import Document
from ingest.store.models import table as model_table

documents = model_table(Document)
jobs = table("procrastinate_jobs", column("status"), column("queue_name"), column("lock"))
job_status = cast(jobs.c.status, Text)  # an enum of procrastinate's: compared as text

QUEUE = "documents"
# Documents still to be processed: new, or taken by a worker that may have died.
UNFINISHED = ("queued", "processing")


def job_lock(document_id: int) -> str:
    """The job lock of a document: procrastinate never runs two jobs with one lock at once."""
    return f"document:{document_id}"


@dataclass(frozen=True)
class DocumentState:
    status: str
    error: str | None


async def states(conn: AsyncConnection, ids: Iterable[int]) -> dict[int, DocumentState]:
    rows = await conn.execute(
        select(documents.c.id, documents.c.status, documents.c.error).where(documents.c.id.in_(list(ids)))
    )
    return {r.id: DocumentState(r.status, r.error) for r in rows}


async def orphans(conn: AsyncConnection, older_than_seconds: float) -> list[int]:
    """Unfinished documents with no job waiting or running: their job was never queued
    (a crash between commit and defer) or was lost. The age keeps the sweep away from
    documents whose job is being queued right now."""
    live = select(jobs.c.lock).where(jobs.c.queue_name == QUEUE, job_status.in_(("todo", "doing")))
    stmt = (
        select(documents.c.id)
        .where(
            documents.c.status.in_(UNFINISHED), documents.c.raw.is_not(None),
            documents.c.updated_at < func.now() - timedelta(seconds=older_than_seconds),
            (literal("document:") + cast(documents.c.id, Text)).not_in(live),
        )
        .order_by(documents.c.id)
    )
    return list((await conn.scalars(stmt)).all())


async def requeue(conn: AsyncConnection, statuses: tuple[str, ...]) -> list[int]:
    """Mark stored documents in these states as queued again (their bytes are kept)."""
    stmt = (
        update(documents)
        .where(documents.c.status.in_(statuses), documents.c.raw.is_not(None))
        .values(status="queued", updated_at=func.now())
        .returning(documents.c.id)
    )
    return sorted((await conn.scalars(stmt)).all())


@dataclass(frozen=True)
class Failure:
    id: int
    original_name: str
    error: str | None
    updated_at: datetime


@dataclass(frozen=True)
class Status:
    documents: dict[str, int]
    jobs: dict[str, int]
    recent_failures: list[Failure]


async def status(conn: AsyncConnection, failures: int = 10) -> Status:
    """Documents by status, the queue by job status, and the latest failures."""
    by_status = dict((await conn.execute(
        select(documents.c.status, func.count()).group_by(documents.c.status))).tuples().all())
    queue = dict((await conn.execute(
        select(job_status, func.count()).where(jobs.c.queue_name == QUEUE).group_by(job_status))).tuples().all())
    recent = await conn.execute(
        select(documents.c.id, documents.c.original_name, documents.c.error, documents.c.updated_at)
        .where(documents.c.status == "failed").order_by(documents.c.updated_at.desc(), documents.c.id.desc())
        .limit(failures))
    return Status(by_status, queue, [Failure(*r) for r in recent])
