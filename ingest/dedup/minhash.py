"""MinHash signatures and LSH band keys for near-duplicate detection.

Band keys are plain 64-bit integers so PostgreSQL can index them: a lookup costs
the same at a thousand or a million stored articles and is shared by every worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from ingest.dedup.fingerprint import words
from ingest.dedup.options import DedupOptions


def shingles(text_words: Sequence[str], size: int) -> set[bytes]:
    """Word n-grams; a text shorter than `size` words is one shingle of all its words."""
    if len(text_words) < size:
        return {" ".join(text_words).encode()} if text_words else set()
    return {" ".join(text_words[i : i + size]).encode() for i in range(len(text_words) - size + 1)}


# Stored signatures are only comparable under one hashing scheme: name it, never default it.
SCHEME = "affine32"


class MinHasher:
    """Signatures with fixed permutations (datasketch's default seed), made once per service."""

    def __init__(self, options: DedupOptions) -> None:
        # Imported here: datasketch loads scipy (a third of a second), which the processes that
        # only compare stored signatures (the service's main one) never need.
        from datasketch import MinHash

        self.options = options
        self._template = MinHash(num_perm=options.num_perm, scheme=SCHEME)

    def signature(self, paragraphs: Iterable[str]) -> bytes:
        body_words = [w for p in paragraphs for w in words(p)]
        minhash = self._template.copy()  # never updated: a blank signature with the fixed permutations
        minhash.update_batch(list(shingles(body_words, self.options.shingle_words)))
        return minhash.hashvalues.astype("<u4").tobytes()

    def band_keys(self, signature: bytes) -> list[int]:
        """One signed 64-bit key per band; the band number is part of the key."""
        rows = self.options.rows
        keys = []
        for band in range(self.options.bands):
            chunk = signature[band * rows * 4 : (band + 1) * rows * 4]
            digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    left, right = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(left == right)) / len(left)
