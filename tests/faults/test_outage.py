"""A database outage while files arrive: the service waits, reports not ready, then catches up."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from tests.corpus import write_events
from tests.faults.proxy import proxied
from tests.service import assert_each_file_stored_exactly_once, drop

OUTAGE_SECONDS = 20


def ready(base: str) -> int | None:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_a_20_second_outage_while_files_arrive_loses_and_doubles_nothing(service, sql, clean_tables, tmp_path):
    before = write_events(tmp_path / "before", events=10, outlets=5, seed=4)
    during = write_events(tmp_path / "during", events=10, outlets=5, seed=5, first=10)
    proxy, url = proxied(clean_tables)
    try:
        service.start("run", INGEST_DATABASE_URL=url)
        service.wait_for(lambda: ready(service.api) == 200)
        drop(tmp_path / "before", service.inbox)
        service.wait_for(lambda: len(service.archived("processed")) >= 10)

        proxy.cut()
        drop(tmp_path / "during", service.inbox)
        seen = set()
        deadline = time.monotonic() + OUTAGE_SECONDS
        while time.monotonic() < deadline:
            seen.add(ready(service.api))
            assert service.proc.poll() is None
            time.sleep(0.5)
        proxy.restore()
        restored = time.monotonic()

        service.wait_for(lambda: len(service.archived("processed")) == 100, timeout=180)
        print(f"\noutage {OUTAGE_SECONDS} s: all 100 files processed {time.monotonic() - restored:.1f} s after it ended")
        assert seen == {503}
        assert_each_file_stored_exactly_once(sql, service, {**before, **during})
        assert service.stop() == 0
    finally:
        proxy.close()
