"""Insights: turn rows into protocol objects, and the author's changes (create, edit, withdraw)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from protocol import schema
from server import bulk
from server.models import Insight, Reply, User, utcnow
from server.services import backing, events, feed, privacy, reference, timing
from server.services.access import PRODUCT_ROLES, Reader, backed_among, get_visible
from server.services.errors import Conflict, Forbidden, IdTaken, Invalid
from server.services.feed import bump


@dataclass(frozen=True)
class Snapshot:
    """An insight as loaded once, in plain values: rendered for many readers without the database.

    `full` is what the product team sees (with `following` true, as for the author); `shared_text` is the
    text as other reps see it (the personal data its author kept masked again).
    """

    id: str
    author_id: int
    community_id: int
    product_area_id: int | None
    full: schema.Insight
    shared_text: str


def snapshot(insight: Insight) -> Snapshot:
    full = schema.Insight(
        id=insight.id,
        text=insight.text,
        community=insight.community.slug,
        product_area=insight.product_area.slug if insight.product_area else None,
        customer_ref=insight.customer_ref,
        impact=insight.impact,
        tags=list(insight.tags or []),
        author=insight.author.name,
        created_at=insight.created_at,
        updated_at=insight.updated_at,
        status=insight.status,
        version=insight.version,
        withdrawn=insight.withdrawn,
        duplicate_of=insight.duplicate_of,
        pii_flagged=insight.pii_flagged,
        customers=insight.customers or 1,
        reps=insight.reps or 1,
        following=True,
    )
    shared = shared_text(insight.text, insight.pii_kept)
    return Snapshot(insight.id, insight.author_id, insight.community_id, insight.product_area_id, full, shared)


def shared_text(text: str, pii_kept: Sequence[str] | None) -> str:
    """The text as other reps see it: the personal data its author kept (for the product team) masked again.
    Every place that shows an insight's text to a reader goes through `text_for` or `view`, which use this."""
    return privacy.guard_text(text, (), limit=_NO_LIMIT).text if pii_kept else text


def searchable_shared_text(received: str, stored: str, pii_kept: Sequence[str] | None) -> str | None:
    """What `Insight.shared_text` stores: the text with nothing kept when that differs from the stored text,
    else None. Masked from the text as received, whose findings a push detects before its write transaction
    (`privacy.detected_ahead`), so no detection runs while the write lock is held."""
    if not pii_kept:
        return None
    shared = shared_text(received, pii_kept)
    return None if shared == stored else shared


def sees_everything(reader: User | Reader | None, author_id: int) -> bool:
    """Whether the reader gets the text as kept and the customer reference: the product team and the author."""
    return reader is None or reader.role in PRODUCT_ROLES or author_id == reader.id


def text_for(reader: User | Reader, author_id: int, text: str, pii_kept: Sequence[str] | None) -> str:
    """An insight's text as `reader` may read it, from its columns (for readers that load no whole insight)."""
    return text if sees_everything(reader, author_id) else shared_text(text, pii_kept)


def view(snap: Snapshot, reader: User | Reader | None, backed: set[str]) -> schema.Insight:
    """The snapshot as `reader` may see it (None: everything). `backed`: the ids the reader backs.

    A rep reading someone else's insight (a community one) gets no customer reference, and the text with
    the personal data its author kept masked again: kept items are for the product team, not the whole
    community.
    """
    if reader is None:
        return snap.full
    if reader.role in PRODUCT_ROLES:
        return snap.full.model_copy(update={"following": False})
    if snap.author_id == reader.id:
        return snap.full
    return snap.full.model_copy(update={"text": snap.shared_text, "customer_ref": None, "following": snap.id in backed})


def to_schema(insight: Insight, reader: User | None = None, backed: set[str] | None = None) -> schema.Insight:
    """The insight as `reader` may see it (None: everything, as the product team sees it); see `view`.
    `backed`: the ids the reader backs with a "same here" when the caller batched that lookup."""
    if backed is None:
        session = Session.object_session(insight)
        # A detached insight has no session to ask: not backed, as access.backs answers then.
        if reader is None or session is None or sees_everything(reader, insight.author_id):
            backed = set()
        else:
            backed = backed_among(session, reader, [insight.id])
    return view(snapshot(insight), reader, backed)


_NO_LIMIT = 10**9  # re-masking on the way out must never refuse to answer


def many_to_schema(session: Session, reader: User, rows: list[Insight]) -> list[schema.Insight]:
    """A page of insights for one reader, with one "same here" lookup for the whole page."""
    backed = backed_among(session, reader, [r.id for r in rows if r.author_id != reader.id])
    return [to_schema(r, reader, backed) for r in rows]


def reply_to_schema(reply: Reply) -> schema.Reply:
    return schema.Reply(
        id=reply.id,
        insight_id=reply.insight_id,
        author=reply.author.name,
        author_role=reply.author.role,
        body=reply.body,
        created_at=reply.created_at,
    )


def create(session: Session, actor: User, draft: schema.InsightDraft) -> tuple[Insight, bool]:
    """Store a new insight; (insight, False) if this id was already stored by the same author."""
    existing = existing_of(session, actor, draft.id)
    if existing is not None:
        return existing, False
    row = new_row(session, actor, draft)
    insert_rows(session, [row])
    return session.get_one(Insight, draft.id), True


def existing_of(session: Session, actor: User, insight_id: str) -> Insight | None:
    absent: set[str] = session.info.get("absent_insights", set())  # filled by a batch prefetch
    existing = None if insight_id in absent else session.get(Insight, insight_id)
    if existing is not None and existing.author_id != actor.id:
        raise IdTaken(f"insight id {insight_id} is already used")
    return existing


