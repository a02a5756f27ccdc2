"""Process one stored document: clean its bytes, fingerprint, store the articles.

The same function serves `ingest import` and the workers, so every path into the
database cleans and stores alike.
"""

from __future__ import annotations

import logging
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ingest.clean import CleanOptions
from ingest.clean.records import summary_error
from ingest.dedup.options import DedupOptions
from ingest.errors import CleanError, StorageRefused
from ingest.service.cleaning import Cleaned, clean_document
from ingest.service.cpu import CpuPool
from ingest.service.grouping import fail, mend_chains, save_and_group
from ingest.store import queries
from ingest.store.database import Database

log = logging.getLogger(__name__)


class Pipeline:
    """The options of every stage, and where the CPU work runs: in this process, or in a pool
    of processes (the service's) so the event loop stays free for the API and the watcher."""

    def __init__(self, clean_options: CleanOptions, dedup_options: DedupOptions, pool: CpuPool | None = None) -> None:
        self.clean_options = clean_options
        self.dedup_options = dedup_options
        self.pool = pool

    async def clean(self, raw: bytes, name: str) -> Cleaned:
        if self.pool is None:
            return clean_document(raw, name, self.clean_options, self.dedup_options)
        return await self.pool.run(clean_document, raw, name, self.clean_options, self.dedup_options)


def _partial_failure(errors: list[CleanError], total: int) -> str | None:
    """A note for a document some of whose records (lines of a `.jsonl`) failed."""
    if not errors:
        return None
    shown = "; ".join(e.message for e in errors[:5])
    return f"{len(errors)} of {total} records could not be cleaned: {shown}" + ("; ..." if len(errors) > 5 else "")


@dataclass(frozen=True)
class Outcome:
    """What became of a document: its stored articles, and why it (or some of its records) failed;
    `skipped` when it was not waiting to be processed (a job queued twice finds it done)."""

    article_ids: list[int] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False

    @property
    def status(self) -> str:
        return "skipped" if self.skipped else "failed" if self.error and not self.article_ids else "done"


async def _mend_chains(db: Database, document_id: int, originals: list[int]) -> None:
    """After the commit (see `mend_chains`); the articles are stored whatever happens here."""
    try:
        async with db.transaction() as conn:
            await mend_chains(conn, originals)
    except Exception:  # logged; a later document linking to them, or the workers' check of every copy, mends them
        log.exception("could not check the document's originals for copies of copies",
                      extra={"document_id": document_id})


async def process_document(db: Database, document_id: int, pipeline: Pipeline, *, wait_for_disk: bool = True) -> Outcome:
    """Clean and store one document.

    A file the cleaner rejects is marked failed with the cleaner's reason; an
    unexpected error is marked failed too, so one bad file never stops the rest.
    `wait_for_disk=False` stores the articles without waiting for the disk (see
    `Database.transaction`): for callers that redo a document left unfinished.
    """
    async with db.autocommit() as conn:
        claimed = await queries.claim_document(conn, document_id)
    if claimed is None:
        return Outcome(skipped=True)
    try:
        result = await pipeline.clean(claimed.raw, claimed.original_name)
        if not result.records:
            raise summary_error(result.errors)
    except CleanError as exc:
        reason = str(exc)
    except BrokenProcessPool:
        log.error("a cleaning process died on this document", extra={"document_id": document_id})
        reason = "the cleaning process died on this document (out of memory or a crash in a parser)"
    except Exception as exc:  # a cleaner bug must not stop the batch: record it, keep the bytes
        log.exception("cleaner crashed", extra={"document_id": document_id})
        reason = f"internal error while cleaning ({type(exc).__name__}: {exc})"
    else:
        partial = _partial_failure(result.errors, result.total)
        try:
            async with db.transaction(wait_for_disk=wait_for_disk) as conn:
                grouped = await save_and_group(conn, document_id, result.records, pipeline.dedup_options,
                                               note=partial, replacing=claimed.has_articles)
        except StorageRefused as exc:
            reason = str(exc)
        else:
            if grouped.originals:
                await _mend_chains(db, document_id, grouped.originals)
            return Outcome(grouped.article_ids, partial)
    log.info("document failed: %s", reason, extra={"document_id": document_id})
    async with db.transaction() as conn:
        await fail(conn, document_id, reason)
    return Outcome(error=reason)
