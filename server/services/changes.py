"""Feed rows and what they point at, loaded once and rendered for each reader (a pull, or many waiters)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Result, Select, select
from sqlalchemy.orm import Session

from protocol import schema
from server.models import Change, Insight, Reply, SameHere, User
from server.services import insights
from server.services.access import Reader, can_see

_COLUMNS = (
    Change.seq,
    Change.kind,
    Change.insight_id,
    Change.reply_id,
    Change.author_id,
    Change.community_id,
    Change.product_area_id,
)


@dataclass(frozen=True)
class FeedRow:
    """One feed row in plain values, with the routing it was written with (author, community, area)."""

    seq: int
    kind: str  # insight | reply | tombstone
    insight_id: str
    reply_id: str | None
    author_id: int
    community_id: int
    product_area_id: int | None


@dataclass
class Batch:
    """Feed rows with the current state of the insights and replies they name."""

    rows: list[FeedRow]
    insights: dict[str, insights.Snapshot]
    replies: dict[str, schema.Reply]
    # The users backing each insight now (only load_range fills it: a pull asks about its one reader).
    backers: dict[str, frozenset[int]] = field(default_factory=dict)
    # Answers already rendered from this batch, by what makes them differ (see `view_key`): the 1,000 reps of
    # a community woken by one change get one rendering and one serialisation between them.
    answers: dict[tuple[object, ...], tuple[list[schema.Change], bytes]] = field(default_factory=dict)

    def backed_by(self, reader: Reader) -> set[str]:
        return {insight_id for insight_id, users in self.backers.items() if reader.id in users}


def select_rows(*conditions: ColumnElement[bool]) -> Select[int, str, str, str | None, int, int, int | None]:
    return select(*_COLUMNS).where(*conditions).order_by(Change.seq)


def rows_of(result: Result[int, str, str, str | None, int, int, int | None]) -> list[FeedRow]:
    return [FeedRow(*row) for row in result]


def load(session: Session, rows: list[FeedRow]) -> Batch:
    """The insights and replies these rows name, each loaded once."""
    ids = {r.insight_id for r in rows}
    found: Iterable[Insight] = session.scalars(select(Insight).where(Insight.id.in_(ids))) if ids else []
    reply_ids = {r.reply_id for r in rows if r.reply_id}
    replies: Iterable[Reply] = session.scalars(select(Reply).where(Reply.id.in_(reply_ids))) if reply_ids else []
    return Batch(
        rows,
        {i.id: insights.snapshot(i) for i in found},
        {r.id: insights.reply_to_schema(r) for r in replies},
    )


def load_range(session: Session, after: int, upto: int) -> Batch:
    """Every row numbered after..upto, for every reader at once: with the backers of each insight."""
    batch = load(session, rows_of(session.execute(select_rows(Change.seq > after, Change.seq <= upto))))
    ids = {r.insight_id for r in batch.rows}
    backers: dict[str, set[int]] = {}
    if ids:
        for insight_id, user_id in session.execute(
            select(SameHere.insight_id, SameHere.user_id).where(SameHere.insight_id.in_(ids))
        ):
            backers.setdefault(insight_id, set()).add(user_id)
    batch.backers = {insight_id: frozenset(users) for insight_id, users in backers.items()}
    return batch


def view_key(reader: Reader, rows: list[FeedRow], batch: Batch, backed: set[str]) -> tuple[object, ...]:
    """Everything `render` reads of the reader for these rows: readers with equal keys get equal changes."""
    ids = {r.insight_id for r in rows}
    own = frozenset(i for i in ids if (snap := batch.insights.get(i)) is not None and snap.author_id == reader.id)
    return (
        reader.role,
        reader.community_ids,
        reader.area_ids,
        tuple(r.seq for r in rows),
        own,
        frozenset(backed & ids) if backed else frozenset(),
    )


def render(reader: User | Reader, rows: list[FeedRow], batch: Batch, backed: set[str]) -> list[schema.Change]:
    """The protocol's changes for these rows (already routed to the reader), as the reader may see them."""
    out: list[schema.Change] = []
    sent: set[str] = set()
    for row in rows:
        insight = batch.insights.get(row.insight_id)
        if row.kind == "reply":
            reply = batch.replies.get(row.reply_id) if row.reply_id is not None else None
            if reply is not None and insight is not None and can_see(reader, insight, backed):
                out.append(schema.ReplyChange(kind="reply", reply=reply))
            continue
        # First occurrence carries the current state, so a reply never arrives before its insight.
        if row.insight_id in sent:
            continue
        sent.add(row.insight_id)
        if insight is None:
            out.append(schema.Tombstone(kind="tombstone", insight_id=row.insight_id, reason="erased"))
        elif not can_see(reader, insight, backed):
            out.append(schema.Tombstone(kind="tombstone", insight_id=row.insight_id, reason="hidden"))
        else:
            out.append(schema.InsightChange(kind="insight", insight=insights.view(insight, reader, backed)))
    return out
