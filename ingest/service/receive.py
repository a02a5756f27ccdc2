"""Receive a file's bytes into the `documents` table (once per SHA-256)."""

from __future__ import annotations

import hashlib
import mimetypes
import os
from pathlib import Path

from ingest.errors import InputError
from ingest.service.inbox import Identity, readable
from ingest.store import queries
from ingest.store.database import Database

async def receive_bytes(db: Database, name: str, data: bytes, max_bytes: int) -> queries.Received:
    """Store `data` as a queued document (or a failed one when over the size limit)."""
    return await _add(db, name, len(data), hashlib.sha256(data).hexdigest(), data, max_bytes)


async def receive_file(db: Database, path: Path, max_bytes: int) -> tuple[queries.Received, Identity]:
    """Store a file, and say which version of it was read (the watcher checks it is the one it
    then moves); an oversized one is hashed in chunks and never read into memory whole."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size <= max_bytes:
                data: bytes | None = handle.read()
                digest = hashlib.sha256(data)
            else:
                data, digest = None, hashlib.file_digest(handle, "sha256")
            read = Identity.of(os.fstat(handle.fileno()))
    except OSError as exc:
        raise InputError(f"cannot read {readable(str(path))}: {exc.strerror or exc}") from exc
    size = read.size if data is None else len(data)
    return await _add(db, readable(path.name), size, digest.hexdigest(), data, max_bytes), read


def file_sha256(path: Path) -> str:
    """Hashed in chunks: a file is never read into memory whole just to be checked."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


async def _add(db: Database, name: str, size: int, sha256: str, raw: bytes | None, max_bytes: int) -> queries.Received:
    too_big = size > max_bytes
    async with db.autocommit() as conn:
        return await queries.add_document(
            conn, sha256=sha256, original_name=name, size_bytes=size,
            raw=None if too_big else raw, media_type=mimetypes.guess_type(name)[0],
            status="failed" if too_big else "queued",
            error=f"file is {size} bytes, over the limit of {max_bytes} (INGEST_MAX_BYTES)" if too_big else None,
        )
