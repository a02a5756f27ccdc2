#!/usr/bin/env python3
"""Score the raw-text cleaner on pages no rule was tuned on: trafilatura's evaluation set.

Each of its 990 pages is rendered whole (its <body>, as a scraper saves a page: one element
per line, list items as bullets; the dev set's renderer, `build_from_benchmark.render`) and
cleaned as raw text. The set's snippets then say what the cleaner kept: each `with` snippet
must appear in the clean text (title, standfirst and body), each `without` snippet must not.
Counts are summed over the pages as trafilatura's own evaluation does (upstream
`tests/eval_common.py`): precision tp/(tp+fp), recall tp/(tp+fn), F1 2tp/(2tp+fp+fn).

The rendered page itself (every line kept) is printed alongside as the baseline: its recall
is the most any line cleaner can reach, and its precision what cleaning must improve on.

  python tests/rawtext/score_snippets.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build_from_benchmark import render  # noqa: E402

from ingest.clean import Article, CleanOptions, clean_records  # noqa: E402
from ingest.errors import CleanError  # noqa: E402

DATA = Path("/work/shared/data/trafilatura-eval")


def squash(text: str) -> str:
    return " ".join(text.split())


def cleaned_text(lines: list[str], name: str) -> str:
    """The clean article's text as one string, or "" when the cleaner rejected the page."""
    try:
        results = clean_records("\n".join(lines).encode("utf-8"), name, CleanOptions())
    except CleanError:  # a page that renders to nothing
        return ""
    article = next((r for r in results if isinstance(r, Article)), None)
    if article is None:
        return ""
    return squash(" ".join(filter(None, [article.title, article.summary, *article.body])))


class Score:
    def __init__(self) -> None:
        self.tp = self.fn = self.fp = self.tn = 0

    def add(self, text: str, record: dict) -> None:
        found_with = sum(squash(s) in text for s in record["with"])
        found_without = sum(squash(s) in text for s in record["without"])
        self.tp += found_with
        self.fn += len(record["with"]) - found_with
        self.fp += found_without
        self.tn += len(record["without"]) - found_without

    def row(self, label: str) -> str:
        precision = self.tp / ((self.tp + self.fp) or 1)
        recall = self.tp / ((self.tp + self.fn) or 1)
        f1 = 2 * self.tp / ((2 * self.tp + self.fp + self.fn) or 1)
        accuracy = (self.tp + self.tn) / ((self.tp + self.tn + self.fp + self.fn) or 1)
        return (f"{label:<22} {precision:>9.3f} {recall:>7.3f} {f1:>7.3f} {accuracy:>9.3f}"
                f" {self.tp:>6} {self.fn:>6} {self.fp:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (sorted by file)")
    args = parser.parse_args()

    records = sorted(json.loads((args.data / "evaldata.json").read_text(encoding="utf-8")).values(),
                     key=lambda r: r["file"])[: args.limit]
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # XHTML pages: lxml's HTML parser reads them fine
    rendered, cleaned = Score(), Score()
    for record in records:
        soup = BeautifulSoup(gzip.decompress((args.data / "html" / f"{record['file']}.gz").read_bytes()), "lxml")
        lines = render(soup.body or soup)
        rendered.add(squash(" ".join(lines)), record)
        cleaned.add(cleaned_text(lines, f"{record['file']}.txt"), record)
    print(f"{len(records)} pages of {args.data.name}, rendered whole and cleaned as raw text")
    print(f"{'':<22} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>9} {'tp':>6} {'fn':>6} {'fp':>6}")
    print(rendered.row("rendered page (all)"))
    print(cleaned.row("ingest clean"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
