"""Gzip input: what gzip writes, what concatenating gzip files makes, and broken or oversized streams."""

from __future__ import annotations

import gzip

import pytest

from ingest.clean.decode import gunzip
from ingest.errors import CleanError

STORY = "The harbour bridge reopened on Monday after two years of repairs.\n".encode() * 50


def test_gzip_file_inflates_to_its_bytes() -> None:
    assert gunzip(gzip.compress(STORY), 1_000_000) == STORY


def test_concatenated_gzip_files_inflate_to_both_contents() -> None:
    assert gunzip(gzip.compress(STORY) + gzip.compress(b"Second part."), 1_000_000) == STORY + b"Second part."


def test_gzip_inflating_to_exactly_the_limit_is_read_and_one_byte_more_is_refused() -> None:
    assert gunzip(gzip.compress(STORY), len(STORY)) == STORY
    with pytest.raises(CleanError, match=f"decompressed file is over the limit of {len(STORY) - 1} bytes"):
        gunzip(gzip.compress(STORY), len(STORY) - 1)


def test_truncated_gzip_is_refused_as_corrupt() -> None:
    with pytest.raises(CleanError, match="^corrupt gzip data: Compressed file ended before the end-of-stream marker"):
        gunzip(gzip.compress(STORY)[:-12], 1_000_000)


def test_gzip_with_a_wrong_checksum_is_refused_as_corrupt() -> None:
    damaged = bytearray(gzip.compress(STORY))
    damaged[-8] ^= 0xFF  # first byte of the CRC-32 in the trailer
    with pytest.raises(CleanError, match="^corrupt gzip data: CRC check failed"):
        gunzip(bytes(damaged), 1_000_000)
