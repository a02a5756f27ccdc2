"""Cleaner options as one explicit object, passed to every cleaning function."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanOptions:
    """What the caller may tune; defaults are the measured best (see bench/clean.py)."""

    max_bytes: int = 20 * 1024 * 1024
    # trafilatura settings for the HTML path, compared on the extraction benchmark.
    favor_precision: bool = False
    favor_recall: bool = False
    fallback: bool = True
    include_tables: bool = True
