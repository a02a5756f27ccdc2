"""Lock files tell a restarted process which of this host's processes died holding jobs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.service.liveness import Dead, WorkerLocks

HOLD = """
import sys, time
from pathlib import Path
from ingest.service.liveness import WorkerLocks
locks = WorkerLocks(Path(sys.argv[1]), sys.argv[2])
locks.hold()
locks.record({8, 7})
print("held", flush=True)
time.sleep(600)
"""


@pytest.fixture
def holders(tmp_path: Path) -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        proc.kill()
        proc.wait()


def hold(holders: list[subprocess.Popen[str]], folder: Path, database: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), database], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    holders.append(proc)
    return proc


def test_a_killed_process_is_found_dead_with_its_workers_and_forgotten(holders, tmp_path):
    proc = hold(holders, tmp_path, "postgresql://db")
    proc.kill()
    proc.wait()
    locks = WorkerLocks(tmp_path, "postgresql://db")

    [dead] = locks.dead()

    assert dead == Dead(next(tmp_path.iterdir()), [7, 8])
    locks.forget(dead)
    assert list(tmp_path.iterdir()) == []


def test_a_live_process_is_not_taken_for_dead(holders, tmp_path):
    hold(holders, tmp_path, "postgresql://db")

    assert WorkerLocks(tmp_path, "postgresql://db").dead() == []


def test_a_dead_process_of_another_database_is_left_to_that_database_service(holders, tmp_path):
    proc = hold(holders, tmp_path, "postgresql://other")
    proc.kill()
    proc.wait()

    assert WorkerLocks(tmp_path, "postgresql://db").dead() == []
    assert len(list(tmp_path.iterdir())) == 1


def test_a_clean_exit_leaves_no_lock_file_and_its_own_file_is_never_dead(tmp_path):
    locks = WorkerLocks(tmp_path / "workers", "postgresql://db")
    locks.hold()
    locks.record({3})

    assert locks.dead() == []
    locks.release()
    assert list((tmp_path / "workers").iterdir()) == []


def test_an_unwritable_folder_leaves_the_process_without_a_lock_file(tmp_path, caplog):
    (tmp_path / "workers").write_text("a file where the folder should be")
    locks = WorkerLocks(tmp_path / "workers", "postgresql://db")

    locks.hold()
    locks.record({3})
    locks.release()

    assert "no worker lock file in" in caplog.text
