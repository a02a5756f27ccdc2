"""The HTTP API in-process (aiohttp's TestServer on a real socket) against a real PostgreSQL.

Documents posted here really become articles: the submit function the tests inject
stores the bytes and processes them inline, as a worker would.
"""

from __future__ import annotations

import asyncio
import gzip
import html
import http.client
import json
import logging
import re
import shutil
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import pytest
from aiohttp import ClientSession, ClientTimeout
from aiohttp.test_utils import TestClient, TestServer

from ingest.clean import CleanOptions
from ingest.config import Settings
from ingest.dedup.options import DedupOptions
from ingest.service.api import make_app, start
from ingest.service.metrics import Metrics
from ingest.service.process import Pipeline, process_document
from ingest.service.receive import receive_bytes
from ingest.store.database import Database
from ingest.store.queries import Received
from tests.conftest import SEEDS

SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"  # Anadolu Agency, published 2024-12-09 02:40
SEED_B = SEEDS / "001_2734e09429ca7a01.txt"  # vtcnews.vn, no date: its story time is its arrival
TOKEN = "s3cret-token"
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/nowhere"

T = TypeVar("T")
Client = TestClient[Any, Any]
Scenario = Callable[[Client], Awaitable[T]]
Submit = Callable[[str, bytes], Awaitable[Received]]


def inline_submit(db: Database, settings: Settings, metrics: Metrics) -> Submit:
    """Store the bytes, then clean and store the article at once (the service queues a job instead)."""
    pipeline = Pipeline(CleanOptions(max_bytes=settings.max_bytes), DedupOptions())

    async def submit(name: str, data: bytes) -> Received:
        received = await receive_bytes(db, name, data, settings.max_bytes)
        if received.new and received.status == "queued":
            started = time.perf_counter()
            outcome = await process_document(db, received.id, pipeline)
            metrics.observe(time.perf_counter() - started, "done" if outcome.article_ids else "failed")
        return received

    return submit


@pytest.fixture
def run_api(clean_tables: str, tmp_path: Path) -> Callable[..., Any]:
    """Run `scenario(client)` against a fresh app; settings overrides and a database URL may be given."""

    def run(scenario: Scenario[T], *, database_url: str | None = None, submit: Submit | None = None,
            make_inbox: bool = True, **overrides: Any) -> T:
        settings = Settings(database_url=database_url or clean_tables, data_dir=tmp_path / "data",
                            **{"api_token": None, **overrides})
        if make_inbox:
            settings.inbox_dir.mkdir(parents=True, exist_ok=True)

        async def main() -> T:
            db, metrics = Database(settings.database_url or ""), Metrics()
            app = make_app(settings, db, submit or inline_submit(db, settings, metrics), metrics)
            try:
                async with TestClient(TestServer(app), timeout=ClientTimeout(total=60)) as client:
                    return await scenario(client)
            finally:
                await db.close()

        return asyncio.run(main())

    return run


async def post(client: Client, path: Path, **headers: str) -> tuple[int, dict[str, Any]]:
    response = await client.post("/documents", data=path.read_bytes(), headers={"X-Filename": path.name, **headers})
    return response.status, await response.json()


async def post_seeds(client: Client) -> None:
    for seed in (SEED_A, SEED_B):
        assert (await post(client, seed))[0] == 202


async def get(client: Client, url: str) -> tuple[int, Any]:
    response = await client.get(url)
    assert response.content_type == "application/json"
    return response.status, await response.json()


def seeded_get(run_api: Callable[..., Any], *urls: str) -> list[tuple[int, Any]]:
    """Post both seeds, then GET each URL."""

    async def scenario(client: Client) -> list[tuple[int, Any]]:
        await post_seeds(client)
        return [await get(client, url) for url in urls]

    return run_api(scenario)


# --- receiving documents -------------------------------------------------------------

def test_posting_a_file_answers_202_with_the_new_document_id(run_api):
    async def scenario(client):
        response = await client.post("/documents", data=SEED_A.read_bytes(), headers={"X-Filename": SEED_A.name})
        return response.status, response.headers["Location"], await response.json()

    assert run_api(scenario) == (202, "/documents/1", {"id": 1, "status": "queued", "duplicate": False})


def test_posting_the_same_bytes_again_names_the_first_document_as_a_duplicate(run_api, sql):
    async def scenario(client):
        await post(client, SEED_A)
        return await post(client, SEED_A, **{"X-Filename": "renamed.txt"})

    assert run_api(scenario) == (202, {"id": 1, "status": "done", "duplicate": True})
    assert sql("SELECT original_name, times_received FROM documents") == [(SEED_A.name, 2)]


def test_document_status_lists_the_articles_made_from_it(run_api):
    status, document = seeded_get(run_api, "/documents/1")[0]

    assert status == 200
    assert {k: document[k] for k in ("id", "original_name", "status", "error", "attempts", "article_ids")} == {
        "id": 1, "original_name": SEED_A.name, "status": "done", "error": None, "attempts": 1, "article_ids": [1],
    }


