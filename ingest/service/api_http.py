"""HTTP plumbing for the API: JSON responses, the one error handler, the token check, bounded decoded bodies.

Every failure leaves as `{"error": message}` with the status its error type carries
(`ingest.errors`); an unexpected exception is logged with its traceback and the
client gets a generic 500, never the exception's text.
"""

from __future__ import annotations

import hmac
import json
import logging
import zlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from aiohttp import hdrs, web
from aiohttp.http_exceptions import HttpProcessingError
from pydantic import SecretStr

from ingest.errors import IngestError

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Bodies are decoded here, not by aiohttp (`auto_decompress` is off in `make_app`): aiohttp
# turns bytes that do not decode into a 500 with two logged tracebacks, and passes a gzip body
# cut short on as a shorter document.
GZIP_WBITS = 16 + zlib.MAX_WBITS


class ClientFault(logging.Filter):
    """aiohttp logs a request it cannot parse (a header over its size limit, broken chunked
    framing) at ERROR with a traceback, before the API sees it: any client could fill the log
    with them. The fault is the client's, so it becomes one WARNING line without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError) and 400 <= exc.code < 500:
            record.msg, record.args = f"{record.getMessage()}: {exc.code} {exc.message}", ()
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        return True


# What aiohttp's server logs about connections and requests it could not handle.
server_log = logging.getLogger("ingest.http")
server_log.addFilter(ClientFault())


class Unauthorized(IngestError):
    """A write request without the configured bearer token."""

    http_status = 401


class UnreadableBody(IngestError):
    """A body that does not decode as its `Content-Encoding` says (not gzip, cut short, unknown coding)."""

    http_status = 400


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
    """The whole body, decoded, stopping at `limit` bytes as received or decoded (chunked or gzip bodies)."""
    check_length(request, limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return decode(b"".join(chunks), request.headers.get(hdrs.CONTENT_ENCODING, "").strip().lower(), limit)


def too_large(limit: int) -> TooLarge:
    return TooLarge(f"body is over the limit of {limit} bytes (INGEST_MAX_BYTES)")


def decode(body: bytes, encoding: str, limit: int) -> bytes:
    """`body` undone from its Content-Encoding (gzip, possibly several members, or deflate), at most `limit` bytes."""
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise UnreadableBody(f"the body could not be decoded: Content-Encoding {encoding!r} is not supported "
                             "(send gzip, deflate or none)")
    parts: list[bytes] = []
    size, rest = 0, body
    while rest:
        decoder = zlib.decompressobj(GZIP_WBITS if encoding != "deflate" else _deflate_wbits(rest))
        try:
            part = decoder.decompress(rest, limit + 1 - size)  # at most one byte over the limit, never a bomb
        except zlib.error:
            raise UnreadableBody(f"the body could not be decoded: it is not valid {encoding} data "
                                 f"(Content-Encoding: {encoding})") from None
        size += len(part)
        if size > limit:
            raise too_large(limit)
        if not decoder.eof:
            raise UnreadableBody(f"the body could not be decoded: its {encoding} data is cut short")
        parts.append(part)
        rest = decoder.unused_data
    return b"".join(parts)


def _deflate_wbits(data: bytes) -> int:
    """`deflate` is zlib-wrapped by the standard, but some clients send the raw stream (as aiohttp accepts)."""
    return zlib.MAX_WBITS if data[0] & 0x0F == 8 else -zlib.MAX_WBITS
