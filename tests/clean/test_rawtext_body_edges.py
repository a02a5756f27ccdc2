"""Where the article ends and what sits inside it: embedded tweets, list steps, widgets, captions."""

from __future__ import annotations

from datetime import datetime

from tests.clean.conftest import clean_fixture, removed_by_rule


def test_embedded_tweets_closing_the_article_are_kept() -> None:
    article = clean_fixture("en_tweets_closing_article.txt")
    assert article.body[-5:] == (
        "Residents reacted quickly on social media.",
        "What a wonderful way to honour a woman who cared for three generations of this city "
        "#HarborStreet pic.twitter.com/abc123",
        "— Tom Baker (@tombaker) November 18, 2019",
        "Congratulations to Maria, she delivered both of my children",
        "— Ana Ruiz (@anaruiz_) November 18, 2019",
    )


def test_wordpress_share_and_like_widgets_are_footer() -> None:
    article = clean_fixture("en_tweets_closing_article.txt")
    assert removed_by_rule(article)["footer"] == ["Share this:", "- Twitter", "- Facebook", "Like this:", "Like Loading..."]
    assert removed_by_rule(article)["related"] == [
        "- Council approves new budget for city parks",
        "- Harbor festival returns next summer with more stages",
    ]


def test_sign_up_steps_in_a_body_list_are_kept() -> None:
    article = clean_fixture("en_deal_steps_with_sign_up_bullets.txt")
    assert article.body[2:] == (
        "Here is how to do it:",
        "- Sign up for the Disney+ bundle using the same email as your Hulu account",
        "- Confirm the switch on your Hulu account page",
        "- Sign up for ESPN+ with the same login",
        "The bundle price applies from your next billing date, and you can cancel any of the services at any time.",
    )


def test_newsletter_label_and_consent_box_are_promo_and_sharing_buttons_footer() -> None:
    removed = removed_by_rule(clean_fixture("en_deal_steps_with_sign_up_bullets.txt"))
    assert removed["promo"] == [
        "Deals Newsletter",
        'I agree that Example Deals can send me the "Deals Newsletter" newsletter.',
    ]
    assert removed["footer"] == ["- All sharing options", "- Pocket"]


def test_bracketed_date_is_no_photo_credit_so_the_sentence_above_is_kept() -> None:
    article = clean_fixture("en_comment_policy_and_dated_video.txt")
    assert article.body[2:4] == (
        "A video showing the moment the girl was rescued was released by police on Monday, edited to protect her identity.",
        "(Published Monday, Nov. 18, 2019)",
    )
    assert "caption" not in removed_by_rule(article)


def test_long_comment_policy_is_footer_and_does_not_extend_the_article() -> None:
    article = clean_fixture("en_comment_policy_and_dated_video.txt")
    assert article.body[-1] == "The suspect was arrested at the scene and faces charges of aggravated kidnapping."
    assert [line[:40] for line in removed_by_rule(article)["footer"]] == [
        "As you comment, please be respectful of ",
        "View Comments",
    ]


def test_table_rows_under_a_subheading_after_the_body_are_kept() -> None:
    article = clean_fixture("en_tour_dates_and_comment_thread.txt")
    assert article.body[-5:] == (
        "The Harbor Lights Tour Dates",
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ Riverside Arena",
        "June 14 – St. Louis, MO @ Lakeside Pavilion",
        "June 17 – Nashville, TN @ Bridgestone Arena",
    )


def test_wordpress_comment_thread_header_ends_the_article() -> None:
    removed = removed_by_rule(clean_fixture("en_tour_dates_and_comment_thread.txt"))
    assert removed["footer"] == ["3 responses to “The Harbor Lights announce 40th anniversary tour”"]
    assert removed["comments"] == [
        "- bluesfan77 says:",
        "Saw them in 1989 and they were the best band I have ever heard live, cannot wait for this.",
        "- marina_k says:",
        "Finally a date near me. Already booked the day off work for the show.",
    ]


def test_opening_sentence_poor_in_function_words_starts_the_article() -> None:
    article = clean_fixture("en_gallery_between_opening_and_body.txt")
    assert article.body[0] == "ST. JOSEPH, Mich. (AP) — Six people arrested Monday, Columbus police drug unit reports."
    assert len(article.body) == 5


def test_photo_gallery_inside_the_article_is_caption_and_promo() -> None:
    removed = removed_by_rule(clean_fixture("en_gallery_between_opening_and_body.txt"))
    assert removed["caption"] == [
        "1 of 3",
        "Christopher Battin Submitted photo",
        "Jonathan P. Blair Submitted photo",
        "Elizabeth A. Burton Submitted photo",
    ]
    assert removed["promo"] == ["Story continues below gallery"]
    assert removed["byline"] == ["By Staff Reports -", "Staff Reports"]
    assert removed["footer"] == ["Tweet on Twitter", "SHARE", "Facebook"]


