"""Bad input through the real service: every broken, hostile or odd file ends as an article or in
failed/ with a specific reason (in `<name>.error.json` and in `documents.error`), and none stops
the rest. One `ingest run` takes the whole corpus at once; each kind is then checked on its own.

The corpus is tests/fixtures/bad/ (small files, rebuilt by its make.py) plus the files too big to
commit, made by `make.write_large` at test time; the file-system kinds are made in the inbox.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from ingest.clean import clean
from ingest.clean.decode import decode
from ingest.errors import StorageRefused
from ingest.store import schema
from ingest.store.database import Database
from tests.conftest import FIXTURES, SEEDS
from tests.fixtures.bad import make
from tests.service import UNPRIVILEGED, Service, needs_unreadable_files

CORPUS = FIXTURES / "bad"
MAX_BYTES = 60 * 1024 * 1024  # the 50 MB line fits; over_limit.txt is one byte more
GROWING = SEEDS / "000_6417beaea2ca3f1a.txt"
# 255 bytes, the file-system limit: 125 two-byte letters and "x.txt"; archived cut to at most 227
# bytes (at a character), leaving room for the archive's `<id>_`, ` (n)` and `.error.json`
LONG_NAME = "é" * 125 + "x.txt"
ARCHIVED_AS = {LONG_NAME: "é" * 111 + ".txt"}
STORED_AS = {"line\nbreak.txt": "line\\nbreak.txt"}  # control characters escaped: no forged log lines


@dataclass(frozen=True)
class Failed:
    reason: str
    stored: bool = True  # a documents row records it; False for files refused before reading


@dataclass(frozen=True)
class Stored:
    title: str
    language: str
    contains: str  # a passage the body must hold, decoded right


FR_TITLE, DE_TITLE, RU_TITLE = "Le café du port rouvre après les travaux", "Bahnstrecke nach Unwetter wieder frei", "В Москве открылась новая линия метро"
EMPTY = "empty file: it holds no bytes or only whitespace"
NUL = "binary data, not text (NUL bytes)"

EXPECTED: dict[str, Failed | Stored] = {
    "empty.txt": Failed(EMPTY),
    "whitespace.txt": Failed(EMPTY),
    "boilerplate.txt": Failed("no article text: every line was classified as boilerplate"),
    "image.png": Failed("binary data, not text (a PNG image)"),
    "document.pdf": Failed("binary data, not text (a PDF document)"),
    "archive.zip": Failed("binary data, not text (a ZIP archive or an Office document)"),
    "random.bin": Failed(NUL),
    "nul_bytes.txt": Failed(NUL),
    "invalid_utf8.txt": Stored(FR_TITLE, "fr", "portes lundi après huit \ufffd\ufffd mois de travaux"),
    "latin1.txt": Stored(DE_TITLE, "de", "Die Strecke zwischen Köln und Düsseldorf"),
    "windows1251.txt": Stored(RU_TITLE, "ru", "с восемью станциями открылась в субботу"),
    "utf16_bom.txt": Stored(FR_TITLE, "fr", "La façade, classée, a été entièrement restaurée"),
    "utf16le_no_bom.txt": Stored(DE_TITLE, "de", "weil Züge über Straßen- und Güterumleitungen"),
    "utf16be_no_bom.txt": Stored(RU_TITLE, "ru", "Строительство линии продолжалось шесть лет"),
    "mojibake.txt": Stored(FR_TITLE, "fr", "Le célèbre café du vieux port"),
    "truncated.txt.gz": Failed("corrupt gzip data: Compressed file ended before the end-of-stream marker was reached"),
    "bomb.txt.gz": Failed(f"decompressed file is over the limit of {MAX_BYTES} bytes (INGEST_MAX_BYTES)"),
    "billion_laughs.xml": Failed("an XML document, not an HTML page: ingest reads text, HTML and JSON records"),
    "no_body.html": Failed("HTML page without article text (the extractor found no main content)"),
    "nested.html": Failed("HTML nested more than 255 elements deep: the parser stops there, before the text"),
    "not_an_object.json": Failed("a record must be a JSON object, not list"),
    "stuffed_site_name.html": Stored("Harbour workers end strike", "en", "Dock workers in the port city"),
    "huge_title.json": Failed("`title` of 5399 characters, longer than any title (at most 2000)"),
    "json_escapes.json": Stored("Harbour workers end strike", "en", "Dock workers in the port city"),
    "one_line_50mb.txt": Failed(
        "a line of 52428800 characters, longer than any paragraph (at most 100000): not article text"),
    "long_text.txt": Failed("400000 characters of text, more than any article (at most 300000): not article text"),
    "over_limit.txt": Failed(f"file is {MAX_BYTES + 1} bytes, over the limit of {MAX_BYTES} (INGEST_MAX_BYTES)"),
    # the file-system kinds, made in the inbox by `drop_file_system_kinds`
    "a story with spaces.txt": Stored("Harbour workers end strike after pay deal", "en", "Dock workers in the port city"),
    "line\nbreak.txt": Stored(DE_TITLE, "de", "Die Strecke zwischen Köln und Düsseldorf"),
    "Новости 東京 café.txt": Stored(FR_TITLE, "fr", "Le célèbre café du vieux port"),
    LONG_NAME: Stored(RU_TITLE, "ru", "с восемью станциями открылась в субботу"),
    "growing.txt": Stored(
        "Kremlin confirms Bashar al-Assad, his family were given asylum by Russia", "en",
        "Kremlin spokesman Dmitry Peskov told reporters in Moscow"),
    "link.txt": Failed("symbolic link refused: ingest reads only regular files inside the inbox", stored=False),
    "pipe.txt": Failed("a named pipe (FIFO), not a regular file: refused", stored=False),
}
FAILED = sorted(name for name, outcome in EXPECTED.items() if isinstance(outcome, Failed))
STORED = sorted(name for name, outcome in EXPECTED.items() if isinstance(outcome, Stored))
JSONL = "feed_with_broken_line.jsonl"
DIRECTORY = "x.txt"  # a folder named like a file, with nothing in it


@dataclass
class Run:
    """What one service run over the whole corpus left behind."""

    service: Service
    sql: Callable[..., list[tuple]]
    exit_code: int

    def error_record(self, name: str) -> dict[str, object]:
        return json.loads((self.service.archive / "failed" / f"{name}.error.json").read_text())


@pytest.fixture(scope="module")
def run(create_database: Callable[[], str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    url = create_database()
    schema.upgrade(url)
    root = tmp_path_factory.mktemp("bad_input")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    env.update(INGEST_DATABASE_URL=url, INGEST_DATA_DIR=str(root / "data"))
    service = Service(root, env)
    service.inbox.mkdir()
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.suffix != ".py":
            (service.inbox / path.name).write_bytes(path.read_bytes())
    for name, path in make.write_large(root / "large", MAX_BYTES).items():
        path.rename(service.inbox / name)
    drop_file_system_kinds(service.inbox, root)

    service.start("run", INGEST_MAX_BYTES=str(MAX_BYTES), INGEST_CPU_PROCESSES="2", INGEST_STABLE_SECONDS="1.0")
    writer = threading.Thread(target=write_slowly, args=(service.inbox / "growing.txt", GROWING.read_bytes()))
    writer.start()
    try:
        expected = {*(f"{name}.error.json" for name in FAILED), *(ARCHIVED_AS.get(n, n) for n in STORED), JSONL}
        service.wait_for(lambda: expected <= {*service.archived("failed"), *service.archived("processed")}, 90)
        exit_code = service.stop()
    finally:
        writer.join()
        service.kill()

    def sql(statement: str, *params: object) -> list[tuple]:
        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(statement, params or None).fetchall()

    yield Run(service, sql, exit_code)


def drop_file_system_kinds(inbox: Path, outside: Path) -> None:
    (inbox / "a story with spaces.txt").write_text(make.EN)
    (inbox / "line\nbreak.txt").write_text(make.DE)
    (inbox / "Новости 東京 café.txt").write_text(make.FR)
    (inbox / LONG_NAME).write_text(make.RU)
    secret = outside / "outside.txt"
    secret.write_text(make.EN + "Private notes, not for the archive.\n")
    (inbox / "link.txt").symlink_to(secret)
    os.mkfifo(inbox / "pipe.txt")
    (inbox / DIRECTORY).mkdir()


def write_slowly(path: Path, content: bytes) -> None:
    """Append `content` in ten pieces over 2 s, each well within INGEST_STABLE_SECONDS (1 s)."""
    step = len(content) // 10 + 1
    with path.open("wb") as handle:
        for start in range(0, len(content), step):
            handle.write(content[start : start + step])
            handle.flush()
            time.sleep(0.2)


@pytest.mark.parametrize("name", FAILED)
def test_a_rejected_file_goes_to_failed_with_its_specific_reason(run: Run, name: str) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, Failed)
    record = run.error_record(name)
    assert (record["file"], record["reason"]) == (name, expected.reason)
    rows = run.sql("SELECT id, status, error FROM documents WHERE original_name = %s", name)
    if expected.stored:
        assert rows == [(record["document_id"], "failed", expected.reason)]
    else:
        assert (rows, record["document_id"]) == ([], None)


@pytest.mark.parametrize("name", STORED)
def test_an_accepted_file_becomes_one_article_decoded_right(run: Run, name: str) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, Stored)
    rows = run.sql(
        "SELECT d.status, d.error, a.title, a.language, a.body FROM documents d"
        " JOIN articles a ON a.document_id = d.id WHERE d.original_name = %s", STORED_AS.get(name, name))
    assert [row[:4] for row in rows] == [("done", None, expected.title, expected.language)]
    assert expected.contains in rows[0][4]
    assert ARCHIVED_AS.get(name, name) in run.service.archived("processed")


def test_a_file_still_growing_is_stored_only_once_complete(run: Run) -> None:
    assert run.sql("SELECT raw FROM documents WHERE original_name = 'growing.txt'") == [(GROWING.read_bytes(),)]


def test_a_jsonl_with_one_broken_line_keeps_the_good_records_and_names_the_broken_line(run: Run) -> None:
    error = "1 of 4 records could not be cleaned: line 3: malformed JSON: Unterminated string starting at: line 1 column 47 (char 46)"
    assert run.sql("SELECT status, error FROM documents WHERE original_name = %s", JSONL) == [("done", error)]
    assert run.sql(
        "SELECT a.record_index, a.source_url, a.language FROM articles a JOIN documents d ON d.id = a.document_id"
        " WHERE d.original_name = %s ORDER BY a.record_index", JSONL) == [
        (0, "https://example.org/strike", "en"), (1, "https://example.org/rail", "de"), (3, "https://example.org/cafe", "fr")]
    assert JSONL in run.service.archived("processed")


def test_an_oversized_file_keeps_no_bytes_and_a_symlink_is_archived_as_a_link_not_followed(run: Run) -> None:
    assert run.sql("SELECT size_bytes, raw FROM documents WHERE original_name = 'over_limit.txt'") == [(MAX_BYTES + 1, None)]
    assert (run.service.archive / "failed" / "link.txt").readlink() == run.service.inbox.parent / "outside.txt"


def test_a_folder_named_like_a_file_is_left_alone(run: Run) -> None:
    assert [p.name for p in run.service.inbox.iterdir()] == [DIRECTORY]
    assert list((run.service.inbox / DIRECTORY).iterdir()) == []
    assert run.sql("SELECT count(*) FROM documents WHERE original_name = %s", DIRECTORY) == [(0,)]


def test_every_file_is_stored_once_and_the_service_stops_cleanly(run: Run) -> None:
    stored = {STORED_AS.get(name, name) for name, outcome in EXPECTED.items()
              if isinstance(outcome, Stored) or outcome.stored}
    assert sorted(name for (name,) in run.sql("SELECT original_name FROM documents")) == sorted({*stored, JSONL})
    assert run.service.archived("in-progress") == []
    assert run.exit_code == 0


@needs_unreadable_files
def test_an_unreadable_file_goes_to_failed_with_the_permission_error(cli, tmp_path, sql) -> None:
    service = Service(tmp_path, cli.env)
    service.inbox.mkdir()
    secret = service.inbox / "secret.txt"
    secret.write_text(make.EN)
    secret.chmod(0)
    service.start(prefix=UNPRIVILEGED)
    try:
        service.wait_for(lambda: "secret.txt.error.json" in service.archived("failed"))
    finally:
        service.kill()
    record = json.loads((service.archive / "failed" / "secret.txt.error.json").read_text())
    assert (record["reason"], record["document_id"]) == (f"cannot read {secret}: Permission denied", None)
    assert sql("SELECT count(*) FROM documents") == [(0,)]


# In-process: what the rules above must not catch.

ARTICLE_HTML = "<article>" + "".join(f"<p>{line}</p>" for line in make.EN.split("\n")[1:] if line) + "</article>"


def test_xhtml_behind_an_xml_declaration_is_cleaned_as_html_not_refused_as_xml() -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>Harbour workers end strike</title></head><body>{ARTICLE_HTML}</body></html>")
    (article,) = clean(page.encode(), "page.xhtml")
    assert (article.kind, article.body[0][:29]) == ("html", "Dock workers in the port city")


def test_entities_declared_in_an_html_doctype_are_never_expanded() -> None:
    page = (f'<!DOCTYPE html [<!ENTITY boom "BOOM BOOM BOOM">]><html><body>{ARTICLE_HTML[:-10]}'
            "<p>The union said &boom; in a statement, and port managers declined to comment further.</p></article></body></html>")
    (article,) = clean(page.encode(), "page.html")
    assert "BOOM" not in article.text
    assert article.body[-1] == "The union said &boom; in a statement, and port managers declined to comment further."


def test_an_accented_letter_before_a_no_break_space_is_not_taken_for_mojibake() -> None:
    text = "Le café\u00a0: une institution du vieux port depuis 1902, où se retrouvent les dockers."
    assert decode(text.encode()) == text


def test_a_statement_over_a_postgresql_limit_is_its_own_error_not_an_outage(database_url: str) -> None:
    """Taken for an outage, a document whose search vector passed 1 MB was retried forever."""

    async def over_a_limit() -> None:
        db = Database(database_url)
        try:
            async with db.transaction() as conn:
                await conn.execute(text("SELECT repeat('x', 1100000000)"))
        finally:
            await db.close()

    with pytest.raises(StorageRefused, match="^the database refused this document's data: requested length too large$"):
        asyncio.run(over_a_limit())
