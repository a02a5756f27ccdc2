"""Deduplication and story thresholds as one object; the defaults are measured.

See README "Deduplication and stories" for how each default was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DedupOptions:
    # Near-duplicates: MinHash over word shingles, LSH bands to find candidates.
    shingle_words: int = 5
    num_perm: int = 128
    bands: int = 32  # bands * rows == num_perm; (1/bands)**(1/rows) ~ 0.42 is the LSH knee
    near_duplicate_threshold: float = 0.6  # estimated Jaccard of body shingles
    # Stories: candidates share telling words (term index) inside a time window; weighted cosine decides.
    story_threshold: float = 0.3
    story_window_hours: float = 72.0
    story_candidates: int = 10
    indexed_terms: int = 20  # an article's strongest words stored in the term index
    query_terms: int = 12  # how many of its strongest words an article looks candidates up by
    min_shared_terms: int = 2
    # Paragraph novelty: a paragraph whose shingles are this much contained in the story is a copy.
    paragraph_copy_threshold: float = 0.6

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands
