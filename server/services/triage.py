"""The product team's actions on an insight: status, replies, duplicates (also used by the web page)."""

from __future__ import annotations

import uuid

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from protocol import schema
from server.models import Insight, Reply, User, utcnow
from server.services import backing, feed, privacy, timing
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
    if insight.status != status:
        insight.status = status
        insight.status_changed_at = utcnow()  # the weekly digest's "shipped this week"
        bump(session, insight)
    return insight


def add_reply(
    session: Session, actor: User, insight_id: str, body: str, reply_id: str | None = None, created_at=None
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
    return reply


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
        insight.duplicate_of = original_id
        bump(session, insight)
        backing.merged(session, insight, old_root)
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
