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
    # False for an undated article whose story lies outside the window of the new article's
    # date: it joined that story on arrival time alone and may follow a closer match.
    in_time: bool = True
    # Where its original (itself, if it is one) was received: (document id, record index).
    # None: received before the new article.
    root_order: tuple[int, int] | None = None

    @property
    def root(self) -> int:
        return self.duplicate_of or self.id


@dataclass(frozen=True)
class Copying:
    """What a new article's near-duplicates make of it."""

    match: Stored | None  # the near-duplicate it resembles most: it joins that one's story
    original: int | None  # the original it copies, received before it; None: it is an original
    taken: list[int]  # originals received after it that it near-duplicates: they become its copies


def near_duplicates(prepared: Prepared, order: tuple[int, int], candidates: Sequence[Stored],
                    options: DedupOptions) -> Copying:
    """The original is the copy received first, whatever order workers processed them in: so
    concurrent workers, and re-processing (which stores a document's articles anew), give the
    same originals. `order` is the new article's (document id, record index).

    Among candidates above the threshold whose original was received earlier, the most similar
    (the earliest among equals) gives the original. With none, the article is an original, and
    those received later that it near-duplicates become its copies."""
    matches = sorted(((similarity(prepared.signature, c.signature), -c.id, c) for c in candidates
                      if c.signature is not None), key=lambda match: match[:2], reverse=True)
    above = [c for score, _, c in matches if score >= options.near_duplicate_threshold]
    earlier = [c for c in above if c.root_order is None or c.root_order < order]
    if earlier:
        return Copying(earlier[0], earlier[0].root, [])
    return Copying(above[0] if above else None, None, sorted({c.root for c in above}))


def best_story(prepared: Prepared, related: Sequence[Stored], options: DedupOptions) -> tuple[int | None, float]:
    """The story most similar to the article if it clears the threshold (else None), and its score."""
    by_story: dict[int, list[Profile]] = {}
    for candidate in related:
        if candidate.in_time and candidate.story_id is not None and candidate.profile is not None:
            by_story.setdefault(candidate.story_id, []).append(candidate.profile)
    best_score, best_story_id = 0.0, None
    for story_id, profiles in by_story.items():
        score = story_score(prepared.profile, profiles)
        if score > best_score:
            best_score, best_story_id = score, story_id
    return (best_story_id if best_score >= options.story_threshold else None), best_score


def story_score(profile: Profile, members: Sequence[Profile]) -> float:
    """The better of the closest member and all members together: several outlets together
    name more of an event's people and places than any one of them."""
    scores = [profile_similarity(profile, p) for p in members]
    if len(members) > 1:
        scores.append(profile_similarity(profile, combine(members)))
    return max(scores, default=0.0)


def follows(prepared: Prepared, stray: Stored, home: Sequence[Profile], options: DedupOptions) -> bool:
    """Whether an undated article that joined a story on arrival time alone (`home`: that
    story's other articles) belongs with this dated article instead: it clears the threshold
    with the article and matches it better than its own story.

    In a bulk import every undated page arrives with every dated one, so the first event on a
    subject takes the undated pages of the later events too; this hands them on. A copy
    stays with its original (and moves with it).
    """
    if stray.in_time or stray.duplicate_of is not None or stray.profile is None:
        return False
    here = profile_similarity(prepared.profile, stray.profile)
    return here >= options.story_threshold and here > story_score(stray.profile, home)


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
