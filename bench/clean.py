#!/usr/bin/env python3
"""Throughput of the cleaner: documents per second for raw text and HTML, side by side
with plain `trafilatura.extract` on the same HTML pages in the same run, and with
`trafilatura.extract(with_metadata=True)`, which also reads the metadata we read.

  python bench/clean.py [--html-dir DIR] [--text-dir DIR] [--limit N] [--repeat R] [--decoded-baseline] [--cpu-time]

Our cleaner and the baseline run page by page in turn, so that other load on the machine
weighs on both alike. Both get the file's bytes as read from disk (trafilatura decompresses gzip
and decodes bytes itself), the way trafilatura's own benchmark feeds every extractor that takes
bytes; `--decoded-baseline` hands the baseline the decompressed, decoded string instead.
`--cpu-time` times by this process's CPU time instead of the wall clock: on a machine busy
with other work the wall clock also counts the time spent waiting for a core.
Defaults: the 181 benchmark pages in ../shared/data/article-extraction-benchmark/html and the
raw-text dev set in tests/rawtext plus the seeds. Prints figures only; no limits are asserted
(wall-clock time depends on the machine).
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from ingest.clean import CleanOptions, clean
from ingest.errors import CleanError

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"
TEXT_DIRS = (ROOT / "tests" / "rawtext", ROOT / "seeds")


def load(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def timed(
    run: Callable[[str, bytes], object], docs: list[tuple[str, bytes]], repeat: int, clock: Callable[[], float]
) -> tuple[float, int]:
    """Best-of-`repeat` seconds for one pass over the documents, and how many failed."""
    best, failures = float("inf"), 0
    for _ in range(repeat):
        failures = 0
        start = clock()
        for name, data in docs:
            try:
                run(name, data)
            except CleanError:
                failures += 1
        best = min(best, clock() - start)
    return best, failures


def timed_side_by_side(
    ours: Callable[[str, bytes], object], bases: list[Callable[[str, str | bytes], object]],
    docs: list[tuple[str, bytes]], base_docs: list[tuple[str, str | bytes]], repeat: int, clock: Callable[[], float],
) -> tuple[float, list[float], int]:
    """Best-of-`repeat` seconds for our pass and each baseline's, page by page in turn, so that
    load from other processes on the machine weighs on all alike; and how many of ours failed."""
    best_ours, best_bases = float("inf"), [float("inf")] * len(bases)
    failures = 0
    for _ in range(repeat):
        ours_s, bases_s = 0.0, [0.0] * len(bases)
        failures = 0
        for (name, data), (_, page) in zip(docs, base_docs):
            start = clock()
            try:
                ours(name, data)
            except CleanError:
                failures += 1
            ours_s += clock() - start
            for k, base in enumerate(bases):
                start = clock()
                base(name, page)
                bases_s[k] += clock() - start
        best_ours, best_bases = min(best_ours, ours_s), [min(b, s) for b, s in zip(best_bases, bases_s)]
    return best_ours, best_bases, failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--html-dir", type=Path, default=HTML_DIR)
    ap.add_argument("--text-dir", type=Path, action="append")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=2, help="best of R passes (the first warms caches)")
    ap.add_argument("--decoded-baseline", action="store_true", help="give trafilatura the decoded string, not the bytes")
    ap.add_argument("--cpu-time", action="store_true", help="time by CPU time, not the wall clock (a shared machine)")
    args = ap.parse_args()
    clock = time.process_time if args.cpu_time else time.perf_counter
    options = CleanOptions()

    texts = load(sorted(p for d in (args.text_dir or TEXT_DIRS) for p in d.glob("*.txt"))[: args.limit])
    htmls = load(sorted(args.html_dir.glob("*.htm*"))[: args.limit])
    base_inputs: list[tuple[str, str | bytes]] = list(htmls)
    if args.decoded_baseline:
        base_inputs = [(n, gzip.decompress(d).decode("utf-8") if n.endswith(".gz") else d.decode("utf-8")) for n, d in htmls]

    text_s, text_fail = timed(lambda n, d: clean(d, n, options), texts, args.repeat, clock)
    html_s, (base_s, meta_s), html_fail = timed_side_by_side(
        lambda n, d: clean(d, n, options),
        [lambda n, page: trafilatura.extract(page, include_comments=False),
         lambda n, page: trafilatura.extract(page, include_comments=False, with_metadata=True)],
        htmls,
        base_inputs,
        args.repeat,
        clock,
    )

    print(f"{'input':<34} {'docs':>5} {'seconds':>8} {'docs/s':>8} {'failed':>6}")
    for label, docs, secs, failed in (
        ("raw text (ingest.clean)", texts, text_s, text_fail),
        ("HTML (ingest.clean)", htmls, html_s, html_fail),
        (f"HTML (trafilatura {trafilatura.__version__}, {'str' if args.decoded_baseline else 'bytes'})", htmls, base_s, 0),
        ("HTML (the same, with_metadata)", htmls, meta_s, 0),
    ):
        print(f"{label:<34} {len(docs):>5} {secs:>8.2f} {len(docs) / secs:>8.1f} {failed:>6}")
    print(f"HTML time ratio ingest.clean / trafilatura.extract: {html_s / base_s:.2f} "
          f"(to extract with_metadata=True, which also reads title, author, date, site and categories as we do: "
          f"{html_s / meta_s:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
