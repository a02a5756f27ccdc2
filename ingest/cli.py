"""The `ingest` command line.

Errors the user can act on are printed as one line naming the problem and what to do,
with exit status 2 (1 when some inputs could not be cleaned); `--debug` shows tracebacks.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import json
import logging
import os
import shutil
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ingest import __version__
from ingest.config import Settings
from ingest.errors import CleanError, ConfigError, IngestError, InputError, NotFound, described
from ingest.logs import configure as configure_logging
from ingest.service import export

if TYPE_CHECKING:
    from ingest.clean import CleanOptions
    from ingest.store.database import Database

# The cleaner (trafilatura) and the deduplicator (datasketch, which loads scipy) cost about a
# second to import, the database's libraries (SQLAlchemy, Alembic) half a second: commands
# import what they use, so `export`, `stories`, `show` and `db` start fast, and so do the
# cleaning processes, which import this module again (as spawned processes import `__main__`).

log = logging.getLogger("ingest")


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        name = "INGEST_" + str(err["loc"][0]).upper()
        raise ConfigError(f"invalid setting {name}: {err['msg']}", hint="see the configuration table in README.md") from None


def clean_options(settings: Settings) -> CleanOptions:
    from ingest.clean import CleanOptions

    return CleanOptions(max_bytes=settings.max_bytes)


def open_database(settings: Settings) -> Database:
    """Resolve the server (embedded when unset), bring the schema up to date, connect."""
    from ingest.store import schema
    from ingest.store.database import Database, resolve_url

    url = resolve_url(settings)
    schema.upgrade(url)
    return Database(url)


def with_database(settings: Settings, work: Callable[[Database], Awaitable[int]]) -> int:
    async def run() -> int:
        db = open_database(settings)
        try:
            return await work(db)
        finally:
            await db.close()

    return asyncio.run(run())


# --- commands -------------------------------------------------------------------------


def cmd_clean(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.clean import Article, clean_records

    options = clean_options(settings)
    failures = 0
    for path in args.paths:
        try:
            results = clean_records(_read_input(path, options), path.name, options)
        except (CleanError, InputError) as exc:
            results = [CleanError(str(exc))]
        errors = [str(r) for r in results if isinstance(r, CleanError)]
        articles = [r for r in results if isinstance(r, Article)]
        failures += bool(errors)
        if args.json:
            for result in results:
                record = result.to_json() if isinstance(result, Article) else {"error": str(result)}
                print(json.dumps({"path": str(path), **record, "error": record.get("error")}, ensure_ascii=False))
        else:
            _print_readable(path, articles, "; ".join(errors) or None)
    return 1 if failures else 0


def _read_input(path: Path, options: CleanOptions) -> bytes:
    try:
        if path.stat().st_size > options.max_bytes:
            raise CleanError(f"file is {path.stat().st_size} bytes, over the limit of {options.max_bytes} (INGEST_MAX_BYTES)")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _print_readable(path: Path, articles: Sequence[Any], error: str | None) -> None:
    """The page's own text is escaped: "[/button]" in an article is text, not rich markup."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    console.rule(escape(str(path)))
    if error:
        console.print(f"[red]error:[/red] {escape(error)}")
    for article in articles:
        record = article.to_json()
        for name in ("kind", "title", "summary", "section", "authors", "outlet", "language",
                     "published", "modified", "source_url"):
            if record[name]:
                console.print(f"[bold]{name}:[/bold] {escape(str(record[name]))}", soft_wrap=True)
        console.print()
        for paragraph in record["body"]:
            console.print(escape(paragraph), soft_wrap=True)
            console.print()
        for removal in record["removed"]:
            console.print(f"[dim]removed ({removal['rule']}):[/dim] {escape(removal['line'])}", soft_wrap=True)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.service import importer
    from ingest.service.runner import pipeline_for

    paths = importer.expand(args.paths)

    async def work(db: Database) -> int:
        report = await importer.import_paths(db, paths, pipeline_for(settings), progress=sys.stderr.isatty())
        for path, reason in report.failed:
            print(f"failed: {path}: {reason}", file=sys.stderr)
        for path, reason in report.partly_failed:
            print(f"partly failed: {path}: {reason}", file=sys.stderr)
        print(f"{report.files} files: {report.new} new, {report.already_stored} already stored, "
              f"{len(report.failed)} failed; {report.articles} articles stored")
        return 0

    return with_database(settings, work)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.store import reads

    async def work(db: Database) -> int:
        async with db.transaction() as conn:
            await export.write(reads.export_articles(conn), reads.export_fields(), args.format, sys.stdout)
        return 0

    return with_database(settings, work)


