"""Table definitions: the canonical schema the migrations must produce.

A test diffs the migrated database against this metadata, so the two cannot drift.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ColumnElement,
    Computed,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DOCUMENT_STATUSES = ("queued", "processing", "done", "duplicate", "failed")

# Title weighs more than body in ranking; `simple` keeps every language searchable
# without guessing a stemmer per row.
SEARCH_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'C')"
)

PUBLISHED_COMMENT = (
    "Publication time; when published_has_offset is false the page gave no UTC offset "
    "and this holds its wall-clock time as if UTC."
)
REMOVED_COMMENT = 'Lines the cleaner dropped, in page order: [{"line": ..., "rule": ...}].'
DUPLICATE_OF_COMMENT = "The earlier article this one near-duplicates (syndicated or re-saved copy), else null."


def table(model: type[Base]) -> Table:
    """The Core table of a model, typed as one: the named queries are written in Core."""
    return cast(Table, model.__table__)


def any_of(name: str, item_type: type[BigInteger] | type[Text]) -> ColumnElement[Any]:
    """`= ANY(:name)` in a named query: one array parameter, where `IN` would expand a bound value
    per item into new statement text on every call."""
    return func.any(bindparam(name, type_=ARRAY(item_type())))


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "pk": "%(table_name)s_pkey",
            "fk": "%(table_name)s_%(column_0_name)s_fkey",
            "uq": "%(table_name)s_%(column_0_name)s_key",
            "ck": "%(table_name)s_%(constraint_name)s_check",
            "ix": "%(table_name)s_%(column_0_name)s_idx",
        }
    )


class Document(Base):
    """Every received file or request, raw bytes kept so a better cleaner can re-run later."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(f"status IN {DOCUMENT_STATUSES}", name="status"),
        {"comment": "Every received file or request, with its raw bytes, SHA-256 and processing status."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(Text, unique=True)
    original_name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    times_received: Mapped[int] = mapped_column(Integer, server_default="1")
    status: Mapped[str] = mapped_column(Text, server_default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Story(Base):
    """One event, covered by one or more articles."""

    __tablename__ = "stories"
    __table_args__ = {"comment": "Events: articles from one or more outlets grouped together."}

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_published_has_offset: Mapped[bool | None] = mapped_column(comment=(
        "Whether first_published came with a UTC offset; if not, it is the page's wall-clock time stored as if UTC."))
    last_published_has_offset: Mapped[bool | None] = mapped_column(comment=(
        "Whether last_published came with a UTC offset; if not, it is the page's wall-clock time stored as if UTC."))
    article_count: Mapped[int] = mapped_column(Integer, server_default="0")
    outlets: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ArticleRow(Base):
    """The clean record of one article (a `.jsonl` document may hold several)."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("document_id", "record_index", name="articles_document_record_key"),
        Index("articles_search_idx", "search", postgresql_using="gin"),
        Index("articles_published_idx", "published"),
        # Finds an article's near-duplicates (`ingest show`, GET /articles/{id}, a take-over's
        # move) and the rows to unlink when it is deleted (a re-processing), without reading the
        # whole table each time; most articles are no copy, so only copies are indexed.
        Index("articles_duplicate_of_idx", "duplicate_of", postgresql_where=text("duplicate_of IS NOT NULL")),
        {"comment": "Clean articles: metadata, body, removed lines with their rules, story and duplicate links."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("documents.id", ondelete="CASCADE"))
    record_index: Mapped[int] = mapped_column(Integer, server_default="0")
    kind: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    outlet: Mapped[str | None] = mapped_column(Text, index=True)
    source_url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), comment=PUBLISHED_COMMENT)
    published_has_offset: Mapped[bool | None] = mapped_column()
    modified: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    modified_has_offset: Mapped[bool | None] = mapped_column()
    language: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    paragraphs: Mapped[list[str]] = mapped_column(ARRAY(Text))
    word_count: Mapped[int] = mapped_column(Integer)
    removed: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default="[]", comment=REMOVED_COMMENT)
    search: Mapped[Any] = mapped_column(TSVECTOR, Computed(SEARCH_VECTOR, persisted=True))
    fingerprint: Mapped[str] = mapped_column(Text, index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, comment="MinHash signature of the body's word shingles.")
    profile: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB, comment="The article's most telling words with weights, and its direct quotes (story matching)."
    )
    story_time: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), Computed("coalesce(published, created_at)", persisted=True), index=True,
        comment="When the article happened for story matching: published, else arrival.",
    )
    novel_paragraphs: Mapped[list[int] | None] = mapped_column(
        ARRAY(Integer), comment="Indexes of paragraphs not already in the story when this article joined it."
    )
    novelty: Mapped[float | None] = mapped_column(Float, comment="Share of the body's words in novel paragraphs.")
    story_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("stories.id", ondelete="SET NULL"), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("articles.id", ondelete="SET NULL"), comment=DUPLICATE_OF_COMMENT
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class ArticleBand(Base):
    """LSH band keys of each article's MinHash: equal keys name near-duplicate candidates."""

    __tablename__ = "article_bands"
    __table_args__ = {"comment": "LSH band keys of article MinHash signatures (near-duplicate lookup)."}

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StoryTerm(Base):
    """An article's strongest words by day: finds story candidates in a time window with
    index range scans whose cost depends on the window's articles, not the corpus.

    `clock` says which day a row is filed under (see `ingest.store.stories.Clock`): a dated
    article's publication day, a dated article's arrival day, or an undated article's arrival
    day. A dated article searches only publication days and undated articles' arrival days,
    so a bulk import of old articles arriving on one day does not make its lookups scan them all."""

    __tablename__ = "story_terms"
    __table_args__ = {"comment": "Term index for story matching: (word, clock, day) -> article."}

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    clock: Mapped[int] = mapped_column(
        SmallInteger, primary_key=True,
        comment="0: publication day of a dated article, 1: its arrival day, 2: arrival day of an undated article.",
    )
    day: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Days since 1970-01-01 (UTC).")
    article_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
