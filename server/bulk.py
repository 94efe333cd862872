"""Many new rows in one round trip: PostgreSQL's COPY (through psycopg), a plain executemany elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Json
from sqlalchemy import JSON, Dialect, FromClause, Table, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

# Below this many rows COPY's set-up is not worth it.
COPY_FROM_ROWS = 8


def insert_many(session: Session, table: FromClause, rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) in the session's transaction.

    PostgreSQL: COPY sends every row in one stream and runs one statement; executemany, even pipelined,
    runs one INSERT per row on the server, which was most of a push's time there. Values go through each
    column's own SQLAlchemy bind processing (JSON, UTC times), as they would for an INSERT.
    """
    if not rows:
        return
    if not isinstance(table, Table):  # a model's __table__ is typed as any FromClause; here it is a Table
        raise TypeError(f"insert_many needs a table, not {table!r}")
    connection = session.connection()
    if connection.dialect.name != "postgresql" or len(rows) < COPY_FROM_ROWS:
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    processors = [_processor(table.c[name].type, connection.dialect) for name in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(name) for name in columns)
    )
    driver = connection.connection.driver_connection
    if not isinstance(driver, psycopg.Connection):  # the postgresql dialect above runs on psycopg 3
        raise TypeError(f"COPY needs a psycopg connection, not {driver!r}")
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] for name in columns]
                copy.write_row([v if p is None else p(v) for v, p in zip(values, processors, strict=True)])
    except psycopg.IntegrityError as error:
        # As SQLAlchemy reports it for an INSERT: callers retry a batch that raced another device's on it.
        raise IntegrityError(statement.as_string(driver), None, error) from error


def _processor(column_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    # psycopg adapts a list as an array; COPY into a json column needs it marked as JSON.
    if isinstance(column_type, JSON):
        return lambda value: None if value is None else Json(value)
    return column_type.bind_processor(dialect)
