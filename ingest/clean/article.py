"""The clean article: what the cleaner hands to the rest of the pipeline.

A plain, immutable value with no behaviour beyond serialisation, so that `clean/`
stays a leaf: the store and the CLI read it, nothing here reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One line the cleaner dropped and the named rule that dropped it."""

    line: str
    rule: str


@dataclass(frozen=True)
class Article:
    """A cleaned article with its metadata.

    `published`/`modified` are timezone-aware only when the page stated an offset;
    a naive value is the page's wall-clock time with the offset unknown.
    """

    kind: str
    body: tuple[str, ...]
    title: str | None = None
    summary: str | None = None
    section: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    language: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    source_url: str | None = None
    removed: tuple[Removal, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n\n".join(self.body)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.body)

    def to_json(self) -> dict[str, Any]:
        """The record shape of `ingest clean --json` (see ../shared/eval/README.md)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "section": self.section,
            "authors": list(self.authors),
            "outlet": self.outlet,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "source_url": self.source_url,
            "body": list(self.body),
            "removed": [{"line": r.line, "rule": r.rule} for r in self.removed],
        }
