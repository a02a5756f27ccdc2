#!/usr/bin/env python3
"""Benchmark: per-article dedup + story time and worker RSS as the corpus grows.

Generates synthetic articles (varied vocabulary from wordfreq's word list, invented
names, events covered by several outlets, near-copies) and stores them through the
real dedup path (prepare -> store -> group under the story lock) into a fresh
PostgreSQL database. At each checkpoint it times a sample of further articles and
prints the per-article time and peak RSS beside the first checkpoint's (the baseline).

  python bench/dedup.py [--sizes 1000,10000,100000] [--sample 300] [--url postgresql://...]

Without --url (or INGEST_DATABASE_URL) an embedded server is started in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psutil
import psycopg
import wordfreq
from sqlalchemy import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.clean import Article  # noqa: E402
from ingest.dedup.minhash import MinHasher  # noqa: E402
from ingest.dedup.options import DedupOptions  # noqa: E402
from ingest.dedup.prepare import prepare  # noqa: E402
from ingest.service.grouping import group  # noqa: E402
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
        self.recent: list[Article] = []
        self.events: list[list[str]] = []

    def name(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def sentence(self, names: list[str]) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(12, 24))
        for _ in range(2):
            words.insert(self.rng.randrange(len(words)), self.rng.choice(names))
        return " ".join(words).capitalize() + "."

    def article(self, index: int) -> Article:
        published = START + timedelta(days=index / self.per_day)
        roll = self.rng.random()
        if self.recent and roll < 0.1:  # a near-copy: one sentence changed
            original = self.rng.choice(self.recent)
            body = list(original.body)
            body[self.rng.randrange(len(body))] = self.sentence([self.name()])
            return Article(kind="text", title=f"Copy {index}", body=tuple(body), language="en", published=published)
        if self.events and roll < 0.4:  # another outlet on a recent event: same names, own words
            names = self.rng.choice(self.events)
        else:
            names = [self.name() for _ in range(4)]
            self.events = (self.events + [names])[-50:]
        body = tuple(" ".join(self.sentence(names) for _ in range(3)) for _ in range(self.rng.randint(5, 10)))
        made = Article(kind="text", title=f"Article {index} {names[0]}", body=body, language="en", published=published)
        self.recent = (self.recent + [made])[-50:]
        return made


async def store_one(db: Database, hasher: MinHasher, options: DedupOptions, document_id: int, article: Article) -> None:
    prepared = prepare(article, hasher)
    async with db.transaction() as conn:
        await stories.lock(conn)
        (article_id,) = await queries.save_articles(conn, document_id, [(0, article, prepared)])
        await group(conn, article_id, article, prepared, options)


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


async def run(url: str, sizes: list[int], sample: int) -> None:
    options = DedupOptions()
    hasher = MinHasher(options)
    corpus = Corpus()
    db = Database(url)
    stored = 0
    results = []
    for size in sizes:
        fill_start = time.perf_counter()
        while stored < size:
            batch = min(1000, size - stored)
            for document_id in await add_documents(db, batch):
                await store_one(db, hasher, options, document_id, corpus.article(stored))
                stored += 1
        fill = time.perf_counter() - fill_start
        timings = []
        for document_id in await add_documents(db, sample):
            started = time.perf_counter()
            await store_one(db, hasher, options, document_id, corpus.article(stored))
            timings.append(time.perf_counter() - started)
            stored += 1
        timings.sort()
        results.append((size, sum(timings) / len(timings), timings[len(timings) // 2], timings[int(len(timings) * 0.95)],
                        rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
        print(f"  reached {size} stored articles (fill {fill:.0f}s)", file=sys.stderr, flush=True)
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
            asyncio.run(run(url, sizes, args.sample))
        finally:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not args.url:
                embedded.stop(Path(tmp) / "pg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
