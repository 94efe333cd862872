"""Database engine and sessions: SQLite (WAL, immediate write transactions) or PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, any_, bindparam, create_engine, event, make_url
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from privacy.files import private_file

T = TypeVar("T")

# Threads serving requests' database work in one process (the app sets its thread pool to this). The pool
# keeps as many connections, so a burst (a thousand woken long-polls renewing at once) reuses them instead
# of opening and closing connections beyond the pool, which costs PostgreSQL a new backend each time.
THREADS = 20


class Database:
    """One per process. `read()` for queries, `write()` for every change (commits or rolls back)."""

    def __init__(self, url: str, *, pool_size: int = THREADS) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.engine = _sqlite_engine(url) if self.is_sqlite else _pg_engine(url, pool_size)
        # SQLite: a write transaction starts with BEGIN IMMEDIATE so two writers never deadlock on upgrade.
        self._writes = sessionmaker(self.engine.execution_options(immediate=True), expire_on_commit=False)
        # PostgreSQL reads run without BEGIN/ROLLBACK (two round trips fewer on every request's token check and
        # every pull): at READ COMMITTED each statement takes its own snapshot anyway, in a transaction or not.
        # SQLite keeps its read transaction (one snapshot for the whole read).
        reads = self.engine if self.is_sqlite else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._reads = sessionmaker(reads, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writes() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def one_of(
    session: Session, column: QueryableAttribute[T] | ColumnElement[T], values: Iterable[T]
) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL as `= ANY(array)`: one parameter instead of one per value, so the
    statement text is the same for any number of values and the driver and the server reuse its preparation
    (a push's 100 ids otherwise made two uncached statements per batch, parsed and planned afresh each time)."""
    items = list(values)
    if session.get_bind().dialect.name == "postgresql":
        condition: ColumnElement[bool] = column == any_(bindparam(None, items, type_=ARRAY(column.type)))
        return condition
    return column.in_(items)


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:" and not path.startswith("file:"):
        # Before SQLite creates it: customers' words, readable by the server's user only (its WAL files
        # take the database file's mode).
        private_file(Path(path))
    # A connection opened beyond the pool is closed again on return, and opening one costs its PRAGMAs.
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=THREADS, max_overflow=10
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _pg_engine(url: str, pool_size: int) -> Engine:
    return create_engine(url, pool_size=pool_size, max_overflow=10, pool_pre_ping=True)