def test_wire_credits_captions_and_link_lines_are_removed_by_named_rules() -> None:
    article = clean_fixture("en_wire_page_with_credits_and_captions.txt")
    assert removed_by_rule(article) == {
        "section": ["- Business"],
        "byline": [
            "Reuters November 18, 2019 11:03 PM",
            "Edited by: Paul Grant",
            "Associated Press writers Ann Lee and Tom Hart contributed to this report.",
        ],
        "dates": ["Today 12:01 AM"],
        "caption": [
            "Image caption The company's headquarters in Riverton",
            "Image copyright Jane Roe",
            "The warehouses at the Riverton docks were leased back to the company for more than $40 million, "
            "filings showHarbor Logistics filingsCredit: EPA",
        ],
        "related": ["SEE MORE: Riverton port strike ends after three weeks", "More from Reuters..."],
        "footer": ["View all (23)"],
        "promo": ["Get breaking business news and the latest updates on markets, deals and more!"],
    }


def test_agency_with_date_line_credits_the_agency_not_an_author() -> None:
    article = clean_fixture("en_wire_page_with_credits_and_captions.txt")
    assert (article.outlet, article.authors, article.published) == ("Reuters", (), datetime(2019, 11, 18, 23, 3))
    assert len(article.body) == 4


def test_page_whose_only_prose_is_the_site_tagline_keeps_the_text_no_rule_claims() -> None:
    article = clean_fixture("de_blog_post_without_prose.txt")
    assert article.body[-5:] == (
        "Ablauf",
        "- Begrüßung und Vorstellungsrunde (15 Minuten)",
        "- Bericht aus dem Ortsbeirat (20 Minuten)",
        "- Planung des Frühlingsfests (45 Minuten)",
        "- Verschiedenes (20 Minuten)",
    )
    assert len(article.body) == 14


def test_german_wordpress_share_and_like_widgets_are_footer() -> None:
    assert removed_by_rule(clean_fixture("de_blog_post_without_prose.txt"))["footer"] == [
        "Teilen mit:",
        "- Drucken",
        "- Facebook",
        "Gefällt mir:",
        "Gefällt mir Lade...",
    ]


def test_a_clock_line_is_never_the_headline_above_it_is() -> None:
    article = clean_fixture("en_headline_above_clock_and_filed_to.txt")
    assert (article.title, article.authors) == ("The Future of Riverton Harbor Is Backwards", ("Adam Clark",))


def test_filed_to_line_is_tags_and_new_window_notices_are_footer() -> None:
    removed = removed_by_rule(clean_fixture("en_headline_above_clock_and_filed_to.txt"))
    assert removed["tags"] == ["Filed to:harbor"]
    assert removed["footer"] == ["These are external links and will open in a new window", "Copy this link"]


def test_author_box_closing_the_article_is_not_article_text() -> None:
    article = clean_fixture("en_wordpress_post_with_comment_form.txt")
    assert article.body[-1] == "The update will reach all players on Monday, after a short maintenance window in the morning."
    assert removed_by_rule(article)["aside"][0] == (
        "Emiliano joined the studio in March 2017 and has been writing about the game since its first beta."
    )


def test_wordpress_post_navigation_comment_form_and_recent_posts_are_removed() -> None:
    removed = removed_by_rule(clean_fixture("en_wordpress_post_with_comment_form.txt"))
    assert removed["footer"] == ["Previous Post", "Next Post", "Leave a Reply", "You must be logged in to post a comment."]
    assert removed["related"] == [
        "More articles from Emiliano Rossi",
        "Elsewhere on Harbor Quest...",
        "Recent Posts",
        "- Bonuses of May",
        "- Upcoming base updates",
    ]


def test_german_wordpress_share_like_related_and_comment_boxes_are_removed() -> None:
    article = clean_fixture("de_wordpress_post_with_share_related_and_comment_form.txt")
    assert article.body[-1] == "Die Fleischtomaten brauchen dagegen noch zwei bis drei Wochen, bis sie geerntet werden können."
    assert len(article.body) == 4
    assert removed_by_rule(article)["footer"] == [
        "- Hinterlasse einen Kommentar",
        "Teilen Sie dies mit:",
        "- Twitter",
        "- Facebook",
        "Gefällt mir:",
        "Gefällt mir Wird geladen …",
        "Dieser Eintrag wurde veröffentlicht in Garten. Setze ein Lesezeichen auf den Permalink.",
        "Hinterlasse eine Antwort",
        "Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr darüber, wie deine Kommentardaten verarbeitet werden.",
        "Bloggen auf WordPress.com.",
    ]
    assert removed_by_rule(article)["related"] == [
        "Ähnliche Beiträge",
        "- Hochbeet im Herbst richtig vorbereiten",
        "- Saatgut selbst gewinnen: So geht es",
    ]


def test_deck_under_the_headline_without_metadata_below_it_is_the_summary() -> None:
    article = clean_fixture("en_deck_without_metadata_and_agency_caption.txt")
    assert article.summary == (
        "“We have to make some necessary job eliminations,” the company's chairman told employees in an email on Monday"
    )
    assert article.body[0] == (
        "Harbor Logistics will cut 400 jobs, about a tenth of its workforce, after orders fell for a third straight quarter."
    )


def test_agency_caption_contact_line_and_reprint_notice_are_removed() -> None:
    removed = removed_by_rule(clean_fixture("en_deck_without_metadata_and_agency_caption.txt"))
    assert [line[:40] for line in removed["caption"]] == ["In this Dec. 12, 2018, file photo, made "]
    assert removed["byline"] == ["Write to Dana Whitfield at dana.whitfield@example.com"]
    assert [line[:40] for line in removed["footer"]] == ["This copy is for your personal, non-comm"]


