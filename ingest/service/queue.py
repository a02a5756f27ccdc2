"""The durable job queue: procrastinate on the service's own PostgreSQL.

One job per document, named by the document id. The job's lock (one running job per
document) and queueing lock (one waiting job per document) make a document queued twice,
by a retry, a recovery sweep or two watchers, processed once at a time; the work itself
is idempotent (a document's articles are replaced, never appended).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import psycopg
import psycopg_pool
from procrastinate import App, PsycopgConnector, RetryStrategy
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException
from procrastinate.job_context import JobContext

from ingest.errors import DatabaseUnavailable, first_line
from ingest.store.database import redact
from ingest.store.jobs import QUEUE
from ingest.store.jobs import lock as job_lock

log = logging.getLogger(__name__)

TASK = "ingest.process_document"
# Jobs do not fail on their own: cleaning errors are recorded on the document and database
# outages are waited out inside the job. This backstop retries a job that failed while
# recording a failure, with backoff, 2 s up to about 17 minutes apart.
RETRY = RetryStrategy(max_attempts=10, exponential_wait=2)
DEFER_BATCH = 10_000  # jobs to a statement: bounds the memory a whole-corpus `ingest reprocess` takes


def libpq_url(url: str) -> str:
    """procrastinate's pool takes a libpq URL, without SQLAlchemy's driver suffix."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _pool(**settings: Any) -> psycopg_pool.AsyncConnectionPool:
    """procrastinate's pool without its check before each use (a round trip per queue
    operation): a dropped connection fails its statement instead, which stops the worker
    until the database answers again (see `ingest.service.worker`) or leaves the file to a
    later try (`defer`), the same path a check's failure would take."""
    return psycopg_pool.AsyncConnectionPool(**{**settings, "check": None})


async def _autocommit(conn: psycopg.AsyncConnection) -> None:
    """Each of procrastinate's queries is one statement (a function call): BEGIN and COMMIT
    around it would make it three round trips."""
    await conn.set_autocommit(True)


class Queue:
    """Defers document jobs; with a handler, also runs them (see `ingest.service.worker`)."""

    def __init__(self, url: str, handler: Callable[[int], Awaitable[None]] | None = None, pool_size: int = 4,
                 on_new_worker: Callable[[set[int]], None] | None = None) -> None:
        self.url = url
        self.app = App(connector=PsycopgConnector(conninfo=libpq_url(url), min_size=1, max_size=pool_size,
                                                  configure=_autocommit, pool_factory=_pool))
        self.worker_ids: set[int] = set()  # this process's procrastinate workers, known from their jobs
        if handler is not None:
            async def process_document(context: JobContext, document_id: int) -> None:
                worker_id = context.job.worker_id
                if worker_id is not None and worker_id not in self.worker_ids:
                    self.worker_ids.add(worker_id)
                    if on_new_worker is not None:
                        on_new_worker(self.worker_ids)
                await handler(document_id)

            self.app.task(name=TASK, queue=QUEUE, retry=RETRY, pass_context=True)(process_document)

    @asynccontextmanager
    async def open(self) -> AsyncIterator[Queue]:
        async with self.app.open_async():
            yield self

    def hand_back_now(self, timeout_seconds: int = 2) -> None:
        """At an exit that cannot wait for the running jobs: unregister this process's workers,
        which leaves their jobs with no worker, stalled at once, so the next sweep of any worker
        queues their documents again without waiting out the heartbeat timeout. Best effort and
        bounded: blocking, on a connection of its own (the pool belongs to the event loop)."""
        if not self.worker_ids:
            return
        try:
            with psycopg.connect(libpq_url(self.url), autocommit=True, connect_timeout=timeout_seconds,
                                 options=f"-c statement_timeout={timeout_seconds * 1000}") as conn:
                for worker_id in sorted(self.worker_ids):
                    conn.execute("SELECT procrastinate_unregister_worker_v1(%s)", (worker_id,))
        except psycopg.Error as exc:
            log.warning("could not hand back the running jobs (they are retried once found stalled): %s",
                        first_line(exc))

    async def defer(self, document_ids: Sequence[int]) -> list[int]:
        """Queue the documents' jobs, `DEFER_BATCH` to a statement, and return the ids queued: all
        of them, less any whose job is already waiting (the same document queued again). A
        database error is `DatabaseUnavailable`: the caller keeps the files and retries, or leaves
        the documents to the workers' sweep."""
        queued: list[int] = []
        for start in range(0, len(document_ids), DEFER_BATCH):
            queued += await self._defer(document_ids[start:start + DEFER_BATCH])
        return queued

    async def _defer(self, document_ids: Sequence[int]) -> list[int]:
        """One statement; one refused for holding a document already waiting is halved until the
        document is found: a few statements for a whole-corpus `ingest reprocess`, not one each."""
        if not document_ids:
            return []
        jobs = [self.app.configure_task(TASK, queue=QUEUE, lock=job_lock(i), queueing_lock=job_lock(i))
                .make_new_job(document_id=i) for i in document_ids]
        try:
            await self.app.job_manager.batch_defer_jobs_async(jobs=jobs)
        except AlreadyEnqueued:
            if len(document_ids) == 1:
                return []
            half = len(document_ids) // 2
            return [*await self._defer(document_ids[:half]), *await self._defer(document_ids[half:])]
        except (ConnectorException, psycopg.Error) as exc:
            raise DatabaseUnavailable(
                f"cannot queue {len(document_ids)} document(s) at {redact(self.url)}: {exc}") from exc
        return list(document_ids)
