#!/usr/bin/env python3
"""Soak: a steady stream of files into a real `ingest run` for a long time, memory sampled.

Drops `--rate` files a second for `--minutes` (raw-text articles from tests/corpus.py and
the extraction benchmark's HTML pages, each made unique), samples the resident memory of
the service and its cleaning processes every minute beside the first minute's (the
baseline), and at the end counts lost and doubled files: every dropped file must be
a stored document once, and nothing may be left in the inbox.

  python bench/soak.py [--minutes 30] [--rate 5] [--url postgresql://...]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service import HTML_PAGES, Run, fresh_database  # noqa: E402

from ingest.store import embedded  # noqa: E402
from tests.corpus import write_events  # noqa: E402


def rss_mb(pid: int) -> float:
    """The service and its children (the cleaning processes), in MB."""
    parent = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)]) / 1e6


def stream(folder: Path, count: int) -> list[Path]:
    """`count` distinct files: synthetic raw text and real HTML pages, alternating."""
    write_events(folder / "raw", events=count // 10 + 1, outlets=5, seed=11)
    raw = sorted((folder / "raw").iterdir())
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(HTML_PAGES.glob("*.html.gz"))]
    files = []
    for i, page in zip(range(count // 2), itertools.cycle(pages), strict=False):
        path = folder / f"page-{i:06d}.html"
        path.write_bytes(page + f"\n<!-- soak copy {i} -->\n".encode())
        files.append(path)
    return [p for pair in itertools.zip_longest(raw[: count - len(files)], files) for p in pair if p]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=float, default=5, help="files dropped per second")
    parser.add_argument("--url", default=os.environ.get("INGEST_DATABASE_URL"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = args.url or embedded.start(root / "pg")
        files = stream(root / "files", int(args.minutes * 60 * args.rate))
        run = Run(fresh_database(server), root / "run")
        print(f"{len(files)} files at {args.rate}/s for {args.minutes} min; RSS of service + cleaning processes")
        print(f"{'minute':>6} {'dropped':>8} {'stored':>8} {'RSS MB':>8} {'vs min 1':>9}")
        started, baseline, peak = time.monotonic(), None, 0.0
        next_sample = started + 60
        try:
            for i, path in enumerate(files):
                os.rename(path, run.inbox / path.name)
                time.sleep(max(0.0, started + (i + 1) / args.rate - time.monotonic()))
                if time.monotonic() >= next_sample:
                    rss = rss_mb(run.proc.pid)
                    baseline, peak = baseline or rss, max(peak, rss)
                    print(f"{(time.monotonic() - started) / 60:>6.0f} {i + 1:>8} {len(run.finished()):>8} "
                          f"{rss:>8.0f} {rss / baseline:>8.2f}x", flush=True)
                    next_sample += 60
            done = run.wait({p.name for p in files})
        finally:
            run.stop()
        with psycopg.connect(run.url) as conn:
            stored = conn.execute("SELECT count(*), count(DISTINCT original_name) FROM documents").fetchone()
        left = list(run.inbox.iterdir())
        print(f"dropped {len(files)}, finished {len(done)}, documents {stored[0]} ({stored[1]} names), "
              f"lost {len(files) - stored[1]}, doubled {stored[0] - stored[1]}, left in inbox {len(left)}; "
              f"peak RSS {peak:.0f} MB = {peak / (baseline or peak):.2f}x minute 1")
        if not args.url:
            embedded.stop(root / "pg")


if __name__ == "__main__":
    main()
