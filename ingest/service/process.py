"""Process one stored document: clean its bytes, fingerprint, store the articles.

The same function serves `ingest import` and the workers, so every path into the
database cleans and stores alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ingest.clean import Article, CleanOptions, clean_records
from ingest.clean.records import summary_error
from ingest.dedup.minhash import MinHasher
from ingest.dedup.options import DedupOptions
from ingest.dedup.prepare import prepare
from ingest.errors import CleanError
from ingest.service.grouping import group
from ingest.store import queries, stories
from ingest.store.database import Database

log = logging.getLogger(__name__)


class Pipeline:
    """The options of every stage, and the state they need (MinHash permutations), built once."""

    def __init__(self, clean_options: CleanOptions, dedup_options: DedupOptions) -> None:
        self.clean_options = clean_options
        self.dedup_options = dedup_options
        self.hasher = MinHasher(dedup_options)


def _partial_failure(errors: list[CleanError], total: int) -> str | None:
    """A note for a document some of whose records (lines of a `.jsonl`) failed."""
    if not errors:
        return None
    shown = "; ".join(e.message for e in errors[:5])
    return f"{len(errors)} of {total} records could not be cleaned: {shown}" + ("; ..." if len(errors) > 5 else "")


@dataclass(frozen=True)
class Outcome:
    """What became of a document: its stored articles, and why it (or some of its records) failed."""

    article_ids: list[int] = field(default_factory=list)
    error: str | None = None


async def process_document(db: Database, document_id: int, pipeline: Pipeline) -> Outcome:
    """Clean and store one document.

    A file the cleaner rejects is marked failed with the cleaner's reason; an
    unexpected error is marked failed too, so one bad file never stops the rest.
    """
    async with db.transaction() as conn:
        claimed = await queries.claim_document(conn, document_id)
    if claimed is None:
        return Outcome(error="document has no stored bytes")
    try:
        results = clean_records(claimed.raw, claimed.original_name, pipeline.clean_options)
        errors = [r for r in results if isinstance(r, CleanError)]
        cleaned = [(i, r, prepare(r, pipeline.hasher)) for i, r in enumerate(results) if isinstance(r, Article)]
        if not cleaned:
            raise summary_error(errors)
    except CleanError as exc:
        reason = str(exc)
    except Exception as exc:  # a cleaner bug must not stop the batch: record it, keep the bytes
        log.exception("cleaner crashed", extra={"document_id": document_id})
        reason = f"internal error while cleaning ({type(exc).__name__}: {exc})"
    else:
        partial = _partial_failure(errors, len(results))
        async with db.transaction() as conn:
            await stories.lock(conn)
            ids = await queries.save_articles(conn, document_id, cleaned, note=partial)
            for article_id, (_, article, prepared) in zip(ids, cleaned):
                await group(conn, article_id, article, prepared, pipeline.dedup_options)
        return Outcome(ids, partial)
    log.info("document failed: %s", reason, extra={"document_id": document_id})
    async with db.transaction() as conn:
        await queries.mark_failed(conn, document_id, reason)
    return Outcome(error=reason)
