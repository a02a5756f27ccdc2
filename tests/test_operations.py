"""Running the service day to day: `ingest status`, `ingest retry-failed`, `ingest reprocess`."""

from __future__ import annotations

import asyncio
import json

from ingest.service.queue import Queue
from tests.conftest import FIXTURES, SEEDS


def test_status_counts_documents_and_shows_the_latest_failure_with_its_reason(cli):
    cli("import", str(SEEDS / "000_6417beaea2ca3f1a.txt"), str(FIXTURES / "import" / "whitespace.txt"))

    result = cli("status", "--json")

    status = json.loads(result.stdout)
    assert {k: n for k, n in status["counts"]["documents"].items() if n} == {"done": 1, "failed": 1}
    assert set(status["counts"]["jobs"].values()) == {0}
    assert (status["counts"]["articles"], status["counts"]["stories"]) == (1, 1)
    assert [(f["original_name"], f["error"]) for f in status["recent_failures"]] == [
        ("whitespace.txt", "empty file: it holds no bytes or only whitespace")]


def test_retry_failed_queues_failed_documents_and_a_worker_runs_them_again(cli, service, sql):
    cli("import", str(FIXTURES / "import" / "whitespace.txt"))

    result = cli("retry-failed")

    assert result.stdout == "queued 1 failed documents; running workers (ingest run or ingest worker) will process them\n"
    assert sql("SELECT status FROM documents") == [("queued",)]
    assert json.loads(cli("status", "--json").stdout)["counts"]["jobs"]["todo"] == 1
    service.start("worker")
    service.wait_for(lambda: sql("SELECT status, attempts FROM documents") == [("failed", 2)])


def test_reprocess_cleans_stored_documents_again_without_adding_articles(cli, service, sql):
    cli("import", str(SEEDS))
    before = sql("SELECT count(*), count(DISTINCT story_id) FROM articles")

    assert cli("reprocess").stdout.startswith("queued 3 documents;")  # the two seeds and expected.json
    service.start("worker")
    service.wait_for(lambda: sql("SELECT count(*) FROM documents WHERE status = 'queued'") == [(0,)]
                     and sql("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')") == [(0,)])

    assert before == [(2, 1)]
    assert sql("SELECT count(*), count(DISTINCT story_id) FROM articles") == [(2, 1)]
    assert sql("SELECT status, attempts FROM documents ORDER BY id") == [("done", 2), ("done", 2), ("failed", 2)]


def test_queueing_a_batch_that_holds_an_already_queued_document_queues_the_others_once(clean_tables, sql):
    async def defer_twice() -> tuple[list[int], list[int]]:
        async with Queue(clean_tables).open() as queue:
            return await queue.defer([2]), await queue.defer([1, 2, 3])

    assert asyncio.run(defer_twice()) == ([2], [1, 3])
    assert sql("SELECT args->>'document_id', lock, status FROM procrastinate_jobs ORDER BY id") == [
        ("2", "document:2", "todo"), ("1", "document:1", "todo"), ("3", "document:3", "todo")]