def test_box_of_kicker_led_teasers_inside_the_article_is_related_and_the_article_goes_on() -> None:
    article = clean_fixture("en_kicker_teasers_inside_article.txt")
    assert removed_by_rule(article)["related"] == [
        "Most read in world news",
        "RANDY ANDY",
        "Prince parties in unearthed pictures despite his claims",
        "TIME TRAVELLER",
        "Conspiracy theorists say they have spotted a famous activist in an old photograph",
        "EYE POPPING",
        "Bodybuilder has muscle removed after injecting oil into his arms",
    ]
    assert article.body[2:] == (
        "How is the plague spread?",
        "Plague is caused by a bacterium usually found in small mammals and their fleas, and it passes to humans "
        "through bites.",
        "Without treatment the disease is often fatal, but today it is easily cured with common antibiotics.",
    )


def test_upper_case_category_lines_above_the_headline_leave_it_the_title() -> None:
    article = clean_fixture("en_blog_with_category_kickers.txt")
    assert article.title == "Business Focus: Why Some People Triumph Online and Others Never Do"
    assert article.published == datetime(2019, 11, 18, 11, 8)


def test_date_ending_in_a_m_word_count_photo_credit_and_signup_notice_are_removed() -> None:
    removed = removed_by_rule(clean_fixture("en_blog_with_category_kickers.txt"))
    assert removed["dates"] == ["Published: Monday, November 18th, 2019 at 11:08 a.m.", "Wordcount: 717"]
    assert removed["caption"] == ["Photo by David Dyer-Bennet"]
    assert removed["promo"] == ["You have been successfully subscribed!"]
    assert removed["footer"] == ["- VKontakte", "- Odnoklassniki"]
    assert removed["related"][0] == "MORE STORIES LIKE THIS ONE"


def test_closing_subheading_and_paragraph_about_a_person_are_no_author_box() -> None:
    article = clean_fixture("en_closing_subheading_with_a_name.txt")
    assert article.body[1:] == (
        "In this video, released by the council on Tuesday, members can be seen arguing over the cost of new cranes.",
        "The budget includes money for dredging the main channel and for repairs to the north pier.",
        "Mayor Responds",
        "Mayor Lopez said on Tuesday that she would sign the budget as soon as it reached her desk.",
    )


def test_follow_prompts_signup_errors_and_wordpress_post_footers_are_removed() -> None:
    article = clean_fixture("en_blog_footer_notices.txt")
    assert removed_by_rule(article) == {
        "byline": ["Posted on November 18, 2019 by Ana Ruiz"],
        "promo": [
            "Follow Ana Ruiz on Twitter for updates from the fund.",
            "There was an error processing your subscription.",
        ],
        "footer": ["Sharing is caring!", "Posted in Grants | Permalink | 1 Comment", "Comments are closed."],
    }
    assert len(article.body) == 3


def test_captions_closed_by_a_photographer_credit_are_removed() -> None:
    article = clean_fixture("en_captions_closed_by_photographer_credits.txt")
    assert removed_by_rule(article)["caption"][:2] == [
        "Lucia Ferrer celebrates a point against Anna Varga during their semi-final in Valencia, Spain, "
        "Tuesday, Nov. 18, 2025. (Pablo Ruiz/AP)",
        "Fans wave flags in the stands of the Valencia arena during the final doubles match on November 18, 2025. "
        "Spain faces Italy on Thursday. Marta SOLER / AFP",
    ]


def test_credit_label_alone_takes_the_credit_under_it() -> None:
    article = clean_fixture("en_captions_closed_by_photographer_credits.txt")
    assert removed_by_rule(article)["caption"][2:4] == ["Photo:", "personal archive of Anna Varga"]


def test_name_slash_outlet_line_is_a_photo_credit() -> None:
    article = clean_fixture("en_captions_closed_by_photographer_credits.txt")
    assert removed_by_rule(article)["caption"][4:] == ["Pablo Ruiz/Example Sport"]


def test_body_with_a_slash_or_an_agency_dateline_is_kept_beside_credited_captions() -> None:
    article = clean_fixture("en_captions_closed_by_photographer_credits.txt")
    assert article.body == (
        "VALENCIA, Spain (AP) — Lucia Ferrer kept the home side's hopes alive on Tuesday, then the doubles pair "
        "completed the comeback in a match that ended after midnight.",
        "The organisers said a record 14,000 fans filled the arena, and a 24/7 shuttle service ran between the "
        "stadium and the city centre.",
        '"It was a difficult night for us," Ferrer said. "We needed this win, otherwise we would be out of the tournament."',
        "Varga, who had won all six of her previous matches this season, said she would rest before the final.",
        "Spain meets Italy on Thursday for the title.",
    )


def test_more_on_header_takes_the_headline_list_under_it() -> None:
    article = clean_fixture("en_more_on_box_above_body.txt")
    assert removed_by_rule(article)["related"] == [
        "More on Example Book Review",
        "- How a Small Press Rescued a Lost Novel",
        "- The 40 Best Memoirs of the Decade",
        "- An Editor on Cutting Her Favourite Chapter",
    ]
    assert article.body[0].startswith("Three years ago, over lunch")
    assert "More on that later." in article.body


