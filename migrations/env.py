"""Alembic environment: one code path for `ingest db upgrade`, start-up and plain `alembic`.

Migrations run under a transaction-level advisory lock so that several processes
starting at once (workers on several hosts) upgrade the schema exactly once.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool, text

from ingest.store.database import MIGRATION_LOCK, resolve_url, sqlalchemy_url
from ingest.store.models import Base
from ingest.store.schema import include_object

config = context.config


def _url() -> str:
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        from ingest.config import Settings

        url = resolve_url(Settings())
    return sqlalchemy_url(url)


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, include_object=include_object)
        with context.begin_transaction():
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
