"""Input handling: encodings, content sniffing, gzip, JSON records and bad input with clear errors."""

from __future__ import annotations

import gzip
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest
from trafilatura.metadata import extract_catstags
from trafilatura.utils import load_html

from ingest.clean import Article, CleanOptions, clean, clean_records, html
from ingest.clean.decode import decode
from ingest.errors import CleanError
from tests.clean.conftest import FIXTURES, clean_fixture

PLUS_ONE = timezone(timedelta(hours=1))


def test_html_page_uses_jsonld_metadata_and_drops_line_boilerplate() -> None:
    article = clean_fixture("page_with_jsonld.html")
    assert (article.kind, article.title, article.authors, article.outlet) == (
        "html", "Port workers strike over pay", ("Jane Roe",), "Example News",
    )
    assert article.published == datetime(2025, 3, 4, 8, 15, tzinfo=PLUS_ONE)
    assert article.modified == datetime(2025, 3, 4, 10, 0, tzinfo=PLUS_ONE)
    assert article.source_url == "https://news.example.com/world/port-strike"
    assert [(r.line, r.rule) for r in article.removed] == [("Advertisement", "promo"), ("Share on Facebook", "footer")]
    assert len(article.body) == 5 and article.body[0].startswith("Dock workers")


def test_html_saved_as_txt_and_gzipped_html_are_cleaned_as_html() -> None:
    reference = clean_fixture("page_with_jsonld.html")
    assert clean_fixture("page_saved_as.txt") == reference
    assert clean_fixture("page_with_jsonld.html.gz") == reference


def test_declared_latin1_charset_and_utf16_with_bom_decode() -> None:
    assert clean_fixture("de_latin1_declared.html").body[-1].startswith("Fahrgastverbände kritisierten")
    assert clean_fixture("en_headerless_related_utf16.txt") == clean_fixture("en_headerless_related.txt")


def test_crlf_and_decomposed_unicode_are_normalised() -> None:
    text = "Title of a story\r\nThe caf\u0065\u0301 reopened on Monday after a long closure, the owner told reporters.\r\n"
    (article,) = clean(text.encode("utf-8"), "story.txt")
    assert article.body == ("The caf\u00e9 reopened on Monday after a long closure, the owner told reporters.",)


def test_stray_control_characters_are_dropped_and_only_true_mojibake_is_repaired() -> None:
    assert decode("“Quoted” café – naïve\x07 text".encode()) == "“Quoted” café – naïve text"
    assert decode("Le cafÃ© a rouvert lundi, a dit son patron.".encode()) == "Le café a rouvert lundi, a dit son patron."


def test_jsonl_bad_line_keeps_the_good_records() -> None:
    results = clean_records((FIXTURES / "crawl_with_bad_line.jsonl").read_bytes(), "crawl_with_bad_line.jsonl")
    assert [type(r) for r in results] == [Article, CleanError, Article]
    first, error, last = results
    assert str(error).startswith("line 2: malformed JSON")
    assert (first.title, first.source_url) == ("First record", "https://example.org/a")
    assert first.published == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert last.title == "Port workers strike over pay"
    assert [a.title for a in clean((FIXTURES / "crawl_with_bad_line.jsonl").read_bytes(), "x.jsonl")] == [
        "First record", "Port workers strike over pay",
    ]


def test_json_record_url_becomes_source_url() -> None:
    article = clean_fixture("record.json")
    assert (article.source_url, article.outlet) == ("https://example.org/a", "Associated Press")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("whitespace_only.txt", "empty file"),
        ("binary.txt", "binary data"),
        ("no_article_text.html", "HTML page without article text"),
        ("deep_nesting.html", "HTML nested more than 255 elements deep"),
    ],
)
def test_bad_input_raises_a_specific_clean_error(name: str, message: str) -> None:
    with pytest.raises(CleanError, match=message):
        clean((FIXTURES / name).read_bytes(), name)


def test_empty_file_and_file_over_size_limit_are_refused() -> None:
    with pytest.raises(CleanError, match="empty file"):
        clean(b"", "empty.txt")
    with pytest.raises(CleanError, match="over the limit of 10"):
        clean(b"x" * 11, "big.txt", CleanOptions(max_bytes=10))


def test_gzip_bomb_stops_at_the_size_limit() -> None:
    bomb = gzip.compress(b"a" * 100_000)
    with pytest.raises(CleanError, match="decompressed file is over the limit"):
        clean(bomb, "bomb.txt.gz", CleanOptions(max_bytes=50_000))


def test_malformed_json_and_record_without_text_get_messages() -> None:
    with pytest.raises(CleanError, match="malformed JSON"):
        clean(b'{"text": ', "record.json")
    with pytest.raises(CleanError, match="neither an `html` nor a `text`"):
        clean(b'{"url": "https://example.org"}', "record.json")


def test_code_head_images_forms_and_parts_trafilatura_never_extracts_are_dropped_before_extraction_but_json_ld_stays() -> None:
    tree = load_html((FIXTURES / "page_with_aside_footer_and_icons.html").read_text(encoding="utf-8"))
    stripped = html._without_code(tree)
    assert [e.tag for e in stripped.iter("script", "style", "aside", "footer", "nav", "svg")] == ["footer", "script"]
    assert stripped.find(".//footer/script").get("type") == "application/ld+json"
    assert len(stripped.find("head")) == 0
    assert [e.tag for e in stripped.iter("img", "picture", "source", "label", "input", "select", "option", "button",
                                          "iframe", "noscript")] == ["noscript"]
    article = clean_fixture("page_with_aside_footer_and_icons.html")
    assert (article.title, article.authors) == ("Harbour ferry service resumes after storm repairs", ("Mara Lindqvist",))
    assert [p[:24] for p in article.body] == [
        "The ferry between the ol", "Engineers replaced twelv", "Commuters who had relied", "The operator said sailin",
    ]


def test_section_comes_from_a_category_link_or_else_the_section_meta_tag() -> None:
    assert clean_fixture("page_with_category_link.html").section == "Local News"
    assert clean_fixture("page_with_section_meta.html").section == "Business"


@pytest.mark.parametrize("name", ["page_with_category_link.html", "page_with_section_meta.html",
                                  "page_with_jsonld.html", "page_with_aside_footer_and_icons.html"])
def test_category_search_skipped_without_category_links_finds_what_trafilatura_finds(name: str) -> None:
    tree = load_html((FIXTURES / name).read_text(encoding="utf-8"))
    assert html._categories(tree) == extract_catstags("category", tree)


def test_decomposed_accents_in_an_html_page_are_composed_in_text_and_metadata() -> None:
    article = clean_fixture("page_with_decomposed_accents_and_crlf.html")
    assert (article.title, article.authors, article.outlet) == (
        "Le caf\u00e9 de la gare rouvre ses portes", ("Am\u00e9lie F\u00e9vrier",), "Le Petit \u00c9cho")
    assert article.body[0].startswith("Ferm\u00e9 depuis l\u2019incendie de janvier, le caf\u00e9 de la gare de Saint-\u00c9tienne")
    assert all(unicodedata.is_normalized("NFC", p) and "\r" not in p for p in article.body)
