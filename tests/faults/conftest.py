from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.service import Service


@pytest.fixture
def service(cli, tmp_path) -> Iterator[Service]:
    svc = Service(tmp_path, cli.env)
    yield svc
    svc.kill()