def test_photo_illustration_credit_is_caption() -> None:
    article = clean_fixture("en_more_on_box_above_body.txt")
    assert removed_by_rule(article)["caption"] == ["Photo illustration by Example Review. Photo by Tom Reyes."]


def test_credit_printed_above_its_labelled_caption_leaves_the_sentence_above_it_in_the_body() -> None:
    article = clean_fixture("en_credit_above_labelled_caption.txt")
    assert "He has consistently denied being unfair to her." in article.body
    assert removed_by_rule(article)["caption"] == [
        "Image copyright Getty Images",
        "Image caption The label's owner has managed several pop stars over his career",
        "Mountain goats on a ridge above the valley at dawn.",
        "(Jane Field/Getty Images)",
    ]


def test_identifiers_left_unrendered_are_markup_and_prose_naming_one_is_kept() -> None:
    article = clean_fixture("en_unrendered_identifiers.txt")
    assert removed_by_rule(article)["markup"] == [
        "facebook_url", "twitter_url", "youtube_url", "beach_sunset_01", "arrow_forward_ios",
    ]
    assert len(article.body) == 3
    assert article.body[1].startswith("The officials said the file report_2025_final, which")


def test_one_line_author_bio_closing_the_page_ends_the_article_before_its_name_line() -> None:
    article = clean_fixture("en_one_line_author_bio_after_body.txt")
    assert article.body[-1] == '"Operating is a lot different than a strategy role," she said. "I love what I\'m doing."'
    assert len(article.body) == 3
    assert removed_by_rule(article)["aside"] == [
        "Rosa Delgado is a corporate media reporter for the Example Times, covering the business of television and film."
    ]


def test_dont_miss_box_inside_the_article_does_not_end_it() -> None:
    article = clean_fixture("en_dont_miss_box_inside_article.txt")
    assert article.body[-2:] == (
        "Business groups warned that shelves in local shops could start to empty within days if the strike continued.",
        "The government has so far refused to intervene, saying the dispute was a matter for the two sides.",
    )
    assert removed_by_rule(article)["related"][:4] == [
        "DON'T MISS",
        "Ferry operator cancels winter timetable [INSIGHT]",
        "Shipping costs soar as strike drags on [ANALYSIS]",
        "Port city mayor calls for calm [VIDEO]",
    ]


def test_sources_header_ends_the_article_and_subjects_line_is_tags() -> None:
    article = clean_fixture("en_fact_check_with_sources_list.txt")
    assert article.body[-1] == "Experts told us the number was plausible but impossible to verify, so we rate the claim Half True."
    removed = removed_by_rule(article)
    assert removed["tags"] == ["Subjects: Crime, Drugs, Immigration"]
    assert removed["source"] == ["Sources:"]
    assert len(article.body) == 3


def test_byline_with_two_names_and_a_long_date_is_a_byline() -> None:
    article = clean_fixture("en_fact_check_with_sources_list.txt")
    assert removed_by_rule(article)["byline"] == ["By Anna Field on Monday, November 18th, 2025 at 11:08 a.m."]
    assert article.authors == ("Anna Field",)


def test_membership_pitch_is_promo_and_a_widget_error_is_footer() -> None:
    article = clean_fixture("en_membership_pitch_and_widget_error.txt")
    removed = removed_by_rule(article)
    assert removed["promo"] == [
        "If you enjoyed this article, we have a proposition for you: join our members. Members get all of our content, "
        "no paywalls or content limits, and an invitation to our events, where you can meet our writers and editors and "
        "talk to them about the stories they are working on this year."
    ]
    assert removed["footer"] == ["An error has occurred, please try again later."]
    assert article.body[-1] == "If you enjoyed this clean-up, the organisers said, you can join the next one in the spring."


def test_long_captions_closed_by_a_photo_label_or_a_picture_agency_are_removed() -> None:
    article = clean_fixture("en_captions_closed_by_photo_label_or_picture_agency.txt")
    assert removed_by_rule(article)["caption"] == [
        "A stock image of a woman holding a joint. Researchers looked at the relationship between legalisation "
        "and problematic use of the drug. Getty",
        "Not all duvets have real feathers in them. If you are having an allergic reaction, you can try one with "
        "synthetic stuffing instead, which is easy to find in most stores. (Photo: Getty)",
    ]
    assert article.summary is not None and article.summary.startswith("Researchers found no rise")
    assert len(article.body) == 2


def test_shop_buttons_and_commission_notices_are_promo_and_the_product_line_is_kept() -> None:
    article = clean_fixture("en_deals_post_with_shop_buttons.txt")
    assert removed_by_rule(article)["promo"] == [
        "Disclosure: Example Gear may earn a commission from some of the products featured on this page.",
        "Available from Amazon",
        "Buy Now",
        "FTC: We use income earning auto affiliate links.",
    ]
    assert article.body[1:] == (
        "The Harbor Mini speaker dropped to its lowest price yet, and the larger Harbor Max is available from most "
        "retailers at a discount until the end of the month.",
        "We have tested both models over the past year and found that the battery lasts longer than the maker claims.",
        "Harbor Mini portable speaker",
        "$49.99",
        "Prices may change at any time, so check the retailer's page before you order.",
    )


