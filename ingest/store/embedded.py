"""The embedded PostgreSQL server used when no `INGEST_DATABASE_URL` is set.

pgserver ships the server binaries in a wheel. The server is started once per data
dir and left running (it is shared by every command on that data dir and keeps its
data there across runs); `ingest db stop` stops it.
"""

from __future__ import annotations

import os
import subprocess
import warnings
from pathlib import Path

from ingest.errors import DatabaseUnavailable


def _pgserver():  # type: ignore[no-untyped-def]
    # platformdirs warns on every import when XDG_RUNTIME_DIR is unset (containers, CI);
    # pgserver falls back to /tmp correctly, so the warning is only noise for users.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver
        import pgserver.utils

    return pgserver


def start(pgdata: Path) -> str:
    """Start (or reuse) the server for `pgdata`; return its `postgresql://` URL."""
    pgdata = pgdata.expanduser().resolve()
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        server = _pgserver().get_server(pgdata, cleanup_mode=None)
        return str(server.get_uri())
    except Exception as exc:  # pgserver raises bare subprocess/OS errors
        raise DatabaseUnavailable(
            f"cannot start the embedded PostgreSQL in {pgdata}: {exc}",
            hint=f"see {pgdata / 'log'}, or set INGEST_DATABASE_URL to use another server",
        ) from exc


def stop(pgdata: Path) -> bool:
    """Stop the server for `pgdata` if one runs; return whether one was stopped.

    Uses `pg_ctl stop` directly: pgserver only stops a server when the calling
    process holds its last handle, which a separate `ingest db stop` never does.
    """
    pgdata = pgdata.expanduser().resolve()
    info = _pgserver().utils.PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return False
    user = "pgserver" if os.geteuid() == 0 else None  # pgserver runs the server as this user under root
    subprocess.run(
        [str(_bin_dir() / "pg_ctl"), "-D", str(pgdata), "-w", "-m", "fast", "stop"],
        check=True, capture_output=True, user=user, timeout=60,
    )
    return True


def _bin_dir() -> Path:
    return Path(_pgserver().__file__).parent / "pginstall" / "bin"


def psql_path() -> Path:
    """The psql binary shipped with the embedded server (users may not have one)."""
    return _bin_dir() / "psql"
