"""News-agency copy: its dateline opens the article, its bylines name a desk, its captions carry date and place."""

from __future__ import annotations

from tests.clean.conftest import clean_fixture, removed_by_rule


def test_dateline_paragraphs_above_a_photo_gallery_open_the_article() -> None:
    article = clean_fixture("en_dateline_above_a_photo_gallery.txt")
    assert article.body[:3] == (
        "LAKEVIEW, Minn. (AP) — Tayo Okafor wanted the last shot.",
        "He got it, and his 3-pointer with four seconds left lifted the Harbor Hawks past Pine City 98-95 on Tuesday night.",
        "Okafor finished with 31 points and nine rebounds, and the Hawks won for the sixth time in seven games "
        "despite playing without two injured starters.",
    )
    assert "aside" not in removed_by_rule(article)


def test_agency_captions_gallery_counters_and_gallery_controls_are_captions() -> None:
    article = clean_fixture("en_dateline_above_a_photo_gallery.txt")
    caption = ("Harbor Hawks guard Tayo Okafor celebrates after a basket against Pine City on Tuesday, Nov. 19, 2019, "
               "in Lakeview, Minn.")
    assert removed_by_rule(article)["caption"] == [
        f"- {caption}", "Photo: Ruth Almeda, AP", "Image 1 of 5", "Caption", "Close", "Image 1 of 5", caption,
        "Photo: Ruth Almeda, AP", "1 / 5",
    ]
    assert not [line for line in article.body if "Ruth Almeda" in line or line.startswith("Harbor Hawks guard")]


def test_agency_writer_byline_names_the_author_and_is_no_standfirst() -> None:
    article = clean_fixture("en_dateline_above_a_photo_gallery.txt")
    assert (article.authors, article.summary) == (("Dana Whitlow",), None)
    assert removed_by_rule(article)["byline"] == ["Dana Whitlow, Ap Sports Writer"]
