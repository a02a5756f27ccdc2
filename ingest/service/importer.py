"""`ingest import`: run files and folders through the whole pipeline, synchronously."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.errors import InputError
from ingest.service.inbox import listed, readable
from ingest.service.process import Pipeline, process_document
from ingest.service.receive import receive_file
from ingest.store.database import Database


@dataclass
class ImportReport:
    files: int = 0
    new: int = 0
    already_stored: int = 0
    articles: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    partly_failed: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files under folders named (hidden ones skipped), in a stable order.

    Every path is checked before anything is stored, so a typo fails fast.
    """
    for path in paths:
        if not path.exists():
            raise InputError(f"no such file or folder: {path}")
    return [f for path in paths for f in _files(path)]


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        raise InputError(f"not a regular file or folder: {path}")
    found, errors = listed(path)
    if errors:  # its files would be left out without a word
        raise InputError(f"cannot list the folder {errors[0].filename}: {errors[0].strerror}")
    yield from (child for child in found if child.is_file() and not child.name.startswith("."))


async def import_paths(db: Database, paths: list[Path], pipeline: Pipeline, *, progress: bool) -> ImportReport:
    report = ImportReport()
    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[rate]} docs/s"))
    with Progress(*columns, disable=not progress, transient=True) as bar:
        task = bar.add_task("import", total=len(paths), rate="-")
        for path in paths:
            await _import_file(db, path, pipeline, report)
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, advance=1, rate=f"{report.files / elapsed:.1f}" if elapsed else "-")
    return report


async def _import_file(db: Database, path: Path, pipeline: Pipeline, report: ImportReport) -> None:
    shown = readable(str(path))
    report.files += 1
    try:
        received, _ = await receive_file(db, path, pipeline.clean_options.max_bytes)
    except InputError as exc:  # removed, replaced or made unreadable since the paths were listed
        report.failed.append((shown, str(exc)))
        return
    report.new += received.new
    if received.status == "failed":  # refused on receipt, or bad input met again
        report.failed.append((shown, received.reason))
    elif received.status in ("queued", "processing"):
        outcome = await process_document(db, received.id, pipeline)
        report.articles += len(outcome.article_ids)
        if outcome.error:
            (report.partly_failed if outcome.article_ids else report.failed).append((shown, outcome.error))
    else:
        report.already_stored += 1