def serve(parts: str) -> Callable[[argparse.Namespace, Settings], int]:
    """`ingest run` / `worker` / `watch`: the long-running service, or some of its parts."""

    def command(args: argparse.Namespace, settings: Settings) -> int:
        from ingest.service.cpu import CpuPool

        # Made first, so its processes' imports overlap the service's own.
        with CpuPool(settings.cleaning_processes) if "work" in parts else contextlib.nullcontext() as pool:
            from ingest.service.runner import Parts
            from ingest.service.runner import serve as run_service

            return asyncio.run(run_service(settings, Parts(watch="watch" in parts, work="work" in parts,
                                                           api="api" in parts), pool))

    return command


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.store import operations

    async def work(db: Database) -> int:
        async with db.transaction() as conn:
            found = await operations.status(conn)
        if args.json:
            print(json.dumps(dataclasses.asdict(found), default=str))
            return 0
        counts = found.counts
        print("documents: " + (", ".join(f"{n} {s}" for s, n in counts.documents.items() if n) or "none"))
        print("queue: " + (", ".join(f"{n} {s}" for s, n in counts.jobs.items() if n) or "empty"))
        print(f"workers: {counts.workers} running" if counts.workers else
              "workers: none running (queued documents wait for `ingest run` or `ingest worker`)")
        print(f"articles: {counts.articles} in {counts.stories} stories")
        for failure in found.recent_failures:
            print(f"  failed {failure.id:>6}  {failure.updated_at:%Y-%m-%d %H:%M}  {failure.original_name}: {failure.error}")
        return 0

    return with_database(settings, work)


def requeue(statuses: tuple[str, ...], what: str) -> Callable[[argparse.Namespace, Settings], int]:
    """`ingest retry-failed` / `reprocess`: queue stored documents again, from their raw bytes."""

    def command(args: argparse.Namespace, settings: Settings) -> int:
        from ingest.service.queue import Queue
        from ingest.store import operations

        async def work(db: Database) -> int:
            async with db.transaction() as conn:
                ids = await operations.requeue(conn, statuses)
                not_kept = await operations.bytes_not_kept(conn, statuses)
            async with Queue(db.url).open() as queue:
                await queue.defer(ids)
            print(f"queued {len(ids)} {what}; running workers (ingest run or ingest worker) will process them")
            if not_kept:
                print(f"not queued: {not_kept} failed documents whose bytes were not kept (over INGEST_MAX_BYTES "
                      "when received; `ingest status` lists them): raise the limit and drop the files again")
            return 0

        return with_database(settings, work)

    return command


