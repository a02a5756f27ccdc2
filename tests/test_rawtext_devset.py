"""Consistency checks for the labelled raw-text development set in tests/rawtext/.

Pure file checks (no database, no cleaner): every case is well formed and every
non-empty line of each NNN.txt is labelled exactly once, as title, body or
boilerplate, the way /work/shared/eval/rawtext.py expects.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

DEVSET = Path(__file__).parent / "rawtext"
CASES = sorted(p for p in DEVSET.glob("*.txt"))
BULLET = re.compile(r"^\s*[-*\u2022]\s+")
KEYS = {"title", "body", "boilerplate", "published", "modified", "source_url", "outlet", "authors", "language"}


def load(txt: Path) -> tuple[list[str], dict]:
    lines = [ln for ln in txt.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines, json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))


def test_devset_is_big_enough_and_varied():
    assert len(CASES) >= 40
    langs = Counter(load(c)[1]["language"] for c in CASES)
    for lang in ("en", "de", "fr", "es"):
        assert langs[lang] >= 2, langs


@pytest.mark.parametrize("txt", CASES, ids=lambda p: p.stem)
def test_case_is_well_formed(txt: Path):
    assert txt.with_suffix(".json").exists()
    _, case = load(txt)
    assert KEYS <= set(case)
    assert isinstance(case["body"], list) and case["body"]
    assert isinstance(case["boilerplate"], list)
    assert isinstance(case["authors"], list) and all(isinstance(a, str) and a for a in case["authors"])
    assert case["title"] is None or isinstance(case["title"], str)
    assert isinstance(case["language"], str) and len(case["language"]) == 2
    for field in ("published", "modified"):
        if case[field] is not None:
            datetime.fromisoformat(case[field])
    if case["source_url"] is not None:
        assert case["source_url"].startswith(("http://", "https://"))


def test_every_line_of_every_case_is_labelled_once():
    problems = []
    for txt in CASES:
        lines, case = load(txt)
        labelled = Counter(case["body"]) + Counter(case["boilerplate"])
        present = Counter(lines)
        if case["title"] is not None:  # the title is stored without a list bullet
            line = next((ln for ln in lines if BULLET.sub("", ln).strip() == case["title"].strip()), case["title"])
            labelled[line] += 1
        for line, n in present.items():
            if labelled[line] != n:
                problems.append(f"{txt.name}: {line[:70]!r} appears {n}x, labelled {labelled[line]}x")
        for line in labelled.keys() - present.keys():
            problems.append(f"{txt.name}: labelled line not in the text: {line[:70]!r}")
    assert not problems, "\n".join(problems[:20])
