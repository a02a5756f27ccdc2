"""Patterns behind a test for the words that every match of them holds.

A pattern that may match anywhere in a line (`^.{0,150}notice...` or one used with `search`)
is tried at every position of every line, yet most lines hold none of the words its matches
need, which a substring search of the lowered line tells at a fraction of the cost. The words
are read off the parsed pattern itself, so they stay right however the pattern is edited.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's node types, as `re` itself compiles them
from re import _parser

# Letters that IGNORECASE matches to a Latin or Cyrillic letter but that `str.lower` keeps apart
# from it (dotted and dotless I, long s, the old Cyrillic glyph variants): a line holding one may
# match without holding the lowered words, so it goes to the pattern.
_LOWER_APART = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88]")
_MIN_WORD_CHARS = 3  # shorter words are in most lines: the test would only add its own cost
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
Words = frozenset[str]


class Gated:
    """A compiled pattern whose `match` and `search` run only on lines holding one of its `words`.

    Raises ValueError when the pattern has no words of at least three characters that every
    match must hold: a gate on it would cost without sparing anything."""

    __slots__ = ("pattern", "words", "_compiled", "_any_word")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        words = required_words(pattern, flags)
        if not words or min(map(len, words)) < _MIN_WORD_CHARS:
            raise ValueError(f"no words of {_MIN_WORD_CHARS}+ characters that every match holds: {pattern[:80]}")
        self.pattern, self.words = pattern, words
        self._compiled = re.compile(pattern, flags)
        self._any_word = re.compile("|".join(map(re.escape, sorted(words))))

    def may_match(self, text: str) -> bool:
        return bool(self._any_word.search(text.lower())) or (not text.isascii() and bool(_LOWER_APART.search(text)))

    def match(self, text: str) -> re.Match[str] | None:
        return self._compiled.match(text) if self.may_match(text) else None

    def search(self, text: str) -> re.Match[str] | None:
        return self._compiled.search(text) if self.may_match(text) else None


def required_words(pattern: str, flags: int = 0) -> Words | None:
    """Lowercase strings one of which every match of `pattern` holds, or None when none is known."""
    return _sequence(_parser.parse(pattern, flags))


def _sequence(items: _parser.SubPattern | list[tuple[object, object]]) -> Words | None:
    """The most selective words among those of the sequence's items and its runs of literals."""
    best: Words | None = None
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(value).lower())  # type: ignore[arg-type]
            continue
        if run:
            best = _more_selective(best, frozenset({"".join(run)}))
            run = []
        best = _more_selective(best, _node(op, value))
    return best


def _node(op: object, value: object) -> Words | None:
    if op is sre.SUBPATTERN:
        return _sequence(value[-1])  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _sequence(value)  # type: ignore[arg-type]
    if op is sre.BRANCH:
        branches = [_sequence(branch) for branch in value[1]]  # type: ignore[index]
        return None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
    if op in _REPEATS and value[0] >= 1:  # type: ignore[index]
        return _sequence(value[2])  # type: ignore[index]
    return None


def _more_selective(a: Words | None, b: Words | None) -> Words | None:
    """The set whose shortest word is longer: the fewer lines hold one of them."""
    if a is None or b is None:
        return a or b
    return b if min(map(len, b)) > min(map(len, a)) else a
