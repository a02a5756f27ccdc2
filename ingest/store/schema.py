"""Schema migrations (Alembic), applied at start and by `ingest db upgrade`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool
from sqlalchemy import exc as sa_exc

from ingest.errors import InputError, SchemaMismatch, first_line
from ingest.store.database import sqlalchemy_url, unavailable

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave procrastinate's objects to its own SQL (revision 0003), out of autogenerate."""
    return not (name or "").startswith("procrastinate_")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["url"] = url
    return cfg


def current_revision(url: str) -> str | None:
    engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
        raise unavailable(url, exc) from exc
    finally:
        engine.dispose()


def known_revisions(url: str) -> list[str]:
    """This code's revisions, newest first."""
    return [s.revision for s in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()]


def check_known(url: str) -> str | None:
    """Refuse a database migrated by a newer ingest: this code would misread it."""
    revision = current_revision(url)
    if revision is not None:
        if revision not in known_revisions(url):
            raise SchemaMismatch(
                f"the database schema is at revision {revision}, which this version of ingest does not know",
                hint="a newer ingest migrated it: upgrade ingest, or point INGEST_DATABASE_URL elsewhere",
            )
    return revision


def upgrade(url: str, revision: str = "head") -> None:
    check_known(url)
    try:
        command.upgrade(alembic_config(url), revision)
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
        raise unavailable(url, exc) from exc
    except CommandError as exc:
        raise _unknown_target(url, "upgrade", revision, exc) from exc


def downgrade(url: str, revision: str) -> None:
    check_known(url)
    try:
        command.downgrade(alembic_config(url), revision)
    except CommandError as exc:
        raise _unknown_target(url, "downgrade", revision, exc) from exc


def _unknown_target(url: str, action: str, revision: str, exc: CommandError) -> InputError:
    """Alembic refuses a target it cannot resolve (an unknown id, `-100` past base) before migrating anything."""
    revisions = known_revisions(url)
    return InputError(f"cannot {action} the schema to {revision!r}: {first_line(exc)}",
                      hint=f"the revisions are base, {revisions[-1]} to {revisions[0]} and head; "
                           "`ingest db current` shows the database's")
