"""Near-duplicate signatures and story similarity, on real files, without a database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.dedup.assign import (
    Copying,
    Stored,
    best_story,
    follows,
    near_duplicates,
    novel_paragraphs,
    novelty,
)
from ingest.dedup.minhash import MinHasher, similarity
from ingest.dedup.options import DedupOptions
from ingest.dedup.prepare import prepare
from ingest.dedup.profile import build_profile, from_json, quotes, to_json
from ingest.dedup.profile import similarity as profile_similarity
from tests.conftest import FIXTURES, SEEDS

OPTIONS = DedupOptions()
HASHER = MinHasher(OPTIONS)
SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"
SEED_B = SEEDS / "001_2734e09429ca7a01.txt"
OTHER_EVENT = FIXTURES / "dedup" / "israel_strikes_syria.txt"
DEVSET = Path(__file__).parent.parent / "stories"
CORK_JANUARY = DEVSET / "005_cork-floods-january.txt"
CORK_LIVEBLOG = DEVSET / "061_cork-floods-liveblog.txt"  # undated
CORK_NATIONAL = DEVSET / "063_cork-floods-national.txt"


def article(path_or_text):
    data = path_or_text.read_bytes() if hasattr(path_or_text, "read_bytes") else path_or_text.encode()
    return clean(data, "page.txt")[0]


def edited_copy_of_seed_a() -> str:
    """Seed 000 re-published: new headline, other boilerplate, one sentence changed, one added."""
    lines = SEED_A.read_text(encoding="utf-8").splitlines()
    body = lines[6:17]
    body[4] = "He said it was too early to discuss the future of the Russian bases at Tartus and Khmeimim."
    body.append("Moscow has been one of Assad's closest allies since intervening in the war in 2015.")
    return "\n".join(
        ["Russia grants asylum to Syria's Assad and his family, Kremlin says", "- By Staff reporter", *body,
         "Share on Facebook", "Comment (3)"]
    )


def test_lightly_edited_copy_is_a_near_duplicate():
    original, copy = prepare(article(SEED_A), HASHER), prepare(article(edited_copy_of_seed_a()), HASHER)

    assert similarity(original.signature, copy.signature) >= OPTIONS.near_duplicate_threshold
    assert set(original.band_keys) & set(copy.band_keys)
    stored = Stored(id=1, story_id=7, duplicate_of=None, signature=original.signature, root_order=(1, 0))
    assert near_duplicates(copy, (2, 0), [stored], OPTIONS) == Copying(stored, 1, [])


def test_a_copy_received_before_its_original_was_stored_becomes_the_original():
    """Workers may store a later document first (or a re-processing stores the first anew): the
    copy received first is the original, and the ones received later become its copies."""
    original, copy = prepare(article(SEED_A), HASHER), prepare(article(edited_copy_of_seed_a()), HASHER)
    later = Stored(id=5, story_id=7, duplicate_of=None, signature=copy.signature, root_order=(9, 0))
    its_copy = Stored(id=6, story_id=7, duplicate_of=5, signature=copy.signature, root_order=(9, 0))

    assert near_duplicates(original, (3, 0), [its_copy, later], OPTIONS) == Copying(later, None, [5])


def test_a_copy_takes_the_earliest_received_original_among_its_near_duplicates():
    original, copy = prepare(article(SEED_A), HASHER), prepare(article(edited_copy_of_seed_a()), HASHER)
    earlier = Stored(id=8, story_id=7, duplicate_of=None, signature=original.signature, root_order=(1, 0))
    later = Stored(id=5, story_id=4, duplicate_of=None, signature=copy.signature, root_order=(9, 0))

    assert near_duplicates(copy, (3, 0), [later, earlier], OPTIONS) == Copying(earlier, 8, [])


def test_other_outlets_own_article_is_not_a_near_duplicate():
    a, b = prepare(article(SEED_A), HASHER), prepare(article(SEED_B), HASHER)

    assert similarity(a.signature, b.signature) < OPTIONS.near_duplicate_threshold
    assert near_duplicates(b, (2, 0), [Stored(1, 7, None, signature=a.signature)], OPTIONS) == Copying(None, None, [])


def test_the_same_body_gives_the_same_signature_and_bands():
    assert HASHER.signature(["One paragraph.", "Another one."]) == HASHER.signature(["one paragraph", "another ONE"])


def test_two_outlets_on_one_event_join_one_story():
    a, b = article(SEED_A), prepare(article(SEED_B), HASHER)
    candidate = Stored(1, story_id=7, duplicate_of=None, profile=prepare(a, HASHER).profile)

    story_id, score = best_story(b, [candidate], OPTIONS)

    assert story_id == 7
    assert score >= OPTIONS.story_threshold


def test_another_event_in_the_same_country_on_the_same_day_starts_a_new_story():
    a, other = article(SEED_A), prepare(article(OTHER_EVENT), HASHER)
    candidate = Stored(1, story_id=7, duplicate_of=None, profile=prepare(a, HASHER).profile)

    story_id, score = best_story(other, [candidate], OPTIONS)

    assert story_id is None
    assert score < OPTIONS.story_threshold


def test_copied_paragraphs_are_not_novel_but_new_ones_are():
    original, copy = article(SEED_A), article(edited_copy_of_seed_a())

    novel = novel_paragraphs(copy.body, original.body, OPTIONS)

    assert novel == [4, len(copy.body) - 1]  # the reworded sentence and the added one
    assert 0 < novelty(copy.body, novel) < 0.2


def test_a_first_article_is_all_novel():
    body = article(SEED_B).body

    assert novel_paragraphs(body, [], OPTIONS) == list(range(len(body)))
    assert novelty(body, list(range(len(body)))) == 1.0


def test_a_stored_profile_scores_as_the_fresh_one():
    a, b = prepare(article(SEED_A), HASHER).profile, prepare(article(SEED_B), HASHER).profile

    assert profile_similarity(from_json(json.loads(json.dumps(to_json(a)))), b) == pytest.approx(profile_similarity(a, b), abs=1e-3)


def test_direct_quotes_are_found_whatever_the_quote_marks():
    text = 'He said: “Russia does not betray its friends in difficult situations,” and left. "Too short," she said.'

    assert quotes(text) == {"russia does not betray its friends in difficult situations"}


def test_a_year_weighs_by_its_frequency_like_any_word():
    weights = build_profile(None, ["The court granted asylum in 2024 to 1187 people."], "en").weights

    assert weights["2024"] < weights["asylum"] < weights["1187"]


def stray(path) -> Stored:
    """An undated article sitting in a story outside the new article's window."""
    return Stored(id=2, story_id=1, duplicate_of=None, profile=prepare(article(path), HASHER).profile, in_time=False)


