"""Cleaner options as one explicit object, passed to every cleaning function."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanOptions:
    """What the caller may tune; defaults are the measured best."""

    max_bytes: int = 20 * 1024 * 1024
