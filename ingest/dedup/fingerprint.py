"""Content fingerprints: the same text under different bytes gets the same value."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, NFKC-normalised, so punctuation and case never matter."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_fingerprint(paragraphs: Iterable[str]) -> str:
    """SHA-256 of the body's word sequence: equal for re-saved copies with other boilerplate."""
    digest = hashlib.sha256()
    for paragraph in paragraphs:
        digest.update(" ".join(words(paragraph)).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
