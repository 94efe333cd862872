"""Upgrading a store with notices waiting (schema 0006) keeps them, and new ones keep facts, not words."""

from __future__ import annotations

from desktop.store import open_store
from desktop.store.database import _create_engine, run_migrations


def test_notices_waiting_before_the_upgrade_are_still_shown(paths):
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    engine = _create_engine(paths.db_path, 1000)
    run_migrations(engine, "0006")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO notice (key, kind, insight_uuid, title, body, created_at) VALUES "
            "('reply:1', 'reply', 'i-1', 'Reply from pam', 'Fixed next week', '2026-01-01T00:00:00.000000+00:00')"
        )
    engine.dispose()
    store = open_store(paths)
    try:
        [notice] = store.sync.pending_notices()
        assert (notice.kind, notice.title, notice.body, notice.actor, notice.status) == (
            "reply",
            "Reply from pam",
            "Fixed next week",
            None,
            None,
        )
    finally:
        store.close()
