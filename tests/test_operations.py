"""Running the service day to day: `ingest status`, `ingest retry-failed`, `ingest reprocess`."""

from __future__ import annotations

import asyncio
import json

from ingest.service import queue as queue_module
from ingest.service.queue import TASK, Queue
from ingest.store.jobs import QUEUE
from tests.conftest import FIXTURES, SEEDS
from tests.service import sweep_once

SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"


def test_status_counts_documents_and_shows_the_latest_failure_with_its_reason(cli):
    cli("import", str(SEEDS / "000_6417beaea2ca3f1a.txt"), str(FIXTURES / "import" / "whitespace.txt"))

    result = cli("status", "--json")

    status = json.loads(result.stdout)
    assert {k: n for k, n in status["counts"]["documents"].items() if n} == {"done": 1, "failed": 1}
    assert set(status["counts"]["jobs"].values()) == {0}
    assert status["counts"]["workers"] == 0
    assert (status["counts"]["articles"], status["counts"]["stories"]) == (1, 1)
    assert [(f["original_name"], f["error"]) for f in status["recent_failures"]] == [
        ("whitespace.txt", "empty file: it holds no bytes or only whitespace")]


def test_status_says_when_no_worker_runs_to_process_the_queue(cli, service):
    assert "workers: none running (queued documents wait for `ingest run` or `ingest worker`)\n" in cli("status").stdout

    service.start("worker")

    service.wait_for(lambda: "workers: 1 running\n" in cli("status").stdout)
    assert service.stop() == 0
    assert "workers: none running" in cli("status").stdout


def test_retry_failed_queues_failed_documents_and_a_worker_runs_them_again(cli, service, sql):
    cli("import", str(FIXTURES / "import" / "whitespace.txt"))

    result = cli("retry-failed")

    assert result.stdout == "queued 1 failed documents; running workers (ingest run or ingest worker) will process them\n"
    assert sql("SELECT status FROM documents") == [("queued",)]
    assert json.loads(cli("status", "--json").stdout)["counts"]["jobs"]["todo"] == 1
    service.start("worker")
    service.wait_for(lambda: sql("SELECT status, attempts FROM documents") == [("failed", 2)])


def test_retry_failed_says_how_many_failed_documents_it_cannot_queue_because_their_bytes_were_not_kept(cli, sql):
    cli("import", str(FIXTURES / "import" / "whitespace.txt"))
    cli("import", str(SEEDS / "000_6417beaea2ca3f1a.txt"), env={"INGEST_MAX_BYTES": "100"})

    result = cli("retry-failed")

    assert result.stdout == (
        "queued 1 failed documents; running workers (ingest run or ingest worker) will process them\n"
        "not queued: 1 failed documents whose bytes were not kept (over INGEST_MAX_BYTES when received; "
        "`ingest status` lists them): raise the limit and drop the files again\n")
    assert sql("SELECT original_name, status FROM documents ORDER BY id") == [
        ("whitespace.txt", "queued"), ("000_6417beaea2ca3f1a.txt", "failed")]


def test_a_file_refused_as_too_large_is_stored_and_processed_when_it_comes_again_under_a_raised_limit(cli, sql):
    small_limit = {"INGEST_MAX_BYTES": "1000"}
    cli("import", str(SEED_A), env=small_limit)
    assert sql("SELECT status, raw IS NULL FROM documents") == [("failed", True)]

    cli("import", str(SEED_A))

    assert sql("SELECT status, error, times_received, raw FROM documents") == [
        ("done", None, 2, SEED_A.read_bytes())]
    assert sql("SELECT source_name FROM article_feed") == [(SEED_A.name,)]
    cli("import", str(SEED_A), env=small_limit)  # kept: the limit is on bytes coming in, these are stored
    assert sql("SELECT status, times_received FROM documents") == [("done", 3)]


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


def test_a_long_list_is_queued_in_batches_each_document_once(clean_tables, sql, monkeypatch):
    monkeypatch.setattr(queue_module, "DEFER_BATCH", 4)

    async def defer_twice() -> tuple[list[int], list[int]]:
        async with Queue(clean_tables).open() as queue:
            return await queue.defer([3, 6, 7]), await queue.defer(list(range(1, 11)))

    assert asyncio.run(defer_twice()) == ([3, 6, 7], [1, 2, 4, 5, 8, 9, 10])
    assert sql("SELECT count(*), count(DISTINCT lock) FROM procrastinate_jobs") == [(10, 10)]


def test_the_sweep_aborts_a_dead_workers_job_and_queues_its_document_again_at_once(clean_tables, sql, caplog):
    # Running, and no worker beats a heartbeat for it: the worker that took it is gone.
    sql("INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, lock) "
        "VALUES (%s, %s, '{\"document_id\": 7}', 'doing', 'document:7')", QUEUE, TASK)

    asyncio.run(sweep_once(clean_tables))
    logged = [(r.levelname, r.getMessage(), getattr(r, "document_id", None))
              for r in caplog.records if r.name == "ingest.service.worker"]
    assert logged == [("WARNING", "job 1 belonged to a worker that stopped", 7)]
    assert sql("SELECT status, lock FROM procrastinate_jobs ORDER BY id") == [
        ("aborted", "document:7"), ("todo", "document:7")]
