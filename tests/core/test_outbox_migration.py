"""Upgrading a store from schema 0006: changes already waiting in the outbox get their own mutation ids."""

from __future__ import annotations

import json

from pydantic import TypeAdapter
from sqlalchemy import text

from desktop.store import open_store
from desktop.store.database import SCHEMA_HEAD, _create_engine, run_migrations
from desktop.sync.engine import Pusher
from protocol import schema
from tests.similar.data import insert

IDS = ("aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002")


def test_changes_waiting_before_the_upgrade_get_distinct_mutation_ids(paths):
    paths.data_dir.mkdir(parents=True)
    engine = _create_engine(paths.db_path, 1000)
    run_migrations(engine, "0006")
    insert(engine, {IDS[0]: "waiting one", IDS[1]: "waiting two"})
    with engine.begin() as conn:
        for ident in IDS:
            payload = {
                "id": ident,
                "text": "waiting",
                "community": "payments",
                "impact": "medium",
                "created_at": "2026-01-01T00:00:00+00:00",
            }
            conn.execute(
                text(
                    "INSERT INTO outbox (kind, object_id, payload, created_at, attempts) VALUES ('create', :o, :p, :c, 0)"
                ),
                {"o": ident, "p": json.dumps(payload), "c": "2026-01-01T00:00:00.000000+00:00"},
            )
    engine.dispose()
    store = open_store(paths)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
        pending = store.sync.pending(10)
        ids = [item.mutation_id for item in pending]
        assert len(set(ids)) == 2
        mutations = [Pusher(store.sync)._mutation(item) for item in pending]
        for mutation in mutations:
            assert TypeAdapter(schema.Mutation).validate_python(mutation).id == mutation["id"]
        assert [m["id"] for m in mutations] == ids
    finally:
        store.close()
