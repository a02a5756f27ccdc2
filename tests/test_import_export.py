"""`ingest import` and `ingest export` through the real CLI and a real PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

from ingest.clean import CleanOptions
from ingest.dedup.options import DedupOptions
from ingest.service.importer import ImportReport, expand, import_paths
from ingest.service.process import Pipeline
from ingest.store.database import Database
from tests.conftest import FIXTURES, SEEDS
from tests.service import UNPRIVILEGED, needs_unreadable_files

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def exported(cli) -> list[dict]:
    result = cli("export", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_importing_the_seeds_stores_one_article_per_seed(cli, sql):
    result = cli("import", *map(str, SEED_FILES))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 files: 2 new, 0 already stored, 0 failed; 2 articles stored"
    rows = exported(cli)
    assert [r["source_name"] for r in rows] == [p.name for p in SEED_FILES]
    assert sql("SELECT status, count(*) FROM documents GROUP BY status") == [("done", 2)]


def test_importing_the_same_files_twice_keeps_one_document_and_article_each(cli, sql):
    cli("import", *map(str, SEED_FILES))
    again = cli("import", *map(str, SEED_FILES))

    assert again.stdout.strip() == "2 files: 0 new, 2 already stored, 0 failed; 0 articles stored"
    assert sql("SELECT count(*) FROM documents") == [(2,)]
    assert sql("SELECT count(*) FROM articles") == [(2,)]
    assert sql("SELECT times_received FROM documents ORDER BY id") == [(2,), (2,)]


def test_same_bytes_under_another_name_is_the_same_document(cli, sql, tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEED_FILES[0], copy)
    cli("import", str(SEED_FILES[0]))
    result = cli("import", str(copy))

    assert result.stdout.strip() == "1 files: 0 new, 1 already stored, 0 failed; 0 articles stored"
    assert sql("SELECT original_name FROM documents") == [(SEED_FILES[0].name,)]


def test_import_walks_folders_and_skips_hidden_files(cli, sql, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "nested").mkdir(parents=True)
    shutil.copy(SEED_FILES[0], inbox / SEED_FILES[0].name)
    shutil.copy(SEED_FILES[1], inbox / "nested" / SEED_FILES[1].name)
    (inbox / ".partial.txt").write_text("not yet complete")

    result = cli("import", str(inbox))

    assert result.returncode == 0, result.stderr
    assert sorted(name for (name,) in sql("SELECT original_name FROM documents")) == [p.name for p in SEED_FILES]


def test_import_goes_on_past_a_file_whose_name_is_not_utf8(cli, sql, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / "a.txt")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"")
    shutil.copy(SEED_FILES[1], folder / "z.txt")

    result = cli("import", str(folder))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 files: 3 new, 0 already stored, 1 failed; 2 articles stored"
    assert result.stderr.splitlines()[-1] == f"failed: {folder}/caf\\xe9.txt: empty file: it holds no bytes or only whitespace"
    assert sql("SELECT original_name, status FROM documents ORDER BY id") == [
        ("a.txt", "done"), ("caf\\xe9.txt", "failed"), ("z.txt", "done")]


async def import_listed(url: str, paths: list[Path]) -> ImportReport:
    db = Database(url)
    try:
        return await import_paths(db, paths, Pipeline(CleanOptions(), DedupOptions()), progress=False)
    finally:
        await db.close()


def test_files_gone_or_unreadable_after_the_listing_are_reported_failed_and_the_rest_imported(sql, clean_tables, tmp_path):
    """The paths are listed before the first is read: a producer may delete or replace a file meanwhile."""
    folder = tmp_path / "drop"
    folder.mkdir()
    for name, seed in zip(("a.txt", "d.txt"), SEED_FILES):
        shutil.copy(seed, folder / name)
    for name in ("b.txt", "c.txt"):
        (folder / name).write_text("A headline\nA body paragraph that says something.\n")
    listed = expand([folder])
    (folder / "b.txt").unlink()
    (folder / "c.txt").unlink()
    (folder / "c.txt").mkdir()

    report = asyncio.run(import_listed(clean_tables, listed))

    assert report.failed == [(f"{folder}/b.txt", f"cannot read {folder}/b.txt: No such file or directory"),
                             (f"{folder}/c.txt", f"cannot read {folder}/c.txt: Is a directory")]
    assert (report.files, report.new, report.articles) == (4, 2, 2)
    assert sql("SELECT original_name, status FROM documents ORDER BY id") == [("a.txt", "done"), ("d.txt", "done")]


@needs_unreadable_files
def test_an_unreadable_file_is_reported_failed_and_the_import_goes_on_with_status_0(cli, sql, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / "a.txt")
    (folder / "b.txt").write_text("A headline\nA body paragraph that says something.\n")
    (folder / "b.txt").chmod(0)
    shutil.copy(SEED_FILES[1], folder / "c.txt")

    result = cli("import", str(folder), prefix=UNPRIVILEGED)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 files: 2 new, 0 already stored, 1 failed; 2 articles stored"
    assert result.stderr.splitlines()[-1] == f"failed: {folder}/b.txt: cannot read {folder}/b.txt: Permission denied"
    assert sql("SELECT original_name FROM documents ORDER BY id") == [("a.txt",), ("c.txt",)]


@needs_unreadable_files
def test_a_subfolder_that_cannot_be_listed_stops_the_import_before_anything_is_stored(cli, sql, tmp_path):
    folder = tmp_path / "drop"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(SEED_FILES[0], folder / "a.txt")
    shutil.copy(SEED_FILES[1], folder / "locked" / "b.txt")
    (folder / "locked").chmod(0)

    result = cli("import", str(folder), prefix=UNPRIVILEGED)

    assert result.returncode == 2
    assert result.stderr.strip() == f"ingest: error: cannot list the folder {folder}/locked: Permission denied"
    assert sql("SELECT count(*) FROM documents") == [(0,)]


def test_a_second_copy_of_a_failed_file_is_reported_failed_with_the_reason(cli, sql, tmp_path):
    for name in ("empty.txt", "also-empty.txt"):
        (tmp_path / name).write_bytes(b"")

    result = cli("import", str(tmp_path / "empty.txt"), str(tmp_path / "also-empty.txt"))

    assert result.stdout.strip() == "2 files: 1 new, 0 already stored, 2 failed; 0 articles stored"
    assert result.stderr.splitlines()[-2:] == [
        f"failed: {tmp_path}/empty.txt: empty file: it holds no bytes or only whitespace",
        f"failed: {tmp_path}/also-empty.txt: empty file: it holds no bytes or only whitespace "
        "(the same bytes as document 1)"]
    assert sql("SELECT original_name, status, times_received FROM documents") == [("empty.txt", "failed", 2)]


def test_raw_bytes_and_their_hash_are_kept(cli, sql):
    cli("import", str(SEED_FILES[0]))
    raw, sha256, size = sql("SELECT raw, sha256, size_bytes FROM documents")[0]

    assert bytes(raw) == SEED_FILES[0].read_bytes()
    assert size == SEED_FILES[0].stat().st_size
    assert sha256 == hashlib.sha256(SEED_FILES[0].read_bytes()).hexdigest()


def test_empty_file_is_stored_as_failed_with_its_reason(cli, sql):
    result = cli("import", str(FIXTURES / "import" / "empty.txt"), str(FIXTURES / "import" / "whitespace.txt"))

    assert result.returncode == 0, result.stderr
    assert "2 failed" in result.stdout
    failed = sql("SELECT original_name, error FROM failed_documents ORDER BY original_name")
    assert [name for name, _ in failed] == ["empty.txt", "whitespace.txt"]
    assert all("empty" in error for _, error in failed), failed


def test_file_over_the_size_limit_is_recorded_failed_without_its_bytes(cli, sql, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Headline\n" + "A long paragraph of body text.\n" * 100)

    result = cli("import", str(big), env={"INGEST_MAX_BYTES": "1000"})

    assert result.returncode == 0, result.stderr
    assert sql("SELECT status, raw IS NULL, error FROM documents") == [
        ("failed", True, f"file is {big.stat().st_size} bytes, over the limit of 1000 (INGEST_MAX_BYTES)")
    ]


def test_export_jsonl_has_the_fields_the_evaluation_reads(cli):
    cli("import", *map(str, SEED_FILES))
    row = exported(cli)[0]

    for name in ("id", "source_name", "story_id", "duplicate_of", "title", "outlet", "published", "source_url", "body"):
        assert name in row, name
    assert row["source_name"] == SEED_FILES[0].name
    assert isinstance(row["body"], list) and row["body"]


def test_export_csv_has_a_header_and_one_row_per_article(cli):
    cli("import", *map(str, SEED_FILES))
    result = cli("export", "--format", "csv")

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["source_name"] for r in rows] == [p.name for p in SEED_FILES]
    assert rows[0]["title"] == exported(cli)[0]["title"]


def test_export_csv_of_no_articles_is_the_header_alone(cli):
    header = cli("export", "--format", "csv").stdout

    cli("import", *map(str, SEED_FILES))
    assert header == cli("export", "--format", "csv").stdout.splitlines(keepends=True)[0]
    assert header.startswith("id,source_name,document_id,story_id,")


def test_removed_lines_are_queryable_with_their_rule(cli, sql):
    cli("import", *map(str, SEED_FILES))
    stored = sql("SELECT count(*) FROM removed_lines")[0][0]
    in_json = sum(len(r) for (r,) in sql("SELECT removed FROM articles"))

    assert stored == in_json


def test_missing_path_is_a_one_line_error_with_status_2(cli, sql):
    result = cli("import", "no/such/file.txt")

    assert result.returncode == 2
    assert result.stderr.strip() == "ingest: error: no such file or folder: no/such/file.txt"
    assert sql("SELECT count(*) FROM documents") == [(0,)]


def test_a_fifo_is_refused_not_read(cli, tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)

    result = cli("import", str(fifo), timeout=30)

    assert result.returncode == 2
    assert result.stderr.strip() == f"ingest: error: not a regular file or folder: {fifo}"


def test_paths_are_resolved_relative_to_the_working_directory(cli, tmp_path: Path):
    (tmp_path / "a.txt").write_text("A headline\nA body paragraph that says something.\n")
    result = cli("import", "a.txt")

    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout


def test_jsonl_with_a_broken_line_keeps_the_good_records_and_says_which_failed(cli, sql):
    result = cli("import", str(FIXTURES / "import" / "feed_with_broken_line.jsonl"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 files: 1 new, 0 already stored, 0 failed; 2 articles stored"
    assert "partly failed" in result.stderr
    assert sql("SELECT record_index FROM articles ORDER BY record_index") == [(0,), (2,)]
    assert sql("SELECT status, error FROM documents") == [
        ("done", "1 of 3 records could not be cleaned: line 2: malformed JSON: Expecting value: line 1 column 1 (char 0)")
    ]


def test_clean_json_prints_one_line_per_record_and_exits_1_when_one_failed(cli):
    result = cli("clean", "--json", str(FIXTURES / "import" / "feed_with_broken_line.jsonl"))

    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert [r["error"] for r in records] == [
        None, "line 2: malformed JSON: Expecting value: line 1 column 1 (char 0)", None
    ]


def test_data_the_database_refuses_fails_that_document_and_the_import_goes_on(cli, sql):
    # A limit Anadolu Agency's name exceeds and vtcnews.vn's does not (a CHECK, since views read the column).
    sql("ALTER TABLE articles ADD CONSTRAINT outlet_limit CHECK (length(outlet) <= 12)")
    try:
        result = cli("import", str(SEEDS / "000_6417beaea2ca3f1a.txt"), str(SEEDS / "001_2734e09429ca7a01.txt"))
        stored = sql("SELECT original_name, status, error FROM documents ORDER BY id")
    finally:
        sql("ALTER TABLE articles DROP CONSTRAINT outlet_limit")

    assert result.returncode == 0
    assert stored == [
        ("000_6417beaea2ca3f1a.txt", "failed",
         'the database refused this document\'s data: new row for relation "articles" violates check constraint '
         '"outlet_limit"'),
        ("001_2734e09429ca7a01.txt", "done", None),
    ]
