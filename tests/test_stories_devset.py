"""Consistency checks for the labelled story/near-duplicate development set in tests/stories/.

Pure file checks (no database, no project code): truth.json labels every article file
exactly once, near-duplicate labels point at a file of the same story, and the labels
agree with plain text overlap. Overlap is measured on word 5-shingles of the
paragraph-like lines of each file (lines of at least eight words that are not list
bullets), so that headlines, bullets and other page chrome do not count:

* a near duplicate shares at least 80% of its own shingles with its original;
* files of different stories never share more than 30% (of the smaller file's shingles);
* files of the same story that are not labelled near duplicates of each other stay
  below the near-duplicate level, so that the labels do not hide an unlabelled copy.
"""
from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

DEVSET = Path(__file__).parent / "stories"
TRUTH = json.loads((DEVSET / "truth.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in DEVSET.glob("*.txt"))
DUP_PREFIX = "near duplicate of "
WORD = re.compile(r"\w+")
BULLET = re.compile(r"^\s*[-*\u2022]\s+")
NEAR_DUP_MIN = 0.80
OTHER_STORY_MAX = 0.30


def original_of(name: str) -> str | None:
    kind = TRUTH[name]["kind"]
    return kind.removeprefix(DUP_PREFIX).strip() if kind.startswith(DUP_PREFIX) else None


DUP_PAIRS = {frozenset((f, original_of(f))) for f in TRUTH if original_of(f)}


@cache
def shingles(name: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    words: list[str] = []
    for line in (DEVSET / name).read_text(encoding="utf-8").splitlines():
        if BULLET.match(line):
            continue
        tokens = WORD.findall(line.lower())
        if len(tokens) >= 8:
            words.extend(tokens)
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def shared(a: str, b: str) -> float:
    """Share of the smaller file's shingles that also occur in the other file."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / min(len(sa), len(sb))


def test_devset_is_big_enough_and_varied():
    assert 60 <= len(FILES) <= 90
    kinds = Counter(t["kind"].split(" (")[0] for t in TRUTH.values())
    kinds = Counter("near duplicate" if k.startswith(DUP_PREFIX) else k for k in kinds.elements())
    assert kinds["near duplicate"] >= 8, kinds
    assert kinds["hard negative"] >= 8, kinds
    multi = Counter(t["story"] for f, t in TRUTH.items() if not original_of(f))
    assert sum(1 for n in multi.values() if n >= 2) >= 12, multi
    assert "000_6417beaea2ca3f1a.txt" in TRUTH and "001_2734e09429ca7a01.txt" in TRUTH
    assert TRUTH["000_6417beaea2ca3f1a.txt"]["story"] == TRUTH["001_2734e09429ca7a01.txt"]["story"]


def test_truth_covers_every_file_exactly_once():
    raw = (DEVSET / "truth.json").read_text(encoding="utf-8")
    pairs = json.loads(raw, object_pairs_hook=lambda kv: kv)
    keys = Counter(k for k, _ in pairs)
    assert [k for k, n in keys.items() if n > 1] == []
    assert sorted(TRUTH) == FILES
    for name, label in TRUTH.items():
        assert re.fullmatch(r"\d{3}_[a-z0-9-]+\.txt", name), name
        assert isinstance(label["story"], str) and label["story"], name
        assert isinstance(label["kind"], str) and label["kind"], name


def test_near_duplicates_point_at_a_file_of_the_same_story():
    assert len(DUP_PAIRS) >= 8
    for name in TRUTH:
        original = original_of(name)
        if original is None:
            continue
        assert original in TRUTH, (name, original)
        assert original != name
        assert original_of(original) is None, f"{name} points at another copy, {original}"
        assert TRUTH[original]["story"] == TRUTH[name]["story"], name


@pytest.mark.parametrize("name", sorted(f for f in TRUTH if original_of(f)))
def test_near_duplicate_shares_most_shingles_with_its_original(name: str):
    own = shingles(name)
    assert own, name
    share = len(own & shingles(original_of(name))) / len(own)
    assert share >= NEAR_DUP_MIN, f"{name}: only {share:.0%} of its 5-shingles occur in {original_of(name)}"


def test_files_of_different_stories_share_little_text():
    too_close = []
    for a, b in itertools.combinations(FILES, 2):
        if TRUTH[a]["story"] != TRUTH[b]["story"] and shared(a, b) > OTHER_STORY_MAX:
            too_close.append((a, b, round(shared(a, b), 2)))
    assert too_close == []


def test_same_story_files_not_labelled_as_copies_are_not_copies():
    unlabelled = []
    for a, b in itertools.combinations(FILES, 2):
        if TRUTH[a]["story"] == TRUTH[b]["story"] and frozenset((a, b)) not in DUP_PAIRS:
            if shared(a, b) >= NEAR_DUP_MIN:
                unlabelled.append((a, b, round(shared(a, b), 2)))
    assert unlabelled == []
