"""Named queries for running the service: document states, lost jobs, requeueing, status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, Text, cast, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.store.counts import Snapshot, snapshot
from ingest.store.jobs import LOCK_PREFIX, QUEUE, jobs
from ingest.store.jobs import status as job_status
from ingest.store.models import Document, any_of
from ingest.store.models import table as model_table

documents = model_table(Document)

# Documents still to be processed: new, or taken by a worker that may have died.
UNFINISHED = ("queued", "processing")


@dataclass(frozen=True)
class DocumentState:
    status: str
    error: str | None


# Asked every tick for every file in progress (a thousand during a burst): one array parameter,
# not a thousand bound values expanded into the statement text each time, and only the rows
# that changed something (finished documents), not a thousand unfinished ones each tick.
_FINISHED = select(documents.c.id, documents.c.status, documents.c.error).where(
    documents.c.id == any_of("ids", BigInteger), documents.c.status.not_in(UNFINISHED))


async def finished(conn: AsyncConnection, ids: Iterable[int]) -> dict[int, DocumentState]:
    """The documents among `ids` that are done or failed, with their state."""
    rows = await conn.execute(_FINISHED, {"ids": list(ids)})
    return {r.id: DocumentState(r.status, r.error) for r in rows}


async def hashes(conn: AsyncConnection, ids: Iterable[int]) -> dict[int, str]:
    """The SHA-256 of each document among `ids` that exists."""
    rows = await conn.execute(select(documents.c.id, documents.c.sha256).where(documents.c.id == any_of("ids", BigInteger)),
                              {"ids": list(ids)})
    return {r.id: r.sha256 for r in rows}


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
            (literal(LOCK_PREFIX) + cast(documents.c.id, Text)).not_in(live),
        )
        .order_by(documents.c.id)
    )
    return list((await conn.scalars(stmt)).all())


async def finished_but_running(conn: AsyncConnection, older_than_seconds: float) -> list[int]:
    """Jobs still marked running whose document was finished a while ago: their worker lost
    the database just as it ended them, so the mark stays, and it would block the document's
    next job (its lock) for ever."""
    stmt = (
        select(jobs.c.id)
        .join(documents, jobs.c.lock == literal(LOCK_PREFIX) + cast(documents.c.id, Text))
        .where(jobs.c.queue_name == QUEUE, job_status == "doing", documents.c.status.in_(("done", "failed")),
               documents.c.updated_at < func.now() - timedelta(seconds=older_than_seconds))
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


async def bytes_not_kept(conn: AsyncConnection, statuses: tuple[str, ...]) -> int:
    """How many documents in these states `requeue` leaves out: their bytes were over the size
    limit when received and never stored, so there is nothing to process again."""
    stmt = select(func.count()).where(documents.c.status.in_(statuses), documents.c.raw.is_(None))
    return (await conn.scalar(stmt)) or 0


@dataclass(frozen=True)
class Failure:
    id: int
    original_name: str
    error: str | None
    updated_at: datetime


@dataclass(frozen=True)
class Status:
    counts: Snapshot
    recent_failures: list[Failure]


async def status(conn: AsyncConnection, failures: int = 10) -> Status:
    """What the database holds, and the latest failures with their reasons."""
    recent = await conn.execute(
        select(documents.c.id, documents.c.original_name, documents.c.error, documents.c.updated_at)
        .where(documents.c.status == "failed").order_by(documents.c.updated_at.desc(), documents.c.id.desc())
        .limit(failures))
    return Status(await snapshot(conn), [Failure(*r) for r in recent])