def test_a_file_that_cannot_be_cleaned_is_failed_with_its_reason(run_api):
    async def scenario(client):
        response = await client.post("/documents?name=empty.txt", data=b"")
        return await get(client, f"/documents/{(await response.json())['id']}")

    status, document = run_api(scenario)
    assert (status, document["status"], document["error"], document["article_ids"]) == (
        200, "failed", "empty file: it holds no bytes or only whitespace", [])


def test_the_file_name_may_come_from_the_name_parameter(run_api, sql):
    async def scenario(client):
        return (await client.post("/documents?name=from-query.txt", data=b"Some words here.")).status

    assert run_api(scenario) == 202
    assert sql("SELECT original_name FROM documents") == [("from-query.txt",)]


def test_a_percent_encoded_unicode_file_name_is_decoded_and_folders_are_dropped(run_api, sql):
    async def scenario(client):
        name = quote("../../etc/Über Straße.txt")
        return (await client.post("/documents", data=b"Some words here.", headers={"X-Filename": name})).status

    assert run_api(scenario) == 202
    assert sql("SELECT original_name FROM documents") == [("Über Straße.txt",)]


@pytest.mark.parametrize(("url", "headers", "message"), [
    ("/documents", {}, "a file name is required: send the header 'X-Filename: <name>' or the parameter '?name=<name>'"),
    ("/documents?name=", {}, "a file name is required: send the header 'X-Filename: <name>' or the parameter '?name=<name>'"),
    ("/documents", {"X-Filename": "dir/"}, "a file name is required: send the header 'X-Filename: <name>' or the parameter '?name=<name>'"),
    ("/documents", {"X-Filename": "a%0Ab.txt"}, "the file name must not contain control characters"),
    ("/documents", {"X-Filename": "%ff%fe.txt"}, "the file name is not valid UTF-8"),
    ("/documents?name=%ff%fe.txt", {}, "the file name is not valid UTF-8"),
    ("/documents?name=" + "x" * 256, {}, "the file name is longer than 255 bytes"),
    ("/documents?file=a.txt", {}, "unknown parameter 'file'; allowed: name"),
])
def test_a_missing_or_unusable_file_name_is_refused_with_400(run_api, sql, url, headers, message):
    async def scenario(client):
        response = await client.post(url, data=b"Some words here.", headers=headers)
        return response.status, await response.json()

    assert run_api(scenario) == (400, {"error": message})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


