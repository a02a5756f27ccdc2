"""Receive a file's bytes into the `documents` table (once per SHA-256)."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from ingest.errors import InputError
from ingest.service.inbox import readable
from ingest.store import queries
from ingest.store.database import Database

_CHUNK = 1 << 20


async def receive_bytes(db: Database, name: str, data: bytes, max_bytes: int) -> queries.Received:
    """Store `data` as a queued document (or a failed one when over the size limit)."""
    return await _add(db, name, len(data), hashlib.sha256(data).hexdigest(), data, max_bytes)


async def receive_file(db: Database, path: Path, max_bytes: int) -> queries.Received:
    """Store a file; an oversized one is hashed in chunks and never read into memory whole."""
    try:
        size = path.stat().st_size
        if size <= max_bytes:
            return await receive_bytes(db, readable(path.name), path.read_bytes(), max_bytes)
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"cannot read {readable(str(path))}: {exc.strerror or exc}") from exc
    return await _add(db, readable(path.name), size, digest.hexdigest(), None, max_bytes)


async def _add(db: Database, name: str, size: int, sha256: str, raw: bytes | None, max_bytes: int) -> queries.Received:
    too_big = size > max_bytes
    async with db.autocommit() as conn:
        return await queries.add_document(
            conn, sha256=sha256, original_name=name, size_bytes=size,
            raw=None if too_big else raw, media_type=mimetypes.guess_type(name)[0],
            status="failed" if too_big else "queued",
            error=f"file is {size} bytes, over the limit of {max_bytes} (INGEST_MAX_BYTES)" if too_big else None,
        )
