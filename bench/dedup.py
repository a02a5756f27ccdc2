#!/usr/bin/env python3
"""Benchmark: per-article dedup + story time and worker RSS as the corpus grows.

Generates synthetic articles (varied vocabulary from wordfreq's word list, invented
names, events covered by several outlets, near-copies, a steady feed of --per-day
articles a day). Between checkpoints the corpus is filled in bulk with exactly the
rows the pipeline would write (signatures, band keys, term index, profiles, and
the story and original that the generator knows each article belongs to), because
pushing 100,000 articles one by one through the story lock would take hours on 2
cores. At each checkpoint a sample of further articles goes through the real dedup
path (prepare -> store -> group under the story lock) and is timed; per-article time
and RSS are printed beside the first checkpoint's (the baseline).

  python bench/dedup.py [--sizes 1000,10000,100000] [--sample 300] [--url postgresql://...]

Without --url (or INGEST_DATABASE_URL) an embedded server is started in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from multiprocessing.connection import Connection
from pathlib import Path

import psutil
import psycopg
import wordfreq
from psycopg.types.json import Jsonb
from sqlalchemy import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.clean import Article  # noqa: E402
from ingest.dedup.minhash import MinHasher  # noqa: E402
from ingest.dedup.options import DedupOptions  # noqa: E402
from ingest.dedup.prepare import prepare  # noqa: E402
from ingest.dedup.profile import to_json as profile_json  # noqa: E402
from ingest.service.grouping import save_and_group  # noqa: E402
from ingest.store import embedded, queries, schema, stories  # noqa: E402
from ingest.store.database import Database  # noqa: E402

WORDS = [w for w in wordfreq.top_n_list("en", 30000) if w.isalpha() and len(w) > 2]
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
SYLLABLES = ["ka", "lo", "mer", "ti", "van", "dor", "el", "su", "rin", "ba", "zek", "ol", "tha", "mi", "gor"]


class Corpus:
    """Deterministic synthetic news: events with shared names and facts, outlets' own wording.

    Publication times advance by `per_day` articles a day, as a steady feed would.
    """

    def __init__(self, seed: int = 7, per_day: int = 300) -> None:
        self.rng = random.Random(seed)
        self.per_day = per_day
        self.recent: list[Synthetic] = []
        self.events: list[tuple[int, list[str]]] = []

    def name(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def sentence(self, names: list[str]) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(12, 24))
        for _ in range(2):
            words.insert(self.rng.randrange(len(words)), self.rng.choice(names))
        return " ".join(words).capitalize() + "."

    def article(self, index: int) -> Synthetic:
        published = START + timedelta(days=index / self.per_day)
        roll = self.rng.random()
        if self.recent and roll < 0.1:  # a near-copy: one sentence changed
            original = self.rng.choice(self.recent)
            body = list(original.article.body)
            body[self.rng.randrange(len(body))] = self.sentence([self.name()])
            copy = Article(kind="text", title=f"Copy {index}", body=tuple(body), language="en", published=published)
            return Synthetic(copy, original.event, original.index, index)
        if self.events and roll < 0.4:  # another outlet on a recent event: same names, own words
            event = self.rng.randrange(len(self.events))
            names = self.events[event][1]
            event = self.events[event][0]
        else:
            names = [self.name() for _ in range(4)]
            event = index
            self.events = (self.events + [(event, names)])[-50:]
        body = tuple(" ".join(self.sentence(names) for _ in range(3)) for _ in range(self.rng.randint(5, 10)))
        made = Synthetic(Article(kind="text", title=f"Article {index} {names[0]}", body=body, language="en",
                                 published=published), event, None, index)
        self.recent = (self.recent + [made])[-50:]
        return made


@dataclass(frozen=True)
class Synthetic:
    """A generated article and what the generator knows: its event and (for a copy) its original."""

    article: Article
    event: int
    copy_of: int | None
    index: int


def filler(url: str, per_day: int, requests: Connection) -> None:
    """A separate process that fills the corpus, so its memory never counts as the worker's."""
    corpus, hasher = Corpus(per_day=per_day), MinHasher(DedupOptions())
    ids: dict[int, int] = {}
    stories_by_event: dict[int, int] = {}
    while (span := requests.recv()) is not None:
        bulk_fill(url, corpus, *span, hasher, ids, stories_by_event)
        requests.send(span)