async def raw_exchange(client: Client, request: bytes) -> tuple[bytes, Any]:
    """Send bytes no HTTP client library would (headers that are not UTF-8); the status line and JSON body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
    writer.write(request)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0], json.loads(body)


def test_header_bytes_that_are_not_utf8_are_refused_with_400_not_500(run_api, sql):
    async def scenario(client):
        name = await raw_exchange(client, b"POST /documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                          b"X-Filename: \xc3\x9cber\xff.txt\r\nContent-Length: 5\r\n\r\nwords")
        token = await raw_exchange(client, b"POST /documents?name=a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                           b"Authorization: Bearer \xff\xfe\r\nContent-Length: 5\r\n\r\nwords")
        return name, token

    assert run_api(scenario, api_token=TOKEN)[1] == (b"HTTP/1.1 401 Unauthorized", {"error": "wrong bearer token"})
    assert run_api(scenario) == (
        (b"HTTP/1.1 400 Bad Request", {"error": "the file name is not valid UTF-8"}),
        (b"HTTP/1.1 202 Accepted", {"id": 1, "status": "queued", "duplicate": False}),
    )
    assert sql("SELECT original_name FROM documents") == [("a.txt",)]


def test_a_body_at_the_size_limit_is_accepted(run_api):
    async def scenario(client):
        return (await client.post("/documents?name=a.txt", data=b"word " * 200)).status

    assert run_api(scenario, max_bytes=1000) == 202


def test_an_oversized_body_is_refused_with_413_and_nothing_is_stored(run_api, sql):
    async def scenario(client):
        response = await client.post("/documents?name=big.txt", data=b"x" * 1001)
        return response.status, await response.json()

    assert run_api(scenario, max_bytes=1000) == (
        413, {"error": "body is 1001 bytes, over the limit of 1000 (INGEST_MAX_BYTES)"})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


def test_an_oversized_chunked_body_is_refused_with_413_while_it_streams(run_api, sql):
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(4):
            yield b"x" * 400

    async def scenario(client):
        response = await client.post("/documents?name=big.txt", data=chunks())
        return response.status, await response.json()

    assert run_api(scenario, max_bytes=1000) == (413, {"error": "body is over the limit of 1000 bytes (INGEST_MAX_BYTES)"})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


def test_an_oversized_upload_announced_with_expect_100_continue_is_refused_before_the_body(run_api, sql):
    async def scenario(client):
        response = await client.post("/documents?name=big.txt", data=b"x" * 5000, expect100=True)
        return response.status, await response.json()

    assert run_api(scenario, max_bytes=1000) == (
        413, {"error": "body is 5000 bytes, over the limit of 1000 (INGEST_MAX_BYTES)"})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


@pytest.mark.parametrize(("encoding", "body"), [
    ("gzip", gzip.compress(SEED_A.read_bytes()) + gzip.compress(SEED_B.read_bytes())),  # two members, as `cat a.gz b.gz`
    ("x-gzip", gzip.compress(SEED_A.read_bytes() + SEED_B.read_bytes())),
    ("deflate", zlib.compress(SEED_A.read_bytes() + SEED_B.read_bytes())),
    ("deflate", zlib.compress(SEED_A.read_bytes() + SEED_B.read_bytes())[2:-4]),  # raw deflate, no zlib wrapper
    ("identity", SEED_A.read_bytes() + SEED_B.read_bytes()),
])
def test_a_compressed_body_is_stored_decoded(run_api, sql, encoding, body):
    async def scenario(client):
        return (await client.post("/documents?name=a.txt", data=body, headers={"Content-Encoding": encoding})).status

    assert run_api(scenario) == 202
    assert sql("SELECT raw FROM documents") == [(SEED_A.read_bytes() + SEED_B.read_bytes(),)]


@pytest.mark.parametrize(("encoding", "body", "message"), [
    ("gzip", b"notgzip", "the body could not be decoded: it is not valid gzip data (Content-Encoding: gzip)"),
    ("gzip", gzip.compress(SEED_A.read_bytes())[:200], "the body could not be decoded: its gzip data is cut short"),
    ("gzip", gzip.compress(SEED_A.read_bytes()) + b"junk",
     "the body could not be decoded: it is not valid gzip data (Content-Encoding: gzip)"),
    ("deflate", b"\xff" * 10, "the body could not be decoded: it is not valid deflate data (Content-Encoding: deflate)"),
    ("br", b"notbrotli",
     "the body could not be decoded: Content-Encoding 'br' is not supported (send gzip, deflate or none)"),
])
def test_a_body_that_does_not_decode_as_its_content_encoding_says_is_a_400_with_nothing_logged(
        run_api, sql, caplog, encoding, body, message):
    async def scenario(client):
        response = await client.post("/documents", data=body,
                                     headers={"X-Filename": "bg.txt", "Content-Encoding": encoding})
        refused = response.status, await response.json()
        return refused, (await post(client, SEED_A))[0]  # the connection is still usable

    assert run_api(scenario) == ((400, {"error": message}), 202)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert sql("SELECT original_name FROM documents") == [(SEED_A.name,)]


def test_a_gzip_body_that_decodes_past_the_limit_is_refused_with_413(run_api, sql):
    async def scenario(client):
        response = await client.post("/documents?name=bomb.txt", data=gzip.compress(b"\0" * 100_000),
                                     headers={"Content-Encoding": "gzip"})
        return response.status, await response.json()

    assert run_api(scenario, max_bytes=1000) == (413, {"error": "body is over the limit of 1000 bytes (INGEST_MAX_BYTES)"})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


# --- the token -------------------------------------------------------------------------

@pytest.mark.parametrize(("authorization", "message"), [
    (None, "this endpoint needs the header 'Authorization: Bearer <INGEST_API_TOKEN>'"),
    ("Basic czNjcmV0LXRva2Vu", "this endpoint needs the header 'Authorization: Bearer <INGEST_API_TOKEN>'"),
    ("Bearer ", "this endpoint needs the header 'Authorization: Bearer <INGEST_API_TOKEN>'"),
])
def test_a_missing_token_is_refused_with_401(run_api, sql, authorization, message):
    async def scenario(client):
        headers = {"Authorization": authorization} if authorization else {}
        response = await client.post("/documents?name=a.txt", data=b"Some words.", headers=headers)
        return response.status, response.headers["WWW-Authenticate"], await response.json()

    assert run_api(scenario, api_token=TOKEN) == (401, 'Bearer realm="ingest"', {"error": message})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


@pytest.mark.parametrize("given", ["wrong", TOKEN + "x", TOKEN[:-1], TOKEN.upper()])
def test_a_wrong_token_is_refused_with_401(run_api, sql, given):
    async def scenario(client):
        response = await client.post("/documents?name=a.txt", data=b"Some words.",
                                     headers={"Authorization": f"Bearer {given}"})
        return response.status, await response.json()

    assert run_api(scenario, api_token=TOKEN) == (401, {"error": "wrong bearer token"})
    assert sql("SELECT count(*) FROM documents") == [(0,)]


def test_a_wrong_token_with_expect_100_continue_is_refused_before_the_body(run_api):
    async def scenario(client):
        response = await client.post("/documents?name=a.txt", data=b"Some words.", expect100=True,
                                     headers={"Authorization": "Bearer wrong"})
        return response.status, await response.json()

    assert run_api(scenario, api_token=TOKEN) == (401, {"error": "wrong bearer token"})


def test_the_right_token_is_accepted_and_reads_need_none(run_api):
    async def scenario(client):
        posted = await post(client, SEED_A, Authorization=f"bearer {TOKEN}")
        return posted[0], (await client.get("/articles")).status, (await client.get("/documents/1")).status

    assert run_api(scenario, api_token=TOKEN) == (202, 200, 200)


def test_a_token_set_with_a_trailing_newline_is_the_token_without_it(run_api):
    async def scenario(client):
        return (await post(client, SEED_A, Authorization=f"Bearer {TOKEN}"))[0]

    assert run_api(scenario, api_token=f" {TOKEN}\n") == 202


# --- reading articles and stories -------------------------------------------------------

def test_a_search_for_asylum_finds_both_seed_articles_newest_first(run_api):
    status, page = seeded_get(run_api, "/articles?q=asylum")[0]

    assert status == 200
    assert [(a["id"], a["outlet"], a["published"], a["source_name"]) for a in page["articles"]] == [
        (2, "vtcnews.vn", None, SEED_B.name),
        (1, "Anadolu Agency", "2024-12-09T02:40:00", SEED_A.name),
    ]
    assert page["next_cursor"] is None


def test_an_article_list_item_carries_its_metadata_but_not_its_body(run_api):
    status, page = seeded_get(run_api, "/articles?outlet=Anadolu%20Agency")[0]

    assert status == 200
    assert page["articles"] == [{
        "id": 1, "title": "Kremlin confirms Bashar al-Assad, his family were given asylum by Russia",
        "summary": "The Kremlin confirmed Monday that deposed Syrian leader Bashar al-Assad and his family have been "
                   "granted asylum in Russia.",
        "authors": [], "outlet": "Anadolu Agency", "language": "en", "published": "2024-12-09T02:40:00",
        "source_url": None, "word_count": 326, "story_id": 1, "duplicate_of": None, "novelty": 1.0,
        "document_id": 1, "source_name": SEED_A.name,
    }]


@pytest.mark.parametrize(("query", "ids"), [
    ("", [2, 1]),
    ("q=Kremlin%20Khmeimim", [1]),
    ('q="granted asylum"', [1]),
    ('q="asylum granted"', []),
    ("q=asylum%20-Tartus", [2]),
    ("q=Tartus%20or%20Damascus", [2, 1]),
    ("q=nonexistentword", []),
    ("outlet=vtcnews.vn", [2]),
    ("outlet=vtcnews", []),
    ("language=en", [2, 1]),
    ("language=de", []),
    ("language=EN", [2, 1]),
    ("story=1", [2, 1]),
    ("story=2", []),
    ("since=2024-12-09T02:40:00Z", [2, 1]),
    ("since=2024-12-09T02:40:01Z", [2]),
    ("until=2024-12-10", [1]),
    ("since=2024-12-09&until=2024-12-09", [1]),  # a date alone as until includes its day
    ("until=2024-12-08", []),
    ("until=2024-12-09T00:00:00", []),
    ("since=2024-12-01&until=2024-12-09T03:40:00%2B01:00", []),
    ("since=2024-12-01&until=2024-12-09T03:40:00.000001+01:00", [1]),
    ("since=2024-12-09%2003:40:01%2B01:00", [2]),
    ("q=asylum&outlet=Anadolu%20Agency&language=en&story=1&since=2024-01-01&until=2030-01-01", [1]),
    ("since=0001-01-01T00:00:00%2B05:00&until=9999-12-31T23:59:59-05:00", [2, 1]),
])
def test_article_filters_combine(run_api, query, ids):
    status, page = seeded_get(run_api, f"/articles?{query}")[0]

    assert (status, [a["id"] for a in page["articles"]]) == (200, ids)


@pytest.mark.parametrize("q", [
    "'; DROP TABLE articles; --", "asylum' OR '1'='1", "asylum & | ! <-> :*", "!!!", "(((asylum", "asylum:*A",
    '"unterminated', "\\", "%_%", "a <2> b", "&", "-", "'", "пере́вод 日本語",
])
def test_search_syntax_and_sql_in_q_are_plain_text_never_an_error(run_api, sql, q):
    async def scenario(client):
        await post_seeds(client)
        return await get(client, "/articles?q=" + quote(q))

    status, page = run_api(scenario)
    assert status == 200
    assert page["next_cursor"] is None
    assert sql("SELECT count(*) FROM articles") == [(2,)]


@pytest.mark.parametrize(("q", "ids"), [
    ("-" * 500, []),  # a separator line pasted into the search box
    ("asylum " + "-" * 33 + "Tartus", [2]),  # an odd run is one NOT: asylum, not Tartus
    ("asylum " + "- (" * 34 + "Tartus", [1]),  # an even one none: asylum and Tartus
])
def test_a_long_run_of_minus_signs_in_q_is_a_negation_or_none_never_an_error(run_api, q, ids):
    status, page = seeded_get(run_api, "/articles?q=" + quote(q))[0]

    assert (status, [a["id"] for a in page["articles"]]) == (200, ids)


def test_q_with_asylum_among_tsquery_operators_still_finds_both(run_api):
    status, page = seeded_get(run_api, "/articles?q=" + quote("asylum & !"))[0]

    assert (status, [a["id"] for a in page["articles"]]) == (200, [2, 1])


def test_pages_follow_one_another_through_the_cursor_without_overlap(run_api):
    async def scenario(client):
        await post_seeds(client)
        first = await get(client, "/articles?q=asylum&limit=1")
        second = await get(client, f"/articles?q=asylum&limit=1&cursor={first[1]['next_cursor']}")
        return first, second

    (status1, first), (status2, second) = run_api(scenario)
    assert (status1, [a["id"] for a in first["articles"]]) == (200, [2])
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first["next_cursor"])
    assert (status2, [a["id"] for a in second["articles"]], second["next_cursor"]) == (200, [1], None)


def cursor_passed_on(run_api: Callable[..., Any], first: str, then: str) -> tuple[int, Any]:
    """GET `first` (after posting both seeds and another story), then `then` with its next_cursor."""

    async def scenario(client):
        await post_seeds(client)
        await post(client, Path(__file__).parent / "fixtures" / "api" / "other_story.txt")
        cursor = (await get(client, first))[1]["next_cursor"]
        return await get(client, f"{then}&cursor={cursor}")

    return run_api(scenario)


@pytest.mark.parametrize(("first", "then"), [
    ("/articles?q=asylum&limit=1", "/articles?q=Kremlin&limit=1"),
    ("/articles?limit=1", "/articles?outlet=vtcnews.vn&limit=1"),
    ("/articles?since=2024-12-01&limit=1", "/articles?limit=1"),
    ("/stories?limit=1", "/stories?since=2024-12-01&limit=1"),
])
def test_a_cursor_passed_back_with_other_filters_is_a_400(run_api, first, then):
    assert cursor_passed_on(run_api, first, then) == (400, {
        "error": "parameter 'cursor' was returned for other filters: pass it back with the ones it came with"})


@pytest.mark.parametrize(("first", "then", "key", "ids"), [
    ("/articles?q=asylum&limit=1", "/articles?q=asylum&limit=5", "articles", [1]),
    ("/articles?since=2024-12-01&limit=1", "/articles?since=2024-12-01T01:00:00%2B01:00&limit=5", "articles", [3, 1]),
    ("/stories?limit=1", "/stories?limit=5", "stories", [1]),
])
def test_a_cursor_goes_on_with_the_same_filters_written_otherwise_or_another_limit(run_api, first, then, key, ids):
    status, page = cursor_passed_on(run_api, first, then)

    assert (status, [item["id"] for item in page[key]]) == (200, ids)


def test_a_full_page_at_the_end_has_no_next_cursor(run_api):
    status, page = seeded_get(run_api, "/articles?limit=2")[0]

    assert (status, len(page["articles"]), page["next_cursor"]) == (200, 2, None)


def test_one_article_comes_with_its_body_removed_lines_and_story(run_api):
    status, article = seeded_get(run_api, "/articles/1")[0]

    assert status == 200
    assert article["title"] == "Kremlin confirms Bashar al-Assad, his family were given asylum by Russia"
    assert article["body"][0] == ("The Kremlin on Monday confirmed that deposed head of the Syrian regime Bashar "
                                  "al-Assad and his family were given asylum by Russia.")
    assert {"line": "- Anadolu Agency", "rule": "byline"} in article["removed"]
    assert [a["id"] for a in article["story"]["articles"]] == [1, 2]


def test_stories_list_the_seed_story_with_both_articles(run_api):
    (status, page), (one_status, one) = seeded_get(run_api, "/stories", "/stories/1")

    assert status == 200
    assert [(s["id"], s["article_count"], s["outlets"]) for s in page["stories"]] == [
        (1, 2, ["Anadolu Agency", "vtcnews.vn"])]
    assert [(a["id"], a["outlet"]) for a in page["stories"][0]["articles"]] == [(1, "Anadolu Agency"), (2, "vtcnews.vn")]
    assert page["next_cursor"] is None
    assert one_status == 200
    assert one == page["stories"][0]


def test_a_storys_publication_times_are_shown_as_its_articles_show_them(run_api):
    """The first seed's page gives 02:40 with no offset: its wall-clock time, not UTC."""
    (_, story), (_, article) = seeded_get(run_api, "/stories/1", "/articles/1")

    assert article["published"] == "2024-12-09T02:40:00"
    assert (story["first_published"], story["last_published"]) == ("2024-12-09T02:40:00", "2024-12-09T02:40:00")
    assert "first_published_has_offset" not in story