def test_author_bio_after_the_body_ends_it_above_newsletter_pitch_and_teasers() -> None:
    article = clean_fixture("en_author_bio_above_teaser_boxes.txt")
    assert article.body[-2:] == (
        "Guitarist Tom Reyes joined the band in 1998 and wrote most of the songs on the launch title's soundtrack.",
        "The company said more than forty games would be added over the next year, including several exclusive titles.",
    )
    assert removed_by_rule(article)["aside"] == [
        "Every day we send an email with the top stories of the day.",
        "Fishing crews have waited three years for the northern grounds to reopen. This week the first boats went "
        "back out, and the catch was better than anyone expected.",
        "With our app you can stop chasing down signatures and get documents signed in minutes, not days.",
    ]


def test_closing_sentence_broken_after_commas_continues_the_body() -> None:
    article = clean_fixture("en_closing_sentence_broken_after_commas.txt")
    assert article.body[-4:] == (
        "In the same way,",
        "a seller who removes the maker's mark from a product,",
        "or splits a product into smaller packs without the maker's consent,",
        "may also be found to infringe the trademark.",
    )
    assert removed_by_rule(article)["related"] == [
        "Recommended for you",
        "- How to register a trademark abroad",
        "- Five common myths about copyright",
    ]


def test_caption_closed_by_a_one_word_source_and_a_lone_picture_agency_are_captions() -> None:
    article = clean_fixture("en_chart_source_and_lone_picture_agency.txt")
    assert removed_by_rule(article)["caption"] == [
        "Getty",
        "States where cannabis is legal for recreational or medical use. Statista",
    ]
    assert article.body == (
        "Researchers compared surveys from states that legalised cannabis with states that did not, over a period of "
        "ten years.",
        "A woman holds a pre-rolled joint at a dispensary in Denver.",  # a lone agency credit closes no caption
        "The share of adults who reported daily use rose in both groups, but faster where the drug was legal.",
        "Readers wrote to us about their own experience. One letter ended: we never asked for this, and we never "
        "wanted it. Maria Lopez",
        "The authors said the rise among young adults was small and that other factors could explain part of it.",
    )


def test_key_points_opening_the_article_are_kept_under_a_menu_with_a_trending_item() -> None:
    article = clean_fixture("en_key_points_under_menu_with_trending_item.txt")
    assert article.title == "How to save for a house deposit on an average salary"
    assert removed_by_rule(article)["caption"] == ["A couple looks at a house for sale.Jane Roe/Getty"]
    assert article.body[:3] == (
        "- Saving takes time and patience.",
        "- Most lenders ask for a deposit of at least 10% of the price, and a bigger one gets you a better rate.",
        "- Put money aside automatically on payday, before you have a chance to spend it.",
    )


def test_portrait_captions_naming_people_and_a_year_are_captions() -> None:
    article = clean_fixture("en_portrait_captions_in_profile.txt")
    assert removed_by_rule(article)["caption"] == ["Marta Kell in 1987.", "Jonas Pike and Marta Kell in 1999."]
    assert article.body == (
        "Marta Kell wrote eleven novels in twenty years, and two of them won the country's biggest literary prize.",
        "After she died in 2002, her books went out of print within a few years, and used copies began to sell for "
        "hundreds of pounds.",
        "Born in 1950, she grew up above her parents' bakery and started writing stories at the age of nine.",
        "Her publisher now says all eleven novels will be reissued next spring.",
    )


def test_french_photo_agency_credit_and_related_header_are_removed_and_prose_naming_afp_kept() -> None:
    article = clean_fixture("fr_credit_avec_afp_and_related.txt")
    removed = removed_by_rule(article)
    assert removed["caption"] == ["Photo AFP"]
    assert removed["related"] == [
        "Vous aimerez aussi",
        "Le glacier de la Girose a reculé de 40 mètres cet été",
        "Sécheresse : les stations de ski face au manque de neige",
    ]
    assert article.summary == (
        "Les lacs d'altitude des Alpes gèlent de moins en moins longtemps chaque hiver, selon une étude publiée "
        "lundi par des chercheurs de Grenoble."
    )
    assert article.body[1] == (
        "Les chercheurs ont travaillé avec AFP Factuel et plusieurs laboratoires européens pour vérifier les mesures "
        "sur le terrain."
    )
    assert len(article.body) == 3


def test_follow_and_join_promos_after_the_body_end_it_above_unheaded_links() -> None:
    article = clean_fixture("en_follow_and_join_promos_after_body.txt")
    assert article.body[-2:] == (
        "The lead author, who has posted updates on the search for two years, urged readers to follow her on "
        "Instagram for pictures of the telescope.",
        "A probe due to launch next decade will fly past the moon dozens of times and could sample the plumes directly.",
    )
    removed = removed_by_rule(article)
    assert removed["promo"] == [
        "Ana Ruiz's book about the search for life in space is out now. Follow her on Twitter @anaruiz_space.",
        "Join our Space Forums to keep talking space on the latest missions, night sky and more!",
    ]
    assert removed["related"] == ["- Probe could spot signs of life on icy moon", "- Twin telescopes on a Hawaiian volcano"]


