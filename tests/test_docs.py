"""The README stays true: every setting documented, the two set-up commands present."""

from __future__ import annotations

import re

from tests.conftest import ROOT

from ingest.cli import build_parser
from ingest.config import Settings

README = (ROOT / "README.md").read_text()


def test_every_setting_is_in_the_readme_table():
    documented = set(re.findall(r"^\| `(INGEST_[A-Z_]+)` \|", README, flags=re.M))

    assert {f"INGEST_{name.upper()}" for name in Settings.model_fields} == documented


def test_readme_has_the_two_set_up_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)

    assert blocks[:2] == [
        "pip install -e . && ingest run",
        'pip install -e ".[test]" && pytest',
    ]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)[1]

    assert f"; {test_command})" in ci


def test_every_cli_command_is_in_the_readme():
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]

    for name in commands:
        assert f"`ingest {name}" in README, name
