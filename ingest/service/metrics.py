"""Prometheus metrics of one service process, in its own registry (no module-level state).

Two sources: what this process observes as it runs (processing time per document,
HTTP requests) and what the database holds (documents by status, queued jobs,
articles, stories), read at scrape time so every worker host is counted.
Labels are statuses and route templates only: never file names or ids.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from ingest.store.counts import Snapshot

# Raw text cleans in milliseconds, large HTML pages in seconds.
PROCESSING_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class _Stored(Collector):
    """Reports the database snapshot handed to it for the scrape in progress."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("ingest_database_up", "1 when the counts below could be read from the database.")
        up.add_metric([], 0 if self.snapshot is None else 1)
        yield up
        if self.snapshot is None:
            return
        documents = GaugeMetricFamily("ingest_documents_total", "Documents stored, by status.", labels=["status"])
        for status, count in sorted(self.snapshot.documents.items()):
            documents.add_metric([status], count)
        yield documents
        jobs = GaugeMetricFamily("ingest_queue_jobs", "Jobs in the documents queue, by procrastinate status.",
                                 labels=["status"])
        for status, count in sorted(self.snapshot.jobs.items()):
            jobs.add_metric([status], count)
        yield jobs
        yield GaugeMetricFamily("ingest_workers", "Worker processes alive (a heartbeat in the last 20 s), on every host.",
                                value=self.snapshot.workers)
        yield GaugeMetricFamily("ingest_articles_total", "Articles stored.", value=self.snapshot.articles)
        yield GaugeMetricFamily("ingest_stories_total", "Stories with at least one article.", value=self.snapshot.stories)


class Metrics:
    """The metrics the service exposes at `/metrics`; one instance per process.

    Workers call `observe(seconds, status)` once per processed document; the API calls
    `count_request` per response and `render` per scrape.
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._processing = Histogram(
            "ingest_processing_seconds", "Time to clean, deduplicate and store one document, by outcome.",
            ["status"], buckets=PROCESSING_BUCKETS, registry=self.registry,
        )
        self._requests = Counter(
            "ingest_http_requests", "HTTP requests answered, by route template and status code.",
            ["route", "code"], registry=self.registry,
        )
        ProcessCollector(registry=self.registry)
        self._stored = _Stored()
        self.registry.register(self._stored)

    def observe(self, seconds: float, status: str) -> None:
        """Record one processed document: `status` is its outcome (`done`, `failed`, `duplicate`)."""
        self._processing.labels(status=status).observe(seconds)

    def count_request(self, route: str, code: int) -> None:
        self._requests.labels(route=route, code=str(code)).inc()

    def render(self, snapshot: Snapshot | None) -> bytes:
        """The Prometheus text exposition, with `snapshot` (None: the database could not be read)."""
        # No await between setting and reading: concurrent scrapes cannot see each other's snapshot.
        self._stored.snapshot = snapshot
        try:
            return generate_latest(self.registry)
        finally:
            self._stored.snapshot = None
