"""Apply Alembic migrations and seed reference data; safe to run from several processes at once."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from server.db import Database
from server.seed import seed

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(db: Database) -> None:
    """Bring the schema to head and seed, under a lock so concurrent starters do not race."""
    config = alembic_config()
    # SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: an advisory lock held to commit.
    with db.engine.execution_options(immediate=True).begin() as connection:
        if not db.is_sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(774411)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with db.write() as session:
        seed(session)
