"""How the rule patterns are compiled: case-insensitive, and behind a word gate when they may match anywhere."""

from __future__ import annotations

import re

from ingest.clean.gate import Gated

FLAGS = re.I | re.U


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def gated(pattern: str) -> Gated:
    """`rx` for a pattern that may match anywhere in a line: tried only on lines holding one of
    the words its matches need (see gate.py)."""
    return Gated(pattern, FLAGS)
