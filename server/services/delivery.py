"""Whether a rep was told: the feed row that said "shipped", and how far each user's devices have pulled.

A pull sends the cursor of what its device already applied, so every pull acknowledges the feed up to its
cursor. The API collects those positions in memory (`Acks`, no database work on the long-poll path) and
writes them every few seconds (`record`). An insight's author was told it shipped when their
`acked_seq` reached the insight's `shipped_seq`, the number of the feed row written with that status.
"""

from __future__ import annotations

import threading

from sqlalchemy import bindparam, event, func, select, update
from sqlalchemy.orm import Session

from server.models import Change, Insight, User, table_of
from server.services import feed  # noqa: F401  (its before_commit numbers the feed rows; this one runs after)

_SHIPPED = "palaute_shipped_now"


def note_shipped(session: Session, insight_id: str) -> None:
    """This transaction sets the insight to shipped: its feed row's number is kept when it commits."""
    session.info.setdefault(_SHIPPED, set()).add(insight_id)


@event.listens_for(Session, "before_commit")
def _stamp_shipped(session: Session) -> None:
    # Registered after the feed's own listener (this module imports it), so the rows are numbered by now.
    shipped = session.info.pop(_SHIPPED, None)
    for insight_id in sorted(shipped or ()):
        last_row = select(func.max(Change.seq)).where(Change.insight_id == insight_id).scalar_subquery()
        session.execute(
            update(Insight)
            .where(Insight.id == insight_id, Insight.status == "shipped")
            .values(shipped_seq=last_row)
            .execution_options(synchronize_session=False)
        )


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_SHIPPED, None)


def record(session: Session, acks: dict[int, int]) -> None:
    """Store how far each user's devices pulled (never moves back)."""
    if not acks:
        return
    users = table_of(User)
    statement = (
        update(users)
        .where(users.c.id == bindparam("uid"), users.c.acked_seq < bindparam("seq"))
        .values(acked_seq=bindparam("seq"))
    )
    session.execute(statement, [{"uid": user, "seq": seq} for user, seq in sorted(acks.items())])


class Acks:
    """Feed positions acknowledged by pulls since the last write, per user (the highest only).

    Most pulls are long-poll renewals at a position already written: those are dropped here, so a write
    carries only users whose devices moved on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[int, int] = {}
        self._written: dict[int, int] = {}  # what this process wrote last, per user

    def note(self, user_id: int, seq: int) -> None:
        if seq <= 0:
            return
        with self._lock:
            if max(self._seen.get(user_id, 0), self._written.get(user_id, 0)) < seq:
                self._seen[user_id] = seq

    def take(self) -> dict[int, int]:
        with self._lock:
            taken, self._seen = self._seen, {}
            self._written.update(taken)
        return taken
