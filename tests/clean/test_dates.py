"""Dates: the order of numeric dates, and the prefilter that spares dateparser lines that cannot be dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateparser.date import DateDataParser

from ingest.clean import dates
from ingest.clean.dates import MODIFIED, PUBLISHED, DateLine, DateStyle
from tests.clean.conftest import FIXTURES, clean_fixture, removed_by_rule

ENGLISH = DateStyle(("en",))


def test_a_numeric_date_is_day_first_on_a_page_that_shows_no_other_convention() -> None:
    article = clean_fixture("en_local_paper_numeric_date.txt")  # "Local News | 07/04/2025"
    assert article.published == datetime(2025, 4, 7)


def test_dates_in_words_written_month_first_make_numeric_dates_month_first() -> None:
    article = clean_fixture("en_us_paper_numeric_date.txt")  # "Published 11/05/2019", "the Oct. 21 meeting"
    assert article.published == datetime(2019, 11, 5)


def test_a_numeric_date_that_reads_one_way_only_settles_the_others() -> None:
    lines = ["Posted 03/04/2024", "Reply: 03/14/2024 at 9:12 am", "Updated 4 March 2024"]
    assert DateStyle.of("en", lines) == DateStyle(("en",), day_first=False)
    assert dates.parse_date("03/04/2024", DateStyle.of("en", lines)) == datetime(2024, 3, 4)
    assert DateStyle.of("en", ["Posted 03/04/2024", "Reply: 14/03/2024 at 9:12"]).day_first


def test_only_english_pages_take_the_order_of_their_dates_in_words() -> None:
    # Other languages write dates in words day first; an English "Dec 10" there is quoted matter.
    assert not DateStyle.of("en", ["10/12/2020", "Markets on Dec 10, 2020"]).day_first
    assert DateStyle.of("pt", ["10/12/2020", "Markets on Dec 10, 2020"]).day_first


def test_the_page_language_comes_before_english_for_month_names() -> None:
    assert DateStyle.of("de", ["Stand: 3. November 2025"]).languages == ("de", "en")
    assert DateStyle.of(None, []).languages == ("en",)


def _candidates() -> list[tuple[DateStyle, str]]:
    rows = (FIXTURES / "date_candidates.tsv").read_text(encoding="utf-8").splitlines()
    return [(DateStyle.of(lang, []), line) for lang, line in (r.split("\t") for r in rows if not r.startswith("#"))]


def _outcomes(candidates: list[tuple[DateStyle, str]]) -> list[tuple[object, ...]]:
    return [
        (dates.date_lines(line, style), dates.parse_date(line, style), dates.find_date(line, style))
        for style, line in candidates
    ]


def test_the_prefilter_never_changes_what_dateparser_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    candidates = _candidates()
    spared = [line for style, line in candidates if dates._date_parts(line, style.languages) < 3]
    filtered = _outcomes(candidates)
    monkeypatch.setattr(dates, "_date_parts", lambda text, languages: 99)  # every line goes to dateparser
    assert filtered == _outcomes(candidates)
    read = sum(1 for _, parsed, found in filtered if parsed or found)
    assert (len(candidates), len(spared), read) == (71, 13, 52)  # the fixture holds dates, not only misses


ISO_FORMS = ("2025-03-01", "2025-03-01 09:00", "2025-03-01T09:00:07", "2025-03-01 09:00:07.5",
             "2025-03-01T09:00:07.123456Z", "2025-12-11 23:59 UTC", "2025-12-11T00:01 GMT")


@pytest.mark.parametrize("style", [DateStyle(("en",)), DateStyle(("en",), day_first=False), DateStyle(("de", "en")),
                                   DateStyle(("vi", "en"))])
def test_iso_dates_are_read_by_the_standard_library_as_dateparser_reads_them(style: DateStyle,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [dates.parse_date(text, style) for text in ISO_FORMS]
    monkeypatch.setattr(dates, "_iso_date", lambda text: None)
    slow = [dates.parse_date(text, style) for text in ISO_FORMS]
    assert [(v, v.utcoffset()) for v in fast] == [(v, v.utcoffset()) for v in slow]
    assert fast[-1] == datetime(2025, 12, 11, 0, 1, tzinfo=timezone.utc)


def test_iso_dates_the_standard_library_cannot_read_are_left_to_dateparser() -> None:
    assert dates._iso_date("2025-02-30 09:00") is None  # no such day
    assert dates._iso_date("2025-03-01T09:00-05:30") is None  # dateparser reads no such offset
    assert dates._iso_date("2025-03-01 09:00 UTC") == datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00", "31 December 9999", "1 January 0001"])
def test_placeholder_dates_at_the_ends_of_the_calendar_are_no_date(text: str) -> None:
    assert dates.parse_iso(text) is None
    assert dates.parse_date(text, DateStyle()) is None


def test_dates_of_old_and_future_pages_within_the_plausible_years_are_kept() -> None:
    assert dates.parse_iso("1851-09-18") == datetime(1851, 9, 18)
    assert dates.parse_iso("2199-12-31T10:00:00+00:00") == datetime(2199, 12, 31, 10, tzinfo=timezone.utc)


def test_a_year_without_a_day_and_month_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("dateparser was called")

    monkeypatch.setattr(DateDataParser, "get_date_data", no_parse)
    monkeypatch.setattr(dates, "search_dates", no_parse)
    for line in ("Best tech gadgets of 2019", "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020"):
        assert dates.date_lines(line, ENGLISH) == []
        assert dates.find_date(line, ENGLISH) is None


def test_dates_written_with_number_words_or_native_digits_are_read() -> None:
    assert dates.parse_date("первое мая 2020 года", DateStyle.of("ru", [])) == datetime(2020, 5, 1)
    assert dates.find_date("Posted twelve one 2020", ENGLISH) == datetime(2020, 1, 12)  # day first
    assert dates.parse_date("٢٤ أغسطس ٢٠٢٠", DateStyle.of("ar", [])) == datetime(2020, 8, 24)
    assert dates.parse_date("２０２０年７月１日", DateStyle.of("ja", [])) == datetime(2020, 7, 1)


def test_page_elements_glued_without_a_space_are_read_apart() -> None:
    read = {line: dates.date_lines(line, ENGLISH) for line in (
        "Nov 15, 20195:45 AM",  # the year runs into the clock
        "Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.",  # the date runs into the next label
        "Published Wed, Nov 20 20194:29 AM ESTUpdated an hour ago",
        "Nov 19, 2019 at 9:08 GMT1 day ago",  # the zone runs into a relative time
    )}
    assert [[(d.which, d.value and d.value.replace(tzinfo=None)) for d in found] for found in read.values()] == [
        [(PUBLISHED, datetime(2019, 11, 15, 5, 45))],
        [(PUBLISHED, datetime(2019, 11, 20)), (MODIFIED, datetime(2019, 11, 20, 1, 35))],
        [(PUBLISHED, datetime(2019, 11, 20, 4, 29)), (MODIFIED, None)],
        [(PUBLISHED, datetime(2019, 11, 19, 9, 8))],
    ]
    offsets = [found[0].value.utcoffset() for found in read.values() if found[0].value]
    assert offsets == [None, None, timedelta(hours=-5), timedelta(0)]


def test_a_date_line_may_hold_more_than_its_date() -> None:
    assert dates.date_lines("Wednesday 20 November 2019 11:42, UK", ENGLISH) == [
        DateLine(PUBLISHED, datetime(2019, 11, 20, 11, 42))
    ]
    assert dates.date_lines("Berlin, 03.11.2025 - 17:14 Uhr", DateStyle.of("de", [])) == [
        DateLine(PUBLISHED, datetime(2025, 11, 3, 17, 14))
    ]
    assert dates.date_lines("Published: Nov. 19, 2019, 6:18 p.m. Updated: Nov. 19, 2019, 7:10 p.m.", ENGLISH) == [
        DateLine(PUBLISHED, datetime(2019, 11, 19, 18, 18)),
        DateLine(MODIFIED, datetime(2019, 11, 19, 19, 10)),
    ]
    assert dates.date_lines("Updated Nov. 19, 2019 8:21 am / Original Nov. 19, 2019 8:02 am", ENGLISH) == [
        DateLine(MODIFIED, datetime(2019, 11, 19, 8, 21)), DateLine(PUBLISHED, datetime(2019, 11, 19, 8, 2))
    ]


def test_an_original_publication_label_states_the_published_date() -> None:
    read = [
        dates.date_lines("Originally published Nov. 19, 2019", ENGLISH),
        dates.date_lines("Ursprünglich veröffentlicht am 3. November 2025, 17:14 Uhr", DateStyle.of("de", [])),
        dates.date_lines("Publié initialement le 3 novembre 2025 à 17h14", DateStyle.of("fr", [])),
        dates.date_lines("Publicado originalmente el 3 de noviembre de 2025", DateStyle.of("es", [])),
    ]
    assert read == [
        [DateLine(PUBLISHED, datetime(2019, 11, 19))],
        [DateLine(PUBLISHED, datetime(2025, 11, 3, 17, 14))],
        [DateLine(PUBLISHED, datetime(2025, 11, 3, 17, 14))],
        [DateLine(PUBLISHED, datetime(2025, 11, 3))],
    ]
    assert dates.date_lines("Original 1984 cast reunites", ENGLISH) == []


def test_a_labelled_date_without_its_year_is_a_date_line_whose_value_is_never_guessed() -> None:
    assert dates.date_lines("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", ENGLISH) == [
        DateLine(MODIFIED, None), DateLine(PUBLISHED, None)
    ]
    assert dates.date_lines("Updated 2019 rankings of the best colleges", ENGLISH) == []
    article = clean_fixture("title_sentence_headline_under_a_skip_link.txt")
    assert removed_by_rule(article)["dates"] == ["Updated Mar 4, 9:41 AM;Posted Mar 3, 8:19 PM"]
    assert (article.published, article.modified) == (None, None)


def test_a_us_zone_without_standard_or_daylight_time_takes_the_offset_in_force_that_day() -> None:
    offsets = [dates.parse_date(line, ENGLISH).utcoffset() for line in (
        "July 4, 2019 8:03 am ET", "Nov. 4, 2019 8:03 am ET", "July 4, 2019 8:03 am CT", "Dec. 4, 2019 8:03 am PT"
    )]
    assert offsets == [timedelta(hours=-4), timedelta(hours=-5), timedelta(hours=-5), timedelta(hours=-8)]


def test_german_zone_names_state_their_offset() -> None:
    german = DateStyle.of("de", [])
    assert dates.parse_date("03.11.2025 17:14 Uhr MEZ", german).utcoffset() == timedelta(hours=1)
    assert dates.parse_date("3. Juli 2025, 17:14 Uhr MESZ", german).utcoffset() == timedelta(hours=2)


def test_a_zone_abbreviation_of_several_zones_keeps_wall_clock_time() -> None:
    assert dates.parse_date("4 July 2019, 08:03 IST", ENGLISH) == datetime(2019, 7, 4, 8, 3)  # India, Ireland or Israel


def test_an_abbreviated_month_with_its_dot_is_found_inside_a_header_line() -> None:
    found = dates.find_date("Posted by Joe Roe Nov. 19, 2019 8:21 am ET", ENGLISH)
    assert found == datetime(2019, 11, 19, 8, 21, tzinfo=ZoneInfo("America/New_York"))


def test_the_date_in_a_web_address_is_another_page_s_date() -> None:
    assert dates.find_date("Why the award show went wrong example.wordpress.com/2019/04/28/why… 9 months ago", ENGLISH) is None


def test_a_line_opening_with_a_whole_date_in_any_of_the_usual_languages_is_told_from_a_headline() -> None:
    opening = ["21/06/2014 Tony Roe News", "February 1, 2019 | BY: Jane Roe", "3. März 2025 Anna Berger",
               "3 novembre 2025 Jean Dupont", "3 de noviembre de 2025 Ana López", "2025-11-03 admin"]
    assert all(map(dates.opens_with_date, opening))
    assert not dates.opens_with_date("Apollo 11, 1969: the landing that almost failed")


def test_last_change_labels_state_the_modified_date_in_four_languages() -> None:
    read = [
        dates.date_lines("Last modified: March 4, 2025", ENGLISH),
        dates.date_lines("Letzte Aktualisierung: 04.03.2025", DateStyle.of("de", [])),
        dates.date_lines("Dernière mise à jour le 4 mars 2025", DateStyle.of("fr", [])),
        dates.date_lines("Última modificación: 4 de marzo de 2025", DateStyle.of("es", [])),
    ]
    assert read == [[DateLine(MODIFIED, datetime(2025, 3, 4))]] * 4
