"""Date lines: what they state, and the prefilter that spares dateparser lines that cannot be dates."""

from __future__ import annotations

from datetime import datetime

import pytest
from dateparser.date import DateDataParser

from ingest.clean import dates
from tests.clean.conftest import FIXTURES


def _candidates() -> list[tuple[tuple[str, ...], str]]:
    rows = (FIXTURES / "date_candidates.tsv").read_text(encoding="utf-8").splitlines()
    return [(dates.date_languages(lang), line) for lang, line in (r.split("\t") for r in rows if not r.startswith("#"))]


def _outcomes(candidates: list[tuple[tuple[str, ...], str]]) -> list[tuple[object, ...]]:
    return [
        (dates.date_lines(line, langs), dates.parse_date(line, langs), dates.find_date(line, langs))
        for langs, line in candidates
    ]


def test_the_prefilter_never_changes_what_dateparser_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    candidates = _candidates()
    spared = [line for langs, line in candidates if dates._date_parts(line, langs) < 3]
    filtered = _outcomes(candidates)
    monkeypatch.setattr(dates, "_date_parts", lambda text, languages: 99)  # every line goes to dateparser
    assert filtered == _outcomes(candidates)
    assert (len(candidates), len(spared), sum(1 for outcome in filtered if any(outcome))) == (66, 13, 49)


def test_a_year_without_a_day_and_month_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("dateparser was called")

    monkeypatch.setattr(DateDataParser, "get_date_data", no_parse)
    monkeypatch.setattr(dates, "search_dates", no_parse)
    for line in ("Best tech gadgets of 2019", "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020"):
        assert dates.date_lines(line, ("en",)) == []
        assert dates.find_date(line, ("en",)) is None


def test_dates_written_with_number_words_or_native_digits_are_read() -> None:
    assert dates.parse_date("первое мая 2020 года", ("ru", "en")) == datetime(2020, 5, 1)
    assert dates.find_date("Posted twelve one 2020", ("en",)) == datetime(2020, 12, 1)
    assert dates.parse_date("٢٤ أغسطس ٢٠٢٠", ("ar", "en")) == datetime(2020, 8, 24)
    assert dates.parse_date("２０２０年７月１日", ("ja", "en")) == datetime(2020, 7, 1)
