"""Process one stored document: clean its bytes, fingerprint, store the articles.

The same function serves `ingest import` and the workers, so every path into the
database cleans and stores alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ingest.clean import CleanOptions, clean
from ingest.dedup.fingerprint import content_fingerprint
from ingest.errors import CleanError
from ingest.store import queries
from ingest.store.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What became of a document: its stored articles, or the reason it failed."""

    article_ids: list[int] = field(default_factory=list)
    error: str | None = None


async def process_document(db: Database, document_id: int, options: CleanOptions) -> Outcome:
    """Clean and store one document.

    A file the cleaner rejects is marked failed with the cleaner's reason; an
    unexpected error is marked failed too, so one bad file never stops the rest.
    """
    async with db.transaction() as conn:
        claimed = await queries.claim_document(conn, document_id)
    if claimed is None:
        return Outcome(error="document has no stored bytes")
    try:
        cleaned = [(a, content_fingerprint(a.body)) for a in clean(claimed.raw, claimed.original_name, options)]
    except CleanError as exc:
        reason = str(exc)
    except Exception as exc:  # a cleaner bug must not stop the batch: record it, keep the bytes
        log.exception("cleaner crashed", extra={"document_id": document_id})
        reason = f"internal error while cleaning ({type(exc).__name__}: {exc})"
    else:
        async with db.transaction() as conn:
            return Outcome(await queries.save_articles(conn, document_id, cleaned))
    log.info("document failed: %s", reason, extra={"document_id": document_id})
    async with db.transaction() as conn:
        await queries.mark_failed(conn, document_id, reason)
    return Outcome(error=reason)
