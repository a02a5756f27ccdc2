"""Driving the real service: `ingest run`, `ingest worker`, `ingest watch` in subprocesses, and a
worker's recovery sweep in this process."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import pytest

from ingest.clean import CleanOptions
from ingest.dedup.options import DedupOptions
from ingest.service.process import Pipeline
from ingest.service.worker import Worker
from ingest.store.database import Database


# A command prefix under which root, like any other user, cannot read a file made unreadable
# (`chmod 0`): the capabilities that let root override file permissions are dropped.
UNPRIVILEGED: tuple[str, ...] = ("setpriv", "--bounding-set=-dac_override,-dac_read_search") if os.geteuid() == 0 else ()


def _why_root_cannot_test_unreadable_files() -> str | None:
    if not UNPRIVILEGED:
        return None
    if shutil.which("setpriv") is None:
        return "runs as root without setpriv: root reads a file whatever its permissions"
    if not os.environ.get("INGEST_TEST_DATABASE_URL"):
        # Under root the embedded server runs as its own user with a private socket folder,
        # which only the dropped capabilities let root into; the run on a TCP server covers these.
        return "runs as root on the embedded server, whose socket a process without root's overrides cannot reach"
    return None


_WHY_NOT = _why_root_cannot_test_unreadable_files()
needs_unreadable_files = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


class Service:
    """One inbox and archive, and the service processes started on them."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.inbox, self.archive = root / "inbox", root / "archive"
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "INGEST_INBOX": str(self.inbox), "INGEST_ARCHIVE_DIR": str(self.archive),
                    "INGEST_STABLE_SECONDS": "0.5", "INGEST_CPU_PROCESSES": "1", "INGEST_API_PORT": str(self.port)}
        self.procs: list[subprocess.Popen[str]] = []
        self.logs = root / "logs"
        self.logs.mkdir(exist_ok=True)

    def start(self, command: str = "run", prefix: Sequence[str] = (), **env: str) -> subprocess.Popen[str]:
        log = (self.logs / f"{len(self.procs)}-{command}.log").open("w")
        # Its own process group, as a shell gives each command: a test can signal it and its cleaning
        # processes together, as Ctrl-C does (`interrupt`).
        proc = subprocess.Popen([*prefix, sys.executable, "-m", "ingest.cli", command], env={**self.env, **env},
                                stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.procs.append(proc)
        if command != "worker":
            self.wait_for(lambda: self.inbox.exists())
        return proc

    @property
    def proc(self) -> subprocess.Popen[str]:
        return self.procs[-1]

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM the latest process and return its exit status."""
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def interrupt(self, timeout: float = 60) -> int:
        """Ctrl-C in a terminal: SIGINT to the latest process's whole group; its exit status."""
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.proc.wait(timeout=timeout)

    def stop_all(self, timeout: float = 60) -> list[int]:
        """SIGTERM every process at once and return their exit statuses."""
        for proc in self.procs:
            proc.send_signal(signal.SIGTERM)
        return [proc.wait(timeout=timeout) for proc in self.procs]

    def kill(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    def output(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()}" for p in sorted(self.logs.iterdir()))

    def wait_for(self, condition: Callable[[], object], timeout: float = 60.0) -> None:
        """Wait for `condition`, failing at once with the services' output if one died."""

        def done() -> object:
            for proc in self.procs:
                if proc.poll() is not None and proc.returncode != 0:
                    raise AssertionError(f"{proc.args[-1]} exited {proc.returncode}:\n{self.output()}")
            return condition()

        wait_for(done, timeout)

    def wait_until_watching(self) -> None:
        """The latest process says it watches the inbox: from now on a rename is seen as one."""
        latest = next(self.logs.glob(f"{len(self.procs) - 1}-*.log"))
        self.wait_for(lambda: f"watching {self.inbox}" in latest.read_text())

    def archived(self, kind: str) -> list[str]:
        folder = self.archive / kind
        return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def drop(files: Path, inbox: Path) -> None:
    """Move prepared files into the inbox by rename, as producers are told to."""
    inbox.mkdir(parents=True, exist_ok=True)
    for path in sorted(files.iterdir()):
        os.rename(path, inbox / path.name)


def stories_by_event(sql: Callable[..., list[tuple]], events: dict[str, int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for name, story in sql("SELECT d.original_name, a.story_id FROM articles a JOIN documents d ON d.id = a.document_id"):
        found.setdefault(events[name], set()).add(story)
    return found


def assert_each_file_stored_exactly_once(sql: Callable[..., list[tuple]], service: Service, names: Collection[str]) -> None:
    assert sql("SELECT count(*), count(DISTINCT sha256), count(*) FILTER (WHERE status = 'done') FROM documents") == [
        (len(names), len(names), len(names))]
    assert sql("SELECT count(*) FROM (SELECT document_id FROM articles GROUP BY document_id HAVING count(*) = 1) one") == [
        (len(names),)]
    # No job stuck: a dead worker's job is closed within a minute, a spare one finds its document done.
    service.wait_for(lambda: sql("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')") == [(0,)],
                     timeout=90)
    assert service.archived("processed") == sorted(names)
    assert list(service.inbox.iterdir()) == []
    assert service.archived("in-progress") == []


async def sweep_once(url: str) -> None:
    """One recovery sweep of a worker that runs no jobs, as a worker's first sweep at start."""
    db = Database(url)
    worker = Worker(db, Pipeline(CleanOptions(), DedupOptions()), concurrency=1, grace_seconds=1)
    try:
        async with worker.queue.open():
            await worker.sweep()
    finally:
        await db.close()
