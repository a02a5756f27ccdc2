"""Everything dedup needs from a clean article, computed in one CPU-bound pass."""

from __future__ import annotations

from ingest.clean import Article
from ingest.dedup.assign import Prepared
from ingest.dedup.fingerprint import content_fingerprint
from ingest.dedup.minhash import MinHasher
from ingest.dedup.profile import build_profile, top_terms


def prepare(article: Article, hasher: MinHasher) -> Prepared:
    signature = hasher.signature(article.body)
    profile = build_profile(article.title, article.body, article.language)
    return Prepared(
        fingerprint=content_fingerprint(article.body),
        signature=signature,
        band_keys=hasher.band_keys(signature),
        profile=profile,
        terms=top_terms(profile, max(hasher.options.indexed_terms, hasher.options.query_terms)),
    )
