"""The data folder and every file holding customers' words are the user's alone (POSIX modes).

Real files after real use: a store that has written (WAL and shared-memory files exist), its logs (rotated
too), a migration backup, a damaged database moved aside, and a folder made by the real CLI. The umask is
the common 022, under which files are created readable by every local user unless made otherwise.
"""

from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from desktop.domain import NewInsight
from desktop.logs import setup_logging
from desktop.store import open_store
from desktop.store.database import _create_engine, backup_copy, run_migrations

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def common_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_folder_the_database_and_its_wal_files_are_private(paths):
    store = open_store(paths)
    store.capture(NewInsight(text="Customer 4111 1111 1111 1111 was double charged", community="payments"))
    wal, shm = paths.db_path.with_name("palaute.db-wal"), paths.db_path.with_name("palaute.db-shm")
    assert wal.exists() and shm.exists()  # written while the store is open
    try:
        assert mode(paths.data_dir) == 0o700
        assert {p.name: mode(p) for p in (paths.db_path, wal, shm)} == {
            "palaute.db": 0o600,
            "palaute.db-wal": 0o600,
            "palaute.db-shm": 0o600,
        }
    finally:
        store.close()


def test_a_database_made_readable_by_an_older_version_is_made_private_on_open(paths):
    open_store(paths).close()
    os.chmod(paths.db_path, 0o644)
    store = open_store(paths)
    store.capture(NewInsight(text="still private", community="payments"))
    try:
        assert mode(paths.db_path) == 0o600
        assert mode(paths.db_path.with_name("palaute.db-wal")) == 0o600
    finally:
        store.close()


def test_a_migration_backup_is_private(paths):
    paths.data_dir.mkdir(parents=True)
    engine = _create_engine(paths.db_path, 1000)
    run_migrations(engine, "0001")
    copy = backup_copy(engine, paths.db_path, "test")
    engine.dispose()
    assert mode(copy) == 0o600
    open_store(paths).close()  # the upgrade's own copy
    backups = list(paths.data_dir.glob("palaute.db.before-*.bak"))
    assert backups and all(mode(b) == 0o600 for b in backups)


def test_a_damaged_database_moved_aside_stays_private(paths):
    paths.data_dir.mkdir(parents=True)
    paths.db_path.write_bytes(b"this is not sqlite" * 512)  # as an older version or a crash left it: 0644
    store = open_store(paths)
    store.close()
    moved = list(paths.data_dir.glob("palaute.db.damaged-*"))
    assert len(moved) == 1 and mode(moved[0]) == 0o600
    assert mode(paths.db_path) == 0o600


def test_log_files_are_private_rotated_ones_too(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    log_dir = tmp_path / "logs"
    try:
        path = setup_logging(log_dir)
        logging.getLogger("palaute.test").warning("a line")
        handler = next(h for h in root.handlers if h not in before)
        handler.doRollover()
        logging.getLogger("palaute.test").warning("another line")
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
    assert mode(log_dir) == 0o700
    files = sorted(log_dir.iterdir())
    assert [f.name for f in files] == ["palaute.log", "palaute.log.1"] and path == files[0]
    assert {f.name: mode(f) for f in files} == {"palaute.log": 0o600, "palaute.log.1": 0o600}


def test_the_real_cli_makes_a_private_folder_database_and_log(cli, data_dir):
    assert cli("capture", "Customer 131052-308T asked twice", "-c", "payments").returncode == 0
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "palaute.db") == 0o600
    assert mode(data_dir / "logs") == 0o700
    assert mode(data_dir / "logs" / "palaute.log") == 0o600
