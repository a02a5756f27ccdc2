#!/usr/bin/env python3
"""Benchmark: the whole service, end to end, against cleaning alone on the same files.

For each set (synthetic raw-text articles from tests/corpus.py; the extraction benchmark's
HTML pages) it runs, in one go:
- the baseline: `clean_document` (what `ingest clean` does per file, plus fingerprinting) on
  every file in this process, one after another;
- a burst: a real `ingest run` on a fresh database; every file renamed into the inbox at once;
  files per second from the first drop to the last document finished, each file's
  drop-to-row latency (drop time to its document's final `updated_at`), and the CPU time per
  file of the service's process, its cleaning pool and PostgreSQL (where the cores go);
- idle latency: then files dropped one at a time, half a second apart, two ways: written
  ahead and moved in (a backlog, or a copy keeping its times: taken at once), and written
  under a `.part` name and renamed into place at once (taken after INGEST_STABLE_SECONDS).

  python bench/service.py [--raw 2000] [--idle 20] [--url postgresql://...]

Without --url (or INGEST_DATABASE_URL) an embedded server is started in a temporary folder.
The service runs with its default settings.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import psycopg
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.clean import CleanOptions  # noqa: E402
from ingest.dedup.options import DedupOptions  # noqa: E402
from ingest.service.cleaning import clean_document  # noqa: E402
from ingest.store import embedded  # noqa: E402
from tests.corpus import write_events  # noqa: E402

HTML_PAGES = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"


def clean_rate(files: list[Path]) -> float:
    """Files per second of cleaning alone, in this process."""
    options, dedup = CleanOptions(), DedupOptions()
    started = time.perf_counter()
    for path in files:
        clean_document(path.read_bytes(), path.name, options, dedup)
    return len(files) / (time.perf_counter() - started)


def fresh_database(server: str) -> str:
    name = f"bench_service_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, url: str) -> None:
    """Leave the server as it was: a run's database is only its measurement."""
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


class Run:
    """One `ingest run` on its own database and inbox."""

    def __init__(self, url: str, root: Path) -> None:
        self.url, self.inbox = url, root / "inbox"
        root.mkdir(parents=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
        env.update(INGEST_DATABASE_URL=url, INGEST_DATA_DIR=str(root / "data"), INGEST_INBOX=str(self.inbox),
                   INGEST_LOG_LEVEL="WARNING",
                   INGEST_API_PORT=str(18000 + os.getpid() % 1000))
        self.log = (root / "service.log").open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "ingest.cli", "run"], env=env, cwd=root,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        while not self.inbox.exists():
            if self.proc.poll() is not None:
                raise SystemExit(f"ingest run exited {self.proc.returncode}; see {self.log.name}")
            time.sleep(0.1)
        time.sleep(3)  # the worker's process pool starting

    def finished(self) -> dict[str, float]:
        """original name -> epoch seconds its document reached done or failed."""
        with psycopg.connect(self.url) as conn:
            rows = conn.execute("SELECT original_name, extract(epoch FROM updated_at) FROM documents "
                                "WHERE status IN ('done', 'failed')").fetchall()
        return {name: float(at) for name, at in rows}

    def wait(self, names: set[str], every: float = 0.05, timeout: float = 1800) -> dict[str, float]:
        """Wait until every named file's document is finished. Only a count is polled: fetching
        every finished row each time cost PostgreSQL more than some of the work measured. The
        figures come from the rows' own times, so the polling interval does not change them."""
        deadline = time.monotonic() + timeout
        with psycopg.connect(self.url, autocommit=True) as conn:
            while time.monotonic() < deadline:
                finished = conn.execute("SELECT count(*) FROM documents WHERE status IN ('done', 'failed') "
                                        "AND original_name = ANY(%s)", (list(names),)).fetchone()[0]
                if finished >= len(names):
                    return self.finished()
                time.sleep(every)
        raise SystemExit(f"timed out: {len(names - self.finished().keys())} files unfinished")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=120)


def cpu_seconds(service: psutil.Process) -> tuple[float, float, float]:
    """CPU seconds so far of the service's own process, of its cleaning pool (live processes and
    the ones already replaced), and of every PostgreSQL process on this machine (none for a remote one)."""
    own = service.cpu_times()
    pool = own.children_user + own.children_system
    for child in service.children(recursive=True):
        try:
            pool += sum(child.cpu_times()[:2])
        except psutil.Error:
            pass
    database = 0.0
    for proc in psutil.process_iter(["name"]):
        try:
            if (proc.info["name"] or "").startswith("postgres"):
                database += sum(proc.cpu_times()[:2])
        except psutil.Error:
            pass
    return own.user + own.system, pool, database


