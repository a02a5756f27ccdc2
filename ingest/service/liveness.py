"""Which of this host's worker processes are alive: each holds a locked file while it runs.

procrastinate finds a dead process's jobs by its missing heartbeats, 20 s and a sweep after a
kill -9 or a power cut. A process on the same host need not wait: the kernel releases a dead
process's file locks at once, so a lock file that can be taken names a process that is gone,
and the procrastinate workers it recorded can be unregistered, which leaves their jobs
stalled for the next sweep. Files name their host and database: on a data folder shared over
the network, or by services on different databases, another's file is never read.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ingest.errors import first_line

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dead:
    """A dead process's file and the procrastinate workers it ran."""

    path: Path
    worker_ids: list[int]


class WorkerLocks:
    """This process's lock file in `folder`, and the files of dead processes beside it."""

    def __init__(self, folder: Path, database: str) -> None:
        self.folder, self.database = folder, database
        self.prefix = f"{socket.gethostname()}-"
        self._own: tuple[Path, BinaryIO] | None = None

    def hold(self) -> None:
        """Create and lock this process's file. Best effort: without it, this process's jobs are
        found by their missing heartbeats alone, as on another host."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Locked before it takes its name: no other process can take it for a dead one's.
            fd, name = tempfile.mkstemp(prefix=f"{self.prefix}{os.getpid()}-", suffix=".new", dir=self.folder)
            file = os.fdopen(fd, "r+b")
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            path = Path(name).rename(Path(name).with_suffix(".lock"))
        except OSError as exc:
            log.warning("no worker lock file in %s (after a crash, jobs resume once found stalled): %s",
                        self.folder, first_line(exc))
            return
        self._own = (path, file)
        self.record([])

    def record(self, worker_ids: Iterable[int]) -> None:
        """Write the procrastinate workers this process runs (each new one, before its first job)."""
        if self._own is None:
            return
        file = self._own[1]
        try:
            file.seek(0)
            file.truncate()
            file.write(json.dumps({"database": self.database, "workers": sorted(worker_ids)}).encode())
            file.flush()
        except OSError as exc:
            log.warning("cannot record this process's workers in %s: %s", self._own[0], first_line(exc))

    def release(self) -> None:
        """At a clean exit: procrastinate has unregistered the workers itself."""
        if self._own is not None:
            path, file = self._own
            path.unlink(missing_ok=True)
            file.close()
            self._own = None

    def dead(self) -> list[Dead]:
        """The files of this host's processes on this database that are gone. Two processes may
        find one file: unregistering its workers twice is harmless."""
        found = []
        for path in sorted(self.folder.glob(f"{self.prefix}*")):  # and a dead one's unnamed file
            if self._own is not None and path == self._own[0]:
                continue
            try:
                with path.open("rb") as file:
                    fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    workers = self._workers(file.read())
            except OSError:  # alive (locked), or already forgotten by another process
                continue
            if workers is not None:
                found.append(Dead(path, workers))
        return found

    def forget(self, dead: Dead) -> None:
        dead.path.unlink(missing_ok=True)

    def _workers(self, content: bytes) -> list[int] | None:
        """The file's workers; None if it was written for another database (left to that one's
        service), none from a torn write."""
        try:
            recorded = json.loads(content)
            if recorded["database"] != self.database:
                return None
            return [int(i) for i in recorded["workers"]]
        except (ValueError, TypeError, KeyError):
            return []