def test_survey_pitch_video_end_card_short_url_and_desk_promo_are_removed() -> None:
    article = clean_fixture("en_site_widgets_survey_video_and_short_url.txt")
    removed = removed_by_rule(article)
    assert removed["footer"] == ["Get short URL", "Thanks for watching!"]
    assert removed["promo"] == [
        "Welcome to our new article page. Tell us what you think about our new look by taking this survey.",
        "Welcome to our energy desk, your source for the latest on power and climate. Follow us at Twitter @energydesk.",
    ]
    assert article.body[-1] == "Researchers will take surveys of fish and birds around the panels every spring for the next five years."
    assert len(article.body) == 3


def test_captions_saying_who_stands_where_or_who_took_the_image_are_removed() -> None:
    article = clean_fixture("en_captions_with_position_and_picture_cues.txt")
    assert removed_by_rule(article)["caption"] == [
        "Governor Ellen Marsh, pictured at the state fair in 2024, when she was still a senator.",
        "Campaign director Jo Lind, left, and health secretary Amir Haddad, right, at the launch on Monday.",
        "A drone took this image of the crowd outside the capitol on Monday evening.",
    ]
    assert article.body == (
        "The campaign's slogan was meant to start a conversation, and it has, her spokesman said.",
        "Marsh, pictured, said she would not withdraw the adverts, which cost the state more than $400,000.",
        "Critics said the money would have been better spent on treatment centres in rural counties.",
    )


def test_donation_appeal_after_the_body_is_promo_and_ends_it() -> None:
    article = clean_fixture("en_donation_appeal_after_body.txt")
    assert article.body[-1] == "Support for the claim came from two websites that do not say where their numbers come from."
    assert removed_by_rule(article)["promo"] == [
        "Support Factcheck.example and make a difference for readers everywhere.",
        "Become a member",
    ]


def test_product_boxes_closed_by_shop_buttons_are_kept_in_a_deals_post() -> None:
    article = clean_fixture("en_deals_post_with_product_boxes.txt")
    assert article.body[2:] == (
        "Lumen Lite",
        "- Glare-free 6-inch display that reads like paper",
        "- Weeks of battery life on a single charge",
        "- Built-in adjustable front light",
        "Lumen Lite E-Reader (2025 Model) - Black",
        "$59.99",
        "Lumen Go",
        "- Waterproof for reading at the beach or in the bath",
        "- Warm light that adjusts through the day",
        "- Twice the storage of the previous model",
        "Lumen Go Waterproof E-Reader - Sage",
        "Sale price withheld at the manufacturer's request. Visit Amazon for pricing.",
        "Lumen Pro",
        "- 7-inch display with automatic brightness",
        "- Page-turn buttons for one-handed reading",
        "Lumen Pro E-Reader with Wireless Charging",
        "$189.00",
    )
    assert removed_by_rule(article)["related"] == [
        "Don't Miss:",
        "Today's top deals: robot vacuums, smart speakers and more",
        "Amazon just released a preview of its Black Friday deals",
    ]


def test_short_sentence_and_led_list_between_header_and_prose_open_the_article() -> None:
    article = clean_fixture("en_opening_list_and_short_sentence_under_header.txt")
    assert article.title == "The two-phase low-carb diet: lose up to 10 kg in 14 days"
    assert article.body[:6] == (
        "Average daily intake 1,690 kcal.",
        "Foods allowed in the first phase:",
        "- any fish, from the sea or from rivers",
        "- poultry, including game birds",
        "- eggs of any kind, boiled or fried",
        "- hard cheese, in small amounts",
    )
    assert removed_by_rule(article)["nav"] == ["- Home", "- Diets", "- Recipes", "Reviews", "Add a review"]


def test_info_box_of_dates_and_prices_above_the_share_row_is_kept() -> None:
    article = clean_fixture("en_event_info_box_above_share_row.txt")
    assert article.body[2:] == (
        "We hope to see you there!",
        "Harbour Hall Winter Gala",
        "2025.12.01 ~ 2026.01.31",
        "Tue – Sat 7PM (Closed on Sun & Mon)",
        "Running time 90 minutes",
        "Tickets",
        "Adults : 30 EUR",
        "Children : 12 EUR",
        "Box office",
        "0431-555-0190",
    )


def test_fact_check_claim_box_under_the_headline_is_kept() -> None:
    article = clean_fixture("en_fact_check_claim_box.txt")
    assert article.summary == "A viral message repeated an old health myth in March 2025."
    assert article.body[:6] == (
        "- Claim",
        "Drinking cold water after a meal causes stomach cancer.",
        "Rating",
        "False",
        "About this rating",
        "Origin",
    )
    assert len(article.body) == 8


def test_click_to_tweet_quote_trust_badge_and_glued_post_links_are_footer() -> None:
    article = clean_fixture("en_blog_click_to_tweet_and_glued_post_nav.txt")
    assert removed_by_rule(article)["footer"] == [
        "Your blog should answer the questions your customers ask before they buy.Click To Tweet",
        "Why you can trust Example Shop Journal",
        "PrevPreviousHow to photograph products with a phone",
    ]
    assert article.body[-1].startswith("Start by writing down the questions")


def test_lead_in_sentence_ending_in_a_colon_under_the_byline_opens_the_article() -> None:
    article = clean_fixture("en_lead_in_sentence_under_byline.txt")
    assert article.body[:2] == (
        "Nimbus, the streaming console from a small Finnish studio, goes on sale this week. Is it worth the price? "
        "Here is what the first reviews say:",
        "What Does Nimbus Offer?",
    )


