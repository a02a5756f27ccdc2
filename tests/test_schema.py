"""The schema is Alembic's: it round-trips, matches the models, and refuses a newer one."""

from __future__ import annotations

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, pool

from ingest.store import schema
from ingest.store.database import sqlalchemy_url
from ingest.store.models import Base

TABLES = {"alembic_version", "documents", "articles", "article_bands", "story_terms", "stories",
          "procrastinate_jobs", "procrastinate_events", "procrastinate_periodic_defers", "procrastinate_workers"}
VIEWS = {"article_feed", "failed_documents", "removed_lines"}
HEAD = sorted(p.name.split("_")[0] for p in schema.MIGRATIONS_DIR.glob("versions/[0-9]*.py"))[-1]


def relations(url: str) -> tuple[set[str], set[str]]:
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        views = {r[0] for r in conn.execute("SELECT viewname FROM pg_views WHERE schemaname = 'public'")}
    return tables, views


def queue_leftovers(url: str) -> list[str]:
    """procrastinate's functions and types still present (its tables are in `relations`)."""
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute(
            "SELECT proname FROM pg_proc WHERE proname LIKE 'procrastinate%' "
            "UNION ALL SELECT typname FROM pg_type WHERE typname LIKE '%procrastinate%'")]


def test_upgrade_downgrade_upgrade_round_trip(create_database):
    url = create_database()

    schema.upgrade(url)
    assert relations(url) == (TABLES, VIEWS)
    schema.downgrade(url, "base")
    assert relations(url) == ({"alembic_version"}, set())
    assert queue_leftovers(url) == []
    schema.upgrade(url)
    assert relations(url) == (TABLES, VIEWS)


def test_migrated_database_matches_the_models(database_url):
    engine = create_engine(sqlalchemy_url(database_url), poolclass=pool.NullPool)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_object": schema.include_object}), Base.metadata)
    engine.dispose()

    assert diffs == []


def test_upgrading_twice_changes_nothing(database_url):
    before = schema.current_revision(database_url)
    schema.upgrade(database_url)

    assert schema.current_revision(database_url) == before == HEAD


def test_a_schema_newer_than_the_code_is_refused_in_one_line(cli, create_database):
    url = create_database()
    schema.upgrade(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")

    result = cli("export", env={"INGEST_DATABASE_URL": url})

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "ingest: error: the database schema is at revision from_the_future, which this version of ingest "
        "does not know (a newer ingest migrated it: upgrade ingest, or point INGEST_DATABASE_URL elsewhere)"
    )


def test_db_upgrade_and_current_report_the_revision(cli):
    assert cli("db", "upgrade").stdout.startswith(f"schema at {HEAD} on ")
    assert cli("db", "current").stdout.strip() == HEAD


def test_the_copies_of_an_article_are_looked_up_by_index_not_by_reading_every_article(database_url):
    """The lookup behind `ingest show`, a take-over's move and the unlinking of a deleted
    original's copies: with sequential scans ruled out, only an index can answer it."""
    with psycopg.connect(database_url) as conn:
        conn.execute("SET enable_seqscan = off")
        plan = [row[0] for row in conn.execute("EXPLAIN SELECT id FROM articles WHERE duplicate_of = 42")]

    assert "Seq Scan" not in "\n".join(plan)
    assert any("articles_duplicate_of_idx" in line for line in plan)


def test_upgrading_sets_whether_the_stories_publication_times_came_with_an_offset(create_database):
    url = create_database()
    schema.upgrade(url, "0005")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO documents (sha256, original_name, size_bytes) VALUES ('x', 'x.txt', 1)")
        conn.execute("INSERT INTO stories (first_published, last_published) VALUES "
                     "('2024-12-09 02:40+00', '2024-12-10 09:00+00'), (NULL, NULL)")
        conn.execute("INSERT INTO articles (document_id, record_index, kind, body, paragraphs, word_count, fingerprint, "
                     "story_id, published, published_has_offset) VALUES "
                     "(1, 0, 'article', 'a', '{a}', 1, 'f0', 1, '2024-12-09 02:40+00', false), "
                     "(1, 1, 'article', 'b', '{b}', 1, 'f1', 1, '2024-12-10 09:00+00', true), "
                     "(1, 2, 'article', 'c', '{c}', 1, 'f2', 2, NULL, NULL)")

    schema.upgrade(url)

    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT id, first_published_has_offset, last_published_has_offset FROM stories "
                            "ORDER BY id").fetchall() == [(1, False, True), (2, None, None)]


@pytest.mark.parametrize(("action", "revision", "message"), [
    ("upgrade", "nope", "Can't locate revision identified by 'nope'"),
    ("downgrade", "nope", "Can't locate revision identified by 'nope'"),
    ("downgrade", "-100", "Relative revision -100 didn't produce 100 migrations"),
])
def test_db_upgrade_or_downgrade_to_a_revision_alembic_does_not_know_is_one_line(cli, action, revision, message):
    result = cli("db", action, revision)

    assert (result.returncode, result.stderr) == (2, (
        f"ingest: error: cannot {action} the schema to {revision!r}: {message} "
        f"(the revisions are base, 0001 to {HEAD} and head; `ingest db current` shows the database's)\n"))
    assert cli("db", "current").stdout.strip() == HEAD
