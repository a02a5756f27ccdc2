"""HTTP plumbing for the API: JSON responses, the one error handler, the token check, bounded bodies.

Every failure leaves as `{"error": message}` with the status its error type carries
(`ingest.errors`); an unexpected exception is logged with its traceback and the
client gets a generic 500, never the exception's text.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from pydantic import SecretStr

from ingest.errors import IngestError

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Unauthorized(IngestError):
    """A write request without the configured bearer token."""

    http_status = 401


class TooLarge(IngestError):
    """A request body over `INGEST_MAX_BYTES`."""

    http_status = 413


def _default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(data: Any) -> str:
    return json.dumps(data, default=_default, ensure_ascii=False)


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(data, status=status, headers=headers, dumps=dumps)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return json_response({"error": message}, status=status, headers=headers)


def error_for(exc: IngestError, request: web.Request) -> web.Response:
    """The response for one of our own errors; server-side ones are logged, not detailed to the client."""
    if exc.http_status >= 500:
        log.warning("%s %s failed: %s", request.method, request.path, exc)
        message = "service unavailable; try again later" if exc.http_status == 503 else "internal server error"
        return error_response(exc.http_status, message)
    headers = {"WWW-Authenticate": 'Bearer realm="ingest"'} if isinstance(exc, Unauthorized) else None
    return error_response(exc.http_status, str(exc), headers)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The one place where exceptions become responses."""
    try:
        return await handler(request)
    except IngestError as exc:
        return error_for(exc, request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else None
        return error_response(exc.status, f"{exc.reason.lower()}: {request.method} {request.path}", headers)
    except Exception:
        log.exception("unexpected error in %s %s", request.method, request.path)
        return error_response(500, "internal server error")


def authorize(request: web.Request, token: SecretStr | None) -> None:
    """Require `Authorization: Bearer <token>` when a token is configured (compared in constant time)."""
    if token is None:
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("this endpoint needs the header 'Authorization: Bearer <INGEST_API_TOKEN>'")
    if not hmac.compare_digest(given.strip().encode(errors="surrogateescape"), token.get_secret_value().encode()):
        raise Unauthorized("wrong bearer token")


def check_length(request: web.Request, limit: int) -> None:
    """Refuse a declared body size over the limit before reading any of it."""
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(f"body is {request.content_length} bytes, over the limit of {limit} (INGEST_MAX_BYTES)")


async def read_body(request: web.Request, limit: int) -> bytes:
    """The whole body, stopping at `limit` bytes as received or decompressed (chunked or gzip bodies)."""
    check_length(request, limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"body is over the limit of {limit} bytes (INGEST_MAX_BYTES)")
        chunks.append(chunk)
    return b"".join(chunks)
