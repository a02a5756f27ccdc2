"""The one door to PostgreSQL: URL resolution, the async engine, error translation.

Every other module reaches the database through `Database` and the named queries in
`ingest.store.queries`; driver errors are turned into `DatabaseUnavailable` here.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from ingest.config import Settings
from ingest.errors import DatabaseUnavailable, StorageRefused, first_line
from ingest.store import embedded

# Key of the advisory lock that serialises schema migrations across processes.
MIGRATION_LOCK = zlib.crc32(b"ingest:migrations")
CONNECT_SECONDS = 10.0
_COMMIT_WITHOUT_WAITING = text("SET LOCAL synchronous_commit = off")
# SQLSTATEs that blame the statement's data, not the server: data exceptions (22), program
# limits (54: PostgreSQL calls them operational, yet no retry mends them), a NOT NULL or CHECK
# constraint (23502, 23514).
_REFUSED = ("22", "54", "23502", "23514")


def resolve_url(settings: Settings) -> str:
    """The configured server, or the embedded one (started on demand) when none is set."""
    if settings.database_url:
        return settings.database_url
    return embedded.start(settings.embedded_pgdata)


def sqlalchemy_url(url: str) -> str:
    """Accept plain `postgresql://` URLs (as psql takes them) and pick the psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise DatabaseUnavailable(f"not a PostgreSQL URL: {redact(url)}", hint="use postgresql://user@host:port/dbname")


def redact(url: str) -> str:
    """The URL without its password, safe to print in logs and errors."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "<unparseable URL>"


def refuses_data(exc: BaseException) -> bool:
    """Whether a driver error says the statement's data is unacceptable (retrying cannot help)."""
    state = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    return state.startswith(_REFUSED)


def refused(exc: BaseException) -> StorageRefused:
    return StorageRefused(f"the database refused this document's data: {first_line(exc)}")


def unavailable(url: str, exc: BaseException) -> DatabaseUnavailable:
    """Turn a driver error into the project's error, with its first line only."""
    first = first_line(exc)
    return DatabaseUnavailable(
        f"cannot reach the database at {redact(url)}: {first}",
        hint="check INGEST_DATABASE_URL and that the server is running",
    )


class Database:
    """An async engine on one database, with driver errors translated at this boundary."""

    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        self.url = url
        # A host that drops packets would otherwise hang a request for minutes (the OS's TCP
        # timeout); a pool that stays exhausted is an outage to the caller, not a bug.
        # No ping before each use (a round trip per transaction, about a tenth of the service's
        # database work): a connection the server dropped fails its first statement instead,
        # which every caller already treats as an outage and retries, and SQLAlchemy then
        # discards the pool's other connections of that age.
        self.engine: AsyncEngine = create_async_engine(
            sqlalchemy_url(url), pool_pre_ping=False, pool_size=pool_size, max_overflow=pool_size,
            pool_timeout=CONNECT_SECONDS, connect_args={"connect_timeout": int(CONNECT_SECONDS)},
        )
        self._autocommit_engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")  # the same pool

    @asynccontextmanager
    async def transaction(self, *, wait_for_disk: bool = True) -> AsyncIterator[AsyncConnection]:
        """A connection inside one transaction, committed on success, rolled back on error.

        `wait_for_disk=False` commits without waiting for the write-ahead log to reach the disk
        (a few milliseconds, spent while holding the transaction's locks): for work that can be
        redone from what is already durable, such as a document's articles, rebuilt from its
        stored bytes. A crash of the database server may then lose the last fraction of a second
        of such work, never a document: the document is found unfinished and processed again.
        """
        async with self._translated(), self.engine.begin() as conn:
            if not wait_for_disk:
                await conn.execute(_COMMIT_WITHOUT_WAITING)
            yield conn

    @asynccontextmanager
    async def autocommit(self) -> AsyncIterator[AsyncConnection]:
        """A connection whose every statement commits on its own: for work that is one statement
        (storing a document, claiming it), where BEGIN and COMMIT would double its round trips."""
        async with self._translated(), self._autocommit_engine.connect() as conn:
            yield conn

    @asynccontextmanager
    async def _translated(self) -> AsyncIterator[None]:
        """Driver errors as the project's: refused data, or the database out of reach."""
        try:
            yield
        except sa_exc.DBAPIError as exc:
            if refuses_data(exc):
                raise refused(exc) from exc
            if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)):
                raise unavailable(self.url, exc) from exc
            raise
        except sa_exc.TimeoutError as exc:  # no pooled connection came free
            raise unavailable(self.url, exc) from exc

    async def close(self) -> None:
        await self.engine.dispose()
