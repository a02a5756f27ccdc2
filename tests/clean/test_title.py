"""Which line of a page dump is the headline: the one over the byline and date lines."""

from __future__ import annotations

from datetime import datetime

from tests.clean.conftest import clean_fixture, removed_by_rule


def test_headline_over_the_byline_wins_over_a_teaser_nearer_the_text() -> None:
    article = clean_fixture("title_headline_over_byline_above_a_teaser.txt")
    assert article.title == "Mould in houseplant soil left a woman short of breath for a year"
    assert removed_by_rule(article)["nav"] == ["- News", "Rescue crews search for missing hikers on the ridge"]


def test_line_opening_with_a_date_is_neither_headline_nor_standfirst() -> None:
    article = clean_fixture("title_date_led_meta_line_under_byline.txt")  # "March 4, 2025 Dana Whitfield, MS"
    assert (article.title, article.summary) == ("Harbour ferry returns after winter repairs", None)
    assert removed_by_rule(article)["nav"] == ["March 4, 2025 Dana Whitfield, MS"]


def test_site_link_over_the_byline_whose_words_the_article_never_uses_is_no_headline() -> None:
    article = clean_fixture("title_site_link_above_byline_and_headline_under_it.txt")  # "Zurück zur Übersicht"
    assert article.title == "Die Stadtbibliothek verlängert ihre Öffnungszeiten am Wochenende"
    assert removed_by_rule(article)["nav"] == ["Zurück zur Übersicht"]


def test_caption_without_a_stop_under_the_byline_is_neither_headline_nor_standfirst() -> None:
    article = clean_fixture("title_standfirst_and_caption_under_the_byline.txt")
    assert (article.title, article.summary) == ("Harbour city approves its first offshore wind farm", None)
    assert removed_by_rule(article)["nav"] == ["Workers assemble a turbine blade at the port of Riverton on Monday (Riverton Port)"]


def test_sentence_headline_over_the_date_line_yields_to_no_skip_link_above_it() -> None:
    article = clean_fixture("title_sentence_headline_under_a_skip_link.txt")  # "Skip to Article"
    assert article.title == "Riverton doubles down on its odd new slogan. It just might work."
    assert removed_by_rule(article)["nav"] == ["Skip to Article"]


def test_title_case_headline_opening_with_an_article_is_no_name_but_an_outlet_so_named_is() -> None:
    article = clean_fixture("title_title_case_headline_after_an_article.txt")  # "The Budget Clock" / "By Victor Hale"
    assert (article.title, article.authors) == ("The Budget Clock", ("Victor Hale",))
    assert "The Lakeside Herald" in removed_by_rule(article)["nav"]


def test_headline_opening_with_a_bracketed_tag_over_a_blog_meta_line_is_the_title() -> None:
    article = clean_fixture("title_bracketed_headline_over_blog_meta_line.txt")  # "[The Autumn Musical] More reviews ..."
    assert article.title == "[The Autumn Musical] More reviews from our online visitors, and a thank-you from the cast!"
    assert (article.published, article.authors) == (datetime(2018, 10, 12), ("jdadmin",))


def test_headline_over_a_line_opening_with_a_date_heads_the_metadata() -> None:
    article = clean_fixture("title_headline_over_date_led_meta_line.txt")  # "04/03/2025 Dana Whitfield All, Books, ..."
    assert (article.title, article.published) == ("Coastal photo book with soundtrack review", datetime(2025, 3, 4))


def test_name_like_menu_item_far_above_the_text_is_no_byline_under_a_headline() -> None:
    article = clean_fixture("title_name_like_menu_item_far_above_the_text.txt")  # "Read news ..." / "Albanian Shqip"
    assert (article.title, article.authors) == ("Berlin confronts its colonial past with a new project", ())


def test_skip_link_for_screen_readers_is_never_the_headline() -> None:
    article = clean_fixture("title_skip_link_over_a_page_without_headline.txt")  # "Zum Inhalt springen"
    assert article.title is None
    assert removed_by_rule(article)["nav"][0] == "Zum Inhalt springen"
