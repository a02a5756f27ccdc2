"""`ingest export`: stored articles as JSON lines or CSV, streamed to a text stream."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator
from typing import Any, TextIO

FORMATS = ("jsonl", "csv")


async def write(records: AsyncIterator[dict[str, Any]], fields: list[str], fmt: str, out: TextIO) -> int:
    """Write every record; CSV has a header of `fields` (also with no records: a reader then finds
    an empty table, not an empty file), and list fields joined (authors by "; ", paragraphs by
    blank lines)."""
    count = 0
    writer = csv.DictWriter(out, fieldnames=fields) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    async for record in records:
        if writer is None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            writer.writerow({**record, "authors": "; ".join(record["authors"]), "body": "\n\n".join(record["body"])})
        count += 1
    return count
