"""The way in, for the watcher and the API alike: commit a document's bytes, then queue its job.

If the process dies between the two, the document waits unfinished with no job, and the
workers' orphan sweep queues it; the bytes are never lost and never stored twice.
"""

from __future__ import annotations

from pathlib import Path

from ingest.service.inbox import Identity
from ingest.service.queue import Queue
from ingest.service.receive import receive_bytes, receive_file
from ingest.store.database import Database
from ingest.store.operations import UNFINISHED
from ingest.store.queries import Received


class Intake:
    def __init__(self, db: Database, queue: Queue, max_bytes: int) -> None:
        self.db, self.queue, self.max_bytes = db, queue, max_bytes

    async def bytes(self, name: str, data: bytes) -> Received:
        """Store and queue bytes posted to the API; unfinished ones met again are queued again too
        (their job may be the lost one)."""
        received = await receive_bytes(self.db, name, data, self.max_bytes)
        if received.status in UNFINISHED:
            await self.queue.defer([received.id])
        return received

    async def file(self, path: Path) -> tuple[Received, Identity]:
        """Only store the file: the watcher claims it before queueing (see `Archive.claim`)."""
        return await receive_file(self.db, path, self.max_bytes)
