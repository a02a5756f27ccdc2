"""`ingest export`: stored articles as JSON lines or CSV, streamed to a text stream."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator
from typing import Any, TextIO

FORMATS = ("jsonl", "csv")


async def write(records: AsyncIterator[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write every record; in CSV, list fields are joined (authors by "; ", paragraphs by blank lines)."""
    count = 0
    writer: csv.DictWriter[str] | None = None
    async for record in records:
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            flat = {**record, "authors": "; ".join(record["authors"]), "body": "\n\n".join(record["body"])}
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
        count += 1
    return count
