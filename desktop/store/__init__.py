"""The local store: SQLite through SQLAlchemy, durable, migrated at start, with full-text search."""

from desktop.store.store import Store, open_store

__all__ = ["Store", "open_store"]
