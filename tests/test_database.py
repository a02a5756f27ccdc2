"""The one door to PostgreSQL: how its transactions commit."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from ingest.store.database import Database


def test_a_transaction_for_redoable_work_commits_without_waiting_for_the_disk_and_only_it(clean_tables):
    async def settings() -> list[str]:
        db = Database(clean_tables, pool_size=1)  # one connection: the setting must not outlive its transaction
        show = text("SHOW synchronous_commit")
        try:
            seen = []
            for wait_for_disk in (True, False, True):
                async with db.transaction(wait_for_disk=wait_for_disk) as conn:
                    seen.append((await conn.execute(show)).scalar_one())
            async with db.autocommit() as conn:
                seen.append((await conn.execute(show)).scalar_one())
            return seen
        finally:
            await db.close()

    assert asyncio.run(settings()) == ["on", "off", "on", "on"]
