"""The mark a write leaves in its session when it queued a change for sync, read after its commit
(transactions.Transactions.write) to wake the sync loop."""

from __future__ import annotations

from sqlalchemy.orm import Session

QUEUED = "palaute_queued"


def note_queued(session: Session) -> None:
    """Say that this write queued a change for sync (also where an outbox row is inserted without the ORM)."""
    session.info[QUEUED] = True