def test_stories_are_paged_newest_first_through_the_cursor(run_api, sql):
    async def scenario(client):
        await post_seeds(client)
        await post(client, Path(__file__).parent / "fixtures" / "api" / "other_story.txt")
        first = await get(client, "/stories?limit=1")
        second = await get(client, f"/stories?limit=1&cursor={first[1]['next_cursor']}")
        return first, second

    (_, first), (_, second) = run_api(scenario)
    assert sql("SELECT count(*) FROM stories") == [(2,)]
    assert [s["id"] for s in first["stories"]] == [2]
    assert ([s["id"] for s in second["stories"]], second["next_cursor"]) == ([1], None)


def test_the_stories_command_lists_stories_in_the_order_of_get_stories(run_api, cli):
    async def scenario(client):
        for path in (SEED_A, Path(__file__).parent / "fixtures" / "api" / "other_story.txt", SEED_B):
            assert (await post(client, path))[0] == 202  # the last joins the first story
        return await get(client, "/stories")

    _, page = run_api(scenario)
    listed = [json.loads(line)["id"] for line in cli("stories", "--json").stdout.splitlines()]
    assert ([s["id"] for s in page["stories"]], listed) == ([2, 1], [2, 1])


def test_stories_since_a_time_leave_out_older_ones(run_api):
    (_, later), (_, earlier) = seeded_get(run_api, "/stories?since=2024-12-10", "/stories?since=2024-12-09")

    assert (later["stories"], [s["id"] for s in earlier["stories"]]) == ([], [1])


