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

`--half even|odd` scores every other page (by sorted index), so that rules can be developed on
one half and checked on the other, untuned; `--lost` lists each `with` snippet the cleaner lost,
with the rule that removed its line and where that line stands relative to the body (above,
inside or below it), then a count of those causes.

  python tests/rawtext/score_snippets.py [--data DIR] [--limit N] [--half even|odd] [--lost]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import warnings
from pathlib import Path

from collections import Counter

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build_from_benchmark import render  # noqa: E402

from ingest.clean import Article, CleanOptions, clean_records  # noqa: E402
from ingest.clean.lines import BULLET, split_lines  # noqa: E402
from ingest.errors import CleanError  # noqa: E402

DATA = HERE.parents[2] / "shared" / "data" / "trafilatura-eval"


def squash(text: str) -> str:
    return " ".join(text.split())


def cleaned(lines: list[str], name: str) -> Article | None:
    """The clean article, or None when the cleaner rejected the page."""
    try:
        results = clean_records("\n".join(lines).encode("utf-8"), name, CleanOptions())
    except CleanError:  # a page that renders to nothing
        return None
    return next((r for r in results if isinstance(r, Article)), None)


def article_text(article: Article | None) -> str:
    """The clean article's text as one string ("" for none)."""
    if article is None:
        return ""
    return squash(" ".join(filter(None, [article.title, article.summary, *article.body])))


def line_rules(lines: list[str], article: Article | None) -> list[str]:
    """Each line's fate: the rule that removed it, "title", "summary" or "body" (`removed` lists
    lines in page order)."""
    page = split_lines("\n".join(lines))
    if article is None:
        return ["rejected"] * len(page)
    heads = {article.title: "title", article.summary: "summary"}
    removed, k, fates = article.removed, 0, []
    for line in page:
        if k < len(removed) and removed[k].line == line:
            fates.append(removed[k].rule)
            k += 1
        else:
            fates.append(heads.pop(BULLET.sub("", line), "body"))
    return fates


def lost_causes(lines: list[str], article: Article | None, record: dict) -> list[tuple[str, str, str]]:
    """(rule, position, snippet) for each `with` snippet missing from the clean text; position is
    the removed line's place relative to the body lines, "split" for a snippet over several lines,
    or "unrendered" for one the rendered page does not hold."""
    text, page = article_text(article), [squash(line) for line in split_lines("\n".join(lines))]
    whole = " ".join(page)
    fates = line_rules(lines, article)
    body = [i for i, fate in enumerate(fates) if fate == "body"]
    causes = []
    for snippet in (squash(s) for s in record["with"]):
        if snippet in text:
            continue
        i = next((i for i, line in enumerate(page) if snippet in line), None)
        if i is None:
            causes.append(("-", "split" if snippet in whole else "unrendered", snippet))
        else:
            where = "none" if not body else "above" if i < body[0] else "below" if i > body[-1] else "inside"
            causes.append((fates[i], where, snippet))
    return causes


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
    parser.add_argument("--half", choices=("even", "odd"), help="score only the pages of even or odd sorted index")
    parser.add_argument("--lost", action="store_true", help="list the lost `with` snippets and their causes")
    args = parser.parse_args()

    records = sorted(json.loads((args.data / "evaldata.json").read_text(encoding="utf-8")).values(),
                     key=lambda r: r["file"])
    if args.half:
        records = records[args.half == "odd" :: 2]
    records = records[: args.limit]
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # XHTML pages: lxml's HTML parser reads them fine
    rendered, clean, causes = Score(), Score(), Counter()
    for record in records:
        soup = BeautifulSoup(gzip.decompress((args.data / "html" / f"{record['file']}.gz").read_bytes()), "lxml")
        lines = render(soup.body or soup)
        article = cleaned(lines, f"{record['file']}.txt")
        rendered.add(squash(" ".join(lines)), record)
        clean.add(article_text(article), record)
        if args.lost:
            for rule, where, snippet in lost_causes(lines, article, record):
                print(f"{record['file']}\t{rule}\t{where}\t{snippet[:100]}")
                causes[rule, where] += 1
    for (rule, where), n in causes.most_common():
        print(f"{n:>5} {rule} {where}")
    half = f" ({args.half} half)" if args.half else ""
    print(f"{len(records)} pages of {args.data.name}{half}, rendered whole and cleaned as raw text")
    print(f"{'':<22} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>9} {'tp':>6} {'fn':>6} {'fp':>6}")
    print(rendered.row("rendered page (all)"))
    print(clean.row("ingest clean"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
