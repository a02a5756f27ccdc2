"""Named queries: the only place that reads or writes the tables.

Each function takes a connection inside a transaction (see `Database.transaction`)
so that callers compose several queries atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, exists, func, insert, literal_column, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from ingest.clean import Article
from ingest.dedup.assign import Prepared
from ingest.dedup.profile import to_json as profile_json
from ingest.store.models import ArticleRow, Document, table
from ingest.store.stories import Times

documents = table(Document)
articles = table(ArticleRow)


@dataclass(frozen=True)
class Received:
    """Outcome of storing a document's bytes: its id, and whether these bytes were new."""

    id: int
    new: bool
    status: str
    error: str | None

    @property
    def reason(self) -> str:
        """Why a failed document failed, said of these bytes (which may be a second copy of it)."""
        reason = self.error or "failed"
        return reason if self.new else f"{reason} (the same bytes as document {self.id})"


@dataclass(frozen=True)
class Saved:
    """A stored article's id and its times, which story matching needs next."""

    id: int
    times: Times


@dataclass(frozen=True)
class Claimed:
    """A document taken for processing, with what the cleaner needs."""

    id: int
    original_name: str
    raw: bytes
    has_articles: bool  # processed before (a retry, `ingest reprocess`): its articles are replaced


# The statements of the per-document path are built once: building a statement costs about
# as much Python time as running it, and a built one keeps its compiled form cached.
_NEW = pg_insert(documents).excluded
# The same bytes again count a receipt. Bytes refused as over the size limit were not kept: when
# they come again under a raised limit, they are stored and the document queued.
_KEPT_NOW = and_(documents.c.raw.is_(None), _NEW.raw.is_not(None))
_ADD = (
    pg_insert(documents)
    .on_conflict_do_update(index_elements=[documents.c.sha256], set_={
        "times_received": documents.c.times_received + 1,
        "raw": func.coalesce(documents.c.raw, _NEW.raw),
        "status": case((_KEPT_NOW, _NEW.status), else_=documents.c.status),
        "error": case((_KEPT_NOW, _NEW.error), else_=documents.c.error),
        "updated_at": case((_KEPT_NOW, func.now()), else_=documents.c.updated_at),
    })
    .returning(documents.c.id, documents.c.status, documents.c.error, literal_column("xmax = 0").label("new"))
)
_CLAIM = (
    update(documents)
    .where(documents.c.id == bindparam("document_id"), documents.c.raw.is_not(None),
           documents.c.status.in_(("queued", "processing")))
    .values(status="processing", attempts=documents.c.attempts + 1, updated_at=func.now())
    .returning(documents.c.id, documents.c.original_name, documents.c.raw,
               exists().where(articles.c.document_id == documents.c.id).label("has_articles"))
)


async def add_document(
    conn: AsyncConnection,
    *,
    sha256: str,
    original_name: str,
    size_bytes: int,
    raw: bytes | None,
    media_type: str | None = None,
    status: str = "queued",
    error: str | None = None,
) -> Received:
    """Store a document once per SHA-256; the same bytes again count a receipt (and are kept now
    if they were refused as too large before and fit now)."""
    row = (await conn.execute(_ADD, {
        "sha256": sha256, "original_name": original_name, "size_bytes": size_bytes, "raw": raw,
        "media_type": media_type, "status": status, "error": error,
    })).one()
    return Received(id=row.id, new=row.new, status=row.status, error=row.error)


async def claim_document(conn: AsyncConnection, document_id: int) -> Claimed | None:
    """Mark a queued (or interrupted) document as processing and return its bytes; None for one
    that is done, failed or has no bytes, so a job queued twice does the work once."""
    row = (await conn.execute(_CLAIM, {"document_id": document_id})).one_or_none()
    return Claimed(row.id, row.original_name, row.raw, row.has_articles) if row else None


_FAIL = (
    update(documents).where(documents.c.id == bindparam("document_id"))
    .values(status="failed", error=bindparam("error"), updated_at=func.now())
    .returning(exists().where(articles.c.document_id == documents.c.id))
)


