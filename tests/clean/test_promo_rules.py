"""Promo notices that may sit anywhere in their line: found in every language, behind their words' test."""

from __future__ import annotations

from ingest.clean import rules
from tests.clean.conftest import FIXTURES


def test_notices_inside_a_line_are_promos_in_every_language() -> None:
    lines = (FIXTURES / "promo_notices_inside_lines.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not rules.is_promo_line(line)] == []
