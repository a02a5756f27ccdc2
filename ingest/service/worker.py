"""Workers: run document jobs from the queue, recover lost ones, outlive database outages.

Any number of workers, in any number of processes on any number of hosts, share one
queue. Three things bring back work a dead or cut-off worker held:
- procrastinate's heartbeats: a job whose worker stopped beating is stalled and retried;
- the orphan sweep: a document still unfinished with no job waiting or running (its job
  was aborted at shutdown, failed while the database was away, or never queued because
  the process died between the commit and the queueing) is queued again;
- a database outage stops the procrastinate worker; it is started again, with backoff,
  until the database is back. Files are safe meanwhile: their bytes are committed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import psycopg
from procrastinate.exceptions import ConnectorException
from procrastinate.jobs import Status

from ingest.errors import DatabaseUnavailable, described, first_line
from ingest.service.grouping import fail, mend_all_chains
from ingest.service.liveness import WorkerLocks
from ingest.service.process import Outcome, Pipeline, process_document
from ingest.service.queue import Queue
from ingest.store import jobs, operations
from ingest.store.database import Database

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
SWEEP_SECONDS = 10.0
# Older than the commit-to-queue gap of a live process. (Queueing a document twice is harmless
# anyway: the queueing lock keeps one job waiting, and a job finding its document done skips it.)
ORPHAN_AGE_SECONDS = 10.0
# Every copy is checked for copies of its own this often, and at start: chains are rare, and
# each document checks its own after its commit (see `ingest.service.grouping.mend_chains`).
CHAIN_CHECK_SECONDS = 3600.0
BACKOFF_SECONDS = (1.0, 2.0, 5.0, 10.0)  # capped low: the service is back within 10 s of the database
OUTAGE = (ConnectorException, psycopg.Error, DatabaseUnavailable, OSError)

Observer = Callable[[float, str], None]


class Worker:
    """Runs `concurrency` jobs at once until `stop` is set, then finishes them (bounded by
    `grace_seconds`; unfinished ones are aborted and queued again by the next sweep)."""

    def __init__(self, db: Database, pipeline: Pipeline, *, concurrency: int, grace_seconds: float,
                 observe: Observer | None = None, locks: WorkerLocks | None = None) -> None:
        self.db, self.pipeline = db, pipeline
        self.concurrency, self.grace_seconds = concurrency, grace_seconds
        self.observe, self.locks = observe, locks
        self.chains_checked_at: float | None = None
        self.queue = Queue(db.url, handler=self.handle, pool_size=concurrency + 2,
                           on_new_worker=locks.record if locks is not None else None)

    async def handle(self, document_id: int) -> None:
        started = time.perf_counter()
        try:
            outcome = await self._process_until_stored(document_id)
        except Exception as exc:  # a storage bug: record it on the document rather than retry forever
            log.exception("storing failed", extra={"document_id": document_id})
            async with self.db.transaction() as conn:
                await fail(conn, document_id, f"internal error while storing ({described(exc)})")
            outcome = None
        status = "failed" if outcome is None else outcome.status
        if self.observe is not None and status != "skipped":
            self.observe(time.perf_counter() - started, status)
        log.info("processed: %s", status, extra={"document_id": document_id})

    async def _process_until_stored(self, document_id: int) -> Outcome:
        """Process the document, waiting out a database outage inside the job (processing is
        idempotent): a job that failed while the database was away could not be marked for
        retry, and would stay 'doing' under a live worker, its document never finished."""
        attempt = 0
        while True:
            try:
                # Articles lost to a crash of the database server are redone: the document is
                # left claimed with no job, and the orphan sweep queues it again.
                return await process_document(self.db, document_id, self.pipeline, wait_for_disk=False)
            except DatabaseUnavailable as exc:
                delay = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
                attempt += 1
                log.warning("waiting %.0f s for the database: %s", delay, exc, extra={"document_id": document_id})
                await asyncio.sleep(delay)

    async def run(self, stop: asyncio.Event) -> None:
        if self.locks is not None:
            self.locks.hold()
        try:
            await self._run(stop)
        finally:
            if self.locks is not None:
                self.locks.release()

    async def _run(self, stop: asyncio.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                async with self.queue.open():
                    failures = 0
                    await self._work(stop)
            except OUTAGE as exc:
                delay = BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)]
                failures += 1
                log.warning("worker waiting %.0f s for the database: %s", delay, first_line(exc))
                try:
                    await asyncio.wait_for(stop.wait(), delay)
                except TimeoutError:
                    pass

    async def _work(self, stop: asyncio.Event) -> None:
        worker = asyncio.create_task(self.queue.app.run_worker_async(
            queues=[jobs.QUEUE], concurrency=self.concurrency, install_signal_handlers=False,
            delete_jobs="successful", shutdown_graceful_timeout=self.grace_seconds,
            update_heartbeat_interval=HEARTBEAT_SECONDS, stalled_worker_timeout=jobs.STALLED_SECONDS,
            name="ingest-worker"))
        sweeper = asyncio.create_task(self._sweep_forever())
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({worker, sweeper, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sweeper, stopping, worker):
                task.cancel()
            await asyncio.gather(sweeper, stopping, return_exceptions=True)
            try:
                await worker
            except asyncio.CancelledError:
                pass
        for task in (worker, sweeper):
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]

    async def _sweep_forever(self) -> None:
        while True:
            try:
                await self.sweep()
            except OUTAGE:
                raise  # the worker is restarted once the database is back
            except Exception:  # a bug here must not stop the jobs: log it, sweep again later
                log.exception("recovery sweep failed")
            await asyncio.sleep(SWEEP_SECONDS)

    async def sweep(self) -> None:
        """Queue again the documents of dead workers' jobs and those that lost their job; at
        start and every `CHAIN_CHECK_SECONDS`, mend the copies of copies no document's check did.

        A dead worker's job is closed as aborted rather than retried: a restarted watcher may
        already have queued the document anew, and a retried job would then collide with it
        on the queueing lock and block it on the job lock. Queueing afresh is one path for both.
        """
        manager = self.queue.app.job_manager
        await self._hand_back_dead_on_this_host()
        stalled = []  # their documents are queued now: no job of theirs is being queued at this moment
        for job in await manager.get_stalled_jobs(queue=jobs.QUEUE, seconds_since_heartbeat=jobs.STALLED_SECONDS):
            document_id = job.task_kwargs.get("document_id")
            log.warning("job %s belonged to a worker that stopped", job.id, extra={"document_id": document_id})
            await manager.finish_job(job, status=Status.ABORTED, delete_job=False)
            if isinstance(document_id, int):
                stalled.append(document_id)
        async with self.db.transaction() as conn:
            lost = await operations.orphans(conn, ORPHAN_AGE_SECONDS)
            zombies = await operations.finished_but_running(conn, ORPHAN_AGE_SECONDS)
        for job_id in zombies:
            await manager.finish_job_by_id_async(job_id, status=Status.SUCCEEDED, delete_job=True)
        for document_id in await self.queue.defer(sorted({*stalled, *lost})):
            log.info("queued again: its job was lost", extra={"document_id": document_id})
        if self.chains_checked_at is None or time.monotonic() - self.chains_checked_at >= CHAIN_CHECK_SECONDS:
            self.chains_checked_at = time.monotonic()
            async with self.db.transaction() as conn:
                await mend_all_chains(conn)

    async def _hand_back_dead_on_this_host(self) -> None:
        """Unregister the workers of this host's dead processes: their jobs are stalled at once,
        for this sweep to queue again, without waiting out their heartbeats."""
        if self.locks is None:
            return
        for dead in self.locks.dead():
            for worker_id in dead.worker_ids:
                await self.queue.app.job_manager.unregister_worker(worker_id)
            if dead.worker_ids:
                log.warning("a process on this host stopped without handing back its jobs (workers %s): "
                            "they are queued again", ", ".join(map(str, dead.worker_ids)))
            self.locks.forget(dead)
