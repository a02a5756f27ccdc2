"""What blog platforms print around every post (WordPress's comment form, share, like and related-posts
boxes, its footer credit): named in each language the rules cover, as their translations word it."""

from __future__ import annotations

from ingest.clean import rules
from tests.clean.conftest import fixture_lines, rule_lines


def test_comment_form_headers_are_footers_that_open_the_comment_section_in_every_language() -> None:
    lines = fixture_lines("comment_form_lines.txt")
    assert [line.text for line in lines if not rules.is_comment_form(line) or rules.match(line) != rules.FOOTER] == []
    assert all(rules.is_trailer_header(line) for line in lines)


def test_spam_notice_post_meta_platform_credit_and_share_boxes_are_footers_in_every_language() -> None:
    assert [line.text for line in fixture_lines("widget_footer_lines.txt") if rules.match(line) != rules.FOOTER] == []


def test_related_posts_boxes_are_related_headers_in_every_language() -> None:
    lines = fixture_lines("related_post_headers.txt")
    assert [line.text for line in lines if not rules.is_related_header(line) or rules.match(line) != rules.RELATED] == []


def test_prose_about_sharing_powering_and_comments_is_no_footer() -> None:
    lines = rule_lines(
        "Wir teilen die Ansicht des Gerichts nicht.",
        "Powered by the sun",
        "Keine Kommentare gab es vom Ministerium.",
        "Das könnte Sie auch interessieren, sagte der Minister, denn die Preise steigen.",
    )
    assert [rules.match(line) for line in lines] == [None, None, None, None]
