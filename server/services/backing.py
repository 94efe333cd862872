"""Who is behind an insight: "same here"s, merged duplicates, and the customers/reps counts.

Counting rule (the one place it lives, `count`): the reports behind an insight are the insight itself (its
author and customer reference) plus every `SameHere` whose `insight_id` is it, merged duplicates included
(each stands in as one `SameHere` row with `merged_from`). customers = distinct non-empty customer
references (compared case-folded, whitespace removed) + reports without a reference; reps = distinct users.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from protocol import schema
from server.models import Insight, Reply, SameHere, User, utcnow
from server.services import events, feed, privacy, timing
from server.services.access import PRODUCT_ROLES, can_see, get_visible
from server.services.errors import IdTaken, Invalid
from server.services.feed import bump


def count(reports: Iterable[tuple[int, str | None]]) -> tuple[int, int]:
    """(customers, reps) of (user id, customer reference) reports; see the module docstring."""
    refs: set[str] = set()
    unnamed, users = 0, set()
    for user_id, ref in reports:
        users.add(user_id)
        key = "".join((ref or "").split()).casefold()
        if key:
            refs.add(key)
        else:
            unnamed += 1
    return len(refs) + unnamed, len(users)


def recount(session: Session, insight: Insight) -> bool:
    """Store the insight's counts from its reports; True if they changed."""
    rows = session.execute(
        select(SameHere.user_id, SameHere.customer_ref).where(SameHere.insight_id == insight.id)
    ).all()
    customers, reps = count([(insight.author_id, insight.customer_ref), *rows])
    if (insight.customers, insight.reps) == (customers, reps):
        return False
    insight.customers, insight.reps = customers, reps
    return True


def root_of(session: Session, insight: Insight) -> Insight:
    """Follow `duplicate_of` to the original (cycles are refused when marking; the guard is for safety)."""
    seen = {insight.id}
    while insight.duplicate_of is not None and insight.duplicate_of not in seen:
        insight = session.get_one(Insight, insight.duplicate_of)  # a foreign key: the original exists
        seen.add(insight.id)
    return insight


def add(session: Session, actor: User, draft: schema.SameHereDraft) -> tuple[SameHere, Insight, bool]:
    """Say "same here" on a visible insight: (row, the original it counts on, False if already stored)."""
    existing = session.get(SameHere, draft.id)
    if existing is not None:
        if existing.user_id != actor.id or existing.merged_from is not None:
            raise IdTaken(f"same-here id {draft.id} is already used")
        return existing, session.get_one(Insight, existing.insight_id), False
    target = get_visible(session, actor, draft.insight_id)
    if target.withdrawn:
        raise Invalid("this insight was withdrawn by its author; capture a new insight instead")
    root = _locked(session, root_of(session, target))
    newcomer = not can_see(actor, root)  # e.g. said on a duplicate whose original is in another community
    note = privacy.guard_text(draft.note, draft.pii_kept) if draft.note else None
    ref = privacy.guard_customer_ref(draft.customer_ref, draft.pii_kept)
    row = SameHere(
        id=draft.id,
        insight_id=root.id,
        said_on=target.id,
        user=actor,
        user_id=actor.id,
        customer_ref=ref.text,
        impact=draft.impact,
        note=note.text if note else None,
        pii_flagged=bool(ref.flagged or (note and note.flagged)),
        merged_from=None,
        created_at=timing.claimed(draft.created_at),
    )
    session.add(row)
    session.flush()
    recount(session, root)
    bump(session, root)  # author, community and backers receive the new counts
    events.emit(session, "same_here.created", root.id, same_here_id=row.id)
    if newcomer:
        renote_replies(session, root)
    return row, root, True


def to_schema(row: SameHere, reader: User) -> schema.SameHere:
    """Customer reference and note only for the product team and the rep who said it."""
    full = reader.role in PRODUCT_ROLES or row.user_id == reader.id
    return schema.SameHere(
        id=row.id,
        insight_id=row.insight_id,
        said_on=row.said_on,
        author=row.user.name,
        customer_ref=row.customer_ref if full else None,
        impact=row.impact,
        note=row.note if full else None,
        created_at=row.created_at,
    )


def of_insight(session: Session, actor: User, insight_id: str) -> list[schema.SameHere]:
    """The "same here"s counted on a visible insight, oldest first."""
    insight = get_visible(session, actor, insight_id)
    rows = session.scalars(
        select(SameHere).where(SameHere.insight_id == insight.id).order_by(SameHere.created_at, SameHere.id)
    )
    return [to_schema(row, actor) for row in rows]