async def mark_failed(conn: AsyncConnection, document_id: int, error: str) -> bool:
    """Mark the document failed; True when it still has articles from an earlier processing."""
    return bool((await conn.execute(_FAIL, {"document_id": document_id, "error": error})).scalar_one_or_none())


def _stored_time(value: datetime | None) -> tuple[datetime | None, bool | None]:
    """A naive time (offset unknown) is stored as if UTC, with the flag saying so."""
    if value is None:
        return None, None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc), False
    return value, True


def _article_values(document_id: int, index: int, article: Article, prepared: Prepared) -> dict[str, Any]:
    published, published_has_offset = _stored_time(article.published)
    modified, modified_has_offset = _stored_time(article.modified)
    return {
        "document_id": document_id, "record_index": index, "kind": article.kind,
        "title": article.title, "summary": article.summary, "section": article.section,
        "authors": list(article.authors), "outlet": article.outlet, "source_url": article.source_url,
        "published": published, "published_has_offset": published_has_offset,
        "modified": modified, "modified_has_offset": modified_has_offset,
        "language": article.language, "body": article.text, "paragraphs": list(article.body),
        "word_count": article.word_count,
        "removed": [{"line": r.line, "rule": r.rule} for r in article.removed],
        "fingerprint": prepared.fingerprint,
        "minhash": prepared.signature,
        "profile": profile_json(prepared.profile),
    }


_DELETE_ARTICLES = (delete(articles).where(articles.c.document_id == bindparam("document_id"))
                    .returning(articles.c.record_index, articles.c.id, articles.c.created_at, articles.c.story_id))
_FINISH = (
    update(documents).where(documents.c.id == bindparam("finished_id"))
    .values(status="done", error=bindparam("note"), updated_at=func.now())
)
_INSERT_ARTICLE = insert(articles).returning(
    articles.c.id, articles.c.published, articles.c.created_at, articles.c.story_time)
# The document is marked done by its first article's insert: one round trip less per document.
_INSERT_FIRST_ARTICLE = _INSERT_ARTICLE.add_cte(_FINISH.cte("finish"))


@dataclass(frozen=True)
class Withdrawn:
    """What a document's deleted articles leave behind, by record index: the identity (id,
    arrival time) and story its new article takes over."""

    identities: dict[int, dict[str, Any]]
    former_stories: dict[int, int]

    @property
    def stories(self) -> list[int]:
        """The stories the articles left: to be recounted."""
        return sorted(set(self.former_stories.values()))


async def withdraw_articles(conn: AsyncConnection, document_id: int) -> Withdrawn:
    """Delete the document's articles (a re-processing replaces them, a failure leaves none)."""
    rows = (await conn.execute(_DELETE_ARTICLES, {"document_id": document_id})).all()
    return Withdrawn({row.record_index: {"id": row.id, "created_at": row.created_at} for row in rows},
                     {row.record_index: row.story_id for row in rows if row.story_id is not None})


async def save_articles(
    conn: AsyncConnection, document_id: int, cleaned: Sequence[tuple[int, Article, Prepared]], note: str | None = None,
    identities: Mapping[int, dict[str, Any]] | None = None,
) -> list[Saved]:
    """Store the document's articles, `cleaned` (record index, article, dedup data), and mark it
    done; `note` says which of its records failed, if any. A document processed before has its
    old articles withdrawn first (`withdraw_articles`), so re-processing never adds to them, and
    each new article keeps its record's `identities`: links to it and its arrival time (the
    story window of an undated article) outlive a re-processing."""
    finish = {"finished_id": document_id, "note": note}
    identities = identities or {}
    # An "id" value would also set documents.id in the first insert's CTE: a re-processing
    # (rare) marks the document done in a statement of its own.
    if not cleaned or identities:
        await conn.execute(_FINISH, finish)
    rows = []
    for index, article, prepared in cleaned:
        values = _article_values(document_id, index, article, prepared) | identities.get(index, {})
        statement, values = (_INSERT_ARTICLE, values) if rows or identities else (_INSERT_FIRST_ARTICLE, values | finish)
        rows.append((await conn.execute(statement, values)).one())
    return [Saved(row.id, Times(row.published, row.created_at, row.story_time)) for row in rows]
