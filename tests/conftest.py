"""Test set-up: a real PostgreSQL, a fresh migrated database per session, clean tables per test.

The server is the one named by INGEST_TEST_DATABASE_URL, or else an embedded one
(pgserver) started in a temporary folder, exactly as the service does by default.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from ingest.store import embedded, schema
from tests.service import Service

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"
TABLES = ("articles", "stories", "documents", "procrastinate_jobs", "procrastinate_workers")


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server for the whole run (its own admin database in the URL).

    The embedded one keeps its data outside pytest's temporary folder: under root, the server
    runs as its own user, and another pytest session starting on this machine makes that folder
    private again, which cut this session's server off its files (it stopped with a PANIC)."""
    given = os.environ.get("INGEST_TEST_DATABASE_URL")
    if given:
        yield given
        return
    root = Path(tempfile.mkdtemp(prefix="ingest-test-pg-"))
    try:
        yield embedded.start(root / "pg")
        embedded.stop(root / "pg")
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def create_database(server_url: str) -> Iterator[Callable[[], str]]:
    """Make fresh empty databases on the test server; all are dropped at the end."""
    made: list[str] = []

    def create() -> str:
        name = f"ingest_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return with_database(server_url, name)

    yield create
    with psycopg.connect(server_url, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url(create_database: Callable[[], str]) -> str:
    """One migrated database shared by the session's tests (tables emptied per test)."""
    url = create_database()
    schema.upgrade(url)
    return url


@pytest.fixture
def clean_tables(database_url: str) -> str:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    return database_url


@pytest.fixture
def sql(clean_tables: str) -> Callable[..., list[tuple]]:
    """Run one SQL statement on the test database and return its rows (for assertions)."""

    def run(statement: str, *params: object) -> list[tuple]:
        with psycopg.connect(clean_tables, autocommit=True) as conn:
            cur = conn.execute(statement, params or None)
            return cur.fetchall() if cur.description else []

    return run


class Cli:
    """Runs the real `ingest` entry point in a subprocess, as a user would."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env = env
        self.cwd = cwd

    def __call__(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120,
                 prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, sys.executable, "-m", "ingest.cli", *args], cwd=self.cwd, env={**self.env, **(env or {})},
            capture_output=True, text=True, timeout=timeout,
        )


@pytest.fixture
def service(cli: Cli, tmp_path: Path) -> Iterator[Service]:
    """The real service's processes on an inbox of this test's own, killed at the end."""
    svc = Service(tmp_path, cli.env)
    yield svc
    svc.kill()


@pytest.fixture
def cli(clean_tables: str, tmp_path: Path) -> Cli:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    env.update(INGEST_DATABASE_URL=clean_tables, INGEST_DATA_DIR=str(tmp_path / "data"))
    return Cli(env, tmp_path)
