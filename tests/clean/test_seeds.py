"""Both seed pages through `clean()` must match seeds/expected.json exactly."""

from __future__ import annotations

import json

import pytest

from ingest.clean import clean
from tests.clean.conftest import SEEDS, removed_by_rule

EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
SEED_NAMES = sorted(n for n in EXPECTED if n.endswith(".txt"))
FIELDS = ("title", "summary", "section", "outlet", "authors", "published", "modified", "source_url", "language", "body")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_matches_expected_fields_body_and_removed_lines(name: str) -> None:
    (article,) = clean((SEEDS / name).read_bytes(), name)
    got = article.to_json()
    expected = EXPECTED[name]
    assert {f: got[f] for f in FIELDS} == {f: expected[f] for f in FIELDS}
    assert removed_by_rule(article) == expected["removed"]
