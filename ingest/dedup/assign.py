"""Decide, from candidates the store found, whether an article is a near-duplicate,
which story it joins, and which of its paragraphs are new to that story. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.dedup.fingerprint import words
from ingest.dedup.minhash import shingles, similarity
from ingest.dedup.options import DedupOptions
from ingest.dedup.profile import Profile, combine
from ingest.dedup.profile import similarity as profile_similarity


@dataclass(frozen=True)
class Prepared:
    """What the cleaner's output contributes to dedup, computed once, off the database path."""

    fingerprint: str
    signature: bytes
    band_keys: list[int]
    profile: Profile
    terms: list[str]  # strongest first: the first `indexed_terms` are indexed, `query_terms` looked up


@dataclass(frozen=True)
class Stored:
    """An earlier article as the store returns it for comparison."""

    id: int
    story_id: int | None
    duplicate_of: int | None
    signature: bytes | None = None
    profile: Profile | None = None


def near_duplicate(prepared: Prepared, candidates: Sequence[Stored], options: DedupOptions) -> Stored | None:
    """The most similar earlier article above the threshold (the earliest among equals)."""
    best: tuple[float, int, Stored] | None = None
    for candidate in candidates:
        if candidate.signature is None:
            continue
        score = similarity(prepared.signature, candidate.signature)
        if score >= options.near_duplicate_threshold and (best is None or (score, -candidate.id) > best[:2]):
            best = (score, -candidate.id, candidate)
    return best[2] if best else None


def best_story(prepared: Prepared, related: Sequence[Stored], options: DedupOptions) -> tuple[int | None, float]:
    """The story most similar to the article if it clears the threshold (else None), and its score.

    A story scores the better of its closest article and the sum of its articles: several
    outlets together name more of an event's people and places than any one of them.
    """
    by_story: dict[int, list[Profile]] = {}
    for candidate in related:
        if candidate.story_id is not None and candidate.profile is not None:
            by_story.setdefault(candidate.story_id, []).append(candidate.profile)
    best_score, best_story_id = 0.0, None
    for story_id, profiles in by_story.items():
        scores = [profile_similarity(prepared.profile, p) for p in profiles]
        if len(profiles) > 1:
            scores.append(profile_similarity(prepared.profile, combine(profiles)))
        if max(scores) > best_score:
            best_score, best_story_id = max(scores), story_id
    return (best_story_id if best_score >= options.story_threshold else None), best_score


def novel_paragraphs(paragraphs: Sequence[str], story_paragraphs: Sequence[str], options: DedupOptions) -> list[int]:
    """Indexes of paragraphs whose shingles are not mostly contained in the story already."""
    size = options.shingle_words
    known: set[bytes] = set()
    for paragraph in story_paragraphs:
        known |= shingles(words(paragraph), size)
    novel = []
    for index, paragraph in enumerate(paragraphs):
        own = shingles(words(paragraph), size)
        if not own or len(own & known) / len(own) < options.paragraph_copy_threshold:
            novel.append(index)
    return novel


def novelty(paragraphs: Sequence[str], novel: Sequence[int]) -> float:
    """Share of the body's words that sit in novel paragraphs."""
    total = sum(len(words(p)) for p in paragraphs)
    return sum(len(words(paragraphs[i])) for i in novel) / total if total else 1.0
