"""Integration events (what webhooks announce), queued in the changing transaction.

`emit` only queues; the outbox writer (services/outbox.py, registered when it is imported) turns the queue
into rows of `webhook_outbox` just before commit, after the feed has numbered the change (so rows follow
commit order). The change and its outbox rows commit together, or neither does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

EVENTS = (
    "insight.created",
    "insight.updated",
    "insight.status_changed",
    "insight.merged",
    "reply.created",
    "same_here.created",
)
_QUEUE = "palaute_integration_events"
_ROWS = "palaute_outbox_rows"
_ANNOUNCED = "palaute_outbox_announced"
_FLUSHED = "palaute_outbox_flushed"
_FRESH = "palaute_outbox_fresh"
# PostgreSQL: a commit that wrote outbox rows says so on this channel (named after the schema, as the feed's),
# which the delivery process LISTENs on (server/delivery_wake.py). The feed's numbering statement carries it
# when the transaction numbers changes too, so a push pays no extra round trip for it.
OUTBOX_CHANNEL_SQL = "'palaute_outbox_' || md5(current_schema())"
NOTIFY_OUTBOX_SQL = f"pg_notify({OUTBOX_CHANNEL_SQL}, '')"
_NOTIFY_OUTBOX = text(f"SELECT {NOTIFY_OUTBOX_SQL}")
# Sorted ids and one statement: concurrent transactions take these locks in the same order.
_LOCK_INSIGHTS = text("SELECT 1 FROM insights WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
# The outbox writer, (build rows, insert rows): set by services/outbox.py on import (it needs the insights
# module, which emits here).
writer: list[
    tuple[Callable[[Session, list[Event]], list[dict[str, Any]]], Callable[[Session, list[dict[str, Any]]], None]]
] = []


@dataclass(frozen=True)
class Event:
    type: str
    insight_id: str
    extra: dict[str, str] = field(default_factory=dict)  # reply_id, same_here_id, previous_status, original_id
    row: dict[str, Any] | None = None  # a new insight's row as inserted (it has no ORM object)


def emit(
    session: Session, event_type: str, insight_id: str, *, row: dict[str, Any] | None = None, **extra: str
) -> None:
    assert event_type in EVENTS, event_type
    session.info.setdefault(_QUEUE, []).append(Event(event_type, insight_id, extra, row))


def prepare(session: Session) -> None:
    """Build the queued events' outbox rows (called before commit, before the feed takes its lock)."""
    queued = session.info.pop(_QUEUE, None)
    if not queued:
        return
    if not writer:
        # A durable outbox that silently drops events would be worse than a failed change.
        raise RuntimeError("integration events were emitted but no outbox writer is registered")
    rows = writer[0][0](session, queued)
    if rows:
        session.info[_ROWS] = rows
        # Insights this transaction inserts: no other transaction can see them before it commits, so there is
        # nothing to order against (and a push of new insights, the usual case, takes no row locks at all).
        session.info[_FRESH] = {event.insight_id for event in queued if event.row is not None}


def has_rows(session: Session) -> bool:
    """Whether this transaction inserts outbox rows (prepared, or already flushed)."""
    return bool(session.info.get(_ROWS)) or bool(session.info.get(_FLUSHED))


def announced(session: Session) -> None:
    """The feed's numbering statement has notified the outbox channel for this transaction."""
    session.info[_ANNOUNCED] = True


def flush(session: Session) -> None:
    """Insert the prepared rows, before the feed takes its counter's lock (services/feed.py).

    Delivery keeps order per insight and subscription by row id (services/delivery_queue.py), so two
    transactions with events for one insight must insert their rows in commit order. On PostgreSQL each
    transaction first locks those insights' rows (most of them already did, by changing them): the second
    waits for the first to commit, then inserts. Rows of different insights need no order between them, so
    no transaction waits for an unrelated one here, and the counter's lock, which every push takes, is not
    held while the rows are written. SQLite runs one writer at a time anyway.
    """
    rows = session.info.pop(_ROWS, None)
    fresh = session.info.pop(_FRESH, set())
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        # One order for every transaction: no lock cycle.
        ids = sorted({row["order_key"] for row in rows} - fresh)
        if ids:
            session.execute(_LOCK_INSIGHTS, {"ids": ids})
    writer[0][1](session, rows)
    session.info[_FLUSHED] = True


def notify_unannounced(session: Session) -> None:
    """PostgreSQL: wake the delivery process at commit, unless the feed's numbering statement already did."""
    flushed = session.info.pop(_FLUSHED, False)
    announced = session.info.pop(_ANNOUNCED, False)
    if flushed and not announced and session.get_bind().dialect.name == "postgresql":
        session.execute(_NOTIFY_OUTBOX)


def forget(session: Session) -> None:
    for key in (_QUEUE, _ROWS, _FRESH, _FLUSHED, _ANNOUNCED):
        session.info.pop(key, None)
