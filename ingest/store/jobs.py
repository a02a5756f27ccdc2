"""procrastinate's job table, as our read queries see it (procrastinate writes it; we only count and look).

The table comes from migration 0003; only the columns read here are named.
"""

from __future__ import annotations

from sqlalchemy import Text, cast, column, table

QUEUE = "documents"  # the queue of document jobs
LOCK_PREFIX = "document:"

jobs = table("procrastinate_jobs", column("id"), column("status"), column("queue_name"), column("lock"))
status = cast(jobs.c.status, Text)  # an enum of procrastinate's: compared and grouped as text


def lock(document_id: int) -> str:
    """The job lock of a document: procrastinate never runs two jobs with one lock at once."""
    return f"{LOCK_PREFIX}{document_id}"
