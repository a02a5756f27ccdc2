"""Helpers for cleaner tests: fixture files and running them through `clean()`."""

from __future__ import annotations

from pathlib import Path

from ingest.clean import Article, clean
from ingest.clean.lines import Line, make_line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "clean"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def clean_fixture(name: str) -> Article:
    """Clean one fixture file and return its single article."""
    (article,) = clean((FIXTURES / name).read_bytes(), name)
    return article


def removed_by_rule(article: Article) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for removal in article.removed:
        grouped.setdefault(removal.rule, []).append(removal.line)
    return grouped


def rule_lines(*texts: str) -> list[Line]:
    """The texts as lines the rules read (with no stoplist: the rules use none)."""
    return [make_line(text, frozenset()) for text in texts]


def fixture_lines(name: str) -> list[Line]:
    """Each line of a fixture file, as the rules read it."""
    return rule_lines(*(FIXTURES / name).read_text(encoding="utf-8").splitlines())
