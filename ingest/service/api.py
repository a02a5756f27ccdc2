"""The HTTP API: receive documents, read articles and stories, health and metrics.

`make_app` builds the aiohttp application from what the service owns (settings, the
database, the submit function that stores bytes and queues the job, the metrics);
handlers only parse, call one named query or `submit`, and shape JSON.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, unquote

from aiohttp import web
from aiohttp.hdrs import EXPECT
from aiohttp.http import HttpVersion11
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from ingest.config import Settings
from ingest.errors import IngestError, InputError, NotFound
from ingest.service import page, params
from ingest.service.api_http import (
    authorize,
    check_length,
    error_for,
    json_errors,
    json_response,
    read_body,
    server_log,
)
from ingest.service.metrics import Metrics
from ingest.store import counts, pages, reads
from ingest.store.database import Database
from ingest.store.queries import Received

log = logging.getLogger(__name__)

Submit = Callable[[str, bytes], Awaitable[Received]]

PROBE_SECONDS = 3.0  # a database slower than this to answer SELECT 1 is not ready
MAX_NAME_BYTES = 255  # the longest file name most file systems allow


def file_name(request: web.Request) -> str:
    """The file name from `X-Filename` (percent-encoded UTF-8 allowed) or `?name=`, reduced to its last part."""
    params.checked(request.query, ("name",))  # refuses unknown and repeated parameters
    try:
        raw = (unquote(request.headers["X-Filename"], errors="strict") if "X-Filename" in request.headers
               else _name_parameter(request))
        name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip()
        size = len(name.encode())  # raw header bytes that were not UTF-8 arrive as lone surrogates
    except UnicodeError:
        raise InputError("the file name is not valid UTF-8") from None
    if name in ("", ".", ".."):
        raise InputError("a file name is required: send the header 'X-Filename: <name>' or the parameter '?name=<name>'")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InputError("the file name must not contain control characters")
    if size > MAX_NAME_BYTES:
        raise InputError(f"the file name is longer than {MAX_NAME_BYTES} bytes")
    return name


def _name_parameter(request: web.Request) -> str:
    """`?name=` decoded strictly: `request.query` turns percent-encoded bytes that are not UTF-8 into U+FFFD."""
    return dict(parse_qsl(request.rel_url.raw_query_string, errors="strict")).get("name", "")


class Api:
    """The handlers, bound to what the service owns."""

    def __init__(self, settings: Settings, db: Database, submit: Submit, metrics: Metrics) -> None:
        self.settings = settings
        self.db = db
        self.submit = submit
        self.metrics = metrics

    async def before_upload(self, request: web.Request) -> web.StreamResponse | None:
        """On `Expect: 100-continue`, refuse a bad token or an oversized body before the client sends it."""
        try:
            authorize(request, self.settings.api_token)
            check_length(request, self.settings.max_bytes)
        except IngestError as exc:
            return error_for(exc, request)
        if request.version == HttpVersion11 and request.headers.get(EXPECT, "").lower() == "100-continue":
            await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        return None

    async def post_document(self, request: web.Request) -> web.Response:
        authorize(request, self.settings.api_token)
        name = file_name(request)
        body = await read_body(request, self.settings.max_bytes)
        received = await self.submit(name, body)
        log.info("document received over HTTP", extra={"document_id": received.id})
        return json_response({"id": received.id, "status": received.status, "duplicate": not received.new},
                             status=202, headers={"Location": f"/documents/{received.id}"})

    async def get_document(self, request: web.Request) -> web.Response:
        document_id = params.path_id(request.match_info["id"], request.query, "document")
        async with self.db.transaction() as conn:
            found = await pages.document(conn, document_id)
        if found is None:
            raise NotFound(f"no document {document_id}")
        return json_response(found)

    async def list_articles(self, request: web.Request) -> web.Response:
        query = params.article_query(request.query)
        async with self.db.transaction() as conn:
            page = await pages.articles_page(conn, query.where, query.limit, query.after)
        cursor = params.article_cursor(page.next_key, query.where) if page.next_key is not None else None
        return json_response({"articles": page.items, "next_cursor": cursor})

    async def get_article(self, request: web.Request) -> web.Response:
        article_id = params.path_id(request.match_info["id"], request.query, "article")
        async with self.db.transaction() as conn:
            found = await reads.article(conn, article_id)
        if found is None:
            raise NotFound(f"no article {article_id}")
        return json_response(found)

    async def _stories(self, request: web.Request) -> tuple[list[dict[str, Any]], str | None]:
        query = params.story_query(request.query)
        async with self.db.transaction() as conn:
            found = await pages.stories_page(conn, query.since, query.limit, query.after)
        return found.items, params.story_cursor(found.next_key, query.since) if found.next_key is not None else None

    async def list_stories(self, request: web.Request) -> web.Response:
        stories, cursor = await self._stories(request)
        return json_response({"stories": stories, "next_cursor": cursor})

    async def home(self, request: web.Request) -> web.Response:
        """The read-only HTML page: the same stories as `GET /stories`, same parameters.

        The link to older stories keeps the page's `since` and `limit`: a cursor alone would
        continue with every story."""
        stories, cursor = await self._stories(request)
        older = str(request.rel_url.update_query(cursor=cursor)) if cursor is not None else None
        return web.Response(text=page.render(stories, older), content_type="text/html", headers=page.HEADERS)

    async def get_story(self, request: web.Request) -> web.Response:
        story_id = params.path_id(request.match_info["id"], request.query, "story")
        async with self.db.transaction() as conn:
            found = await pages.story(conn, story_id)
        if found is None:
            raise NotFound(f"no story {story_id}")
        return json_response(found)

    async def healthz(self, request: web.Request) -> web.Response:
        """Alive: the process answers. Deliberately no database call, so a database outage restarts nothing."""
        return json_response({"status": "ok"})

    async def readyz(self, request: web.Request) -> web.Response:
        """Ready to take work: the database answers and the inbox accepts files."""
        reasons = []
        try:
            async with asyncio.timeout(PROBE_SECONDS), self.db.transaction() as conn:
                await counts.ping(conn)
        except Exception as exc:  # whatever the cause, the answer is "not ready"; the log says why
            log.warning("readiness: database check failed: %s", exc)
            reasons.append("database: cannot be reached")
        inbox = self.settings.inbox_dir
        if not inbox.is_dir():
            reasons.append("inbox: the folder does not exist")
        elif not os.access(inbox, os.W_OK | os.X_OK):
            reasons.append("inbox: the folder is not writable")
        if reasons:
            return json_response({"error": "not ready: " + "; ".join(reasons), "reasons": reasons}, status=503)
        return json_response({"status": "ready"})

    async def metrics_text(self, request: web.Request) -> web.Response:
        """Prometheus text format; still served (with `ingest_database_up 0`) while the database is down."""
        snapshot = None
        try:
            async with asyncio.timeout(PROBE_SECONDS), self.db.transaction() as conn:
                snapshot = await counts.snapshot(conn)
        except Exception as exc:  # a scrape must not fail when the database does: that is when it matters
            log.warning("metrics: database counts unavailable: %s", exc)
        return web.Response(body=self.metrics.render(snapshot), headers={"Content-Type": CONTENT_TYPE_PLAIN_0_0_4})

    @web.middleware
    async def count(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                    ) -> web.StreamResponse:
        """Count each response by route template (never the path itself: ids and names would explode labels)."""
        response = await handler(request)
        resource = request.match_info.route.resource
        self.metrics.count_request(resource.canonical if resource is not None else "unmatched", response.status)
        return response


def make_app(settings: Settings, db: Database, submit: Submit, metrics: Metrics) -> web.Application:
    """The API application; the caller owns `db` (and closes it) and runs the app (see `start`)."""
    api = Api(settings, db, submit, metrics)
    # The body limit is enforced by `read_body` with a JSON 413; aiohttp's own check stays as a backstop.
    # `read_body` decodes gzip and deflate bodies itself, so that one that does not decode is a JSON 400.
    app = web.Application(middlewares=[api.count, json_errors], client_max_size=settings.max_bytes + 1,
                          handler_args={"auto_decompress": False})
    app.router.add_post("/documents", api.post_document, expect_handler=api.before_upload)
    app.router.add_get("/documents/{id}", api.get_document)
    app.router.add_get("/articles", api.list_articles)
    app.router.add_get("/articles/{id}", api.get_article)
    app.router.add_get("/stories", api.list_stories)
    app.router.add_get("/stories/{id}", api.get_story)
    app.router.add_get("/", api.home)
    app.router.add_get("/healthz", api.healthz)
    app.router.add_get("/readyz", api.readyz)
    app.router.add_get("/metrics", api.metrics_text)
    return app


async def start(app: web.Application, settings: Settings) -> web.AppRunner:
    """Serve `app` on INGEST_API_HOST:INGEST_API_PORT in the running loop; `await runner.cleanup()` stops it."""
    runner = web.AppRunner(app, logger=server_log)
    await runner.setup()
    await web.TCPSite(runner, settings.api_host, settings.api_port).start()
    log.info("HTTP API listening on %s", ", ".join(_url(address) for address in runner.addresses))
    return runner


def _url(address: tuple[str, int] | tuple[str, int, int, int]) -> str:
    """The URL of a bound socket: its real port (INGEST_API_PORT=0 lets the system pick), IPv6 in brackets."""
    host, port = address[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
