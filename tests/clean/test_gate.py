"""Word-gated patterns (gate.py): the words read off a pattern, and gated rules that decide
every line exactly as their patterns do."""

from __future__ import annotations

import re
import sys

import pytest

from ingest.clean import gate, rules
from ingest.clean import lines as lines_module
from ingest.clean.gate import Gated, required_words
from ingest.clean.lines import make_line
from tests.clean.conftest import FIXTURES

GATED_RULES = {name: value for name, value in vars(rules).items() if isinstance(value, Gated)}


def test_words_are_the_literals_every_match_holds() -> None:
    assert required_words(r"^.{0,120}\bnewsletters?\b.{0,120}$", re.I) == {"newsletter"}
    assert required_words(r"^.{0,150}(?:all rights reserved|Tous droits réservés).{0,100}$") == {
        "all rights reserved", "tous droits réservés",
    }
    assert required_words(r"(?:photo|image)s? by (?:staff|AP)") == {"photo", "image"}  # the longest known words


def test_a_pattern_without_long_words_is_refused() -> None:
    with pytest.raises(ValueError):
        Gated(r"^(?:share|x)$", re.I)  # "x" (a platform's name) is in most lines
    with pytest.raises(ValueError):
        Gated(r"[a-z]{2,}[.!?]\s+[A-Z]\w*$")


def test_gated_rules_decide_every_fixture_line_as_their_patterns() -> None:
    lines = {line.strip() for path in FIXTURES.glob("*.txt") for line in path.read_text(errors="replace").splitlines()}
    assert {"PROMO_ANYWHERE", "LEGAL_LINE", "RIGHTS_NOTICE", "CAPTION_CUE"} <= GATED_RULES.keys()
    for name, gated in GATED_RULES.items():
        plain = re.compile(gated.pattern, re.I)
        assert [line for line in lines if bool(gated.match(line)) != bool(plain.match(line))] == [], name
        assert [line for line in lines if bool(gated.search(line)) != bool(plain.search(line))] == [], name


def test_letters_that_ignorecase_folds_apart_from_lowering_still_reach_the_pattern() -> None:
    """A dotless "ı" or a long "ſ" matches "i" or "s" in a pattern but not in lowered text."""
    assert rules.is_promo_line("Bu site cookıe policy kullanır")
    assert rules.is_promo_line("You are now ſubscribed to the Morning Briefing.")
    assert rules.RIGHTS_NOTICE.match("© 2019 Example Media. All Rıghts Reserved.")


def test_every_letter_ignorecase_matches_to_a_gate_word_lowers_to_it_or_is_set_apart() -> None:
    """Checks `gate._LOWER_APART` against every code point for the letters of the gated rules' words."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    letters = {ch for gated in GATED_RULES.values() for word in gated.words for ch in word}
    missed = {
        found for letter in letters for found in re.findall(re.escape(letter), every, re.I)
        if found.lower() != letter and not gate._LOWER_APART.search(found)
    }
    assert missed == set()


def test_closing_credit_patterns_opening_with_the_stop_decide_as_written_letters_first() -> None:
    """CLOSING_CREDIT and CLOSING_SOURCE open with the stop so that `search` only tries stops."""
    letters_first = {
        rules.CLOSING_CREDIT: r"(?:[.!?][\"”’]?\s+|(?<=[a-z])[.!?])\(?\s*[A-Z][\w.'’ -]{1,40}?\s*/\s*[A-Z][\w.'’& -]{1,40}?\s*\)?$",
        rules.CLOSING_SOURCE: r"[a-z]{2,}[.!?][\"”’]?\s+[A-Z][\w&'’-]*$",
    }
    credited = [
        "Pedestrians cross the flooded square on Tuesday. (Manu Fernandez/AP)",
        "The minister arrives at the summit. Jaafar ASHTIYEH / AFP",
        "Finding a parking space isn't easy.Kathrin Ziegler/Getty",
        "Share of households using the drug for medical use. Statista",
    ]
    prose = ["He said the figures, due at 9 a.m. Friday, would show growth.", "The vote was 52/48 in favour of Mr. Smith"]
    lines = {line.strip() for path in FIXTURES.glob("*.txt") for line in path.read_text(errors="replace").splitlines()}
    for stop_first, written in letters_first.items():
        plain = re.compile(written)
        assert [line for line in {*lines, *credited, *prose} if bool(stop_first.search(line)) != bool(plain.search(line))] == []
    assert [rules._closing_credit(line) for line in credited + prose] == [True] * len(credited) + [False] * len(prose)


def test_a_line_ends_like_a_sentence_as_a_search_from_its_start_finds() -> None:
    """`Line.terminal` searches from the run of stops, closers, spaces and emoji ending the line."""
    lines = {line.strip() for path in FIXTURES.glob("*.txt") for line in path.read_text(errors="replace").splitlines()}
    endings = ["See you soon! 🙂", "Try something new this weekend 😉", "He left.”", "Step ➀", "Menu 🙂 x", "Nein?! 👍 🎉"]
    made = [make_line(text, frozenset()) for text in {*lines, *endings} if text]
    assert [line.text for line in made if line.terminal != bool(lines_module._TERMINAL.search(line.text))] == []
    assert [make_line(text, frozenset()).terminal for text in endings] == [True, True, True, True, False, True]