# --- errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/articles/99", "/stories/99", "/documents/99", "/articles/abc", "/articles/-1", "/articles/0",
    "/articles/99999999999999999999", "/stories/1.5",
])
def test_an_unknown_id_is_404(run_api, url):
    status, body = seeded_get(run_api, url)[0]

    kind, raw = url.split("/")[1:]
    shown = raw if raw.isdigit() and len(raw) < 19 and int(raw) > 0 else repr(raw)
    assert (status, body) == (404, {"error": f"no {kind[:-1] if kind != 'stories' else 'story'} {shown}"})


def test_an_unknown_path_or_method_is_a_json_error(run_api):
    async def scenario(client):
        missing = await client.get("/nothing/here")
        wrong = await client.delete("/articles")
        return (missing.status, await missing.json()), (wrong.status, wrong.headers["Allow"], await wrong.json())

    assert run_api(scenario) == (
        (404, {"error": "not found: GET /nothing/here"}),
        (405, "GET,HEAD", {"error": "method not allowed: DELETE /articles"}),
    )


@pytest.mark.parametrize(("url", "message"), [
    ("/articles?limit=0", "parameter 'limit' must be an integer from 1 to 500, not '0'"),
    ("/articles?limit=501", "parameter 'limit' must be an integer from 1 to 500, not '501'"),
    ("/articles?limit=ten", "parameter 'limit' must be an integer from 1 to 500, not 'ten'"),
    ("/articles?limit=" + "9" * 5000, "parameter 'limit' must be an integer from 1 to 500, not '" + "9" * 5000 + "'"),
    ("/articles?story=abc", "parameter 'story' must be a positive integer id, not 'abc'"),
    ("/articles?story=99999999999999999999", "parameter 'story' must be a positive integer id, not '99999999999999999999'"),
    ("/articles?since=yesterday", ("parameter 'since' must be an ISO 8601 date or date-time (2026-11-22 or "
                                   "2026-11-22T08:00:00+01:00), not 'yesterday'")),
    ("/articles?until=2024-13-01", ("parameter 'until' must be an ISO 8601 date or date-time (2026-11-22 or "
                                    "2026-11-22T08:00:00+01:00), not '2024-13-01'")),
    ("/articles?cursor=garbage", "parameter 'cursor' is not a cursor this API returned"),
    ("/articles?cursor=WzEsMl0", "parameter 'cursor' is not a cursor this API returned"),  # [1,2]
    # ["2026-11-22T05:07:01",2,<the tag of no filters>]: a time with no offset
    ("/articles?cursor=WyIyMDI2LTExLTIyVDA1OjA3OjAxIiwyLCJjN2FlODE5NDgwMjIiXQ",
     "parameter 'cursor' is not a cursor this API returned"),
    ("/stories?cursor=WyJ4Il0", "parameter 'cursor' is not a cursor this API returned"),  # ["x"]
    ("/stories?cursor=W3RydWVd", "parameter 'cursor' is not a cursor this API returned"),  # [true]
    ("/stories?cursor=" + "W" * 201, "parameter 'cursor' is not a cursor this API returned"),
    ("/stories?cursor=%C3%A9", "parameter 'cursor' is not a cursor this API returned"),
    ("/articles?q=" + "a" * 501, "parameter 'q' is longer than 500 characters"),
    ("/articles?qq=asylum", "unknown parameter 'qq'; allowed: q, outlet, story, since, until, language, limit, cursor"),
    ("/articles?q=a&q=b", "parameter 'q' is given more than once"),
    ("/articles?q=asylum%00", "parameter 'q' must not contain NUL characters"),
    ("/articles?outlet=%00", "parameter 'outlet' must not contain NUL characters"),
    ("/stories?q=asylum", "unknown parameter 'q'; allowed: since, limit, cursor"),
])
def test_an_invalid_parameter_is_refused_with_400_naming_it(run_api, url, message):
    async def scenario(client):
        return await get(client, url)

    assert run_api(scenario) == (400, {"error": message})


