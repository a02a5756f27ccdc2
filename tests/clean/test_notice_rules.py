"""Lines that say what they are in their first words or anywhere in them: a link to another story
("Lea también: ..."), the licence a site publishes under, a figure's caption; in each language."""

from __future__ import annotations

from ingest.clean import rules
from ingest.clean.lines import Line
from tests.clean.conftest import fixture_lines, rule_lines


def _not_removed_as(rule: str, lines: list[Line]) -> list[str]:
    return [line.text for line in lines if rules.match(line) != rule]


def test_read_also_links_inside_the_article_are_related_in_every_language() -> None:
    assert _not_removed_as(rules.RELATED, fixture_lines("read_also_links.txt")) == []


def test_licence_notices_are_footers_in_every_language() -> None:
    assert _not_removed_as(rules.FOOTER, fixture_lines("licence_notices.txt")) == []


def test_numbered_figure_captions_are_captions() -> None:
    assert _not_removed_as(rules.CAPTION, fixture_lines("figure_captions.txt")) == []


def test_sentences_that_open_like_a_link_or_mention_a_licence_are_kept() -> None:
    lines = rule_lines(
        "Lesen Sie hier, wie die Stadt das Geld verteilt.",
        "The club's photos are shared under a Creative Commons licence, the spokeswoman said.",
        "Figure skating returns to the harbour rink on Saturday.",
    )
    assert [rules.match(line) for line in lines] == [None, None, None]