def bulk_fill(url: str, corpus: Corpus, start: int, stop: int, hasher: MinHasher, ids: dict[int, int],
              stories_by_event: dict[int, int]) -> None:
    """Write the rows the pipeline would write for articles start..stop, with COPY."""
    options = hasher.options
    with psycopg.connect(url) as conn:
        rows = []
        for index in range(start, stop):
            item = corpus.article(index)
            rows.append((item, prepare(item.article, hasher)))
        new_events = sorted({item.event for item, _ in rows} - set(stories_by_event))
        story_ids = conn.execute("SELECT nextval('stories_id_seq') FROM generate_series(1, %s)", (len(new_events),))
        for event, (story_id,) in zip(new_events, story_ids.fetchall(), strict=True):
            stories_by_event[event] = story_id
        doc_ids = [r[0] for r in conn.execute("SELECT nextval('documents_id_seq') FROM generate_series(1, %s)",
                                              (len(rows),)).fetchall()]
        art_ids = [r[0] for r in conn.execute("SELECT nextval('articles_id_seq') FROM generate_series(1, %s)",
                                              (len(rows),)).fetchall()]
        with conn.cursor() as cur:
            with cur.copy("COPY stories (id) FROM STDIN") as copy:
                for event in new_events:
                    copy.write_row((stories_by_event[event],))
            with cur.copy("COPY documents (id, sha256, original_name, size_bytes, raw, status) FROM STDIN") as copy:
                for doc_id in doc_ids:
                    copy.write_row((doc_id, uuid.uuid4().hex, "synthetic.txt", 0, b"", "done"))
            with cur.copy("COPY articles (id, document_id, kind, title, authors, published, published_has_offset, "
                          "language, body, paragraphs, word_count, fingerprint, minhash, profile, story_id, "
                          "duplicate_of) FROM STDIN") as copy:
                for (item, prepared), doc_id, art_id in zip(rows, doc_ids, art_ids, strict=True):
                    ids[item.index] = art_id
                    a = item.article
                    copy.write_row((art_id, doc_id, a.kind, a.title, [], a.published, True, a.language, a.text,
                                    list(a.body), a.word_count, prepared.fingerprint, prepared.signature,
                                    Jsonb(profile_json(prepared.profile)), stories_by_event[item.event],
                                    ids.get(item.copy_of) if item.copy_of is not None else None))
            with cur.copy("COPY article_bands (band_key, article_id) FROM STDIN") as copy:
                for (_, prepared), art_id in zip(rows, art_ids, strict=True):
                    for key in set(prepared.band_keys):
                        copy.write_row((key, art_id))
            arrived = datetime.now(timezone.utc)
            with cur.copy("COPY story_terms (term, clock, day, article_id) FROM STDIN") as copy:
                for (item, prepared), art_id in zip(rows, art_ids, strict=True):
                    when = stories.Times(item.article.published, arrived, item.article.published)
                    for term in set(prepared.terms[: options.indexed_terms]):
                        for clock, day in when.index_days():
                            copy.write_row((term, int(clock), day, art_id))
        conn.execute(
            """UPDATE stories s SET title = agg.title, first_published = agg.first, last_published = agg.last,
                      article_count = agg.n
                 FROM (SELECT story_id, min(title) AS title, min(published) AS first, max(published) AS last,
                              count(*) AS n FROM articles GROUP BY story_id) agg
                WHERE agg.story_id = s.id AND s.id = ANY(%s)""",
            (list({stories_by_event[item.event] for item, _ in rows}),),
        )
        conn.execute("ANALYZE")


async def store_one(db: Database, hasher: MinHasher, options: DedupOptions, document_id: int,
                    article: Article) -> None:
    prepared = prepare(article, hasher)
    async with db.transaction() as conn:
        await save_and_group(conn, document_id, [(0, article, prepared)], options)


async def add_documents(db: Database, count: int) -> list[int]:
    ids = []
    async with db.transaction() as conn:
        for _ in range(count):
            received = await queries.add_document(conn, sha256=uuid.uuid4().hex, original_name="synthetic.txt",
                                                  size_bytes=0, raw=b"")
            ids.append(received.id)
    return ids


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


async def run(url: str, sizes: list[int], sample: int, per_day: int) -> None:
    options = DedupOptions()
    hasher = MinHasher(options)
    corpus = Corpus(per_day=per_day)
    db = Database(url)
    stored = 0
    results = []
    parent_end, child_end = multiprocessing.Pipe()
    fill_process = multiprocessing.get_context("spawn").Process(target=filler, args=(url, per_day, child_end))
    fill_process.start()
    for size in sizes:
        fill_start = time.perf_counter()
        while stored < size:
            batch = min(2000, size - stored)
            parent_end.send((stored, stored + batch))
            while not await asyncio.to_thread(parent_end.poll, 5):
                if not fill_process.is_alive():  # else the benchmark would wait for it forever
                    raise SystemExit(f"the filling process died (exit code {fill_process.exitcode})")
            parent_end.recv()
            for index in range(stored, stored + batch):  # keep this generator in step with the filler's
                corpus.article(index)
            stored += batch
        fill = time.perf_counter() - fill_start
        timings = []
        for document_id in await add_documents(db, sample):
            article = corpus.article(stored).article
            started = time.perf_counter()
            await store_one(db, hasher, options, document_id, article)
            timings.append(time.perf_counter() - started)
            stored += 1
        timings.sort()
        results.append((size, sum(timings) / len(timings), timings[len(timings) // 2], timings[int(len(timings) * 0.95)],
                        rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
        print(f"  reached {size} stored articles (fill {fill:.0f}s)", file=sys.stderr, flush=True)
    parent_end.send(None)
    fill_process.join()
    await db.close()
    base = results[0]
    print(f"{'stored':>8} {'mean ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'x base':>7} {'RSS MB':>7} {'peak MB':>8} {'x base':>7}")
    for size, mean, p50, p95, rss, peak in results:
        print(f"{size:>8} {mean * 1000:8.1f} {p50 * 1000:7.1f} {p95 * 1000:7.1f} {mean / base[1]:7.2f} "
              f"{rss:7.0f} {peak:8.0f} {rss / base[4]:7.2f}")
    print(f"per-article dedup+story time at {results[-1][0]} stored = {results[-1][1] / base[1]:.2f}x that at {base[0]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--per-day", type=int, default=300, help="synthetic feed rate (articles a day)")
    ap.add_argument("--url", default=os.environ.get("INGEST_DATABASE_URL"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        server = args.url or embedded.start(Path(tmp) / "pg")
        name = f"ingest_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        try:
            schema.upgrade(url)
            asyncio.run(run(url, sizes, args.sample, args.per_day))
        finally:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not args.url:
                embedded.stop(Path(tmp) / "pg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