@pytest.mark.parametrize(("url", "name"), [
    ("/articles/1?q=asylum", "q"), ("/stories/1?limit=1", "limit"), ("/documents/1?status=failed", "status"),
])
def test_a_read_by_id_refuses_parameters_as_it_takes_none(run_api, url, name):
    status, body = seeded_get(run_api, url)[0]

    assert (status, body) == (400, {"error": f"unknown parameter {name!r}; this endpoint takes none"})


def test_an_unexpected_error_is_a_generic_500_and_its_text_stays_in_the_log(run_api, caplog):
    async def failing_submit(name: str, data: bytes) -> Received:
        raise RuntimeError("internal detail: /secret/path")

    async def scenario(client):
        response = await client.post("/documents?name=a.txt", data=b"words")
        return response.status, await response.json()

    assert run_api(scenario, submit=failing_submit) == (500, {"error": "internal server error"})
    assert "internal detail: /secret/path" in caplog.text


def test_while_the_database_is_down_reads_answer_503_without_details_and_healthz_stays_ok(run_api):
    async def scenario(client):
        return [await get(client, url) for url in ("/articles", "/healthz", "/readyz")]

    articles, health, ready = run_api(scenario, database_url=UNREACHABLE)
    assert articles == (503, {"error": "service unavailable; try again later"})
    assert health == (200, {"status": "ok"})
    assert ready == (503, {"error": "not ready: database: cannot be reached",
                           "reasons": ["database: cannot be reached"]})


