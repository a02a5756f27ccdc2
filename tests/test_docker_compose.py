"""No Docker engine runs here: check the compose file's wiring by reading it."""

from __future__ import annotations

from pathlib import PurePosixPath

import yaml

from tests.conftest import ROOT


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_postgres_16_has_a_pg_isready_healthcheck_and_a_volume():
    postgres = compose()["services"]["postgres"]

    assert postgres["image"] == "postgres:16"
    assert "pg_isready -h 127.0.0.1" in " ".join(postgres["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert "pgdata" in compose()["volumes"]


def test_ingest_waits_for_a_healthy_database_and_points_at_it():
    ingest = compose()["services"]["ingest"]
    postgres_env = compose()["services"]["postgres"]["environment"]

    assert ingest["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert ingest["environment"]["INGEST_DATABASE_URL"] == (
        f"postgresql://{postgres_env['POSTGRES_USER']}:{postgres_env['POSTGRES_PASSWORD']}"
        f"@postgres:5432/{postgres_env['POSTGRES_DB']}"
    )


def test_ingest_is_built_here_with_the_inbox_and_the_archive_on_one_bind_mount():
    ingest = compose()["services"]["ingest"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in ingest["volumes"]}

    def mount_of(path: str) -> str:
        return max((m for m in mounts if PurePosixPath(path).is_relative_to(m)), key=len)

    assert ingest["build"] == "."
    assert (ROOT / "Dockerfile").exists()
    inbox, archive = ingest["environment"]["INGEST_INBOX"], ingest["environment"]["INGEST_ARCHIVE_DIR"]
    assert mount_of(inbox) == mount_of(archive)  # files leave the inbox by a rename
    assert mounts[mount_of(inbox)].startswith("./")


def test_stop_grace_period_leaves_time_for_a_graceful_shutdown():
    grace = compose()["services"]["ingest"]["stop_grace_period"]

    assert grace.endswith("s") and int(grace[:-1]) >= 30


def test_the_image_runs_the_service_with_the_api_published_on_localhost():
    ingest = compose()["services"]["ingest"]
    dockerfile = (ROOT / "Dockerfile").read_text().splitlines()

    assert dockerfile[-1] == 'CMD ["ingest", "run"]'
    assert "INGEST_API_HOST=0.0.0.0" in " ".join(line for line in dockerfile if line.startswith("ENV "))
    assert ingest["ports"] == ["127.0.0.1:8000:8000"]
    assert ingest["environment"]["INGEST_FORCE_POLLING"] == "true"
