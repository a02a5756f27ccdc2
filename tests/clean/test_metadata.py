"""Article metadata read from the labelled lines of a page dump: dates, authors and outlet."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ingest.clean import rules
from tests.clean.conftest import clean_fixture, removed_by_rule


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


def test_byline_with_a_role_after_a_spaced_dash_and_an_iso_date_names_the_author() -> None:
    article = clean_fixture("meta_byline_with_spaced_dash_role_and_iso_date.txt")  # "By Hanna Voss - Orbit Weekly Contributor 2025-..."
    assert (article.authors, article.outlet) == (("Hanna Voss",), None)
    assert article.title == "Astronomers map the gas between galaxy clusters in new detail"
    assert removed_by_rule(article)["byline"] == ["By Hanna Voss - Orbit Weekly Contributor 2025-03-04T09:12:00Z Space"]


def test_handle_glued_to_the_name_in_a_dated_byline_is_no_part_of_the_name() -> None:
    article = clean_fixture("meta_byline_with_glued_handle_and_date.txt")  # "By Rafael Ortiz@rafortiz Mar 4, 2025, 7:53pm EST"
    assert article.authors == ("Rafael Ortiz",)
    assert "By Rafael Ortiz@rafortiz Mar 4, 2025, 7:53pm EST" in removed_by_rule(article)["byline"]


def test_name_with_its_handle_and_the_age_of_the_post_is_a_byline() -> None:
    article = clean_fixture("meta_name_with_handle_and_age.txt")  # "Lena Hart @lenahart / 2 days"
    assert article.authors == ("Lena Hart",)
    assert removed_by_rule(article)["byline"] == ["Lena Hart @lenahart / 2 days"]


def test_ranked_job_title_after_the_name_without_a_separator_is_no_part_of_the_name() -> None:
    article = clean_fixture("meta_name_with_rank_and_role.txt")  # "Maria T. Kowalski Senior Contributor"
    assert article.authors == ("Maria T. Kowalski",)
    assert removed_by_rule(article)["byline"] == ["Maria T. Kowalski Senior Contributor"]


def test_name_opening_a_date_line_is_the_author_and_a_date_label_is_not() -> None:
    article = clean_fixture("meta_name_opening_a_date_line.txt")  # "Lena Hart - Mar 4, 2025, ..." / "Last Updated Mar 5, 2025"
    assert article.authors == ("Lena Hart",)
    assert article.published == datetime(2025, 3, 4, 22, 31, tzinfo=timezone(timedelta(hours=-6)))


def test_name_before_a_numeric_date_in_a_blog_meta_line_is_the_author() -> None:
    article = clean_fixture("meta_name_before_a_numeric_date_de.txt")  # "Jonas Weber 04.03.2025 Kommentieren ..."
    assert (article.authors, article.summary) == (("Jonas Weber",), None)


def test_byline_shaped_item_inside_a_menu_names_no_author() -> None:
    article = clean_fixture("meta_byline_shaped_item_in_a_menu.txt")  # "- Opinion" / "- By Any Means Necessary" / "- Double Down"
    assert article.authors == ("Jane Roe",)


def test_byline_ending_in_a_worded_date_and_a_date_line_with_a_second_zone_keep_their_rule_names() -> None:
    article = clean_fixture("meta_byline_with_worded_date_and_second_zone.txt")  # "... 04:05 pm PT (07:05 pm ET)"
    removed = removed_by_rule(article)
    assert (removed["byline"], removed["dates"]) == (
        ["by Regan Moore March 3, 2025"], ["Monday, March 3, 2025, 04:05 pm PT (07:05 pm ET)"]
    )
    assert article.authors == ("Regan Moore",)
    assert article.published == datetime(2025, 3, 3, 16, 5, tzinfo=timezone(timedelta(hours=-8)))


def test_bylines_ending_in_a_worded_date_are_read_in_german_french_and_spanish_too() -> None:
    lines = ["von Anna Berger 3. März 2025, 17:14 Uhr", "par Jean Dupont 3 novembre 2025 à 17h14",
             "por Ana López 3 de noviembre de 2025"]
    assert [rules.BYLINE_BY.match(line)["names"] for line in lines] == ["Anna Berger", "Jean Dupont", "Ana López"]
    assert rules.BYLINE_BY.match("By Friday November 22, 2019 the deal was done") is None


def test_date_between_headline_and_text_wins_over_today_s_date_in_the_site_header() -> None:
    article = clean_fixture("meta_todays_date_above_the_headline.txt")  # "Mittwoch, 08. Juli 2020" above the headline
    assert article.published == datetime(2020, 4, 24)


def test_button_words_under_the_headline_name_no_author() -> None:
    assert clean_fixture("meta_button_words_under_the_headline.txt").authors == ()  # "Share Tweet"


def test_names_opening_several_dated_teaser_lines_are_no_author_and_a_dated_teaser_no_headline() -> None:
    article = clean_fixture("meta_dated_teaser_lines_above_the_text.txt")  # "Health Sleep 27/10/23", ...
    assert (article.title, article.authors) == ("Why fear keeps us awake at night", ())


def test_a_weekday_and_date_after_the_byline_name_are_no_authors() -> None:
    article = clean_fixture("meta_byline_with_weekday_and_date_after_the_name.txt")
    assert article.authors == ("Amira Haddad",)
    assert article.published == datetime(2025, 3, 12, 9, 40, tzinfo=timezone.utc)


def test_a_share_widget_label_under_the_headline_is_no_author() -> None:
    article = clean_fixture("meta_share_widget_label_under_the_headline.txt")
    assert article.title == "Storage maker doubles its partner discounts for smaller resellers"
    assert article.authors == ()
    assert "AddThis Sharing Buttons" in [r.line for r in article.removed]


def test_byline_after_a_section_name_in_one_line_names_the_author_under_the_headline() -> None:
    article = clean_fixture("meta_es_section_byline_and_update_in_one_line.txt")  # "Ciclismo | Por: ... | Actualizado el: ..."
    assert article.title == "Marta Flores buscará su primera medalla en el Mundial de Ruta de Valencia"
    assert article.authors == ("Andrés Molina",)
    assert (article.published, article.modified) == (None, datetime(2025, 5, 12, 20, 40))
    assert removed_by_rule(article)["byline"] == ["Ciclismo | Por: Andrés Molina | Actualizado el: 12 mayo 2025 8:40 pm"]
    assert len(article.body) == 3