def cmd_stories(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.store import reads

    async def work(db: Database) -> int:
        async with db.transaction() as conn:
            found = await reads.list_stories(conn, args.since)
        if args.json:
            for story in found:
                print(json.dumps(story, ensure_ascii=False, default=str))
            return 0
        for story in found:
            span = story["first_published"] or "undated"
            print(f"story {story['id']}: {story['title'] or '(untitled)'}  [{story['article_count']} articles, "
                  f"{', '.join(story['outlets']) or 'no outlet'}; {span}]")
            for item in story["articles"]:
                mark = f"  (near-duplicate of {item['duplicate_of']})" if item["duplicate_of"] else ""
                print(f"  {item['id']:>6}  {item['outlet'] or '-':<24} {item['title'] or '(untitled)'}{mark}")
        return 0

    return with_database(settings, work)


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.service.params import MAX_ID
    from ingest.store import reads

    async def work(db: Database) -> int:
        record = None
        if 1 <= args.article_id <= MAX_ID:  # past bigint, PostgreSQL would refuse the id rather than find nothing
            async with db.transaction() as conn:
                record = await reads.article(conn, args.article_id)
        if record is None:
            raise NotFound(f"no article with id {args.article_id}", hint="see ingest export or ingest stories")
        if args.json:
            print(json.dumps(record, ensure_ascii=False, default=str))
        else:
            _print_article(record)
        return 0

    return with_database(settings, work)


def _print_article(record: dict[str, Any]) -> None:
    for name in ("id", "title", "outlet", "authors", "published", "source_url", "source_name", "language"):
        if record[name]:
            print(f"{name}: {record[name]}")
    novel = set(record["novel_paragraphs"] or [])
    print(f"novelty: {record['novelty']:.0%} of the words are new to the story" if record["novelty"] is not None else "")
    for index, paragraph in enumerate(record["body"]):
        print(f"{'+' if index in novel else ' '} {paragraph}")
    for removal in record["removed"]:
        print(f"removed ({removal['rule']}): {removal['line']}")
    if record["duplicates"]:
        print("near-duplicates: " + ", ".join(f"{d['id']} ({d['outlet'] or '-'})" for d in record["duplicates"]))
    story = record["story"]
    if story:
        print(f"story {story['id']}: {story['title'] or '(untitled)'} ({story['article_count']} articles)")
        for item in story["articles"]:
            here = "*" if item["id"] == record["id"] else " "
            print(f" {here}{item['id']:>6}  {item['outlet'] or '-':<24} {item['title'] or '(untitled)'}")


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.store import embedded, schema
    from ingest.store.database import redact, resolve_url

    if args.action == "stop":
        if settings.database_url:
            raise ConfigError("INGEST_DATABASE_URL is set: that server is not ours to stop")
        stopped = embedded.stop(settings.embedded_pgdata)
        print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")
        return 0
    url = resolve_url(settings)
    if args.action == "url":
        print(url)
    elif args.action == "psql":
        psql = shutil.which(str(embedded.psql_path()) if not settings.database_url else "psql")
        if psql is None:
            raise ConfigError("the psql client is not installed", hint="install the PostgreSQL client, e.g. the "
                              "postgresql-client package, or point another client at the URL `ingest db url` prints")
        os.execv(psql, [psql, url])
    elif args.action == "upgrade":
        schema.upgrade(url, args.revision or "head")
        print(f"schema at {schema.current_revision(url)} on {redact(url)}")
    elif args.action == "downgrade":
        schema.downgrade(url, args.revision or "base")
        print(f"schema at {schema.current_revision(url) or 'base (empty)'} on {redact(url)}")
    elif args.action == "current":
        print(schema.check_known(url) or "base (empty)")
    return 0


# --- parser ---------------------------------------------------------------------------


def _datetime(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ingest", description="Boilerplate-stripping news-article ingest.")
    parser.add_argument("--version", action="version", version=f"ingest {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("clean", help="clean files and print the result (no database)")
    p.add_argument("--json", action="store_true", help="one JSON object per article (the eval interface)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("import", help="run files or folders through the pipeline into the database")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="print stored articles")
    p.add_argument("--format", choices=export.FORMATS, default="jsonl")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("run", help="the service: watch the inbox, process documents, serve the HTTP API")
    p.set_defaults(func=serve("watch work api"))

    p = sub.add_parser("worker", help="process queued documents only (start more on other hosts)")
    p.set_defaults(func=serve("work"))

    p = sub.add_parser("watch", help="watch the inbox only: store and queue each complete file")
    p.set_defaults(func=serve("watch"))

    p = sub.add_parser("status", help="documents by status, queue depth, recent failures")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("retry-failed", help="queue failed documents again (after a cleaner improvement)")
    p.set_defaults(func=requeue(("failed",), "failed documents"))

    p = sub.add_parser("reprocess", help="clean every stored document again from its raw bytes")
    p.set_defaults(func=requeue(("done", "failed"), "documents"))

    p = sub.add_parser("stories", help="list stories and their articles")
    p.add_argument("--since", type=_datetime, help="only stories active since this date (ISO 8601)")
    p.add_argument("--json", action="store_true", help="one JSON object per story")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("show", help="show one article, its story, duplicates and novel paragraphs")
    p.add_argument("article_id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("db", help="the database: url, psql, stop, upgrade, downgrade, current")
    p.add_argument("action", choices=("url", "psql", "stop", "upgrade", "downgrade", "current"))
    p.add_argument("revision", nargs="?", help="for upgrade/downgrade: target revision (head / base)")
    p.set_defaults(func=cmd_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    finally:
        # Leave what is left to the OS: the interpreter's exit would otherwise spend about 0.4 s
        # collecting the libraries' objects (trafilatura, SQLAlchemy) for nothing.
        gc.freeze()


def _run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        configure_logging(settings.log_format.value, "DEBUG" if args.debug else settings.log_level.value)
        return int(args.func(args, settings))
    except IngestError as exc:
        if args.debug:
            log.exception("failed")
        print(f"ingest: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback with --debug
        if args.debug:
            raise
        print(f"ingest: internal error: {described(exc)} "
              "(run with --debug for the traceback, and please report it)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