# --- health, readiness, metrics ----------------------------------------------------------

def test_ready_when_the_database_answers_and_the_inbox_is_writable(run_api):
    async def scenario(client):
        return await get(client, "/readyz")

    assert run_api(scenario) == (200, {"status": "ready"})


def test_not_ready_without_an_inbox_folder(run_api):
    async def scenario(client):
        return await get(client, "/readyz")

    assert run_api(scenario, make_inbox=False) == (503, {"error": "not ready: inbox: the folder does not exist",
                                                         "reasons": ["inbox: the folder does not exist"]})


def test_metrics_count_documents_jobs_articles_stories_and_processing_times(run_api, sql):
    sql("INSERT INTO procrastinate_jobs (queue_name, task_name, args, status) "
        "VALUES ('documents', 'ingest.process_document', '{}', 'todo'), ('other', 'x', '{}', 'todo')")

    async def scenario(client):
        await post_seeds(client)
        await client.post("/documents?name=empty.txt", data=b"")
        response = await client.get("/metrics")
        return response.headers["Content-Type"], await response.text()

    content_type, text = run_api(scenario)
    assert content_type == "text/plain; version=0.0.4; charset=utf-8"
    samples = dict(line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert {name: samples[name] for name in (
        "ingest_database_up", 'ingest_documents_total{status="done"}', 'ingest_documents_total{status="failed"}',
        'ingest_queue_jobs{status="todo"}', "ingest_workers", "ingest_articles_total", "ingest_stories_total",
        'ingest_processing_seconds_count{status="done"}', 'ingest_processing_seconds_count{status="failed"}',
        'ingest_http_requests_total{code="202",route="/documents"}',
    )} == {
        "ingest_database_up": "1.0", 'ingest_documents_total{status="done"}': "2.0",
        'ingest_documents_total{status="failed"}': "1.0", 'ingest_queue_jobs{status="todo"}': "1.0",
        "ingest_workers": "0.0",
        "ingest_articles_total": "2.0", "ingest_stories_total": "1.0",
        'ingest_processing_seconds_count{status="done"}': "2.0",
        'ingest_processing_seconds_count{status="failed"}': "1.0",
        'ingest_http_requests_total{code="202",route="/documents"}': "3.0",
    }
    assert (samples['ingest_documents_total{status="queued"}'], samples['ingest_queue_jobs{status="doing"}']) == (
        "0.0", "0.0")
    assert "# TYPE ingest_processing_seconds histogram" in text
    assert SEED_A.name not in text and "empty.txt" not in text


def test_metrics_are_served_while_the_database_is_down(run_api):
    async def scenario(client):
        response = await client.get("/metrics")
        return response.status, await response.text()

    status, text = run_api(scenario, database_url=UNREACHABLE)
    assert status == 200
    assert "\ningest_database_up 0.0\n" in text
    assert "ingest_documents_total" not in text


def test_each_app_has_its_own_metrics(run_api):
    first, second = Metrics(), Metrics()
    first.observe(0.5, "done")

    assert b'ingest_processing_seconds_count{status="done"} 1.0' in first.render(None)
    assert b"ingest_processing_seconds_count" not in second.render(None)


def test_on_port_0_the_log_names_the_port_the_system_chose(clean_tables, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="ingest.service.api")
    settings = Settings(database_url=clean_tables, data_dir=tmp_path / "data", api_port=0)

    async def main() -> int:
        db, metrics = Database(clean_tables), Metrics()
        runner = await start(make_app(settings, db, inline_submit(db, settings, metrics), metrics), settings)
        try:
            [listening] = [m for m in caplog.messages if m.startswith("HTTP API listening on ")]
            async with ClientSession() as session, session.get(listening.split()[-1] + "/healthz") as response:
                return response.status
        finally:
            await runner.cleanup()
            await db.close()

    assert asyncio.run(main()) == 200


# --- load --------------------------------------------------------------------------------

def test_200_concurrent_reads_while_documents_are_posted_all_succeed(run_api, sql):
    base = SEED_A.read_bytes()
    reads = ["/articles?q=asylum", "/articles", "/stories", "/articles/1", "/documents/1", "/readyz", "/metrics",
             "/healthz"]

    async def scenario(client):
        await post(client, SEED_A)

        async def write(i: int) -> int:
            response = await client.post(f"/documents?name=copy{i}.txt", data=base + f"\nUpdate {i}.\n".encode())
            return response.status

        async def read(i: int) -> int:
            response = await client.get(reads[i % len(reads)])
            await response.read()
            return response.status

        return await asyncio.gather(*(write(i) for i in range(10)), *(read(i) for i in range(200)))

    statuses = run_api(scenario)
    assert statuses == [202] * 10 + [200] * 200
    assert sql("SELECT status, count(*) FROM documents GROUP BY status") == [("done", 11)]


# --- the HTML page --------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")


async def rendered_in_chromium(url: str, profile: Path) -> str:
    """The page's DOM after headless Chromium loaded it (the server keeps serving meanwhile)."""
    assert CHROMIUM is not None
    browser = await asyncio.create_subprocess_exec(
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        f"--user-data-dir={profile}", "--dump-dom", url,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(browser.communicate(), timeout=90)
    assert browser.returncode == 0, err.decode(errors="replace")
    return out.decode()


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install -y chromium)")
def test_the_home_page_in_chromium_lists_the_story_with_its_articles(run_api, tmp_path):
    async def scenario(client):
        await post_seeds(client)
        return await rendered_in_chromium(str(client.make_url("/")), tmp_path / "chromium")

    dom = run_api(scenario)
    stories = re.findall(r'<h2><a href="/stories/(\d+)">(.*?)</a></h2>', dom)
    articles = re.findall(r'<li class="article"><a href="/articles/(\d+)">(.*?)</a> <span class="outlet">(.*?)</span>',
                          dom)
    assert stories == [("1", "Kremlin confirms Bashar al-Assad, his family were given asylum by Russia")]
    assert articles == [
        ("1", "Kremlin confirms Bashar al-Assad, his family were given asylum by Russia",
         "Anadolu Agency, 2024-12-09T02:40:00"),
        ("2", "(untitled)", "vtcnews.vn"),
    ]
    assert '<div class="meta">2 articles: Anadolu Agency, vtcnews.vn</div>' in dom


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install -y chromium)")
def test_markup_in_stored_titles_is_shown_as_text_in_chromium_not_run(run_api, sql, tmp_path):
    async def scenario(client):
        await post_seeds(client)
        sql("UPDATE stories SET title = '<script>document.title=\"pwned\"</script>Story'")
        sql("UPDATE articles SET title = '<img src=x onerror=\"document.title=1\">A', outlet = '<b>O</b>' WHERE id = 1")
        return await rendered_in_chromium(str(client.make_url("/")), tmp_path / "chromium")

    dom = run_api(scenario)
    assert "<title>ingest: recent stories</title>" in dom
    assert "&lt;script&gt;document.title=\"pwned\"&lt;/script&gt;Story" in dom
    assert "&lt;img src=x onerror=\"document.title=1\"&gt;A" in dom
    assert "&lt;b&gt;O&lt;/b&gt;" in dom
    assert "<script" not in dom and "<img" not in dom and "<b>" not in dom


