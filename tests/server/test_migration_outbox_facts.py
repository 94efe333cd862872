"""Migration 0011: webhook messages get `facts`; down again, facts-only messages (which have no body) go and
whole-body messages stay; up again."""

from __future__ import annotations

from sqlalchemy import func, insert, inspect, select, text

from server.db import Database
from server.models import Webhook, WebhookMessage, table_of, utcnow
from tests.server.conftest import test_settings
from tests.server.test_migration_sso_refresh import _to


def _columns(db: Database) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("webhook_outbox")}


def _message(hook_id: int, message_id: str, payload: str, facts: str | None) -> dict:
    now = utcnow()
    return dict(
        webhook_id=hook_id,
        message_id=message_id,
        event="insight.created",
        order_key="a" * 36,
        payload=payload,
        facts=facts,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
    )


def test_0011_adds_facts_and_going_down_drops_the_messages_without_a_body(tmp_path, database_url):
    settings = test_settings(tmp_path, database_url)
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.url)
    try:
        _to(db, "0011")
        assert "facts" in _columns(db)
        with db.engine.begin() as connection:
            hook = dict(url="http://127.0.0.1:9/h", kind="standard", events=[], secret="s", enabled=True)
            hook_id = connection.execute(
                insert(table_of(Webhook)).values(**hook, failures=0, delivered=0, created_at=utcnow())
            ).inserted_primary_key[0]
            outbox = table_of(WebhookMessage)
            connection.execute(insert(outbox), [_message(hook_id, "msg_body", '{"type":"webhook.test"}', None)])
            connection.execute(insert(outbox), [_message(hook_id, "msg_facts", "", "{}")])
        _to(db, "0010", down=True)
        assert "facts" not in _columns(db)
        with db.engine.connect() as connection:
            kept = connection.execute(text("SELECT message_id FROM webhook_outbox")).scalars().all()
        assert kept == ["msg_body"]
        _to(db, "0011")
        assert "facts" in _columns(db)
        with db.engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(table_of(WebhookMessage))).scalar_one() == 1
    finally:
        db.engine.dispose()
