"""Where the article starts in a page dump: its first sentence, however it closes its quotes, and the
text under its headline's byline or above its table of contents, which parts it from the richer text
further down with a long run of short lines; and above the comment form, however rich the text below."""

from __future__ import annotations

from tests.clean.conftest import clean_fixture, removed_by_rule


def test_intro_under_the_byline_opens_the_article_above_a_contents_list() -> None:
    article = clean_fixture("start_intro_under_byline_above_contents_list.txt")
    assert article.summary == (
        "Salt air, fishing villages and cliffs the tour buses never reach: "
        "our pick of the trails that are worth a long weekend on the Atlantic edge."
    )
    assert article.body[:3] == (
        "Most visitors to northern Portugal stop in Porto and then turn inland towards the vineyards of the Douro. "
        "They miss a coastline that walkers have quietly been discovering for the past decade.",
        "In this guide we walk six routes from Viana do Castelo to the Spanish border "
        "and explain how to reach each one by train or by bus.",
        "Contents",
    )
    assert article.body[-1] == "Allow time to cross the bridge on foot into Tui, whose cathedral is one of the finest in Galicia."
    assert removed_by_rule(article)["byline"] == ["By Marta Lindqvist"]



def test_lead_closing_with_a_german_quote_is_a_sentence_that_opens_the_article() -> None:
    article = clean_fixture("start_de_lead_closing_with_a_german_quote.txt")
    assert article.title == "Bürgermeisterin warnt vor „Stillstand“ beim Hafenausbau"
    assert article.body[0] == (
        "Nordhafen (sn). Bürgermeisterin Katrin Albers hat den Stadtrat zur Eile beim Ausbau des Containerterminals "
        "gemahnt: „Wenn wir jetzt nicht entscheiden, verlieren wir die Reedereien an die Nachbarhäfen.“"
    )
    assert len(article.body) == 4
    assert removed_by_rule(article)["caption"][0] == "Foto: Stadt Nordhafen | Lizenz: CC BY 4.0"


def test_intro_above_a_table_of_contents_opens_the_article() -> None:
    article = clean_fixture("start_intro_above_a_table_of_contents.txt")
    assert article.title == "Growing tomatoes on a balcony: a beginner's guide"
    assert article.body[:8] == (
        "You do not need a garden to grow tomatoes. A sunny balcony, a large pot and a little patience are enough "
        "for a summer of fresh fruit, even in a small city flat.",
        "This guide follows one season on a south-facing balcony, from choosing the plants in April to picking "
        "the last green fruit before the first frost.",
        "Contents",
        "- 1. Choosing a variety",
        "- 2. Pots and soil",
        "- 3. Watering and feeding",
        "- 4. Common problems",
        "1. Choosing a variety",
    )
    assert removed_by_rule(article)["dates"] == ["Updated 4 April 2024", "Reading time 6 min"]


def test_short_post_above_the_comment_form_is_the_article_not_the_longer_sidebar() -> None:
    article = clean_fixture("start_de_short_post_above_comment_form_and_sidebar.txt")
    assert article.title == "Die ersten Tomaten sind reif"
    assert article.body == (
        "Nach dem kühlen Juni hatte ich kaum noch Hoffnung, aber heute konnte ich die ersten drei Tomaten ernten.",
        "Sie sind klein, aber sehr süß. Morgen gibt es Tomatensalat mit Basilikum vom Balkon.",
    )
    assert "Schreibe einen Kommentar" in removed_by_rule(article)["footer"]
    assert len(removed_by_rule(article)["aside"]) == 3  # the sidebar's "About me" text
    assert "comments" not in removed_by_rule(article)  # the form has none, and the sidebar's text under it is none


def test_comment_link_in_the_post_meta_does_not_start_the_comments_above_the_post() -> None:
    article = clean_fixture("start_en_comment_link_in_post_meta_above_short_post.txt")
    assert article.title == "The market hall reopens on Saturday"
    assert article.body == (
        "The old market hall on Quay Street reopens this Saturday after two years of repairs to its roof.",
        "Twelve of the former stalls are back, and four new bakers have taken the places by the east door.",
    )
    assert removed_by_rule(article)["footer"] == ["- Leave a comment", "Like this:", "Like Loading...", "Leave a Reply"]
    assert len(removed_by_rule(article)["aside"]) == 3  # the longer "About me" under the comment form


def test_german_comment_thread_header_ends_the_article_above_the_longer_comments() -> None:
    article = clean_fixture("start_de_post_above_a_long_comment_thread.txt")
    assert article.body == (
        "Seit drei Wochen fahre ich wieder jeden Morgen mit dem Rad ins Büro, zwölf Kilometer hin und zwölf zurück.",
        "Der Bus war zuletzt so oft ausgefallen, dass ich schneller war, wenn ich einfach losgefahren bin.",
    )
    assert removed_by_rule(article)["footer"] == [
        "3 Gedanken zu „Warum ich wieder mit dem Rad zur Arbeit fahre“",
        "Schreibe einen Kommentar",
    ]
    assert removed_by_rule(article)["comments"][::2] == ["- Martina", "- Jonas", "- Peter"]
    assert len(removed_by_rule(article)["comments"]) == 6  # a name and a comment each; the dates are `dates`


PRESS_RELEASE_LEAD = (
    "(Kiel) - Von der neuen Heizkostenabrechnung über den Mietspiegel bis zur Grundsteuer: Jana Petersen vom "
    "Mieterbund Nord fasst zusammen, was sich in diesem Jahr ändert:"
)


def test_lead_in_above_the_first_subheading_opens_the_article() -> None:
    article = clean_fixture("start_de_press_release_lead_over_subheading.txt")
    assert article.body[:3] == (
        PRESS_RELEASE_LEAD,
        "Neue Regeln für die Heizkosten:",
        "Vermieter müssen den Verbrauch künftig monatlich mitteilen, wenn fernablesbare Zähler eingebaut sind. "
        "Wer keine Mitteilung erhält, darf die Heizkosten um drei Prozent kürzen.",
    )


def test_one_word_subheadings_over_paragraphs_are_text_not_section_labels() -> None:
    article = clean_fixture("start_de_press_release_lead_over_one_word_subheading.txt")
    assert article.summary is None
    assert article.body[:4] == (
        PRESS_RELEASE_LEAD,
        "Heizkosten:",
        "Vermieter müssen den Verbrauch künftig monatlich mitteilen, wenn fernablesbare Zähler eingebaut sind. "
        "Wer keine Mitteilung erhält, darf die Heizkosten um drei Prozent kürzen.",
        "Mietspiegel:",
    )
    assert removed_by_rule(article)["section"] == ["- Kontakt"]
