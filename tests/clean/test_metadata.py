"""Article metadata read from the labelled lines of a page dump: dates, authors and outlet."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.clean.conftest import clean_fixture


def test_date_after_an_updated_label_in_a_byline_is_the_modified_date() -> None:
    article = clean_fixture("meta_byline_with_update_time.txt")  # "By Dana Whitfield Updated Mar 4, 2025, 10:28am EST"
    assert article.authors == ("Dana Whitfield",)
    assert article.published is None
    assert article.modified is not None and article.modified.utcoffset() == timedelta(hours=-5)
    assert article.modified.replace(tzinfo=None) == datetime(2025, 3, 4, 10, 28)


def test_job_title_glued_to_the_name_in_a_byline_is_no_part_of_the_name() -> None:
    assert clean_fixture("meta_byline_with_glued_job_title.txt").authors == ("Lena Hart",)  # "By Lena HartStaff Writer"


def test_staff_credit_beside_a_name_is_no_author() -> None:
    assert clean_fixture("meta_staff_credits_in_bylines.txt").authors == ("Priya Natarajan",)  # "..., Gadget Hub Staff"


def test_desk_byline_names_no_author() -> None:
    assert clean_fixture("meta_desk_byline.txt").authors == ()  # "By Staff Reports -"


def test_publication_alone_under_the_byline_is_the_outlet() -> None:
    article = clean_fixture("meta_publication_under_byline.txt")  # "By" / "Jane Roe" / "The Lakeside Herald"
    assert (article.authors, article.outlet) == (("Jane Roe",), "The Lakeside Herald")


def test_outlet_closing_a_date_line_is_the_outlet() -> None:
    article = clean_fixture("meta_date_line_closed_by_outlet.txt")  # "Updated on: March 4, 2025 / 10:07 AM / KTVN News"
    assert (article.outlet, article.modified) == ("KTVN News", datetime(2025, 3, 4, 10, 7))


def test_bulleted_name_beside_bulleted_date_lines_is_the_author() -> None:
    article = clean_fixture("meta_bulleted_header_links_and_names.txt")  # "- Debbie White" / "- 4 Mar 2025, 19:09"
    assert article.authors == ("Debbie White",)


def test_share_button_in_a_list_of_links_is_no_author() -> None:
    assert clean_fixture("meta_share_links_beside_headline.txt").authors == ()  # "- Tumblr" / "- Pin It" / "- LinkedIn"


def test_dateline_under_the_standfirst_is_neither_author_nor_outlet() -> None:
    article = clean_fixture("meta_dateline_under_standfirst.txt")  # "LAKESIDE, MONTANA"
    assert (article.authors, article.outlet) == ((), None)


def test_date_in_a_blog_meta_line_whose_parts_slashes_divide_is_the_publication_date() -> None:
    article = clean_fixture("meta_blog_meta_line_with_slashes.txt")  # "October 12, 2018/0 Comments/in Theatre News /by jdadmin"
    assert (article.published, article.authors) == (datetime(2018, 10, 12), ("jdadmin",))


def test_contact_line_below_the_article_names_the_author_when_no_byline_does() -> None:
    article = clean_fixture("meta_contact_line_names_the_author.txt")  # "Write to Dana Whitfield at dana.whitfield@..."
    assert article.authors == ("Dana Whitfield",)


def test_by_element_of_a_date_line_names_the_author_even_as_a_login_name() -> None:
    article = clean_fixture("meta_date_line_opened_by_login_byline.txt")  # "By admin - 2018-09-16"
    assert (article.authors, article.published) == (("admin",), datetime(2018, 9, 16))


def test_staff_as_a_surname_after_a_first_name_is_a_person() -> None:
    assert clean_fixture("meta_byline_with_surname_staff.txt").authors == ("Jörg Staff",)  # "By Jörg Staff"


def test_bulleted_name_under_the_headline_is_the_author_though_share_links_follow() -> None:
    article = clean_fixture("meta_bulleted_byline_above_share_links.txt")  # "- Priya Natarajan, Lakeside Ledger"
    assert article.authors == ("Priya Natarajan",)
