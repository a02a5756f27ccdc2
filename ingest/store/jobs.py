"""procrastinate's job and worker tables, as our read queries see them (procrastinate writes them; we
only count and look).

The table comes from migration 0003; only the columns read here are named.
"""

from __future__ import annotations

from sqlalchemy import Text, cast, column, table

QUEUE = "documents"  # the queue of document jobs
LOCK_PREFIX = "document:"
STALLED_SECONDS = 20.0  # a worker with no heartbeat this long is dead, and its jobs are retried

jobs = table("procrastinate_jobs", column("id"), column("status"), column("queue_name"), column("lock"))
workers = table("procrastinate_workers", column("id"), column("last_heartbeat"))
status = cast(jobs.c.status, Text)  # an enum of procrastinate's: compared and grouped as text


def lock(document_id: int) -> str:
    """The job lock of a document: procrastinate never runs two jobs with one lock at once."""
    return f"{LOCK_PREFIX}{document_id}"
