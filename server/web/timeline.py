"""An insight's conversation as one timeline: replies, status changes, merges and "same here"s, oldest first."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.models import Insight, InsightEvent, Reply, SameHere, User
from server.web import queries
from server.web.views import TimelineItem


def of_insight(session: Session, user: User, insight: Insight, replies: list[Reply]) -> tuple[TimelineItem, ...]:
    events = list(
        session.scalars(
            select(InsightEvent)
            .where(or_(InsightEvent.insight_id == insight.id, InsightEvent.other_id == insight.id))
            .order_by(InsightEvent.created_at, InsightEvent.id)
        )
    )
    backers = list(
        session.scalars(
            select(SameHere)
            .where(SameHere.said_on == insight.id, SameHere.merged_from.is_(None))
            .order_by(SameHere.created_at, SameHere.id)
        )
    )
    others = {e.other_id for e in events if e.other_id} | {e.insight_id for e in events} - {insight.id}
    texts = queries.texts_of(session, user, others - {None})
    items = [_reply(r) for r in replies]
    items += [_event(e, insight.id, texts) for e in events]
    items += [_same_here(s) for s in backers]
    return tuple(sorted(items, key=lambda item: item.at))


def _reply(reply: Reply) -> TimelineItem:
    return TimelineItem("reply", reply.created_at, reply.author.name, reply.author.role, body=reply.body)


def _event(event: InsightEvent, insight_id: str, texts: dict[str, str]) -> TimelineItem:
    who = event.actor.name if event.actor else "A linked tracker item"
    role = event.actor.role if event.actor else "product"
    if event.insight_id != insight_id:  # another insight was marked a duplicate of this one (or unmarked)
        kind = "merged_in" if event.kind == "merged" else "unmerged_out"
        return TimelineItem(
            kind, event.created_at, who, role, other_id=event.insight_id, other_text=texts.get(event.insight_id)
        )
    return TimelineItem(
        event.kind,
        event.created_at,
        who,
        role,
        status=event.status,
        other_id=event.other_id,
        other_text=texts.get(event.other_id or ""),
    )


def _same_here(row: SameHere) -> TimelineItem:
    return TimelineItem(
        "same_here", row.created_at, row.user.name, "rep", body=row.note or "", customer_ref=row.customer_ref
    )
