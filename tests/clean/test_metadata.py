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
