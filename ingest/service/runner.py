"""Wiring the service's parts: `ingest run` (watcher, workers, API), `ingest worker`, `ingest watch`.

No business rules here: this module builds the parts from the settings, starts the ones
asked for, and stops them in an order that loses nothing on SIGTERM: stop taking files,
let in-flight documents finish, archive the files whose documents finished, exit 0.
"""

from __future__ import annotations

import asyncio
import errno
import itertools
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from ingest.clean import CleanOptions
from ingest.config import Settings
from ingest.dedup.options import DedupOptions
from ingest.errors import ConfigError, DatabaseUnavailable
from ingest.service.api import make_app, start
from ingest.service.cpu import CpuPool
from ingest.service.inbox import DEFAULT_IGNORED, Archive, probe_moves
from ingest.service.intake import Intake
from ingest.service.liveness import WorkerLocks
from ingest.service.metrics import Metrics
from ingest.service.process import Pipeline
from ingest.service.queue import Queue
from ingest.service.watcher import Watcher
from ingest.service.worker import BACKOFF_SECONDS, Worker
from ingest.store import schema
from ingest.store.database import Database, redact, resolve_url

log = logging.getLogger(__name__)


def pipeline_for(settings: Settings, pool: CpuPool | None = None) -> Pipeline:
    dedup = DedupOptions(near_duplicate_threshold=settings.near_duplicate_threshold,
                         story_threshold=settings.story_threshold, story_window_hours=settings.story_window_hours)
    return Pipeline(CleanOptions(max_bytes=settings.max_bytes), dedup, pool)


@dataclass(frozen=True)
class Parts:
    watch: bool
    work: bool
    api: bool


def stop_on_signals(before_exit: list[Callable[[], None]]) -> asyncio.Event:
    """SIGTERM/SIGINT: stop taking work and finish what is in hand. A second one exits at once,
    after `before_exit` (bounded, best effort); nothing is lost: files leave the inbox only when
    processed, and unfinished jobs are retried."""
    stop = asyncio.Event()

    def on_signal() -> None:
        if stop.is_set():
            for hook in before_exit:
                hook()
            os._exit(130)
        log.info("stopping: finishing the documents in hand (signal again to exit at once)")
        stop.set()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal)
    return stop


async def _migrated_url(settings: Settings, stop: asyncio.Event) -> str | None:
    """Wait for the database (a service outlives outages, including one at start), then migrate it."""
    for attempt in itertools.count():
        try:
            url = await asyncio.to_thread(resolve_url, settings)
            await asyncio.to_thread(schema.upgrade, url)
            return url
        except DatabaseUnavailable as exc:
            delay = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
            log.warning("waiting %.0f s for the database: %s", delay, exc)
            try:
                await asyncio.wait_for(stop.wait(), delay)
                return None
            except TimeoutError:
                pass
    return None


def _usable_folders(settings: Settings) -> tuple[Path, Path]:
    """The inbox and the archive root, made if need be, once files are known to move from one
    to the other: a layout where they cannot is refused at start, not met on the first file."""
    inbox, archive_root = settings.inbox_dir.resolve(), settings.archive_root.resolve()
    if archive_root == inbox or inbox in archive_root.parents:
        raise ConfigError(f"the archive folder {archive_root} is inside the inbox {inbox}",
                          hint="set INGEST_ARCHIVE_DIR outside INGEST_INBOX")
    user = f"the user the service runs as (uid {os.getuid()})"
    for name, folder in (("inbox", inbox), ("archive folder", archive_root)):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise ConfigError(f"the {name} {folder} is a file, not a folder") from None
        except OSError as exc:
            raise ConfigError(f"cannot make the {name} {folder}: {exc.strerror}",
                              hint=f"create it, writable for {user}") from None
    try:
        probe_moves(inbox, archive_root)
    except OSError as exc:
        if exc.errno == errno.EXDEV:
            raise ConfigError(
                f"the archive folder {archive_root} is on another file system than the inbox {inbox}: files leave "
                "the inbox by a rename, which cannot cross file systems",
                hint="put INGEST_ARCHIVE_DIR on the same file system (in Docker, the same mount) as INGEST_INBOX",
            ) from None
        raise ConfigError(f"cannot move files from the inbox {inbox} to the archive folder {archive_root}: "
                          f"{exc.strerror}", hint=f"make both writable for {user}") from None
    return inbox, archive_root


def _watcher(settings: Settings, intake: Intake, inbox: Path, archive_root: Path) -> Watcher:
    return Watcher(
        intake, inbox, Archive(archive_root), stable_seconds=settings.stable_seconds,
        rescan_seconds=settings.rescan_seconds, force_polling=settings.force_polling,
        ignored=DEFAULT_IGNORED + settings.ignore_patterns, delete_processed=settings.delete_processed,
    )


async def _serve_api(settings: Settings, db: Database, intake: Intake, metrics: Metrics) -> web.AppRunner:
    try:
        return await start(make_app(settings, db, intake.bytes, metrics), settings)
    except OSError as exc:
        raise ConfigError(f"cannot serve the HTTP API on {settings.api_host}:{settings.api_port}: {exc.strerror or exc}",
                          hint="set INGEST_API_HOST / INGEST_API_PORT") from None


async def serve(settings: Settings, parts: Parts, pool: CpuPool | None) -> int:
    """Run the parts asked for; `pool` (for the workers) is the caller's, made before its imports."""
    before_exit: list[Callable[[], None]] = []
    stop = stop_on_signals(before_exit)
    folders = _usable_folders(settings) if parts.watch else None
    url = await _migrated_url(settings, stop)
    if url is None:
        return 0
    db = Database(url, pool_size=settings.concurrency + 2)
    metrics = Metrics()
    try:
        if pool is not None:
            await pool.ready()
        queue = Queue(url)
        async with queue.open():
            intake = Intake(db, queue, settings.max_bytes)
            watcher = _watcher(settings, intake, *folders) if folders else None
            api = await _serve_api(settings, db, intake, metrics) if parts.api else None
            running = [asyncio.create_task(stop.wait())]
            if parts.work:
                worker = Worker(db, pipeline_for(settings, pool), concurrency=settings.concurrency,
                                grace_seconds=settings.shutdown_seconds, observe=metrics.observe,
                                locks=WorkerLocks(settings.data_dir / "workers", redact(url)))
                before_exit.append(worker.queue.hand_back_now)  # a restart resumes their documents at once
                running.append(asyncio.create_task(worker.run(stop)))
            if watcher is not None:
                running.append(asyncio.create_task(watcher.run(stop)))
            await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            stop.set()  # a signal, or a part that died: the others stop too
            if api is not None:
                await api.cleanup()  # no new uploads while the rest finishes
            await asyncio.gather(*running)
            if watcher is not None:
                await watcher.archive_finished()  # documents the workers finished while stopping
    finally:
        await db.close()
    log.info("stopped")
    return 0
