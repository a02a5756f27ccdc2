"""Files that change under the watcher: written slowly, deleted before they are read, renamed in."""

from __future__ import annotations

import os
import threading
import time

from tests.conftest import SEEDS
from tests.service import UNPRIVILEGED, needs_unreadable_files

SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"
SEED_B = SEEDS / "001_2734e09429ca7a01.txt"


def write_slowly(path, content: bytes, seconds: float) -> None:
    step = len(content) // 20 + 1
    with path.open("wb") as handle:
        for start in range(0, len(content), step):
            handle.write(content[start : start + step])
            handle.flush()
            time.sleep(seconds / 20)


def test_slow_vanishing_and_renamed_files_are_each_read_whole_once_or_not_at_all(service, sql):
    service.start("run")
    slow = threading.Thread(target=write_slowly, args=(service.inbox / "slow.txt", SEED_A.read_bytes(), 5.0))
    slow.start()
    (service.inbox / "gone.txt").write_bytes(SEED_B.read_bytes())
    time.sleep(0.2)
    (service.inbox / "gone.txt").unlink()
    (service.inbox / "renamed.txt.part").write_bytes(SEED_B.read_bytes())
    os.rename(service.inbox / "renamed.txt.part", service.inbox / "renamed.txt")
    slow.join()

    service.wait_for(lambda: service.archived("processed") == ["renamed.txt", "slow.txt"])
    assert sorted((name, bytes(raw)) for name, raw in sql("SELECT original_name, raw FROM documents")) == [
        ("renamed.txt", SEED_B.read_bytes()), ("slow.txt", SEED_A.read_bytes())]
    assert service.archived("failed") == service.archived("duplicates") == []
    assert service.proc.poll() is None


@needs_unreadable_files
def test_an_unreadable_file_is_reported_and_the_watcher_goes_on(service, sql):
    service.start("run", prefix=UNPRIVILEGED)
    locked = service.inbox / "locked.txt"
    locked.write_bytes(SEED_A.read_bytes())
    locked.chmod(0)
    (service.inbox / "fine.txt").write_bytes(SEED_B.read_bytes())

    service.wait_for(lambda: service.archived("processed") == ["fine.txt"]
                     and "locked.txt.error.json" in service.archived("failed"))
