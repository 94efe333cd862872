"""The server's SQLite database, its WAL files and its data folder are readable by the server's user only."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from tests.server.test_server_process import push_one, sign_in
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_served_sqlite_database_and_its_wal_files_are_private(tmp_path):
    previous = os.umask(0o022)  # the common umask, inherited by the server process
    try:
        server = ServerProcess.start(tmp_path / "srv")
    finally:
        os.umask(previous)
    with server:
        server.add_user("rita", "rep", "pw")
        push_one(server, sign_in(server, "rita"), text="Customer FI21 1234 5600 0007 85 was charged twice")
        database = server.data_dir / "palaute-server.sqlite3"
        files = [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
        assert all(f.exists() for f in files)  # written while the server runs
        assert {f.name: mode(f) for f in files} == dict.fromkeys((f.name for f in files), 0o600)
        assert mode(server.data_dir) == 0o700