def test_update_notes_and_an_emoji_sentence_above_an_app_link_open_the_article() -> None:
    article = clean_fixture("en_update_notes_and_app_link_under_byline.txt")
    assert article.title == "Word Garden 4 / Spring update"
    assert article.body[:6] == (
        "What's new in version 4.2?",
        "- Forty new puzzles for the spring",
        "- Hints that cost fewer coins",
        "- Better tablet support",
        "Try the new duel mode with a friend 😉",
        "Who is this game for?",
    )
    assert removed_by_rule(article)["promo"] == ["Click here to get more information or download the game."]


def test_teasers_closed_by_a_read_more_button_inside_the_article_are_related() -> None:
    article = clean_fixture("en_read_more_teasers_inside_article.txt")
    assert removed_by_rule(article)["related"] == [
        "Deals of the week",
        "Our editors' favourite discounts on home and garden gear.",
        "Read More",
        "Festival organisers cancel weekend concerts after storm damage",
        "Read more",
    ]
    assert len(article.body) == 4


def test_site_address_above_the_copyright_line_is_no_info_box() -> None:
    article = clean_fixture("en_site_address_above_copyright.txt")
    assert len(article.body) == 2
    assert article.body[-1] == "Tickets for the new performance go on sale on Monday morning at the box office and online."


def test_headline_printed_again_below_the_article_is_nav() -> None:
    article = clean_fixture("en_headline_repeated_below_article.txt")
    assert article.title == "Harbor Foods shares slip after the grocer trims its outlook"
    assert "Harbor Foods shares slip after the grocer trims its outlook" in removed_by_rule(article)["nav"]
    assert article.title not in article.body


def test_widget_row_under_a_stop_ended_deck_and_numbers_under_a_comments_label_are_not_body() -> None:
    article = clean_fixture("en_widget_list_under_deck_and_comment_note.txt")
    assert article.body == (
        "More than four hundred doctors, nurses and therapists met in Linz on Friday for a two-day congress on how "
        "conventional and complementary cancer treatments can be combined.",
        "The organisers said the aim was to give patients honest advice about which methods have been tested and "
        "which have not.",
    )


def test_inline_links_to_other_stories_and_a_glued_share_row_are_removed() -> None:
    article = clean_fixture("en_inline_teasers_and_glued_share_row.txt")
    removed = removed_by_rule(article)
    assert removed["related"] == [
        "[Related: Ferry operator warns of higher fares without new terminal]",
        "On HarborCityNews.com: Fish market traders fear for their future",
        "On HarborCityNews.com: Ferry timetable changes from Monday",
    ]
    assert removed["footer"] == [
        "Share to LinkedInLinkedInShare to FacebookFacebookShare to TwitterTwitterShare to EmailEmailShare to MoreMore"]
    assert len(article.body) == 5 and article.body[-1].startswith("Work on the site is expected")


def test_caption_printing_its_own_credit_leaves_the_paragraph_above_in_the_body() -> None:
    article = clean_fixture("en_caption_with_its_own_credit_under_a_paragraph.txt")
    assert article.body[2:4] == (
        "The building's twelve storage cells are being turned into stacked reading rooms, each with its own theme.",
        "Work on the roof began in March and is on schedule, according to the project manager, Aisha Karim. "
        "The library's collection will move from its current building on Mill Street over the winter.",
    )
    assert removed_by_rule(article)["caption"] == ["The east quay at dusk. Photo: Lena Moss", "© 2024 Harbour Weekly"]


def test_headline_under_a_bulleted_trending_list_heads_the_article_not_the_list() -> None:
    article = clean_fixture("en_headline_under_a_trending_list.txt")
    assert article.title == "Harbour town votes to keep its Sunday market after a year of complaints"
    assert removed_by_rule(article)["related"][:4] == ["TRENDING:", "- Budget vote", "- Storm Ellen", "- Rail strike"]
    assert article.body[0].startswith("Residents of Porthallow voted") and len(article.body) == 4


def test_a_closing_paragraph_signed_by_its_agency_is_kept() -> None:
    article = clean_fixture("de_closing_paragraph_signed_by_agency.txt")
    assert article.body[-1] == (
        "Schon im Sommer 1997 hatte ein Hochwasser an der Oder große Schäden angerichtet. Damals brachen mehrere "
        "Deiche, ganze Dörfer standen unter Wasser. Die Behörden erwarten den Höchststand diesmal für Dienstag. (FR mit dpa)"
    )
    assert removed_by_rule(article)["caption"] == ["Rubriklistenbild: © Patrick Pleul/dpa"]


def test_a_reader_thread_longer_than_the_article_is_not_taken_for_it() -> None:
    article = clean_fixture("en_opinion_with_long_reader_thread.txt")
    assert article.title == "The utility's coal deal is a lesson in public relations"
    assert article.body == (
        "The chief executive's offer of a board seat to a climate activist looked like a concession. It was "
        "nothing of the kind, and the company's investors understood that at once.",
        "The supply contract for the mine's rail line was never in question. Breaking it would have cost the "
        "company penalties and a reputation for unreliability with every other customer it serves.",
        "What the offer bought was a week of coverage in which the company appeared to take the climate "
        "seriously, at no cost to the business itself.",
        "Investors are the audience",
        "Several large pension funds have pledged to leave companies that cannot show a credible path away "
        "from coal. The meeting was staged for them.",
        "Whether those funds accept the performance will be clear at the annual meeting next month.",
    )


