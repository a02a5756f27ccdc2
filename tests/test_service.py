"""The service's processes together: watchers and workers sharing one queue, stopping and restarting."""

from __future__ import annotations

import json
import shutil
import signal
import urllib.error
import urllib.request


from tests.conftest import SEEDS
from tests.corpus import write_events
from tests.service import assert_each_file_stored_exactly_once, drop, stories_by_event

SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"
SEED_B = SEEDS / "001_2734e09429ca7a01.txt"


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def api_up(base: str) -> bool:
    try:
        return get_json(f"{base}/healthz") is not None
    except (urllib.error.URLError, ConnectionError):
        return False


def test_seeds_dropped_into_a_running_service_form_one_story_and_are_found_by_search(service, sql):
    service.start("run")
    service.wait_for(lambda: api_up(service.api), timeout=30)
    for seed in (SEED_A, SEED_B):
        shutil.copy(seed, service.inbox)

    service.wait_for(lambda: len(service.archived("processed")) == 2, timeout=30)
    found = get_json(f"{service.api}/articles?q=asylum")
    assert sorted(a["source_name"] for a in found["articles"]) == [SEED_A.name, SEED_B.name]
    assert len({a["story_id"] for a in found["articles"]}) == 1
    assert sql("SELECT count(*), count(DISTINCT story_id) FROM articles") == [(2, 1)]
    assert service.stop() == 0


def test_two_workers_and_a_watcher_take_500_files_each_once_without_splitting_a_story(service, sql, tmp_path):
    events = write_events(tmp_path / "outgoing", events=100, outlets=5)
    service.start("watch")
    service.start("worker")
    service.start("worker")

    drop(tmp_path / "outgoing", service.inbox)

    service.wait_for(lambda: len(service.archived("processed")) == 500, timeout=400)
    assert_each_file_stored_exactly_once(sql, service, events)
    by_event = stories_by_event(sql, events)
    assert {event: len(stories) for event, stories in by_event.items()} == {e: 1 for e in range(100)}
    assert len(set.union(*by_event.values())) == 100
    assert sql("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == [(0,)]
    assert service.stop_all() == [0, 0, 0]


def test_sigterm_during_a_burst_of_200_files_then_restart_processes_each_exactly_once(service, sql, tmp_path):
    events = write_events(tmp_path / "outgoing", events=40, outlets=5, seed=2)
    service.start("run")
    drop(tmp_path / "outgoing", service.inbox)
    service.wait_for(lambda: len(service.archived("processed")) >= 20, timeout=120)

    assert service.stop() == 0
    assert 20 <= len(service.archived("processed")) < 200

    service.start("run")
    service.wait_for(lambda: len(service.archived("processed")) == 200, timeout=300)
    assert_each_file_stored_exactly_once(sql, service, events)
    assert {e: len(s) for e, s in stories_by_event(sql, events).items()} == {e: 1 for e in range(40)}
    assert service.stop() == 0


def drop_a_long_page_and_wait_until_it_is_being_cleaned(service, sql) -> None:
    paragraph = "<p>" + "The council said the bridge would be repaired before winter, officials said. " * 3 + "</p>"
    page = f"<html><head><title>A long report</title></head><body><article>{paragraph * 15000}</article></body></html>"
    (service.inbox / "long.html.part").write_text(page)
    (service.inbox / "long.html.part").rename(service.inbox / "long.html")
    service.wait_for(lambda: sql("SELECT status FROM documents") == [("processing",)])  # being cleaned: seconds


def test_a_second_sigterm_exits_at_once_and_a_restart_finishes_the_work(service, sql, tmp_path):
    service.start("run")
    drop_a_long_page_and_wait_until_it_is_being_cleaned(service, sql)

    service.proc.send_signal(signal.SIGTERM)
    service.wait_for(lambda: "stopping: finishing the documents in hand" in service.output())
    service.proc.send_signal(signal.SIGTERM)
    assert service.proc.wait(timeout=10) == 130
    # Handed back on the way out: no worker holds the job, so the restart need not wait for
    # its heartbeat to time out.
    assert sql("SELECT status, worker_id FROM procrastinate_jobs") == [("doing", None)]

    service.procs.pop()
    service.start("run")
    service.wait_for(lambda: service.archived("processed") == ["long.html"], timeout=120)
    assert sql("SELECT status, attempts FROM documents") == [("done", 2)]
    assert sql("SELECT count(*) FROM articles") == [(1,)]
    assert service.stop() == 0


def test_a_restart_on_the_same_host_hands_back_the_jobs_of_a_killed_process_at_once(service, sql):
    """kill -9 leaves the job held by a worker that no longer beats; the restarted process finds
    the dead process's released lock file and unregisters its worker instead of waiting 20 s."""
    service.start("run")
    drop_a_long_page_and_wait_until_it_is_being_cleaned(service, sql)
    [(worker_id,)] = sql("SELECT worker_id FROM procrastinate_jobs WHERE status = 'doing'")

    service.proc.kill()
    service.proc.wait()
    service.procs.pop()
    service.start("run")

    service.wait_for(lambda: service.archived("processed") == ["long.html"], timeout=120)
    assert f"stopped without handing back its jobs (workers {worker_id})" in service.output()
    assert sql("SELECT count(*) FROM procrastinate_workers WHERE id = %s", worker_id) == [(0,)]
    assert sql("SELECT status, attempts FROM documents") == [("done", 2)]
    assert sql("SELECT count(*) FROM articles") == [(1,)]
    assert service.stop() == 0