def new_row(session: Session, actor: User, draft: schema.InsightDraft) -> dict[str, Any]:
    """Check a draft and turn it into a row for `insert_rows` (raises Invalid for unknown slugs)."""
    community = reference.community_by_slug(session, draft.community)
    area = reference.product_area_by_slug(session, draft.product_area)
    text = privacy.guard_text(draft.text, draft.pii_kept)
    ref = privacy.guard_customer_ref(draft.customer_ref, draft.pii_kept)
    return dict(
        id=draft.id,
        author_id=actor.id,
        community_id=community.id,
        product_area_id=area.id if area else None,
        text=text.text,
        shared_text=searchable_shared_text(draft.text, text.text, draft.pii_kept),
        customer_ref=ref.text,
        impact=draft.impact,
        tags=list(draft.tags),
        status="new",
        version=1,
        withdrawn=False,
        duplicate_of=None,
        pii_kept=list(draft.pii_kept),
        pii_flagged=text.flagged or ref.flagged,
        created_at=timing.claimed(draft.created_at),
        updated_at=utcnow(),
        customers=1,
        reps=1,
    )


def insert_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert new insights in one round trip (a push of 100 too) and note them in the feed."""
    if not rows:
        return
    bulk.insert_many(session, Insight.__table__, rows)  # Core: no ORM bookkeeping for new rows
    absent: set[str] = session.info.get("absent_insights", set())
    for row in rows:
        absent.discard(row["id"])
        feed.note_ids(
            session, "insight", row["id"], row["author_id"], row["community_id"], row["product_area_id"], fresh=True
        )
        events.emit(session, "insight.created", row["id"], row=row)


def row_to_schema(session: Session, actor: User, row: dict[str, Any]) -> schema.Insight:
    """The protocol form of a just-inserted row, without loading it back."""
    area = reference.product_area_by_id(session, row["product_area_id"])
    # model_construct: the values were validated on the way in; this runs 100 times per push.
    return schema.Insight.model_construct(
        id=row["id"],
        text=row["text"],
        community=reference.community_by_id(session, row["community_id"]).slug,
        product_area=area.slug if area else None,
        customer_ref=row["customer_ref"],
        impact=row["impact"],
        tags=row["tags"],
        author=actor.name,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        status="new",
        version=1,
        withdrawn=False,
        duplicate_of=None,
        pii_flagged=row["pii_flagged"],
        customers=1,
        reps=1,
        following=True,
    )


def edit(session: Session, actor: User, insight_id: str, base_version: int, patch: schema.InsightPatch) -> Insight:
    insight = _own(session, actor, insight_id, base_version)
    if insight.withdrawn:
        raise Invalid("a withdrawn insight cannot be edited")
    fields = patch.model_fields_set
    old_route = (insight.community_id, insight.product_area_id)
    for required in ("text", "community", "impact", "tags"):
        if required in fields and getattr(patch, required) is None:
            raise Invalid(f"{required} cannot be null")
    # The loop above refused a null for each of these: `is not None` only tells the type checker so.
    if "community" in fields and patch.community is not None:
        insight.community_id = reference.community_by_slug(session, patch.community).id
    if "product_area" in fields:
        area = reference.product_area_by_slug(session, patch.product_area)
        insight.product_area_id = area.id if area else None
    keep = list(insight.pii_kept or [])
    if "text" in fields and patch.text is not None:
        guarded = privacy.guard_text(patch.text, keep)
        insight.text = guarded.text
        insight.shared_text = searchable_shared_text(patch.text, guarded.text, keep)
        insight.pii_flagged = insight.pii_flagged or guarded.flagged
    if "customer_ref" in fields:
        ref = privacy.guard_customer_ref(patch.customer_ref, keep)
        insight.customer_ref = ref.text
        insight.pii_flagged = insight.pii_flagged or ref.flagged
    if "impact" in fields and patch.impact is not None:
        insight.impact = patch.impact
    if "tags" in fields and patch.tags is not None:
        insight.tags = list(patch.tags)
    bump(session, insight)
    events.emit(session, "insight.updated", insight.id)
    if fields & {"customer_ref", "impact"}:
        backing.after_edit(session, insight)
    if (insight.community_id, insight.product_area_id) != old_route:
        session.flush()
        session.expire(insight, ["community", "product_area"])  # reloaded from the new ids
        # Also tell those who could see it where it was: their feed turns it into a "hidden" tombstone.
        feed.note_ids(session, "insight", insight.id, insight.author_id, *old_route)
    return insight


def withdraw(session: Session, actor: User, insight_id: str, base_version: int | None) -> tuple[Insight, bool]:
    """Withdraw (the rep takes it back); (insight, False) if it was already withdrawn."""
    insight = _own(session, actor, insight_id, base_version)
    if insight.withdrawn:
        return insight, False
    insight.withdrawn = True
    bump(session, insight)
    events.emit(session, "insight.updated", insight.id)
    return insight, True


def _own(session: Session, actor: User, insight_id: str, base_version: int | None) -> Insight:
    insight = get_visible(session, actor, insight_id, lock=True)
    if insight.author_id != actor.id:
        raise Forbidden("only the author can change an insight")
    if base_version is not None and base_version != insight.version:
        raise Conflict(
            f"the insight changed meanwhile (now version {insight.version}, edit made on {base_version})",
            current=insight,
        )
    return insight
