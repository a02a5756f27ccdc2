"""Deduplication and stories end to end: real CLI, real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy import text

from ingest.clean import CleanOptions
from ingest.dedup.options import DedupOptions
from ingest.dedup.prepare import prepare
from ingest.service.grouping import mend_chains
from ingest.service.process import Pipeline, process_document
from ingest.service.receive import receive_bytes
from ingest.store import pages, queries
from ingest.store.database import Database
from ingest.store.stories import MAX_KEY_LOCKS, lock_keys
from tests.conftest import FIXTURES, SEEDS
from tests.dedup.test_similarity import HASHER, article, edited_copy_of_seed_a
from tests.service import sweep_once

SEED_A = SEEDS / "000_6417beaea2ca3f1a.txt"
SEED_B = SEEDS / "001_2734e09429ca7a01.txt"
OTHER_EVENT = FIXTURES / "dedup" / "israel_strikes_syria.txt"
DEVSET = Path(__file__).parent / "stories"
NORTHWIRE = DEVSET / "003_assad-northwire.txt"
UNRELATED = DEVSET / "004_norfolk-seal-pups.txt"


def exported(cli) -> dict[str, dict]:
    result = cli("export", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return {r["source_name"]: r for r in map(json.loads, result.stdout.splitlines())}


def test_the_two_seeds_form_one_story_and_neither_is_a_duplicate(cli, sql):
    cli("import", str(SEED_A), str(SEED_B))
    rows = exported(cli)

    a, b = rows[SEED_A.name], rows[SEED_B.name]
    assert a["story_id"] == b["story_id"] is not None
    assert a["duplicate_of"] is None and b["duplicate_of"] is None
    assert sql("SELECT title, article_count, outlets, first_published::text FROM stories") == [
        ("Kremlin confirms Bashar al-Assad, his family were given asylum by Russia", 2,
         ["Anadolu Agency", "vtcnews.vn"], "2024-12-09 02:40:00+00")
    ]


def test_an_edited_copy_with_a_new_headline_points_at_the_original(cli, sql, tmp_path):
    copy = tmp_path / "republished.txt"
    copy.write_text(edited_copy_of_seed_a(), encoding="utf-8")
    cli("import", str(SEED_A))
    cli("import", str(copy))
    rows = exported(cli)

    assert rows["republished.txt"]["duplicate_of"] == rows[SEED_A.name]["id"]
    assert rows["republished.txt"]["story_id"] == rows[SEED_A.name]["story_id"]
    assert sql("SELECT source_name FROM article_feed") == [(SEED_A.name,)]
    assert sql("SELECT novel_paragraphs FROM articles WHERE duplicate_of IS NOT NULL") == [([4, 11],)]


def test_a_copy_of_a_copy_points_at_the_first_original(cli, tmp_path):
    first, second = tmp_path / "copy1.txt", tmp_path / "copy2.txt"
    first.write_text(edited_copy_of_seed_a(), encoding="utf-8")
    second.write_text(edited_copy_of_seed_a() + "\nNewsletter: sign up for our morning briefing", encoding="utf-8")
    cli("import", str(SEED_A), str(first), str(second))
    rows = exported(cli)

    assert rows["copy1.txt"]["duplicate_of"] == rows["copy2.txt"]["duplicate_of"] == rows[SEED_A.name]["id"]


def test_another_event_the_same_day_in_the_same_country_gets_its_own_story(cli, sql):
    cli("import", str(SEED_A), str(OTHER_EVENT), str(SEED_B))
    rows = exported(cli)

    assert rows[SEED_A.name]["story_id"] == rows[SEED_B.name]["story_id"]
    assert rows[OTHER_EVENT.name]["story_id"] != rows[SEED_A.name]["story_id"]
    assert sql("SELECT count(*) FROM stories") == [(2,)]


def test_an_article_past_the_window_of_a_storys_first_article_starts_its_own_story(cli):
    """The appeal ruling (10 April) and its follow-up (11 April) are one story; the union's
    recognition bid (14 April, within 72 hours of the follow-up only) is another event."""
    ruling, follow_up, later = (DEVSET / name for name in (
        "018_veltrix-appeal-legal.txt", "021_veltrix-appeal-freightweekly.txt", "022_veltrix-cac-union.txt"))
    cli("import", str(ruling), str(follow_up), str(later))
    rows = exported(cli)

    assert rows[ruling.name]["story_id"] == rows[follow_up.name]["story_id"]
    assert rows[later.name]["story_id"] != rows[ruling.name]["story_id"]


def test_an_undated_page_that_joined_an_earlier_event_follows_the_coverage_of_its_own(cli, sql):
    """Imported together, the undated liveblog first joins January's flood (the only Cork
    flood stored yet); November's dated articles match it better and take it over."""
    january, liveblog, local, national = (DEVSET / name for name in (
        "005_cork-floods-january.txt", "061_cork-floods-liveblog.txt", "062_cork-floods-local.txt",
        "063_cork-floods-national.txt"))
    cli("import", str(january), str(liveblog), str(local), str(national))
    rows = exported(cli)

    assert rows[liveblog.name]["story_id"] == rows[local.name]["story_id"] == rows[national.name]["story_id"]
    assert rows[january.name]["story_id"] != rows[liveblog.name]["story_id"]
    assert sql("SELECT article_count FROM stories WHERE article_count > 0 ORDER BY article_count") == [(1,), (3,)]


