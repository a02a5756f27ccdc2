"""Raw-text pages in English, German, French and Spanish: exact bodies, removals and metadata."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ingest.clean import clean
from tests.clean.conftest import FIXTURES, SEEDS, clean_fixture, removed_by_rule


def test_related_stories_list_at_end_is_removed() -> None:
    article = clean_fixture("en_flood_reuters.txt")
    assert removed_by_rule(article)["related"] == [
        "Related:",
        "- Italy braces for more storms as death toll rises",
        "- How climate change is making floods more frequent in Europe",
    ]


def test_headerless_run_of_headlines_after_body_is_related() -> None:
    article = clean_fixture("en_headerless_related.txt")
    assert removed_by_rule(article)["related"] == [
        "- Heatwave grips southern Europe as temperatures soar",
        "- Tourists flee Rhodes resorts as fires rage on the island",
        "- EU sends firefighting planes to help Greece",
    ]
    assert article.body[-1] == "Officials said no casualties had been reported so far, although several homes had been damaged."


def test_short_quotes_lists_and_prose_mentioning_comments_are_kept() -> None:
    article = clean_fixture("en_flood_reuters.txt")
    assert article.body == (
        "BOLOGNA, Italy (Reuters) - Thousands of people were forced from their homes in northern Italy on Wednesday "
        "after torrential rain caused rivers to burst their banks, officials said.",
        "The regional government declared a state of emergency and said more than 5,000 people had been evacuated overnight.",
        "“We will rebuild,” she said.",
        "The measures announced by the government include:",
        "- a suspension of tax payments for affected households",
        "- emergency funds for farmers",
        "- army engineers to shore up river banks",
        "Residents posted more than a thousand comments on the town council's page, many asking when the water would recede.",
        "Forecasters expect more rain over the weekend, and the civil protection agency warned that further evacuations "
        "could follow if the levees give way.",
    )


def test_english_boilerplate_is_removed_by_named_rules() -> None:
    assert removed_by_rule(clean_fixture("en_flood_reuters.txt")) == {
        "section": ["Home > World > Europe"],
        "byline": ["By Jane Roe and Marco Bianchi, Reuters", "Reporting by Jane Roe; Editing by John Smith"],
        "dates": ["Published: 14 May 2025, 09:30 GMT", "Updated 2 hours ago"],
        "promo": ["Advertisement"],
        "caption": ["Rescuers carry an elderly woman to safety in Faenza. (Photo: Reuters)"],
        "footer": ["Share on Facebook", "12 comments", "© 2025 Reuters. All rights reserved."],
        "related": [
            "Related:",
            "- Italy braces for more storms as death toll rises",
            "- How climate change is making floods more frequent in Europe",
        ],
    }


def test_byline_gives_authors_without_by_and_agency_as_outlet() -> None:
    article = clean_fixture("en_flood_reuters.txt")
    assert article.title == "Floods force thousands from homes in northern Italy"
    assert article.summary == "Rescue teams evacuated entire villages after two days of torrential rain swelled rivers across Emilia-Romagna."
    assert (article.authors, article.outlet, article.section) == (("Jane Roe", "Marco Bianchi"), "Reuters", "World")


def test_stated_utc_offset_is_kept_and_relative_update_gives_no_date() -> None:
    article = clean_fixture("en_flood_reuters.txt")
    assert article.published == datetime(2025, 5, 14, 9, 30, tzinfo=timezone.utc)
    assert article.modified is None


def test_german_page_boilerplate_and_wall_clock_date() -> None:
    article = clean_fixture("de_bahn_dpa.txt")
    assert article.title == "Bahn kündigt neue Streckensperrungen für 2026 an"
    assert article.published == datetime(2025, 11, 3, 17, 14)  # "Uhr" states no offset: naive
    assert (article.authors, article.outlet, article.section, article.language) == (
        ("Anna Schmidt",), "dpa", "Wirtschaft", "de",
    )
    assert removed_by_rule(article) == {
        "section": ["Startseite > Wirtschaft > Verkehr"],
        "byline": ["Von Anna Schmidt", "Mit Material von dpa"],
        "dates": ["3. November 2025, 17:14 Uhr"],
        "promo": ["Anzeige", "Jetzt den Newsletter abonnieren und keine Nachricht verpassen"],
        "related": [
            "Lesen Sie auch:",
            "- Bahn verfehlt Pünktlichkeitsziel erneut deutlich",
            "- Was Pendler bei Streckensperrungen wissen müssen",
        ],
        "footer": ["Kommentare (3)", "Artikel teilen"],
    }
    assert len(article.body) == 5


def test_french_page_boilerplate_and_dates() -> None:
    article = clean_fixture("fr_greve_afp.txt")
    assert article.title == "Grève à la SNCF : le trafic fortement perturbé ce week-end"
    assert (article.authors, article.outlet, article.language) == (("Jean Dupont",), "AFP", "fr")
    assert (article.published, article.modified) == (datetime(2024, 12, 9, 14, 30), datetime(2024, 12, 9, 16, 5))
    assert removed_by_rule(article) == {
        "byline": ["Par Jean Dupont, AFP"],
        "dates": ["Publié le 9 décembre 2024 à 14h30", "Mis à jour le 9 décembre 2024 à 16h05"],
        "related": ["À lire aussi : Les contrôleurs menacent d'une nouvelle grève pour les fêtes"],
        "footer": ["Partager sur Facebook"],
        "promo": ["Abonnez-vous à notre newsletter"],
        "source": ["Cet article a été initialement publié sur le site de l'AFP."],
    }
    assert len(article.body) == 4


def test_spanish_page_boilerplate_caption_and_source_url() -> None:
    article = clean_fixture("es_incendio_efe.txt")
    assert article.title == "Un incendio forestal obliga a desalojar a mil vecinos en Valencia"
    assert (article.authors, article.outlet, article.section) == (("María López",), "EFE", "Internacional")
    assert article.modified == datetime(2024, 12, 9, 14, 30, tzinfo=timezone(timedelta(hours=1)))  # CET stated
    assert article.source_url == "https://www.efe.com/espana/incendio-valencia"
    assert removed_by_rule(article)["caption"] == ["Foto: Bomberos trabajan en la zona del incendio (EFE)"]
    assert article.body[-1].startswith("Más de 200 efectivos")


def test_page_without_headline_has_no_title() -> None:
    (article,) = clean((SEEDS / "001_2734e09429ca7a01.txt").read_bytes(), "001_2734e09429ca7a01.txt")
    assert (article.title, article.summary) == (None, None)


def test_page_dump_keeps_article_block_and_drops_menus_teasers_and_legal_lines() -> None:
    article = clean_fixture("en_page_dump_with_menus.txt")
    assert article.title == "Regulator fines social network over children's data"
    assert (article.authors, article.section) == (("Sam Taylor",), "Technology")
    assert article.body == (
        "The data protection regulator fined the social network 40 million euros on Tuesday for mishandling the "
        "personal data of children under 13.",
        "The company changed its privacy policy last year, but the regulator said the changes came too late and did "
        "not go far enough.",
        "Privacy",
        "“We take this very seriously,” a spokeswoman said.",
        "The company said it would appeal the decision and that it had already deleted the accounts of users found "
        "to be under age.",
        "Consumer groups welcomed the fine and said other platforms should expect similar scrutiny in the coming months.",
    )
    removed = removed_by_rule(article)
    assert removed["related"][:2] == ["You may also like", "Regulators look again at online advertising rules"]
    assert removed["nav"][:2] == ["Skip to main content", "- News"]
    assert "Sam Taylor covers technology regulation for the newspaper and is based in Brussels." in removed["aside"]
    assert removed["footer"][-2:] == [
        "Registration on or use of this site constitutes acceptance of our User Agreement and Privacy Policy.",
        "© 2019 Example Media. All rights reserved.",
    ]


def test_cookie_banner_reading_time_and_two_dates_on_one_line() -> None:
    article = clean_fixture("fr_page_dump_cookies.txt")
    assert article.title == "Les Vingt-Sept s'accordent sur un fonds d'urgence pour les agriculteurs"
    assert (article.authors, article.outlet) == (("Jean Dupont",), "AFP")
    assert (article.published, article.modified) == (datetime(2025, 11, 3, 17, 14), datetime(2025, 11, 4, 8, 2))
    removed = removed_by_rule(article)
    assert removed["promo"][:2] == [
        "Nous utilisons des cookies pour vous offrir une expérience optimale. En poursuivant votre navigation, "
        "vous acceptez leur utilisation.",
        "J'accepte",
    ]
    assert removed["dates"] == ["Publié le 3 novembre 2025 à 17h14, modifié le 4 novembre 2025 à 08h02", "Lecture 4 min."]
    assert removed["footer"] == ["- Partager sur Facebook", "- Envoyer par e-mail", "Réagir (14)"]
    assert article.body[-2:] == (
        "« C'est un signal fort envoyé à nos campagnes », a salué la ministre française, à la sortie de la réunion.",
        "Plusieurs pays du Nord ont toutefois exprimé des réserves sur le financement du mécanisme.",
    )


def test_place_before_date_publisher_after_byline_and_paragraph_after_related_block() -> None:
    article = clean_fixture("es_dateline_place_date.txt")
    assert article.published == datetime(2025, 11, 3, 17, 14, tzinfo=timezone(timedelta(hours=1)))
    assert (article.authors, article.outlet) == (("Ana García",), "Diario del Sur")
    assert article.summary == "El Congreso adelanta un año el calendario previsto y la oposición anuncia que recurrirá la norma."
    assert article.body[0].startswith("SANTIAGO DE CHILE, 3 nov (EFE).- El Congreso")  # dateline kept
    assert article.body[-1].startswith("Los gremios empresariales advirtieron")
    assert removed_by_rule(article)["related"] == [
        "Te puede interesar", "- Argentina registra la inflación mensual más baja en cinco años",
    ]


def test_markdown_headings_and_emphasis_are_read_as_plain_lines() -> None:
    article = clean_fixture("en_markdown.md")
    assert article.title == "Council approves budget after marathon session"
    assert article.published == datetime(2025, 3, 2, 21, 5)
    assert article.body == (
        "The city council approved next year's budget late on Tuesday after a debate that lasted more than nine hours.",
        "Schools and roads",
        "Most of the new spending goes to school repairs and to fixing roads damaged by last winter's frost.",
    )
    assert removed_by_rule(article) == {
        "dates": ["*Published: 2 March 2025, 21:05*"],
        "footer": ["* Share on Facebook", "* Share on X"],
    }


def test_body_lines_that_merely_look_like_boilerplate_are_kept() -> None:
    article = clean_fixture("en_body_lines_that_look_like_boilerplate.txt")
    page = (FIXTURES / "en_body_lines_that_look_like_boilerplate.txt").read_text(encoding="utf-8").splitlines()
    assert article.body == tuple(page[3:])
    assert removed_by_rule(article) == {"byline": ["By Alex Kim"], "dates": ["12 March 2025"]}


def test_date_inside_a_mixed_header_line_is_found_without_inventing_a_zone() -> None:
    article = clean_fixture("en_mixed_header_lines.txt")
    assert article.title == "Streaming service apologises for launch-day outage"
    assert article.published == datetime(2024, 9, 15, 21, 24)  # "Get" is not a time zone
    assert article.authors == ()  # "Company Town" above the headline is a section, not a name
    assert len(article.body) == 2


def test_run_of_bracketed_chart_lines_after_body_is_kept() -> None:
    article = clean_fixture("en_markets_wire_with_chart_links.txt")
    assert article.body[-4:] == (
        "\"The bar for another move in April has clearly gone up,\" said a strategist at a Frankfurt bank.",
        "(Chart: Euro zone bond yields since 2022 - here)",
        "(Chart: Market pricing of ECB rate cuts - here)",
        "(Chart: Inflation in the largest euro zone economies - here)",
    )
    assert len(article.body) == 7
    assert removed_by_rule(article)["related"] == [
        "More stories",
        "- Oil steadies as investors weigh supply risks",
        "- Sterling slips against the dollar ahead of budget",
        "- About us",
        "- Contact",
    ]


def test_captions_closed_by_agency_credits_are_removed() -> None:
    article = clean_fixture("en_captions_with_agency_credits.txt")
    assert removed_by_rule(article)["caption"] == [
        "The Castelo do Bode reservoir near Tomar, seen from the dam wall in May.",
        "Rui Pereira/Getty Images",
        "FILE PHOTO: A man walks across the cracked bed of the Alqueva reservoir in southern Portugal, May 3, 2025.",
        "Sunflower fields near Beja, Portugal.Ana Brito / Reuters file",
    ]
    assert len(article.body) == 6
    assert article.body[-1] == "The government will meet regional leaders on Monday to discuss emergency aid for agriculture."


def test_sentences_ending_in_emoji_continue_the_body() -> None:
    article = clean_fixture("en_blog_post_ending_with_emoji.txt")
    assert article.body[-2:] == (
        "Bring cash if you can, because a few of the smaller stalls still do not take cards! 🙂",
        "We hope to see you there soon! 🙂",
    )
    assert len(article.body) == 6


def test_date_in_a_photo_caption_is_not_the_publication_date() -> None:
    article = clean_fixture("en_caption_with_photo_date_above_body.txt")
    assert article.published is None
    assert removed_by_rule(article)["caption"] == [
        "FILE PHOTO: Cranes at the Port of Valdera container terminal, March 2, 2021."
    ]
    assert article.body[0].startswith("The Port of Valdera will double")


def test_byline_closing_a_date_line_gives_the_author() -> None:
    article = clean_fixture("en_date_line_with_glued_byline.txt")
    assert article.authors == ("Priya Natarajan",)


def test_bylines_of_teasers_below_the_article_are_not_authors() -> None:
    article = clean_fixture("en_date_line_with_glued_byline.txt")
    assert "Marcus Hale" not in article.authors and "Elena Voss" not in article.authors
    assert removed_by_rule(article)["byline"] == [
        "Tuesday March 4, 2025 9:15 am PST by Priya Natarajan",
        "By Marcus Hale",
        "By Elena Voss",
    ]


def test_nearest_name_line_under_headline_is_the_author_without_its_handle() -> None:
    article = clean_fixture("en_lone_name_with_handle_under_headline.txt")
    assert article.authors == ("Dana Whitfield",)


def test_blog_date_line_ending_in_byline_gives_author_and_date() -> None:
    article = clean_fixture("en_blog_post_with_author_box_and_comments.txt")
    assert article.authors == ("Helen Ward",)
    assert article.published == datetime(2025, 3, 3)
    assert article.summary is None
    assert removed_by_rule(article)["byline"] == ["March 3, 2025 by Helen Ward"]


def test_author_box_and_comment_section_below_blog_post_are_removed() -> None:
    article = clean_fixture("en_blog_post_with_author_box_and_comments.txt")
    assert article.body == (
        "Basil is one of the easiest herbs to grow in summer, but it often dies as soon as the days get shorter.",
        "The trick is light. A south-facing window gives the plant the four to six hours of sun it needs, "
        "and a cheap grow light can make up the rest.",
        "Water only when the top of the soil is dry, and never let the pot stand in water.",
        "Pinch off the flower buds as soon as they appear, so that the plant keeps putting its energy into leaves.",
        "With a little care, you can keep picking fresh leaves until spring.",
    )
    assert removed_by_rule(article)["footer"][:2] == ["Leave a Comment", "About Helen"]


def test_comment_date_below_the_article_is_not_the_publication_date() -> None:
    article = clean_fixture("en_blog_post_with_author_box_and_comments.txt")
    assert removed_by_rule(article)["dates"] == ["March 4, 2025 at 8:12 am"]
    assert article.published == datetime(2025, 3, 3)


def test_caption_under_a_caption_label_line_is_removed() -> None:
    article = clean_fixture("en_caption_label_above_caption.txt")
    assert removed_by_rule(article)["caption"] == ["Image caption,", "Residents clear mud from a street in Paiporta"]
    assert article.body == (
        "Thousands of homes in the Valencia region were without power on Thursday after heavy rain caused rivers "
        "to burst their banks overnight.",
        "Emergency services said they had rescued more than 200 people from cars and homes.",
        "Spain's weather agency has issued a red warning for the coast, with more rain expected on Friday.",
        "\"We have never seen anything like this,\" one resident told local television.",
    )


def test_unheaded_headline_and_teaser_pairs_after_body_are_removed() -> None:
    article = clean_fixture("en_unheaded_teasers_after_body.txt")
    assert article.body[-1] == "The findings were published in the Astrophysical Journal Letters."
    assert len(article.body) == 5
    assert removed_by_rule(article)["related"] == [
        "Scientists find ancient river bed on Mars",
        "Huge solar flare could disrupt radio signals this week",
        "Volunteers help classify a million galaxies",
        "Terms of use",
    ]
    assert removed_by_rule(article)["aside"] == [
        "The rover has found rounded pebbles that could only have been shaped by flowing water, Nasa said.",
        "Forecasters said the flare was the strongest recorded since 2017.",
        "An online project has asked members of the public to sort images from a new survey.",
    ]


def test_subheaded_sections_closing_the_body_are_kept() -> None:
    article = clean_fixture("en_subheaded_sections_at_end_of_body.txt")
    assert article.body[-4:] == (
        "What the volunteers found in the river",
        "Most of the rubbish was plastic, but volunteers also pulled out three bicycles, a safe and a garden bench "
        "that had been in the water for years, the trust said.",
        "How the council plans to stop dumping",
        "The city council said it would install cameras at two bridges where rubbish is most often thrown into "
        "the river, and would fine anyone caught doing so.",
    )
    assert len(article.body) == 6


def test_site_name_in_byline_is_the_outlet_not_an_author() -> None:
    article = clean_fixture("en_byline_with_site_name.txt")
    assert article.authors == ("Dana Whitfield",)
    assert article.outlet == "Rivertonlive.com"


def test_author_label_byline_gives_the_author() -> None:
    article = clean_fixture("en_author_label_byline.txt")
    assert article.authors == ("Lena Park",)
    assert removed_by_rule(article)["byline"] == ["Author: Lena Park"]


def test_short_article_under_its_byline_is_kept_above_a_longer_box() -> None:
    article = clean_fixture("en_short_article_above_long_about_box.txt")
    assert article.body[:3] == (
        "The A38 bridge at Harford has been closed in both directions after a lorry hit the parapet early on Monday.",
        "Highways engineers are inspecting the structure and diversions are in place.",
        "Police said nobody was hurt.",
    )
    assert removed_by_rule(article)["related"] == [
        "Most Popular",
        "- Snow warning for the moors",
        "- Pub wins best in county award",
        "- Council tax to rise by 5%",
    ]


def test_opening_paragraphs_above_an_in_article_link_box_are_kept() -> None:
    article = clean_fixture("en_link_box_after_opening_paragraphs.txt")
    assert article.body[:2] == (
        "The city council has approved plans for segregated cycle lanes on three main roads.",
        "The decision came after a two-hour debate.",
    )
    assert len(article.body) == 7
    assert removed_by_rule(article)["related"] == [
        "Recommended",
        "- Bus fares to be frozen for another year",
        "- New library opens in Eastgate",
    ]


def test_link_line_between_closing_sentences_of_the_body_is_kept() -> None:
    article = clean_fixture("en_link_line_between_closing_sentences.txt")
    assert article.body[-3:] == (
        "Tickets for the remaining weeks can be booked online or at the box office.",
        "Booking page – https://riverside-playhouse.example/summer-season/tickets",
        "We look forward to seeing you at the theatre this summer.",
    )


def test_job_title_in_byline_is_no_author_and_date_after_it_no_outlet() -> None:
    article = clean_fixture("en_byline_with_role_and_date.txt")
    assert article.authors == ("Jane Roe",)
    assert article.outlet is None
    assert article.published == datetime(2025, 11, 19)


def test_network_acronym_in_byline_is_the_outlet() -> None:
    article = clean_fixture("en_byline_with_network_acronym.txt")
    assert article.authors == ("Sam Ortiz", "Lee Park")
    assert article.outlet == "CNN"


def test_name_under_a_bare_by_line_is_the_stated_author() -> None:
    article = clean_fixture("en_bare_by_line_above_name.txt")
    assert article.authors == ("Rita Okafor",)


def test_caption_sentence_above_byline_yields_to_the_headline() -> None:
    article = clean_fixture("en_caption_between_headline_and_byline.txt")
    assert article.title == "Veteran rock band announces reunion show at the lakeside amphitheatre"


def test_newspaper_name_in_byline_is_the_outlet_not_an_author() -> None:
    article = clean_fixture("en_caption_between_headline_and_byline.txt")
    assert article.authors == ("Carla Mendes",)
    assert article.outlet == "Lakeside Herald"


def test_image_caption_credited_via_a_source_is_removed() -> None:
    article = clean_fixture("en_via_credited_image_caption.txt")
    assert removed_by_rule(article)["caption"] == ["The current Inkwell reader's page-turn buttons via TechTeardown"]
    assert "Readers can send tips via email." in article.body


def test_login_name_after_a_slash_by_in_a_blog_meta_line_is_the_author() -> None:
    article = clean_fixture("en_wordpress_meta_line_with_login_name.txt")
    assert article.authors == ("webeditor",)
    assert removed_by_rule(article)["byline"] == ["March 3, 2025/2 Comments/in News /by webeditor"]
    assert len(article.body) == 2


def test_browser_notice_comment_count_and_follow_row_around_the_headline_are_removed() -> None:
    article = clean_fixture("en_header_widgets_around_headline.txt")
    assert article.title == "Harbour city approves its first offshore wind farm"
    removed = removed_by_rule(article)
    assert removed["promo"] == [
        "We've detected you are on Internet Explorer. For the best Example.com experience, please update to a modern browser.",
        "Follow Example News on",
    ]
    assert removed["footer"] == ["New, 15 comments"]


def test_byline_followed_by_email_and_phone_names_the_author() -> None:
    article = clean_fixture("en_header_widgets_around_headline.txt")
    assert removed_by_rule(article)["byline"] == ["By Megan Rowe meganr@example.com(509) 459-5382"]
    assert article.authors == ("Megan Rowe",)


def test_date_line_with_by_colon_byline_gives_author_without_degrees_and_the_date() -> None:
    article = clean_fixture("en_dated_byline_with_degrees.txt")
    assert article.title == "How to Tackle Game Day Snack Temptations"
    assert article.authors == ("Ilana Harper",)
    assert article.published == datetime(2019, 2, 1)


def test_comment_count_between_headline_and_deck_leaves_the_headline_as_title() -> None:
    article = clean_fixture("en_header_widgets_around_headline.txt")
    assert article.title == "Harbour city approves its first offshore wind farm"
    assert article.summary == "The council's vote clears the way for the first turbines on this stretch of coast"


def test_bulleted_headline_right_above_the_byline_is_the_title_and_section_bullets_are_not() -> None:
    article = clean_fixture("en_breadcrumb_headline_over_byline.txt")
    assert article.title == "Agency adds five companies to its lunar lander program"
    assert article.authors == ("Jane Foster",)
    assert article.body[0].startswith("WASHINGTON — The space agency announced on Monday")


def test_first_published_on_a_date_is_the_date_line_and_originally_published_on_a_site_is_source() -> None:
    article = clean_fixture("en_first_published_date_and_original_source.txt")
    assert article.published == datetime(2025, 11, 19, 8, 16)
    assert removed_by_rule(article) == {
        "dates": ["First published on November 19, 2025 / 8:16 AM"],
        "source": ["Originally published on Example Science."],
    }


def test_headline_over_a_byline_ends_a_related_block_above_it() -> None:
    article = clean_fixture("en_trending_menu_above_headline.txt")
    assert article.title == "Comet fragments light up the southern sky"
    assert article.summary == "The display was brief, but observers in three countries saw it."
    assert article.authors == ("Ruth Calder",)
    assert removed_by_rule(article)["byline"] == ["By Ruth Calder 2025-11-18T20:51:19Z Science & Astronomy"]


def test_related_coverage_from_a_section_and_latest_videos_are_related_headers() -> None:
    article = clean_fixture("en_related_coverage_and_latest_videos.txt")
    assert article.body[-2:] == (
        "Related videos shot by readers show how others cut their spending, and several said that tracking every "
        "purchase for a month was the hardest part.",
        "Keep saving and investing, but do not forget to enjoy the present, too.",
    )
    assert removed_by_rule(article)["related"] == [
        "Related coverage from Money Basics:",
        "- Here's how to figure out when you can retire",
        "- How to invest in index funds, explained",
        "Latest videos",
        "Markets close higher as tech shares rally",
        "Winter storm warning issued for the north",
    ]


def test_role_with_handle_is_a_byline_and_a_lone_date_label_is_no_headline() -> None:
    article = clean_fixture("en_role_handle_byline_and_lone_date_label.txt")
    assert article.title == "Former champion appointed head coach of city club"
    removed = removed_by_rule(article)
    assert removed["byline"] == ["News reporter @janeroe_news"]
    assert removed["dates"] == ["Publish date:", "November 19, 2025"]
    assert article.authors == ()


def test_writers_recent_stories_under_the_byline_are_related_and_no_headline() -> None:
    article = clean_fixture("en_writer_recent_stories_under_byline.txt")
    assert article.title == "Veteran soul band reunites with former singer for anniversary tour"
    assert article.summary == (
        "The singer joined his old bandmates on stage in Memphis for a surprise performance and tour announcement"
    )
    assert article.authors == ("Lena Ortiz",)
    assert removed_by_rule(article)["related"] == [
        "Lena Ortiz's Most Recent Stories",
        "- Veteran soul band reunites with former singer for anniversary tour",
        "- Jazz trio records live album in a lighthouse",
        "- Festival adds a third stage for next summer",
    ]


def test_german_shop_button_commission_notice_and_video_rail_are_removed() -> None:
    article = clean_fixture("de_angebote_mit_kaufbuttons.txt")
    removed = removed_by_rule(article)
    assert removed["footer"] == ["Jetzt kommentieren"]
    assert removed["promo"] == [
        "Wenn Sie über einen dieser Links einkaufen, erhalten wir eine kleine Provision.",
        "Zum Angebot",
    ]
    assert removed["related"] == [
        "Weitere Videos",
        "Smartphone-Test: Welche Kamera überzeugt im Dunkeln?",
        "So richten Sie Ihren neuen Router richtig ein",
    ]
    assert article.body[1] == (
        "Die Verbraucherzentrale rät, die Links in Werbe-Mails zu prüfen, weil Betrüger damit Provisionen und Daten abgreifen."
    )
    assert len(article.body) == 4
