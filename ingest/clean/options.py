"""Cleaner options as one explicit object, passed to every cleaning function."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanOptions:
    """What the caller may tune; defaults are the measured best (see bench/clean.py)."""

    max_bytes: int = 20 * 1024 * 1024
    # trafilatura settings for the HTML path, compared on the extraction benchmark
    # (181 pages, F1/accuracy): default 0.964/0.365, favor_recall 0.964/0.343,
    # fast 0.967/0.365, favor_precision 0.967/0.414, precision+fast 0.949/0.392.
    # On trafilatura's own 990-page snippet set precision costs recall: F1 0.922 with
    # favor_precision, 0.925 without (plain trafilatura.extract: 0.926).
    favor_precision: bool = True
    favor_recall: bool = False
    fallback: bool = True
    include_tables: bool = True