def burst(run: Run, files: list[Path]) -> tuple[float, list[float], list[float]]:
    """Files per second, each file's latency, and CPU milliseconds per file (service, pool, PostgreSQL)."""
    service = psutil.Process(run.proc.pid)
    before = cpu_seconds(service)
    dropped: dict[str, float] = {}
    for path in files:
        os.rename(path, run.inbox / path.name)
        dropped[path.name] = time.time()
    done = run.wait(set(dropped), every=0.5)
    spent = [1000 * (after - was) / len(files) for after, was in zip(cpu_seconds(service), before)]
    latencies = [done[name] - at for name, at in dropped.items()]
    return len(files) / (max(done[n] for n in dropped) - min(dropped.values())), latencies, spent


def idle(run: Run, files: list[Path], *, written_now: bool) -> list[float]:
    """Drop-to-row latency of files dropped one at a time: moved in as they are, or (`written_now`)
    first written afresh under a `.part` name, as a producer writing and renaming does."""
    latencies = []
    for path in files:
        if written_now:
            partial = run.inbox / f"{path.name}.part"
            partial.write_bytes(path.read_bytes())
            os.rename(partial, run.inbox / path.name)
        else:
            os.rename(path, run.inbox / path.name)
        at = time.time()
        latencies.append(run.wait({path.name})[path.name] - at)
        time.sleep(0.5)
    return latencies


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1] if len(values) > 1 else values[0]


def html_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    for page in sorted(HTML_PAGES.glob("*.html.gz")):
        (folder / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    return sorted(folder.iterdir())


def measure(label: str, server: str, root: Path, files: list[Path], spare: list[Path]) -> list[str]:
    baseline = clean_rate(files)
    url = fresh_database(server)
    run = Run(url, root / "run")
    half = len(spare) // 2
    try:
        rate, latencies, spent = burst(run, files)
        ahead = idle(run, spare[:half], written_now=False)
        fresh = idle(run, spare[half:], written_now=True)
    finally:
        run.stop()
        drop_database(server, url)
    return [f"{label:<10} {len(files):>6} {rate:>12.1f} {baseline:>14.1f} {rate / baseline:>7.2f}x "
            f"{percentile(latencies, .5):>8.2f} {percentile(latencies, .95):>8.2f} "
            f"{percentile(ahead, .5):>9.2f} {percentile(ahead, .95):>9.2f} "
            f"{percentile(fresh, .5):>9.2f} {percentile(fresh, .95):>9.2f} "
            f"{spent[0]:>8.1f} {spent[1]:>8.1f} {spent[2]:>8.1f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=int, default=2000, help="raw-text files in the burst (5 outlets per event)")
    parser.add_argument("--idle", type=int, default=20, help="files dropped one at a time afterwards, each way")
    parser.add_argument("--url", default=os.environ.get("INGEST_DATABASE_URL"), help="PostgreSQL server")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = args.url or embedded.start(root / "pg")
        raw = root / "raw"
        write_events(raw, events=args.raw // 5, outlets=5)
        write_events(root / "raw-idle", events=args.idle * 2, outlets=1, seed=99)
        for path in (root / "raw-idle").iterdir():  # names of their own: documents are matched by name
            path.rename(path.with_name(f"idle-{path.name}"))
        html = html_files(root / "html")
        html_idle = [html.pop() for _ in range(min(args.idle * 2, len(html) // 4))]
        print(f"{os.cpu_count()} cores; default settings; latencies in seconds; idle: moved in when written ahead, "
              f"or written as .part and renamed at once; cpu: CPU milliseconds per file during the burst, of the "
              f"service's process, its cleaning pool and PostgreSQL")
        print(f"{'set':<10} {'files':>6} {'e2e files/s':>12} {'clean-only f/s':>14} {'ratio':>8} "
              f"{'p50':>8} {'p95':>8} {'ahead p50':>9} {'ahead p95':>9} {'fresh p50':>9} {'fresh p95':>9} "
              f"{'cpu main':>8} {'cpu pool':>8} {'cpu pg':>8}")
        lines = measure("raw text", server, root / "r", sorted(raw.iterdir()), sorted((root / "raw-idle").iterdir()))
        lines += measure("html", server, root / "h", html, html_idle)
        for line in lines:
            print(line)
        if not args.url:
            embedded.stop(root / "pg")


if __name__ == "__main__":
    main()
