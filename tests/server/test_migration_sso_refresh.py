"""Migration 0010: devices and web sessions get the provider's refresh token columns; down and up again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from server.db import Database
from server.migrate import alembic_config
from tests.server.conftest import test_settings

COLUMNS = {"sso_refresh_token", "sso_checked_at", "sso_busy_until"}


def _to(db: Database, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def _columns(db: Database, table: str) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns(table)}


def test_0010_adds_and_removes_the_columns(tmp_path, database_url):
    settings = test_settings(tmp_path, database_url)
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.url)
    _to(db, "0010")
    for table in ("devices", "web_sessions"):
        assert COLUMNS <= _columns(db, table)
    _to(db, "0009", down=True)
    for table in ("devices", "web_sessions"):
        assert not COLUMNS & _columns(db, table)
    _to(db, "0010")
    assert COLUMNS <= _columns(db, "devices")
    db.engine.dispose()