def test_the_home_page_link_to_older_stories_keeps_since_and_limit(run_api):
    stories = Path(__file__).parent / "stories"

    async def scenario(client):
        for path in (SEED_A, stories / "004_norfolk-seal-pups.txt", Path(__file__).parent / "fixtures" / "api" / "other_story.txt"):
            assert (await post(client, path))[0] == 202
        first = await (await client.get("/?since=2025-01-01&limit=1")).text()
        [older] = re.findall(r'<a href="([^"]*)">Older stories</a>', first)
        second = await (await client.get(html.unescape(older))).text()
        return [re.findall(r'<h2><a href="/stories/(\d+)">', page) for page in (first, second)], second

    (first, second), second_page = run_api(scenario)
    assert (first, second) == (["3"], ["2"])  # story 1 (December 2024) is older than `since`
    assert "Older stories" not in second_page


def test_the_home_page_is_html_that_forbids_scripts(run_api):
    async def scenario(client):
        response = await client.get("/")
        return response.status, response.content_type, response.headers["Content-Security-Policy"], await response.text()

    status, content_type, policy, text = run_api(scenario)
    assert (status, content_type) == (200, "text/html")
    assert policy == "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'"
    assert "<p>No stories yet.</p>" in text


def test_a_request_aiohttp_cannot_parse_is_one_warning_line_in_the_log_not_a_traceback(service):
    """The header limit is aiohttp's, enforced before the API sees the request; its 400 stays
    aiohttp's plain text, but a client cannot fill the log with tracebacks."""
    service.start()
    service.wait_until_watching()
    connection = http.client.HTTPConnection(service.api.removeprefix("http://"), timeout=10)
    connection.request("POST", "/documents", body=b"x", headers={"X-Filename": "a" * 10_000 + ".txt"})
    assert connection.getresponse().status == 400

    service.wait_for(lambda: "Error handling request" in service.output())
    [line] = [line for line in service.output().splitlines() if "Error handling request" in line]
    assert re.fullmatch(r"\S+ \S+ WARNING ingest\.http: Error handling request from 127\.0\.0\.1: "
                        r"400 Got more than 8190 bytes .*", line), line
    assert "Traceback" not in service.output()
