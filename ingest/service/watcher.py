"""The watched folder: take each complete file once, store it, queue it, archive it when done.

A file leaves the inbox only after its bytes are committed in PostgreSQL; it then waits in
the archive's in-progress/ folder until its document is processed (or failed), and moves to
the folder that says what became of it. While the database is unreachable files simply
wait in the inbox and are retried.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from ingest.errors import DatabaseUnavailable, InputError
from ingest.service.inbox import (
    Archive, Identity, Replaced, Snapshot, is_ignored, is_temporary_name_of, listed, readable, refusal,
)
from ingest.service.intake import Intake
from ingest.service.receive import file_sha256
from ingest.store import operations
from ingest.store.operations import UNFINISHED
from ingest.store.queries import Received

log = logging.getLogger(__name__)

TICK_SECONDS = 0.1
# A file whose modification time is already older than the stable window is complete once it
# has also stood still this long under our eyes (a writer still at work moves its mtime).
SETTLED_CONFIRM_SECONDS = 0.1
RETRY_SECONDS = 5.0  # after a database outage, or a file watch that failed as soon as it started
ARCHIVE_RETRY_MAX_SECONDS = 300.0
# Taken files' jobs are queued together: one statement for up to this many (a burst), sent at
# the latest a tick after the first of them was taken or when a pass over the pending files ends.
QUEUE_BATCH = 50


class EventWatch:
    """One run of following the inbox's file events (`task`), with the folder held open: its inode
    cannot be reused while held (ext4 gives a new folder a freed one at once), so a folder deleted
    and made again under the same name is always told apart from it. The run has a stop event of
    its own: awatch sets the one it is given when cancelled."""

    def __init__(self, path: Path, follow: Callable[[asyncio.Event], Awaitable[None]]) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(follow(self.stop))
        self.started = time.monotonic()

    def lost(self) -> str | None:
        """Why it no longer follows the inbox, if it does not."""
        if self.task.done():
            return f"file events in {self.path} stopped ({self.task.exception()!r})"
        try:
            current = os.path.samestat(os.stat(self.path), os.fstat(self.fd))
        except OSError:
            current = False
        return None if current else f"{self.path} was deleted or replaced"

    def close(self) -> None:
        self.stop.set()
        os.close(self.fd)


def _holds_other_bytes(path: Path, sha256: str | None) -> bool:
    """Whether an in-progress file is not its document's (`sha256`; None: no such document).
    One that cannot be read is followed as it is: archiving it reports what became of it."""
    try:
        return sha256 is None or file_sha256(path) != sha256
    except OSError:
        return False


class Watcher:
    """Owns the inbox's files being watched until complete (`pending`) and the in-progress files
    waiting for their documents (`queued`). run() until `stop` is set."""

    def __init__(
        self, intake: Intake, inbox: Path, archive: Archive, *, stable_seconds: float,
        rescan_seconds: float, force_polling: bool, ignored: tuple[str, ...], delete_processed: bool,
    ) -> None:
        self.intake, self.inbox, self.archive = intake, inbox, archive
        self.stable_seconds, self.rescan_seconds = stable_seconds, rescan_seconds
        self.force_polling, self.ignored, self.delete_processed = force_polling, ignored, delete_processed
        self.pending: dict[Path, tuple[Snapshot, float]] = {}
        self.renamed_in: set[Path] = set()  # pending files seen renamed from a temporary name
        self.queued: dict[Path, int] = {}
        self.archive_again: dict[Path, tuple[float, float]] = {}  # queued files that could not be archived: when, delay
        self.to_queue: list[int] = []  # taken documents whose jobs are not queued yet
        self.to_queue_since = 0.0
        self.watch: EventWatch | None = None
        self.watch_again_at = 0.0
        self.unlistable: set[str] = set()  # folders in the inbox that cannot be listed, warned about once

    async def run(self, stop: asyncio.Event) -> None:
        self.inbox.mkdir(parents=True, exist_ok=True)
        await self.resume()  # files in progress when the service stopped
        await self._watch()
        log.info("watching %s", self.inbox)
        try:
            await self._check_pending(stop)
        finally:
            if self.watch is not None:
                self.watch.close()

    async def _watch(self) -> None:
        """Follow the inbox's file events, then rescan it. One turn of the loop runs the events task
        up to its first wait, by which time the watch is set up: every file after this point comes
        with its events (a rename is seen as one), and the rescan finds those dropped before (while
        the service was down, left by a crash, or while the watch was being restarted)."""
        try:
            self.watch = EventWatch(self.inbox, self._follow_events)
        except OSError:
            return  # deleted again: tried on the next tick
        await asyncio.sleep(0)
        self.rescan()

    async def _keep_watching(self) -> None:
        """Watch the inbox afresh once the watch no longer follows it: the folder deleted (and made
        again, where awatch would stay on the dead one and new files wait for the rescan), or the
        watch ended on an error (watchfiles gives up on a name that is not UTF-8)."""
        if self.watch is not None:
            lost = self.watch.lost()
            if lost is None:
                return
            log.warning("%s", lost)
            if self.watch.task.done():  # not in a loop if it fails at once again
                self.watch_again_at = self.watch.started + RETRY_SECONDS
            self.watch.close()
            self.watch = None
        if time.monotonic() >= self.watch_again_at and self.inbox.is_dir():
            await self._watch()
            if self.watch is not None:
                log.info("watching %s again", self.inbox)

    def rescan(self) -> None:
        self._note_all(self.inbox)

    def _note_all(self, folder: Path) -> None:
        """Note every path under `folder`; warn once about each folder that cannot be listed."""
        found, errors = listed(folder)
        for path in found:
            self.note(path)
        unlistable = {str(exc.filename) for exc in errors}
        for exc in errors:
            if str(exc.filename) not in self.unlistable:
                log.warning("cannot list the folder %s: %s: its files wait there until the service can read it",
                            readable(str(exc.filename)), exc.strerror)
        self.unlistable = unlistable if folder == self.inbox else self.unlistable | unlistable

    def note(self, path: Path) -> None:
        """Start (or restart) watching a path for completeness, unless it is to be ignored."""
        try:
            relative = path.relative_to(self.inbox)
        except ValueError:
            return
        if is_ignored(relative, self.ignored) or (path.is_dir() and not path.is_symlink()):
            return
        snapshot = Snapshot.of(path)
        if snapshot is not None and self.pending.get(path, (None,))[0] != snapshot:
            self.pending[path] = (snapshot, time.monotonic())

    async def _follow_events(self, stop: asyncio.Event) -> None:
        async for changes in awatch(self.inbox, stop_event=stop, force_polling=self.force_polling,
                                    recursive=True, watch_filter=None):
            vanished = [Path(name) for change, name in changes if change == Change.deleted]
            for _, name in changes:
                path = Path(name)
                if path.is_dir() and not path.is_symlink():
                    self._note_all(path)
                    continue
                self.note(path)
                if path in self.pending and any(
                        old.parent == path.parent and is_temporary_name_of(old.name, path.name) for old in vanished):
                    self.renamed_in.add(path)  # a rename is the last step of writing it

    async def _check_pending(self, stop: asyncio.Event) -> None:
        next_scan = time.monotonic() + self.rescan_seconds
        while not stop.is_set():
            await self._keep_watching()
            if time.monotonic() >= next_scan:  # a safety net: inotify queues overflow under load
                self.rescan()
                next_scan = time.monotonic() + self.rescan_seconds
            for path, (snapshot, since) in sorted(self.pending.items(), key=lambda item: item[1][1]):
                if stop.is_set():
                    break
                current = Snapshot.of(path)
                if current is None:
                    self._forget(path)  # vanished before it was complete: nothing to take
                elif current != snapshot:
                    self.renamed_in.discard(path)  # written to after the rename: watch it like any other
                    self.pending[path] = (current, time.monotonic())
                elif self._complete(path, current, since):
                    self._forget(path)
                    await self._take_safely(path)
                    if len(self.to_queue) >= QUEUE_BATCH or time.monotonic() - self.to_queue_since >= TICK_SECONDS:
                        await self.queue_taken()
            await self.queue_taken()
            await self.archive_finished()
            try:
                await asyncio.wait_for(stop.wait(), TICK_SECONDS)
            except TimeoutError:
                pass

    def _complete(self, path: Path, current: Snapshot, since: float) -> bool:
        """Unchanged for the stable window while watched; or unchanged for a moment when the
        file was renamed in from its temporary name (the convention for producers), or, on a
        local disk, when its modification time is already older than the window: a writer at
        work moves it, and copies that keep their times (`cp -p`, `rsync`, `tar`) set them only
        once the data is written. Network shares (polling) keep the full wait for the latter:
        their clocks need not match ours."""
        watched = time.monotonic() - since
        if watched >= self.stable_seconds:
            return True
        if watched < SETTLED_CONFIRM_SECONDS:
            return False
        settled = not self.force_polling and time.time_ns() - current.mtime_ns >= self.stable_seconds * 1e9
        return settled or path in self.renamed_in

    def _forget(self, path: Path) -> None:
        del self.pending[path]
        self.renamed_in.discard(path)

    async def resume(self) -> None:
        """Follow the in-progress files again, queueing their documents in case the job was lost
        (a no-op for one queued or already done). A file that does not hold its document's bytes
        goes back to the inbox, to be taken on its own: a newer version renamed over it as it was
        claimed, when the service died before putting it back (see `Archive.claim`), or a file
        whose document is not in the database (restored from an older backup)."""
        claimed = self.archive.claimed()
        try:
            async with self.intake.db.autocommit() as conn:
                stored: dict[int, str] | None = await operations.hashes(conn, [i for _, i in claimed])
        except DatabaseUnavailable as exc:
            log.warning("in-progress files followed without checking their bytes: %s", exc)
            stored = None
        for path, document_id in claimed:
            if stored is not None and await asyncio.to_thread(_holds_other_bytes, path, stored.get(document_id)):
                name = readable(self.archive.original_name(path))
                try:
                    back = self.archive.release(path, self.inbox)
                except OSError as exc:
                    log.warning("%s, in progress for document %s, does not hold its bytes, and cannot go back to the "
                                "inbox: %s", name, document_id, exc, extra={"document_id": document_id})
                else:
                    log.warning("%s, in progress for document %s, does not hold its bytes: back in the inbox as %s, "
                                "to be taken as a document of its own", name, document_id, readable(back.name),
                                extra={"document_id": document_id})
                    self.note(back)
                    continue
            self.queued[path] = document_id
            self.to_queue.append(document_id)
        await self.queue_taken()

    async def queue_taken(self) -> None:
        """Queue the jobs of the documents taken since the last call, in one statement."""
        if not self.to_queue:
            return
        taken, self.to_queue = self.to_queue, []
        try:
            await self.intake.queue.defer(taken)
        except DatabaseUnavailable as exc:  # stored and claimed: the workers' sweep queues them
            log.warning("%d documents not queued yet: %s", len(taken), exc)
        except Exception:  # a bug here must not stop the watcher either; the sweep queues them
            log.exception("%d documents not queued yet", len(taken))

    async def _take_safely(self, path: Path) -> None:
        """One file's trouble (a bug, a full disk) is logged, never the end of the watcher."""
        try:
            await self.take(path)
        except Exception:
            log.exception("%s: could not be taken; it stays in the inbox", readable(path.name))

    async def take(self, path: Path) -> None:
        """Store and claim one complete file, its job to be queued (`queue_taken`); on a database
        outage leave it for later."""
        if not path.exists() and not path.is_symlink():
            return  # taken by another watcher on this inbox, or deleted by its producer
        reason = refusal(path, self.inbox)
        if reason:
            log.warning("%s: %s", readable(path.name), reason)
            self.archive.fail(path, reason, None)
            return
        try:
            received, read = await self.intake.file(path)
        except DatabaseUnavailable as exc:
            log.warning("%s stays in the inbox: %s", readable(path.name), exc)
            self.pending[path] = (Snapshot.of(path) or Snapshot(0, 0), time.monotonic() + RETRY_SECONDS)
            return
        except InputError as exc:  # vanished or unreadable between the check and the read
            log.warning("%s", exc)
            if path.exists():
                self.archive.fail(path, str(exc), None)
            return
        try:
            self._archive_taken(path, received, read)
        except Replaced as exc:
            log.warning("%s was replaced while it was taken: the new version is back in the inbox as %s, to be "
                        "taken as a document of its own", readable(path.name), readable(exc.back.name),
                        extra={"document_id": received.id})
            self.note(exc.back)
            if self._claims(received):
                self._queue(received.id)  # stored all the same, with no file left to archive

    def _claims(self, received: Received) -> bool:
        """Whether a stored file is to wait in in-progress/ for its document (not a duplicate of
        one already waiting, nor refused on receipt)."""
        return received.status in UNFINISHED and received.id not in self.queued.values()

    def _archive_taken(self, path: Path, received: Received, read: Identity) -> None:
        """Claim a stored file, or move it to failed/ (bad input, even met again: the reason goes with
        it) or duplicates/; raises `Replaced` if what was moved is a newer version than the one `read`."""
        context = {"document_id": received.id}
        if self._claims(received):
            claimed = self.archive.claim(path, received.id, read)
            if claimed is None:
                return  # another watcher on this inbox claimed it first
            self.queued[claimed] = received.id
            self._queue(received.id)
        elif received.status == "failed":  # refused on receipt (over the size limit), or bad input met again
            self.archive.fail(path, received.reason, received.id, read=read)
            log.info("%s: failed: %s", readable(path.name), received.reason, extra=context)
        else:
            self.archive.move(path, "duplicates", read=read)
            log.info("%s: same bytes as document %s", readable(path.name), received.id, extra=context)

    def _queue(self, document_id: int) -> None:
        if not self.to_queue:
            self.to_queue_since = time.monotonic()
        self.to_queue.append(document_id)

    async def archive_finished(self) -> None:
        """Move the files whose documents are processed or failed out of the inbox."""
        if not self.queued:
            return
        try:
            async with self.intake.db.autocommit() as conn:
                found = await operations.finished(conn, self.queued.values())
        except DatabaseUnavailable:
            return  # asked again on the next tick
        now = time.monotonic()
        for path, document_id in list(self.queued.items()):
            state = found.get(document_id)
            if state is None or self.archive_again.get(path, (0.0, 0.0))[0] > now:
                continue
            context = {"document_id": document_id}
            name = readable(self.archive.original_name(path))
            outcome = "failed" if state.status == "failed" else "processed"
            try:
                if not path.exists():
                    log.warning("%s was removed from %s before it was archived", name, path.parent, extra=context)
                elif outcome == "failed":
                    self.archive.fail(path, state.error or "", document_id)
                    log.info("%s: failed: %s", name, state.error, extra=context)
                else:
                    path.unlink(missing_ok=True) if self.delete_processed else self.archive.move(path, "processed")
                    log.info("%s: processed", name, extra=context)
            except OSError as exc:
                self._archive_later(path, f"{name}: {outcome}", exc, context)
                continue
            del self.queued[path]
            self.archive_again.pop(path, None)

    def _archive_later(self, path: Path, done: str, exc: OSError, context: dict[str, int]) -> None:
        """A file that cannot be archived (a full disk, a folder made read-only) waits in
        in-progress/, its document done, and is tried again with a growing delay."""
        delay = min(self.archive_again.get(path, (0.0, RETRY_SECONDS / 2))[1] * 2, ARCHIVE_RETRY_MAX_SECONDS)
        self.archive_again[path] = (time.monotonic() + delay, delay)
        log.warning("%s, but cannot be archived (%s): it waits in %s and is tried again in %.0f s",
                    done, exc, path.parent, delay, extra=context)
