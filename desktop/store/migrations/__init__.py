"""Alembic migrations of the local store (applied at start by desktop.store.database)."""