def test_reader_thread_lines_are_removed_as_comments_down_to_its_last_reply_button() -> None:
    removed = removed_by_rule(clean_fixture("en_opinion_with_long_reader_thread.txt"))
    assert [line[:30] for line in removed["comments"]] == [
        "- jdoe42",
        "Who outplayed whom is still an",
        "I would rather see the activis",
        "- Reply",
        "- Report",
        "- Harold M.",
        "@jdoe42 I doubt that voters th",
        "- Reply",
        "- Report",
        "- Sunny Field",
        "The content of the piece is ex",
        "She in turn had to say no, bec",
        "- Reply",
    ]
    assert removed["dates"] == ["January 13, 2020", "14 Jan 2020, 13:47", "14 Jan 2020, 20:29", "14 Jan 2020, 13:29"]
    assert removed["nav"][-2:] == ["Reader comments", "- Report"]  # a thread header no rule knows; a last button


def test_an_undated_reply_thread_ends_the_article_at_its_first_reply_button() -> None:
    article = clean_fixture("en_post_with_undated_reply_thread.txt")
    assert article.body[:3] == (
        "The council printed more than two million pages last year, most of them agendas that nobody read on paper.",
        "We moved every committee to shared tablets in January, and the print room now runs two days a week "
        "instead of five.",
        "The savings paid for the tablets within eight months, and members say they find papers faster than before.",
    )
    assert "Did the members need training, or did they pick it up on their own?" not in article.body


def test_short_items_after_a_sentence_item_of_an_article_list_keep_its_opening_paragraphs() -> None:
    article = clean_fixture("en_article_list_of_short_and_sentence_items.txt")
    assert article.body[:3] == (
        "The spread of the virus led towns, regions and the federal government to close every theatre, museum "
        "and concert hall in the state within a single week in March.",
        "Cultural life came almost entirely to a halt, and many venues lost all of their income for the spring season.",
        "The state has put together a package of emergency measures for the sector:",
    )
    assert len(article.body) == 14


def test_wordpress_comments_under_author_lines_are_not_taken_for_the_article() -> None:
    article = clean_fixture("en_post_with_wordpress_comments.txt")
    assert article.title == "Village hall reopens after two years of repairs"
    assert article.body == (
        "The village hall on Mill Lane reopened on Saturday after two years of repairs to its roof and walls, "
        "paid for by a lottery grant and local donations.",
        "More than two hundred people came to the opening, where the parish council thanked the volunteers who "
        "raised the last twelve thousand pounds.",
        "The hall will host the weekly market again from November, and bookings for weddings and parties are now open.",
    )


def test_labelled_photo_credits_are_captions_and_close_no_paragraph_above_them() -> None:
    article = clean_fixture("de_labelled_photo_credits.txt")
    assert removed_by_rule(article)["caption"] == ["Fotocredit: SID", "Bildquelle: dpa"]
    assert article.body[-1] == (
        "Bis Mittwoch hatten 274 der 403 Mitglieder des deutschen Teams Peking erreicht. Alle werden bei der "
        "Ankunft und danach täglich getestet."
    )


def test_a_closing_paragraph_signed_with_its_editors_initials_is_kept() -> None:
    article = clean_fixture("de_closing_paragraph_signed_with_initials.txt")
    assert article.body[-1] == (
        "Zu den wichtigsten Marken zählen die Sekte der Hauskellerei sowie die Weine der Partnergüter in Franken "
        "und an der Mosel (Weingut Sonnhalde/Schloss Rothberg). aw"
    )
    assert len(article.body) == 4


def test_a_subheading_over_a_lead_in_and_its_list_closes_the_article() -> None:
    article = clean_fixture("de_closing_list_under_subheading_and_lead_in.txt")
    assert article.body[2:] == (
        "Unsere Vorschläge für den Altbau",
        "Eine Obergrenze allein reicht nicht, damit Wohnen in der Stadt bezahlbar bleibt. Deshalb schlagen wir zusätzlich vor:",
        "- Eine Sanierungsförderung, die nur erhält, wer die Miete danach für mindestens zehn Jahre nicht",
        "erhöht",
        "- Keine Maklergebühren für Mieterinnen und Mieter",
        "- Ein öffentliches Register für leerstehende Wohnungen",
    )


def test_a_paragraph_over_a_photo_credit_is_kept_and_a_short_caption_over_one_is_not() -> None:
    article = clean_fixture("en_paragraph_over_a_photo_credit.txt")
    assert article.body[2] == (
        "Doctors say the pill is meant above all for older patients and for people with weakened immune systems, "
        "who should ask their family doctor about it as soon as they test positive, since it only works early."
    )
    assert len(article.body) == 5
    assert removed_by_rule(article)["caption"] == [
        "Jane Roe/Getty Images",
        "A pharmacist sorts boxes of the new pill in Boston.",
        "Sam Lee/Getty Images",
    ]