def merged(session: Session, duplicate: Insight, old_root: Insight) -> None:
    """After `duplicate.duplicate_of` changed (marked, re-marked or cleared): move the counts.

    The duplicate's own report becomes (or stops being) a row on the original; every row said on the
    duplicate or on its own duplicates is re-homed to the new original. Each insight whose counts moved is
    recounted and bumped (the caller bumps `duplicate`), and the new original's thread is noted again so
    its new followers receive the replies written before they followed it.
    """
    subtree = _descendants(session, duplicate.id)
    moved = session.execute(
        select(SameHere.user_id, SameHere.insight_id).where(SameHere.said_on.in_(subtree))
    ).all()  # before the standing row goes
    _standing_row(session, duplicate)
    new_root = _locked(session, root_of(session, duplicate))
    session.execute(
        update(SameHere)
        .where(SameHere.said_on.in_(subtree))
        .values(insight_id=new_root.id)
        .execution_options(synchronize_session="fetch")
    )
    roots_before = {insight_id for _, insight_id in moved}
    _tell_former_backers(session, moved, new_root.id)
    touched = {old_root.id, new_root.id, duplicate.id} | roots_before
    for insight_id in sorted(touched):
        insight = session.get(Insight, insight_id)
        if insight is None:
            continue
        changed = recount(session, insight)
        if insight_id != duplicate.id and (changed or insight_id in (old_root.id, new_root.id)):
            bump(session, insight)  # both originals always: their duplicates changed even if counts did not
    renote_replies(session, new_root)


def detach(session: Session, insight: Insight) -> None:
    """Before an insight is erased: its duplicates become originals again (their reports and "same here"s
    with them) and it stops counting on its own original, so no count keeps an erased report."""
    for child in list(session.scalars(select(Insight).where(Insight.duplicate_of == insight.id))):
        old_root = root_of(session, child)
        child.duplicate_of = None
        bump(session, child)
        merged(session, child, old_root)
    if insight.duplicate_of is not None:
        old_root = root_of(session, insight)
        insight.duplicate_of = None
        merged(session, insight, old_root)


def after_edit(session: Session, insight: Insight) -> None:
    """The author changed the customer reference or impact: keep a merged insight's row and counts right."""
    row = _standing(session, insight)
    if row is not None:
        row.customer_ref, row.impact = insight.customer_ref, insight.impact
        session.flush()
    root = root_of(session, insight)
    if recount(session, root) and root is not insight:
        bump(session, root)


def renote_replies(session: Session, insight: Insight) -> None:
    """Put the insight's replies in the feed again (clients skip replies they already hold)."""
    for reply_id in session.scalars(
        select(Reply.id).where(Reply.insight_id == insight.id).order_by(Reply.created_at, Reply.id)
    ):
        feed.note(session, "reply", insight, reply_id=reply_id)


def _tell_former_backers(session: Session, moved: Sequence[tuple[int, str]], new_root_id: str) -> None:
    """A rep whose "same here" moved away from an insight may no longer see it: a feed row addressed to
    them (as its `author_id`, the column that routes a change to one reader) gives them its current state,
    or a `hidden` tombstone if they may no longer read it."""
    for user_id, insight_id in set(moved):
        former = session.get(Insight, insight_id)
        if insight_id != new_root_id and former is not None:
            feed.note_ids(session, "insight", former.id, user_id, former.community_id, former.product_area_id)


def _standing_row(session: Session, duplicate: Insight) -> None:
    """The row standing for a marked duplicate's own author and customer exists exactly while it is marked."""
    row = _standing(session, duplicate)
    if duplicate.duplicate_of is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            SameHere(
                id=str(uuid.uuid4()),  # never derived from the duplicate's id: a rep could take it first
                insight_id=root_of(session, duplicate).id,
                said_on=duplicate.id,
                user_id=duplicate.author_id,
                customer_ref=duplicate.customer_ref,
                impact=duplicate.impact,
                note=None,
                pii_flagged=False,
                merged_from=duplicate.id,
                created_at=utcnow(),
            )
        )
    session.flush()


def _descendants(session: Session, insight_id: str) -> set[str]:
    """The insight and every insight whose duplicate chain passes through it."""
    found, frontier = {insight_id}, {insight_id}
    while frontier:
        frontier = set(session.scalars(select(Insight.id).where(Insight.duplicate_of.in_(frontier)))) - found
        found |= frontier
    return found


def _locked(session: Session, insight: Insight) -> Insight:
    """Lock the row whose counts are about to change, so concurrent "same here"s recount one at a time."""
    return session.get_one(Insight, insight.id, with_for_update={"of": Insight}, populate_existing=True)


def _standing(session: Session, duplicate: Insight) -> SameHere | None:
    """The row standing for a merged duplicate's own report, found by what it is, never by an id: a rep's
    "same here" can never be taken for it, so the author's customer reference is only ever copied into a row
    that is the author's (uses the index on `said_on`)."""
    return session.scalar(
        select(SameHere).where(
            SameHere.said_on == duplicate.id,
            SameHere.merged_from == duplicate.id,
            SameHere.user_id == duplicate.author_id,
        )
    )
