"""The changes feed: record changes in commit order, read them back for one reader, and make cursors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from server.models import Change, FeedCounter, Insight, Meta, utcnow

_PENDING = "palaute_pending_changes"
_TOUCHED = "palaute_feed_touched"
# Called (in this process) after a commit that wrote to the feed; the long-poll watcher subscribes.
on_commit: list[Callable[[], None]] = []


class CursorInvalid(ValueError):
    """A cursor from another database (or garbage): the client must pull from the beginning."""


@dataclass(frozen=True)
class Pending:
    kind: str  # insight | reply | tombstone
    insight_id: str
    author_id: int
    community_id: int
    product_area_id: int | None
    reply_id: str | None = None


def note(session: Session, kind: str, insight: Insight, reply_id: str | None = None) -> None:
    """Queue a feed row; it is numbered and inserted just before this transaction commits."""
    note_ids(session, kind, insight.id, insight.author_id, insight.community_id, insight.product_area_id, reply_id)


def note_ids(
    session: Session,
    kind: str,
    insight_id: str,
    author_id: int,
    community_id: int,
    product_area_id: int | None,
    reply_id: str | None = None,
) -> None:
    session.info.setdefault(_PENDING, []).append(
        Pending(kind, insight_id, author_id, community_id, product_area_id, reply_id)
    )


@event.listens_for(Session, "before_commit")
def _number_pending(session: Session) -> None:
    pending: list[Pending] = session.info.pop(_PENDING, [])
    if not pending:
        return
    session.flush()  # do the real work first: the counter row stays locked only for the end of it
    # The counter's row lock serialises writers from here to commit, so numbers become visible in order.
    last = session.execute(
        update(FeedCounter)
        .where(FeedCounter.id == 1)
        .values(value=FeedCounter.value + len(pending))
        .returning(FeedCounter.value)
    ).scalar_one()
    first = last - len(pending) + 1
    session.connection().execute(
        insert(Change.__table__),
        [
            dict(
                seq=first + i,
                kind=p.kind,
                insight_id=p.insight_id,
                reply_id=p.reply_id,
                author_id=p.author_id,
                community_id=p.community_id,
                product_area_id=p.product_area_id,
            )
            for i, p in enumerate(pending)
        ],
    )
    session.info[_TOUCHED] = True


@event.listens_for(Session, "after_commit")
def _announce(session: Session) -> None:
    if session.info.pop(_TOUCHED, False):
        for callback in list(on_commit):
            callback()


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_TOUCHED, None)


def last_seq(session: Session) -> int:
    return session.scalar(select(FeedCounter.value).where(FeedCounter.id == 1)) or 0


_instances: dict[str, str] = {}  # {database url: instance id}; the id never changes once seeded


def instance_id(session: Session) -> str:
    url = str(session.get_bind().url)
    if url not in _instances:
        found = session.scalar(select(Meta.value).where(Meta.key == "instance"))
        if found is None:
            return "none"
        _instances[url] = found
    return _instances[url]


def make_cursor(instance: str, seq: int) -> str:
    return f"{instance}.{seq}"


def parse_cursor(instance: str, cursor: str | None) -> int:
    """0 for an empty cursor; CursorInvalid for one from another database or malformed."""
    if not cursor:
        return 0
    owner, _, number = cursor.partition(".")
    if owner != instance or not number.isdigit() or len(number) > 18:
        raise CursorInvalid("this cursor does not belong to this server's database; pull from the start")
    return int(number)


def bump(session: Session, insight: Insight) -> None:
    """Every visible change: new version, new updated_at, one feed row, all in the caller's transaction."""
    insight.version += 1
    insight.updated_at = utcnow()
    note(session, "insight", insight)