def test_an_undated_article_in_an_earlier_event_follows_the_dated_coverage_of_its_own():
    november = prepare(article(CORK_NATIONAL), HASHER)
    january = prepare(article(CORK_JANUARY), HASHER).profile

    assert follows(november, stray(CORK_LIVEBLOG), [january], OPTIONS)


def test_an_undated_article_stays_in_a_story_it_matches_better():
    january = prepare(article(CORK_JANUARY), HASHER)
    november = prepare(article(CORK_NATIONAL), HASHER).profile

    assert not follows(january, stray(CORK_LIVEBLOG), [november], OPTIONS)


def test_a_candidate_whose_story_is_in_time_never_moves():
    november = prepare(article(CORK_NATIONAL), HASHER)
    in_time = Stored(id=2, story_id=1, duplicate_of=None, profile=prepare(article(CORK_LIVEBLOG), HASHER).profile)

    assert not follows(november, in_time, [], OPTIONS)


def test_a_copy_stays_with_its_original():
    november = prepare(article(CORK_NATIONAL), HASHER)
    copy = Stored(id=3, story_id=1, duplicate_of=2, profile=stray(CORK_LIVEBLOG).profile, in_time=False)
    january = prepare(article(CORK_JANUARY), HASHER).profile

    assert not follows(november, copy, [january], OPTIONS)