def test_stories_command_lists_each_story_with_its_articles(cli):
    cli("import", str(SEED_A), str(SEED_B), str(OTHER_EVENT))
    result = cli("stories", "--json")

    stories = [json.loads(line) for line in result.stdout.splitlines()]
    by_size = sorted(stories, key=lambda s: -s["article_count"])
    assert [s["article_count"] for s in by_size] == [2, 1]
    assert [a["outlet"] for a in by_size[0]["articles"]] == ["Anadolu Agency", "vtcnews.vn"]


def test_stories_since_leaves_out_older_stories(cli):
    cli("import", str(SEED_A), str(OTHER_EVENT))

    assert cli("stories", "--json", "--since", "2030-01-01").stdout == ""
    assert len(cli("stories", "--json", "--since", "2024-12-01").stdout.splitlines()) == 2


def test_show_gives_the_article_its_story_and_its_duplicates(cli, tmp_path):
    copy = tmp_path / "republished.txt"
    copy.write_text(edited_copy_of_seed_a(), encoding="utf-8")
    cli("import", str(SEED_A), str(SEED_B), str(copy))
    original = exported(cli)[SEED_A.name]["id"]

    shown = json.loads(cli("show", str(original), "--json").stdout)

    assert [d["id"] for d in shown["duplicates"]] == [exported(cli)["republished.txt"]["id"]]
    assert shown["story"]["article_count"] == 3
    assert shown["novelty"] == 1.0


def test_show_of_an_unknown_article_is_a_clear_error(cli):
    result = cli("show", "12345")

    assert result.returncode == 1
    assert result.stderr.strip() == "ingest: error: no article with id 12345 (see ingest export or ingest stories)"


