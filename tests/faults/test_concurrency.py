"""Four workers and two watchers on one inbox and database, taking a backlog of 1,000 files
dropped while the service was down: each file once, every near-copy linked, no story split."""

from __future__ import annotations

import time

from tests.corpus import write_events, write_near_copy
from tests.service import assert_each_file_stored_exactly_once, stories_by_event


def test_four_workers_and_two_watchers_take_a_1000_file_backlog_once_without_races(service, sql):
    events = write_events(service.inbox, events=50, outlets=4, seed=6)
    originals = write_events(service.inbox, events=100, outlets=1, seed=7, first=50)
    copies = {}
    for name, event in originals.items():
        copy = f"copy_{name}"
        write_near_copy(service.inbox / name, service.inbox / copy, seed=event)
        copies[copy] = event
    singles = write_events(service.inbox, events=600, outlets=1, seed=8, first=150)
    every = {**events, **originals, **copies, **singles}
    assert len(every) == 1000

    started = time.monotonic()
    for command in ("watch", "watch", "worker", "worker", "worker", "worker"):
        service.start(command)

    service.wait_for(lambda: len(service.archived("processed")) == 1000, timeout=480)
    print(f"\n1000-file backlog taken by 2 watchers and 4 workers in {time.monotonic() - started:.1f} s")
    assert_each_file_stored_exactly_once(sql, service, every)
    by_event = stories_by_event(sql, every)
    assert {e: len(s) for e, s in by_event.items()} == {e: 1 for e in range(750)}
    assert len(set.union(*by_event.values())) == 750
    links = sql("SELECT d.original_name, o.original_name FROM articles a JOIN documents d ON d.id = a.document_id "
                "JOIN articles oa ON oa.id = a.duplicate_of JOIN documents o ON o.id = oa.document_id")
    assert sorted(tuple(sorted(pair)) for pair in links) == sorted((f"copy_{n}", n) for n in originals)
    assert service.stop_all() == [0] * 6
