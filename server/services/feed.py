"""The changes feed: record changes in commit order, read them back for one reader, and make cursors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event, select, text, update
from sqlalchemy.orm import Session

from server import bulk
from server.models import Change, FeedCounter, Insight, Meta, utcnow
from server.services import audience, events
from server.services.audience import AccessChange, Notice

_PENDING = "palaute_pending_changes"
_ACCESS = "palaute_pending_access"
_NOTICES = "palaute_feed_notices"
# Called in this process after a commit that wrote to the feed, with the database (its SQLite file) and the
# notice; the long-poll hub of a SQLite server subscribes (PostgreSQL servers hear NOTIFY instead).
on_commit: list[Callable[[str | None, Notice | AccessChange], None]] = []
# PostgreSQL: take the numbers and announce them in one round trip. NOTIFY is delivered at commit, in commit
# order, to every listener of the channel (every worker on every host).
_NUMBER_AND_NOTIFY = text(
    f"UPDATE feed_counter SET value = value + :n WHERE id = 1 "
    f"RETURNING value, pg_notify({audience.CHANNEL_SQL}, value::text || ' ' || :tail)"
)
# The same, also telling the delivery process that this transaction wrote outbox rows (services/events.py).
_NUMBER_AND_NOTIFY_OUTBOX = text(
    f"UPDATE feed_counter SET value = value + :n WHERE id = 1 "
    f"RETURNING value, pg_notify({audience.CHANNEL_SQL}, value::text || ' ' || :tail), {events.NOTIFY_OUTBOX_SQL}"
)
_NOTIFY = text(f"SELECT pg_notify({audience.CHANNEL_SQL}, :payload)")


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
    fresh: bool = False  # a new insight: nobody follows it yet


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
    *,
    fresh: bool = False,
) -> None:
    session.info.setdefault(_PENDING, []).append(
        Pending(kind, insight_id, author_id, community_id, product_area_id, reply_id, fresh)
    )


def note_access(session: Session, user_id: int) -> None:
    """This user's communities or product areas change in this transaction: announced when it commits."""
    session.info.setdefault(_ACCESS, set()).add(user_id)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    notices: list[Notice | AccessChange] = []
    access = session.info.pop(_ACCESS, None)
    if access:
        change = AccessChange(frozenset(access))
        if session.get_bind().dialect.name == "postgresql":
            session.execute(_NOTIFY, {"payload": change.payload()})
        notices.append(change)
    events.prepare(session)  # the outbox rows are built before the counter's lock is taken
    session.flush()  # the changes first (their row locks), then the outbox rows: events.flush says why
    events.flush(session)
    pending: list[Pending] = session.info.pop(_PENDING, [])
    if pending:
        notices.append(_number_pending(session, pending))
    events.notify_unannounced(session)
    if notices:
        session.info[_NOTICES] = notices


def _number_pending(session: Session, pending: list[Pending]) -> Notice:
    session.flush()  # do the real work first: the counter row stays locked only for the end of it
    count = len(pending)
    # Decided once, here, for every reader and every process (followers: one query, none for new insights).
    draft = Notice(1, count, **audience.decide(session, pending))
    # The counter's row lock serialises writers from here to commit, so numbers become visible in order.
    if session.get_bind().dialect.name == "postgresql":
        statement = _NUMBER_AND_NOTIFY
        if events.has_rows(session):
            statement = _NUMBER_AND_NOTIFY_OUTBOX
            events.announced(session)
        last = session.execute(statement, {"n": count, "tail": draft.tail()}).scalar_one()
    else:
        last = session.execute(
            update(FeedCounter)
            .where(FeedCounter.id == 1)
            .values(value=FeedCounter.value + count)
            .returning(FeedCounter.value)
        ).scalar_one()
    first = last - count + 1
    bulk.insert_many(
        session,
        Change.__table__,
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
    return Notice(first, last, draft.communities, draft.areas, draft.users)


@event.listens_for(Session, "after_commit")
def _announce(session: Session) -> None:
    notices = session.info.pop(_NOTICES, None)
    if notices:
        database = session.get_bind().engine.url.database
        for notice in notices:
            for callback in list(on_commit):
                callback(database, notice)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    for key in (_PENDING, _ACCESS, _NOTICES):
        session.info.pop(key, None)
    events.forget(session)


def last_seq(session: Session) -> int:
    return session.scalar(select(FeedCounter.value).where(FeedCounter.id == 1)) or 0


_instances: dict[str, str] = {}  # {database url: instance id}; the id never changes once seeded


def instance_id(session: Session) -> str:
    url = str(session.get_bind().engine.url)
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