def test_importers_at_once_cannot_split_one_event(clean_tables, cli, sql):
    """Three articles of one event and an unrelated one arrive in parallel processes; the
    locks on shared index keys serialise the event's articles, so each sees those before it."""
    for _ in range(3):
        sql("TRUNCATE articles, stories, documents RESTART IDENTITY CASCADE")
        procs = [
            subprocess.Popen([sys.executable, "-m", "ingest.cli", "import", str(path)], env=cli.env, cwd=cli.cwd,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for path in (SEED_A, SEED_B, NORTHWIRE, UNRELATED)
        ]
        assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
        rows = exported(cli)
        assert rows[SEED_A.name]["story_id"] == rows[SEED_B.name]["story_id"] == rows[NORTHWIRE.name]["story_id"]
        assert rows[UNRELATED.name]["story_id"] != rows[SEED_A.name]["story_id"]
        assert sql("SELECT article_count FROM stories ORDER BY article_count") == [(1,), (3,)]


def lock_keys_of(path: Path) -> list[int]:
    prepared = prepare(article(path), HASHER)
    return lock_keys(prepared.band_keys, prepared.terms)


def test_an_article_sharing_index_keys_with_one_in_flight_waits_and_an_unrelated_one_does_not(clean_tables, cli, sql):
    """A transaction holds seed A's keys as if storing it: seed B (same event) waits for it,
    an article on another subject is stored meanwhile."""
    waiting_locks = ("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                     "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
    with psycopg.connect(clean_tables) as holder:
        holder.execute("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) AS k", (lock_keys_of(SEED_A),))
        assert cli("import", str(UNRELATED)).returncode == 0
        same_event = subprocess.Popen([sys.executable, "-m", "ingest.cli", "import", str(SEED_B)], env=cli.env,
                                      cwd=cli.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while sql(waiting_locks) != [(1,)] and time.monotonic() < deadline:
            time.sleep(0.1)

        assert sql(waiting_locks) == [(1,)]
        assert same_event.poll() is None
        holder.rollback()
    assert same_event.wait(timeout=120) == 0
    assert sql("SELECT count(*) FROM articles") == [(2,)]


def test_a_jsonl_of_many_records_locks_everything_once_and_groups_its_records(cli, sql, tmp_path):
    """Its records' keys together would crowd PostgreSQL's lock table, so it takes one lock instead."""
    names = ["011_leeds-fire-courier.txt", "012_leeds-fire-northwire.txt", "016_norfolk-whale-local.txt",
             "017_norfolk-whale-national.txt", "004_norfolk-seal-pups.txt", "007_leeds-holbeck-mill-fire.txt"]
    paths = [SEED_A, SEED_B, *(DEVSET / name for name in names)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": p.read_text(encoding="utf-8")}) for p in paths), encoding="utf-8")
    assert len({key for path in paths for key in lock_keys_of(path)}) > MAX_KEY_LOCKS

    assert cli("import", str(feed)).returncode == 0

    stories = [r[0] for r in sql("SELECT story_id FROM articles ORDER BY record_index")]
    assert stories[0] == stories[1] and stories[2] == stories[3] and stories[4] == stories[5]
    assert len(set(stories)) == 5


def test_articles_that_can_match_share_a_lock_key_and_unrelated_ones_do_not():
    assert set(lock_keys_of(SEED_A)) & set(lock_keys_of(SEED_B))
    assert set(lock_keys_of(SEED_A)) & set(lock_keys_of(NORTHWIRE))
    assert not set(lock_keys_of(SEED_A)) & set(lock_keys_of(UNRELATED))
    assert lock_keys_of(SEED_A) == sorted(set(lock_keys_of(SEED_A)))


def test_a_claimed_document_says_whether_it_already_has_articles(cli, sql, clean_tables):
    """A first processing writes its rows before taking the story locks; a re-processing, which
    deletes rows other articles may point at, must lock first: the claim tells them apart."""
    assert cli("import", str(SEED_A)).returncode == 0
    sql("INSERT INTO documents (sha256, original_name, size_bytes, raw, status) "
        "VALUES ('new', 'new.txt', 3, 'new', 'queued')")
    sql("UPDATE documents SET status = 'queued'")

    async def claim_all() -> dict[str, bool]:
        db = Database(clean_tables)
        try:
            async with db.autocommit() as conn:
                ids = [row[0] for row in await conn.execute(text("SELECT id FROM documents"))]
                claimed = [await queries.claim_document(conn, document_id) for document_id in ids]
        finally:
            await db.close()
        return {c.original_name: c.has_articles for c in claimed if c}

    assert asyncio.run(claim_all()) == {SEED_A.name: True, "new.txt": False}


STALE_COUNTS = ("SELECT count(*) FROM stories AS s "
                "WHERE article_count <> (SELECT count(*) FROM articles AS a WHERE a.story_id = s.id)")


def reprocess_with(cli, service, sql, **env: str) -> None:
    """`ingest reprocess` every stored document, run by a worker with `env`'s settings."""
    assert cli("reprocess").stdout.startswith("queued ")
    service.start("worker", **env)
    service.wait_for(lambda: sql("SELECT count(*) FROM documents WHERE status IN ('queued', 'processing')") == [(0,)]
                     and sql("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')") == [(0,)])


def test_a_story_that_reprocessed_articles_leave_is_recounted_and_no_longer_served(cli, service, sql, clean_tables):
    """Imported under a strict story threshold, the seeds start two stories; re-processed under
    the default one, they share one, and the other story, left empty, is neither listed,
    counted nor served."""
    cli("import", str(SEED_A), str(SEED_B), env={"INGEST_STORY_THRESHOLD": "0.99"})
    assert sql("SELECT article_count FROM stories") == [(1,), (1,)]

    reprocess_with(cli, service, sql)

    assert sql("SELECT article_count, outlets FROM stories WHERE article_count > 0") == [
        (2, ["Anadolu Agency", "vtcnews.vn"])]
    [(emptied,)] = sql("SELECT id FROM stories WHERE article_count = 0")
    assert sql(STALE_COUNTS) == [(0,)]
    assert json.loads(cli("status", "--json").stdout)["counts"]["stories"] == 1
    assert len(cli("stories", "--json").stdout.splitlines()) == 1
    assert asyncio.run(story_page(clean_tables, emptied)) is None  # GET /stories/{id}: 404


async def story_page(url: str, story_id: int) -> dict | None:
    db = Database(url)
    try:
        async with db.transaction() as conn:
            return await pages.story(conn, story_id)
    finally:
        await db.close()


def test_a_document_that_fails_when_reprocessed_keeps_no_articles_and_leaves_its_story(cli, service, sql):
    """A failed document has no articles, whichever processing failed: here a lower size limit
    rejects the first seed (2,664 bytes) on re-processing, and the second stays alone in the story."""
    cli("import", str(SEED_A), str(SEED_B))

    reprocess_with(cli, service, sql, INGEST_MAX_BYTES="2500")

    assert sql("SELECT original_name, status FROM documents WHERE original_name LIKE '0%' ORDER BY id") == [
        (SEED_A.name, "failed"), (SEED_B.name, "done")]
    assert sql("SELECT source_name FROM article_feed") == [(SEED_B.name,)]
    assert sql("SELECT count(*) FROM articles") == [(1,)]
    assert sql("SELECT article_count, outlets FROM stories WHERE article_count > 0") == [(1, ["vtcnews.vn"])]
    assert sql(STALE_COUNTS) == [(0,)]


def test_the_copy_received_first_is_the_original_whichever_a_worker_stores_first(clean_tables, cli, sql, tmp_path):
    """Workers may store a later document first; the original is still the one received first,
    so concurrent workers and re-processing give the same originals."""
    copy = tmp_path / "republished.txt"
    copy.write_text(edited_copy_of_seed_a(), encoding="utf-8")

    async def receive_both_then_process_the_copy_first() -> None:
        db, pipeline = Database(clean_tables), Pipeline(CleanOptions(), DedupOptions())
        try:
            first = await receive_bytes(db, SEED_A.name, SEED_A.read_bytes(), 1 << 20)
            second = await receive_bytes(db, copy.name, copy.read_bytes(), 1 << 20)
            await process_document(db, second.id, pipeline)
            await process_document(db, first.id, pipeline)
        finally:
            await db.close()

    asyncio.run(receive_both_then_process_the_copy_first())
    rows = exported(cli)

    assert rows[SEED_A.name]["duplicate_of"] is None
    assert rows["republished.txt"]["duplicate_of"] == rows[SEED_A.name]["id"]
    assert rows["republished.txt"]["story_id"] == rows[SEED_A.name]["story_id"]
    assert sql("SELECT source_name FROM article_feed") == [(SEED_A.name,)]
    assert sql("SELECT article_count FROM stories WHERE article_count > 0") == [(2,)]
    assert sql(STALE_COUNTS) == [(0,)]


def test_reprocessing_keeps_each_copy_pointing_at_its_original(cli, service, sql, tmp_path):
    copies = [tmp_path / f"republished-{n}.txt" for n in range(3)]
    for n, path in enumerate(copies):
        path.write_text(edited_copy_of_seed_a() + f"\nEditor's note {n}: this article was updated.", encoding="utf-8")
    cli("import", str(SEED_A), *map(str, copies), str(SEED_B))
    links = ("SELECT d.original_name, od.original_name FROM articles AS a JOIN documents AS d ON d.id = a.document_id "
             "LEFT JOIN articles AS o ON o.id = a.duplicate_of LEFT JOIN documents AS od ON od.id = o.document_id "
             "ORDER BY 1")
    before = sql(links)
    assert [original for _, original in before] == [None, None, SEED_A.name, SEED_A.name, SEED_A.name]

    reprocess_with(cli, service, sql)

    assert sql(links) == before
    assert sql("SELECT article_count FROM stories WHERE article_count > 0") == [(5,)]


def test_reprocessing_keeps_each_articles_id_arrival_time_and_story(cli, service, sql):
    """Links to an article or a story outlive `ingest reprocess`, and so does an article's
    arrival time, the story window of an undated one (here the Cork liveblog). The seal pups
    article, alone in its story, takes that story back rather than leaving it empty."""
    liveblog, local = DEVSET / "061_cork-floods-liveblog.txt", DEVSET / "062_cork-floods-local.txt"
    seal_pups = DEVSET / "004_norfolk-seal-pups.txt"
    cli("import", str(SEED_A), str(SEED_B), str(seal_pups), str(liveblog), str(local))
    identities = ("SELECT d.original_name, a.id, a.created_at, a.story_time, a.story_id FROM articles AS a "
                  "JOIN documents AS d ON d.id = a.document_id ORDER BY 1")
    before = sql(identities)
    assert [name for name, *_ in before] == [SEED_A.name, SEED_B.name, seal_pups.name, liveblog.name, local.name]
    assert sql("SELECT article_count FROM stories ORDER BY id") == [(2,), (1,), (2,)]

    reprocess_with(cli, service, sql)

    assert sql("SELECT status, error, attempts FROM documents") == [("done", None, 2)] * 5
    assert sql(identities) == before
    assert sql("SELECT article_count FROM stories ORDER BY id") == [(2,), (1,), (2,)]


def make_a_copy_of_a_copy(cli, sql, tmp_path) -> tuple[int, int, int, int, int]:
    """What the take-over race leaves (a copy stored as its original's original was taken over,
    through a band key the two transactions do not share): a copy of a copy, in a story of its
    own. Returns the original, its story, the first copy, the second copy and the latter's story."""
    copies = [tmp_path / f"republished-{n}.txt" for n in range(2)]
    for n, path in enumerate(copies):
        path.write_text(edited_copy_of_seed_a() + f"\nEditor's note {n}: this article was updated.", encoding="utf-8")
    cli("import", str(SEED_A), *map(str, copies))
    [(original, story)] = sql("SELECT id, story_id FROM articles WHERE duplicate_of IS NULL")
    [first_copy, second_copy] = [i for (i,) in sql("SELECT id FROM articles WHERE duplicate_of IS NOT NULL ORDER BY id")]
    [(own_story,)] = sql("INSERT INTO stories (article_count) VALUES (1) RETURNING id")
    sql("UPDATE articles SET duplicate_of = %s, story_id = %s WHERE id = %s", first_copy, own_story, second_copy)
    sql("UPDATE stories SET article_count = 2 WHERE id = %s", story)
    return original, story, first_copy, second_copy, own_story


def assert_the_copies_point_at_the_first_original_in_its_story(sql, original, story, first_copy, second_copy, own_story):
    assert sql("SELECT id, duplicate_of, story_id FROM articles ORDER BY id") == [
        (original, None, story), (first_copy, original, story), (second_copy, original, story)]
    assert sql("SELECT id, article_count FROM stories ORDER BY id") == [(story, 3), (own_story, 0)]
    assert sql(STALE_COUNTS) == [(0,)]


def test_copies_of_a_copy_are_mended_to_point_at_the_first_original_in_its_story(cli, sql, clean_tables, tmp_path):
    """Mending the originals a document linked to, after its commit, undoes the race."""
    chain = make_a_copy_of_a_copy(cli, sql, tmp_path)

    asyncio.run(mend(clean_tables, [chain[2]]))

    assert_the_copies_point_at_the_first_original_in_its_story(sql, *chain)


def test_a_copy_of_a_copy_whose_check_never_ran_is_mended_by_the_first_sweep(cli, sql, clean_tables, tmp_path):
    """The process died between the commit and its check: a worker's first sweep checks every copy."""
    chain = make_a_copy_of_a_copy(cli, sql, tmp_path)

    asyncio.run(sweep_once(clean_tables))

    assert_the_copies_point_at_the_first_original_in_its_story(sql, *chain)


async def mend(url: str, originals: list[int]) -> None:
    db = Database(url)
    try:
        async with db.transaction() as conn:
            await mend_chains(conn, originals)
    finally:
        await db.close()

