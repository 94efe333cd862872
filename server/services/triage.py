"""The product team's actions on an insight: status, replies, duplicates (also used by the web page)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from protocol import schema
from server.models import Insight, InsightEvent, Reply, User, utcnow
from server.services import backing, delivery, events, feed, privacy, reference, timing
from server.services.access import backed_among, can_triage, get_visible
from server.services.errors import Conflict, Forbidden, Invalid
from server.services.feed import bump

_BODY = TypeAdapter(schema.ReplyBody)


def set_status(session: Session, actor: User, insight_id: str, status: str) -> Insight:
    """Set the status (product members and admins only); a no-op if it already has that status."""
    if status not in schema.STATUSES:
        raise Invalid(f"unknown status {status!r}; one of {', '.join(schema.STATUSES)}")
    insight = get_visible(session, actor, insight_id, lock=True)
    if not can_triage(actor):
        raise Forbidden("only product team members set the status")
    change_status(session, insight, status, actor)
    return insight


def change_status(session: Session, insight: Insight, status: str, actor: User | None = None) -> bool:
    """Set a (locked) insight's status, already allowed; False if it had that status already.

    `actor` is the product member who chose it (kept for the timeline); None when a linked tracker item moved."""
    if insight.status == status:
        return False
    previous, insight.status = insight.status, status
    insight.status_changed_at = utcnow()  # the weekly digest's "shipped this week"
    bump(session, insight)
    # Kept even without an actor (a linked tracker moved it): the analytics roll-up finds the week a status
    # was taken back from through these events (services/rollup.py).
    record_event(session, actor, insight, "status", status=status)
    if status == "shipped":
        delivery.note_shipped(session, insight.id)
    events.emit(session, "insight.status_changed", insight.id, previous_status=previous)
    return True


def reply_and_set_status(
    session: Session, actor: User, insight_id: str, body: str | None, status: str | None
) -> tuple[Reply | None, Insight]:
    """The product team's answer in one transaction: one commit, so the rep's next pull brings both at
    once and the tray shows one notification ("Reply from pam · Planned"). Either part may be left out."""
    said = body or ""
    if not said.strip() and status is None:
        raise Invalid("write a reply or choose a new status")
    insight = set_status(session, actor, insight_id, status) if status is not None else None
    reply = add_reply(session, actor, insight_id, said) if said.strip() else None
    return reply, insight or get_visible(session, actor, insight_id)


def set_product_area(session: Session, actor: User, insight_id: str, slug: str | None) -> Insight:
    """Move an insight to another product area (product members and admins); None clears it.

    Like an author's edit that moves it: readers who could see it under the old area get a feed row too,
    which their pull turns into a "hidden" tombstone if they may no longer read it."""
    insight = get_visible(session, actor, insight_id, lock=True)
    if not can_triage(actor):
        raise Forbidden("only product team members set the product area")
    area = reference.product_area_by_slug(session, slug)
    area_id = area.id if area else None
    if insight.product_area_id != area_id:
        old_area = insight.product_area_id
        insight.product_area_id = area_id
        bump(session, insight)
        session.flush()
        session.expire(insight, ["product_area"])
        feed.note_ids(session, "insight", insight.id, insight.author_id, insight.community_id, old_area)
    return insight


def record_event(
    session: Session,
    actor: User | None,
    insight: Insight,
    kind: str,
    *,
    status: str | None = None,
    other: str | None = None,
) -> None:
    """Keep a status change or a duplicate mark for the insight's conversation timeline (actor None: a
    linked tracker item moved it)."""
    session.add(
        InsightEvent(
            insight_id=insight.id,
            kind=kind,
            actor_id=actor.id if actor is not None else None,
            status=status,
            other_id=other,
            created_at=utcnow(),
        )
    )


def add_reply(
    session: Session,
    actor: User,
    insight_id: str,
    body: str,
    reply_id: str | None = None,
    created_at: datetime | None = None,
) -> Reply:
    """Add a reply to the thread of a visible insight. The same reply id with the same body is a no-op."""
    body = privacy.guard_reply(_clean_body(body))
    reply_id = _reply_id(reply_id)
    insight = get_visible(session, actor, insight_id)
    if actor.role == "rep" and insight.author_id != actor.id and not backed_among(session, actor, [insight.id]):
        # A community insight is read only: a rep joins its thread by backing it.
        raise Forbidden("say “same here” on this insight to follow it first; then you can reply")
    existing = session.get(Reply, reply_id)
    if existing is not None:
        if existing.insight_id == insight.id and existing.author_id == actor.id and existing.body == body:
            return existing
        raise Conflict(f"reply id {reply_id} is already used")
    reply = Reply(
        id=reply_id,
        insight_id=insight.id,
        author=actor,
        author_id=actor.id,
        body=body,
        created_at=timing.claimed(created_at),
    )
    session.add(reply)
    feed.note(session, "reply", insight, reply_id=reply_id)
    keep_reply_facts(insight, actor, reply.created_at)
    events.emit(session, "reply.created", insight.id, reply_id=reply_id)
    return reply


def keep_reply_facts(insight: Insight, actor: User, at: datetime) -> None:
    """Who replied last (the "Awaiting product team" filter) and when the product team first replied
    (the loop figures), kept on the row so neither needs the replies table to answer."""
    side = "product" if can_triage(actor) else "rep"
    insight.last_reply_side = side
    if side == "product" and (insight.first_reply_at is None or at < insight.first_reply_at):
        insight.first_reply_at = at


def mark_duplicate(session: Session, actor: User, insight_id: str, original_id: str | None) -> Insight:
    """Mark an insight as a duplicate of another visible one (None clears the mark).

    Its "same here"s (and its own report) then count on the original, whose followers now include the
    duplicate's author and backers (services/backing.merged); clearing the mark moves them back."""
    insight = get_visible(session, actor, insight_id, lock=True)
    if not can_triage(actor):
        raise Forbidden("only product team members mark duplicates")
    if original_id is not None:
        original = get_visible(session, actor, original_id)
        _refuse_cycle(session, insight, original)
        original_id = original.id
    if insight.duplicate_of != original_id:
        old_root = backing.root_of(session, insight)
        previous = insight.duplicate_of
        insight.duplicate_of = original_id
        bump(session, insight)
        backing.merged(session, insight, old_root)
        if original_id is not None:
            record_event(session, actor, insight, "merged", other=original_id)
        else:
            record_event(session, actor, insight, "unmerged", other=previous)
        if original_id is None:
            events.emit(session, "insight.updated", insight.id)
        else:
            events.emit(session, "insight.merged", insight.id, original_id=original_id)
    return insight


def _refuse_cycle(session: Session, insight: Insight, original: Insight) -> None:
    seen = {insight.id}
    current: Insight | None = original
    while current is not None:
        if current.id in seen:
            raise Invalid("an insight cannot be a duplicate of itself or of one of its duplicates")
        seen.add(current.id)
        current = session.get(Insight, current.duplicate_of) if current.duplicate_of else None


def _clean_body(body: str) -> str:
    try:
        return _BODY.validate_python(body)
    except ValidationError as error:
        raise Invalid("; ".join(e["msg"] for e in error.errors())) from None


def _reply_id(reply_id: str | None) -> str:
    if reply_id is None:
        return str(uuid.uuid4())
    try:
        return str(uuid.UUID(str(reply_id)))
    except ValueError:
        raise Invalid("reply id must be a UUID") from None
