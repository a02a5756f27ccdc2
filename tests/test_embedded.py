"""With no INGEST_DATABASE_URL the CLI runs on an embedded PostgreSQL under the data dir."""

from __future__ import annotations

import json
import os
import sys
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS


@pytest.fixture
def embedded_cli(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    env["INGEST_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ingest.cli", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    yield run
    run("db", "stop")


def test_data_persists_across_runs_and_a_server_restart(embedded_cli, tmp_path):
    seed = SEEDS / "000_6417beaea2ca3f1a.txt"
    assert embedded_cli("import", str(seed)).returncode == 0

    assert embedded_cli("db", "stop").stdout.strip() == "embedded PostgreSQL stopped"
    assert embedded_cli("db", "stop").stdout.strip() == "embedded PostgreSQL was not running"
    exported = embedded_cli("export", "--format", "jsonl")

    assert exported.returncode == 0, exported.stderr
    assert [json.loads(line)["source_name"] for line in exported.stdout.splitlines()] == [seed.name]
    assert (tmp_path / "data" / "pg" / "PG_VERSION").exists()


def test_db_url_names_one_shared_server_under_the_data_dir(embedded_cli, tmp_path):
    first = embedded_cli("db", "url").stdout.strip()
    second = embedded_cli("db", "url").stdout.strip()

    assert first == second
    assert first.startswith("postgresql://postgres:@/postgres?host=")
    psql = subprocess.run(["psql", first, "-tAc", "SELECT current_setting('data_directory')"],
                          capture_output=True, text=True, timeout=30)
    if psql.returncode == 0:  # the machine has a psql client: the URL works for it
        assert psql.stdout.strip() == str((tmp_path / "data" / "pg").resolve())


def test_db_stop_is_refused_for_an_external_server(embedded_cli, tmp_path):
    env = {**os.environ, "INGEST_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/x", "INGEST_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ingest.cli", "db", "stop"], env=env,
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    assert result.stderr.strip() == "ingest: error: INGEST_DATABASE_URL is set: that server is not ours to stop"
