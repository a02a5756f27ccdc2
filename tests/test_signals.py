"""Signals a terminal or a service manager sends to the service's whole process group, its
cleaning processes included."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import time

from ingest.service.cpu import CpuPool
from tests.corpus import write_events
from tests.service import assert_each_file_stored_exactly_once, drop, wait_for
from tests.test_service import drop_a_long_page_and_wait_until_it_is_being_cleaned


def test_ctrl_c_finishes_the_documents_being_cleaned_exits_0_and_a_restart_takes_the_rest(service, sql, tmp_path):
    """SIGINT reaches the cleaning processes too (one busy with a long page, one idle); they leave
    it to the service, which stops taking files, lets the documents in hand finish, exits 0."""
    events = write_events(tmp_path / "outgoing", events=10, outlets=2, seed=3)
    service.start("run", INGEST_CPU_PROCESSES="2")
    drop_a_long_page_and_wait_until_it_is_being_cleaned(service, sql)
    drop(tmp_path / "outgoing", service.inbox)
    service.wait_for(lambda: sql("SELECT count(*) FROM documents") > [(1,)])

    assert service.interrupt() == 0
    output = service.output()
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert sql("SELECT status, attempts FROM documents WHERE original_name = 'long.html'") == [("done", 1)]

    service.start("run")
    service.wait_for(lambda: len(service.archived("processed")) == 21, timeout=120)
    assert_each_file_stored_exactly_once(sql, service, [*events, "long.html"])
    assert sql("SELECT max(attempts) FROM documents") == [(1,)]  # none in hand at the signal was tried again
    assert service.stop() == 0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_cleaning_process_ignores_sigint_and_sigterm_from_others_but_ends_when_the_service_terminates_it():
    """The service's own SIGTERM is how the pool ends the processes left of a broken pool."""

    async def signal_the_process() -> None:
        with CpuPool(1) as pool:
            await pool.ready()
            [child] = multiprocessing.active_children()
            for name in ("INT", "TERM"):  # from another process: a terminal, a service manager
                subprocess.run(["kill", f"-{name}", str(child.pid)], check=True)
            assert await pool.run(os.getpid) == child.pid
            child.terminate()
            wait_for(lambda: not alive(child.pid), timeout=10)

    asyncio.run(signal_the_process())


def test_a_cleaning_process_still_importing_its_libraries_is_not_killed_by_sigint_or_sigterm_from_others():
    """Ctrl-C in the second or so a process spends importing, before it can say how it takes
    signals (after a start, a crash, or a replacement every `tasks_per_child` documents)."""

    async def signal_the_process_while_it_starts() -> None:
        with CpuPool(1) as pool:  # its process starts at once, and imports
            [child] = multiprocessing.active_children()
            for name in ("INT", "TERM"):
                subprocess.run(["kill", f"-{name}", str(child.pid)], check=True)
            assert await pool.run(os.getpid) == child.pid

    asyncio.run(signal_the_process_while_it_starts())


def test_work_whose_cleaning_process_is_killed_is_done_again_in_a_new_process(caplog):
    """As the OOM killer or a crashing parser would end it: the pool is rebuilt, the work retried once."""

    async def kill_the_process_at_work() -> None:
        with CpuPool(1) as pool:
            await pool.ready()
            [child] = multiprocessing.active_children()
            work = asyncio.ensure_future(pool.run(time.sleep, 1.0))
            await asyncio.sleep(0.3)
            os.kill(child.pid, signal.SIGKILL)
            assert await work is None
            assert await pool.run(os.getpid) not in (child.pid, os.getpid())

    asyncio.run(kill_the_process_at_work())
    assert "a cleaning process died; starting a new pool" in caplog.text
