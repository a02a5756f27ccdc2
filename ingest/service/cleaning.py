"""A document's CPU work: cleaning and fingerprinting, a plain function of its inputs.

Kept out of `process` (which stores the results) so that the cleaning processes import the
cleaner and the deduplicator only, not the database's libraries.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ingest.clean import Article, CleanOptions, clean_records
from ingest.dedup.assign import Prepared
from ingest.dedup.minhash import MinHasher
from ingest.dedup.options import DedupOptions
from ingest.dedup.prepare import prepare
from ingest.errors import CleanError


@dataclass(frozen=True)
class Cleaned:
    """A document's cleaned records ready to store (record index, article, dedup data), and
    the records that failed."""

    records: list[tuple[int, Article, Prepared]]
    errors: list[CleanError]
    total: int


@functools.cache
def _hasher(options: DedupOptions) -> MinHasher:
    """One per process and options: drawing its permutations costs about 2 ms, as much as
    cleaning a short article."""
    return MinHasher(options)


def clean_document(raw: bytes, name: str, clean_options: CleanOptions, dedup_options: DedupOptions) -> Cleaned:
    """All of a document's CPU work, so it can run in another process."""
    results = clean_records(raw, name, clean_options)
    hasher = _hasher(dedup_options)
    return Cleaned(
        [(i, r, prepare(r, hasher)) for i, r in enumerate(results) if isinstance(r, Article)],
        [r for r in results if isinstance(r, CleanError)],
        len(results),
    )
