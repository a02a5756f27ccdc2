"""The watched folder as a user meets it: `ingest run` in a real subprocess, a real inbox, a real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ingest.service.inbox import DEFAULT_IGNORED, Archive, Identity
from ingest.service.intake import Intake
from ingest.service.queue import Queue
from ingest.service.watcher import Watcher
from ingest.store.database import Database
from ingest.store.queries import Received
from tests.conftest import FIXTURES, SEEDS
from tests.service import UNPRIVILEGED, needs_unreadable_files

SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"
SEED_B = SEEDS / "001_2734e09429ca7a01.txt"
# A Latin-1 name, from an old share or a zip: not UTF-8, so Python holds it with a surrogate escape.
LATIN1_NAME = os.fsdecode(b"caf\xe9.txt")
SECOND_VERSION = SEED_A.read_bytes() + b"\nA correction added in the second version.\n"


def test_files_already_in_the_inbox_are_taken_at_start_and_form_one_story(service, sql):
    service.inbox.mkdir()
    shutil.copy(SEED_A, service.inbox)
    shutil.copy(SEED_B, service.inbox)
    service.start()

    service.wait_for(lambda: len(service.archived("processed")) == 2)
    assert service.stop() == 0
    assert sql("SELECT count(DISTINCT story_id), count(*) FROM articles") == [(1, 2)]
    assert list(service.inbox.iterdir()) == []
    day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    assert (service.archive / "processed" / day / SEED_A.name).read_bytes() == SEED_A.read_bytes()


def test_the_same_file_dropped_again_goes_to_duplicates_with_no_new_article(service, sql):
    service.start()
    shutil.copy(SEED_A, service.inbox / "first.txt")
    service.wait_for(lambda: service.archived("processed") == ["first.txt"])
    shutil.copy(SEED_A, service.inbox / "again.txt")

    service.wait_for(lambda: service.archived("duplicates") == ["again.txt"])
    assert sql("SELECT count(*), max(times_received) FROM documents") == [(1, 2)]
    assert sql("SELECT count(*) FROM articles") == [(1,)]


def test_an_empty_file_goes_to_failed_with_the_reason_beside_it(service, sql):
    service.start()
    (service.inbox / "empty.txt").write_bytes(b"")

    service.wait_for(lambda: "empty.txt.error.json" in service.archived("failed"))
    record = json.loads((service.archive / "failed" / "empty.txt.error.json").read_text())
    assert record["reason"] == "empty file: it holds no bytes or only whitespace"
    assert sql("SELECT id, error FROM failed_documents") == [(record["document_id"], record["reason"])]


def test_a_second_copy_of_a_failed_file_goes_to_failed_with_the_reason_not_to_duplicates(service, sql):
    service.start()
    (service.inbox / "first-empty.txt").write_bytes(b"")
    service.wait_for(lambda: "first-empty.txt.error.json" in service.archived("failed"))
    (service.inbox / "second-empty.txt").write_bytes(b"")

    service.wait_for(lambda: "second-empty.txt.error.json" in service.archived("failed"))
    record = json.loads((service.archive / "failed" / "second-empty.txt.error.json").read_text())
    assert (record["reason"], record["document_id"]) == (
        "empty file: it holds no bytes or only whitespace (the same bytes as document 1)", 1)
    assert service.archived("duplicates") == []
    assert sql("SELECT id, times_received FROM documents") == [(1, 2)]

def test_files_dropped_into_a_recreated_inbox_are_taken_without_waiting_for_the_rescan(service):
    service.start(INGEST_RESCAN_SECONDS="120")
    service.wait_until_watching()
    shutil.rmtree(service.inbox)
    time.sleep(1.0)
    service.inbox.mkdir()
    time.sleep(1.0)
    shutil.copy(SEED_A, service.inbox / "after.txt")

    service.wait_for(lambda: service.archived("processed") == ["after.txt"], timeout=15)
    assert f"{service.inbox} was deleted or replaced" in service.output()


def test_files_dropped_after_a_name_that_is_not_utf8_are_taken_without_waiting_for_the_rescan(service):
    service.start(INGEST_RESCAN_SECONDS="120")
    service.wait_until_watching()
    shutil.copy(SEED_A, service.inbox / LATIN1_NAME)  # watchfiles cannot decode its events' names
    time.sleep(1.0)
    shutil.copy(SEED_B, service.inbox / "after.txt")

    service.wait_for(lambda: service.archived("processed") == sorted(["after.txt", LATIN1_NAME]), timeout=15)

def test_archived_files_are_logged_under_the_names_they_were_dropped_as(service):
    service.inbox.mkdir()
    (service.inbox / "empty.txt").write_bytes(b"")
    shutil.copy(SEED_A, service.inbox / "good.txt")
    service.start()

    service.wait_for(lambda: service.archived("processed") == ["good.txt"] and "empty.txt" in service.archived("failed"))
    logged = [line.partition("ingest.service.watcher: ")[2] for line in service.output().splitlines()]
    assert [line for line in logged if line.endswith("]")] == [
        "empty.txt: failed: empty file: it holds no bytes or only whitespace [document_id=1]",
        "good.txt: processed [document_id=2]"]

def test_a_file_written_slowly_is_read_only_once_complete(service, sql):
    service.start()
    content = SEED_A.read_bytes()
    with (service.inbox / "slow.txt").open("wb") as handle:
        for start in range(0, len(content), len(content) // 10 + 1):
            handle.write(content[start : start + len(content) // 10 + 1])
            handle.flush()
            time.sleep(0.3)

    service.wait_for(lambda: service.archived("processed") == ["slow.txt"])
    assert [bytes(raw) for (raw,) in sql("SELECT raw FROM documents")] == [content]


def test_files_renamed_in_or_written_before_the_stable_window_are_taken_without_waiting_for_it(service, sql, tmp_path):
    service.start(INGEST_STABLE_SECONDS="120")
    service.wait_until_watching()
    written_earlier = tmp_path / "earlier.txt"
    shutil.copy(SEED_A, written_earlier)
    an_hour_ago = time.time() - 3600
    os.utime(written_earlier, (an_hour_ago, an_hour_ago))
    os.rename(written_earlier, service.inbox / "earlier.txt")
    (service.inbox / "renamed.txt.part").write_bytes(SEED_B.read_bytes())
    os.rename(service.inbox / "renamed.txt.part", service.inbox / "renamed.txt")
    (service.inbox / "WINDOWS.TXT.PART").write_bytes(SEED_A.read_bytes() + b"\nFrom a Windows share.\n")
    os.rename(service.inbox / "WINDOWS.TXT.PART", service.inbox / "WINDOWS.TXT")
    (service.inbox / "just-written.txt").write_bytes(SEED_B.read_bytes() + b"\nOne more line.\n")

    service.wait_for(lambda: service.archived("processed") == ["WINDOWS.TXT", "earlier.txt", "renamed.txt"])
    assert sorted(sql("SELECT original_name FROM documents")) == [("WINDOWS.TXT",), ("earlier.txt",), ("renamed.txt",)]
    assert [p.name for p in service.inbox.iterdir()] == ["just-written.txt"]


@pytest.mark.parametrize(("names", "env"), [
    ((".hidden.txt", "upload.tmp", "film.part", "page.crdownload", "~$draft.txt", "Thumbs.db"), {}),
    # in any case: Windows writes `upload.TMP` and `thumbs.db`; the user's patterns too
    (("upload.TMP", "film.PART", "page.CRDOWNLOAD", "thumbs.db", "DESKTOP.INI", "story.DRAFT"),
     {"INGEST_IGNORE": "*.Draft"}),
], ids=["as-named", "any-case"])
def test_temporary_hidden_and_partial_files_are_left_alone(service, sql, names, env):
    service.start(**env)
    for name in names:
        shutil.copy(SEED_A, service.inbox / name)
    shutil.copy(SEED_B, service.inbox / "real.txt")

    service.wait_for(lambda: service.archived("processed") == ["real.txt"])
    time.sleep(1.0)
    assert sorted(p.name for p in service.inbox.iterdir()) == sorted(names)
    assert sql("SELECT count(*) FROM documents") == [(1,)]


def test_a_symlink_to_a_file_outside_the_inbox_is_refused_not_followed(service, sql, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("Private notes\nNot for the archive.")
    service.start()
    (service.inbox / "link.txt").symlink_to(secret)

    service.wait_for(lambda: "link.txt.error.json" in service.archived("failed"))
    record = json.loads((service.archive / "failed" / "link.txt.error.json").read_text())
    assert record["reason"] == "symbolic link refused: ingest reads only regular files inside the inbox"
    assert secret.read_text() == "Private notes\nNot for the archive."
    assert sql("SELECT count(*) FROM documents") == [(0,)]


@needs_unreadable_files
def test_a_folder_the_service_cannot_list_is_warned_about_once_and_its_files_taken_once_it_can(service):
    locked = service.inbox / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SEED_A, locked / "seed.txt")
    locked.chmod(0)
    service.start(prefix=UNPRIVILEGED, INGEST_RESCAN_SECONDS="0.5")

    warning = f"cannot list the folder {locked}: Permission denied: its files wait there until the service can read it"
    service.wait_for(lambda: warning in service.output())
    time.sleep(2)  # four more rescans
    assert service.output().count(warning) == 1

    locked.chmod(0o755)
    service.wait_for(lambda: service.archived("processed") == ["seed.txt"])
    assert service.stop() == 0


def test_names_never_collide_in_the_archive(service):
    service.start()
    (service.inbox / "a").mkdir()
    (service.inbox / "b").mkdir()
    shutil.copy(SEED_A, service.inbox / "a" / "story.txt")
    shutil.copy(SEED_B, service.inbox / "b" / "story.txt")

    service.wait_for(lambda: len(service.archived("processed")) == 2)
    assert service.archived("processed") == ["story (1).txt", "story.txt"]


def test_an_archive_inside_the_inbox_is_refused(cli, tmp_path):
    result = cli("watch", env={"INGEST_INBOX": str(tmp_path / "in"), "INGEST_ARCHIVE_DIR": str(tmp_path / "in" / "done")})

    assert result.returncode == 2
    assert result.stderr.startswith(f"ingest: error: the archive folder {tmp_path / 'in' / 'done'} is inside the inbox")


def test_an_archive_on_another_file_system_than_the_inbox_is_refused_at_start(cli, tmp_path):
    other = Path("/dev/shm")  # a tmpfs on Linux
    if not other.is_dir() or other.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("needs a second file system at /dev/shm")
    archive = Path(tempfile.mkdtemp(dir=other))
    try:
        result = cli("watch", env={"INGEST_INBOX": str(tmp_path / "in"), "INGEST_ARCHIVE_DIR": str(archive)})
        left = sorted(os.listdir(tmp_path / "in")) + sorted(os.listdir(archive))
    finally:
        shutil.rmtree(archive)

    assert result.returncode == 2
    assert result.stderr.startswith(f"ingest: error: the archive folder {archive} is on another file system than the "
                                    f"inbox {tmp_path / 'in'}: files leave the inbox by a rename")
    assert left == []


def test_an_inbox_that_is_a_file_is_refused_at_start(cli, tmp_path):
    (tmp_path / "in").write_text("not a folder")

    result = cli("run", env={"INGEST_INBOX": str(tmp_path / "in")})

    assert result.returncode == 2
    assert result.stderr.startswith(f"ingest: error: the inbox {tmp_path / 'in'} is a file, not a folder")


def test_a_processed_file_that_cannot_be_archived_waits_in_progress_and_is_archived_once_it_can(service, sql):
    service.archive.mkdir()
    (service.archive / "processed").write_text("a file where the processed/ folder belongs")
    service.start()
    shutil.copy(SEED_A, service.inbox / "seed.txt")

    service.wait_for(lambda: "seed.txt: processed, but cannot be archived" in service.output())
    assert sql("SELECT status FROM documents") == [("done",)]
    assert [p.name for p in (service.archive / "in-progress").iterdir()] == ["1_seed.txt"]

    (service.archive / "processed").unlink()
    service.wait_for(lambda: service.archived("processed") == ["seed.txt"])
    assert list((service.archive / "in-progress").iterdir()) == []
    assert service.stop() == 0


def test_a_whitespace_only_file_fails_and_sigterm_then_exits_cleanly(service):
    service.start()
    shutil.copy(FIXTURES / "import" / "whitespace.txt", service.inbox / "blank.txt")

    service.wait_for(lambda: "blank.txt.error.json" in service.archived("failed"))
    assert service.stop() == 0


def test_files_whose_names_are_not_utf8_are_taken_under_a_readable_name(service, sql):
    service.inbox.mkdir()
    shutil.copy(SEED_A, service.inbox / LATIN1_NAME)
    empty = os.fsdecode(b"vide\xe9.txt")
    (service.inbox / empty).write_bytes(b"")
    service.start()

    service.wait_for(lambda: service.archived("processed") == [LATIN1_NAME]
                     and service.archived("failed") == [empty, f"{empty}.error.json"])
    assert sorted(sql("SELECT original_name, status FROM documents")) == [
        ("caf\\xe9.txt", "done"), ("vide\\xe9.txt", "failed")]
    record = json.loads((service.archive / "failed" / f"{empty}.error.json").read_text())
    assert record["file"] == "vide\\xe9.txt"
    assert record["reason"] == "empty file: it holds no bytes or only whitespace"
    assert "caf\\xe9.txt: processed" in service.output()
    assert "could not be taken" not in service.output()


class ReplacingIntake(Intake):
    """A producer renames a new version over the file just after the watcher has read it."""

    async def file(self, path: Path) -> tuple[Received, Identity]:
        taken = await super().file(path)
        path.with_name(path.name + ".part").write_bytes(SECOND_VERSION)
        os.rename(path.with_name(path.name + ".part"), path)
        return taken


def test_a_file_replaced_while_it_is_taken_goes_back_to_the_inbox_to_be_taken_as_its_own_document(
        clean_tables, sql, tmp_path):
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    (inbox / "latest.txt").write_bytes(SEED_A.read_bytes())

    async def take_twice() -> tuple[list[int], dict[Path, int], list[int], dict[Path, int]]:
        db = Database(clean_tables)
        try:
            async with Queue(clean_tables).open() as queue:
                watcher = Watcher(ReplacingIntake(db, queue, 20_000_000), inbox, Archive(archive), stable_seconds=0.1,
                                  rescan_seconds=30, force_polling=False, ignored=DEFAULT_IGNORED, delete_processed=False)
                await watcher.take(inbox / "latest.txt")
                first = list(watcher.to_queue), dict(watcher.queued)
                assert (inbox / "latest.txt").read_bytes() == SECOND_VERSION
                watcher.intake = Intake(db, queue, 20_000_000)
                await watcher.take(inbox / "latest.txt")
                return *first, list(watcher.to_queue), dict(watcher.queued)
        finally:
            await db.close()

    queued_first, claimed_first, queued_then, claimed_then = asyncio.run(take_twice())
    assert (queued_first, claimed_first) == ([1], {})  # the first version's document, with no file to archive
    assert (queued_then, claimed_then) == ([1, 2], {archive / "in-progress" / "2_latest.txt": 2})
    assert (archive / "in-progress" / "2_latest.txt").read_bytes() == SECOND_VERSION
    assert [(i, bytes(raw)) for i, raw in sql("SELECT id, raw FROM documents ORDER BY id")] == [
        (1, SEED_A.read_bytes()), (2, SECOND_VERSION)]
    assert list(inbox.iterdir()) == []


def test_an_in_progress_file_that_does_not_hold_its_documents_bytes_is_taken_as_its_own_at_start(cli, service, sql):
    """A crash just after a file being claimed was found replaced by a newer version, before it
    was put back, leaves that version in in-progress/ under the older one's document; a database
    restored from an older backup leaves files whose document is not there. At the next start
    each goes back to the inbox and is stored as a document of its own."""
    newer = SEED_A.read_bytes() + b"\nUpdated at 14:05 with the Kremlin's statement.\n"
    cli("import", str(SEED_A))
    [(stored,)] = sql("SELECT id FROM documents")
    in_progress = service.archive / "in-progress"
    in_progress.mkdir(parents=True)
    (in_progress / f"{stored}_latest.txt").write_bytes(newer)
    (in_progress / "7_restored.txt").write_bytes(SEED_B.read_bytes())

    service.start("run")
    service.wait_for(lambda: service.archived("processed") == ["latest.txt", "restored.txt"])

    assert [(name, status, bytes(raw)) for name, status, raw in sql(
        "SELECT original_name, status, raw FROM documents ORDER BY id")] == [
        (SEED_A.name, "done", SEED_A.read_bytes()), ("latest.txt", "done", newer), ("restored.txt", "done", SEED_B.read_bytes())]
    assert f"latest.txt, in progress for document {stored}, does not hold its bytes" in service.output()
    assert "restored.txt, in progress for document 7, does not hold its bytes" in service.output()
    assert service.archived("in-progress") == []
    assert service.stop() == 0


def test_names_with_control_characters_are_stored_logged_and_listed_with_them_escaped(service, sql, cli):
    """A name cannot forge a line of the log or of `ingest status`, nor colour a terminal."""
    service.inbox.mkdir()
    shutil.copy(SEED_A, service.inbox / "two\nlines.txt")
    (service.inbox / "red\x1b[31m.txt").write_bytes(b"")
    service.start()

    service.wait_for(lambda: service.archived("processed") == ["two\nlines.txt"]
                     and service.archived("failed") == ["red\x1b[31m.txt", "red\x1b[31m.txt.error.json"])
    assert sorted(sql("SELECT original_name, status FROM documents")) == [
        ("red\\x1b[31m.txt", "failed"), ("two\\nlines.txt", "done")]
    assert "two\\nlines.txt: processed" in service.output()
    assert "\x1b" not in service.output() and "two\nlines" not in service.output()
    status = cli("status").stdout
    assert "red\\x1b[31m.txt: empty file: it holds no bytes or only whitespace\n" in status
    assert "\x1b" not in status
