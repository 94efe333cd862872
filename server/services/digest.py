"""The weekly community digest: what each community captured, what was answered, what shipped.

A digest never names a customer: items carry only text, status and the customers/reps counts, and the text
as the reader may read it (`insights.text_for`: other reps get kept personal data masked, as in every list).
Each community costs seven queries, whatever the number of insights in it (two for its loop figures, over
the four weeks up to the digest's: answered within 7 days, shipped, customers behind shipped work).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, aliased

from protocol import schema
from protocol.digest import NoSuchWeek, WeekError, snippet, week_bounds, week_of
from server.models import Community, Insight, Reply, SameHere, User, utcnow
from server.services import rollup
from server.services.access import PRODUCT_ROLES
from server.services.errors import Invalid, NotFound
from server.services.insights import text_for

TOP_ITEMS = 5  # "top" lists the week's new insights with the most customers behind them
LOOP_WEEKS = 4  # the loop figures look back this many weeks (one week alone says too little)


def build(
    session: Session, reader: User, week: str | None = None, community: str | None = None, now: datetime | None = None
) -> schema.Digest:
    """The digest of `week` (default: the current ISO week) for the reader's communities, or one of them."""
    now = now or utcnow()
    week = week or week_of(now)
    try:
        starts, ends = week_bounds(week)
    except NoSuchWeek as error:  # well formed (the API's pattern checked that) but not in the calendar
        raise NotFound(str(error)) from None
    except WeekError as error:
        raise Invalid(str(error)) from None
    chosen = _communities(session, reader, community)
    return schema.Digest(
        week=week,
        starts=starts,
        ends=ends,
        communities=[_community(session, reader, c, starts, ends, now) for c in chosen],
    )


def communities_of(session: Session, reader: User) -> list[Community]:
    """Whose digests the reader gets: a rep's and a product member's own communities, every one for an admin."""
    if reader.role == "admin":
        return list(session.scalars(select(Community).order_by(Community.id)))
    return sorted(reader.communities, key=lambda c: c.id)


def _communities(session: Session, reader: User, slug: str | None) -> list[Community]:
    mine = communities_of(session, reader)
    if slug is None:
        return mine
    chosen = [c for c in mine if c.slug == slug]
    if not chosen:  # unknown and not-yours look the same, like insights
        raise NotFound(f"community {slug!r} is not one of yours; ask an administrator to add you to it")
    return chosen


def _community(
    session: Session, reader: User, community: Community, starts: datetime, ends: datetime, now: datetime
) -> schema.CommunityDigest:
    return schema.CommunityDigest(
        community=community.slug,
        name=community.name,
        captured=_captured(session, community.id, starts, ends),
        same_here=_same_heres(session, community.id, starts, ends),
        top=_top(session, reader, community.id, starts, ends),
        answered=_answered(session, reader, community.id, starts, ends),
        shipped=_shipped(session, reader, community.id, starts, ends),
        loop=loop(session, community.id, starts - timedelta(days=7 * (LOOP_WEEKS - 1)), ends, now),
    )


def _live(community_id: int) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The community's insights that still stand (a withdrawn one is no news)."""
    return (Insight.community_id == community_id, Insight.withdrawn.is_(False))


def _captured(session: Session, community_id: int, starts: datetime, ends: datetime) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Insight)
            .where(*_live(community_id), Insight.created_at >= starts, Insight.created_at < ends)
        )
        or 0
    )


def _same_heres(session: Session, community_id: int, starts: datetime, ends: datetime) -> int:
    # Counted where the rep said it (`said_on`); rows standing for a merged duplicate's author are not
    # something anyone said this week (`merged_from` set).
    return (
        session.scalar(
            select(func.count())
            .select_from(SameHere)
            .join(Insight, Insight.id == SameHere.said_on)
            .where(
                *_live(community_id),
                SameHere.merged_from.is_(None),
                SameHere.created_at >= starts,
                SameHere.created_at < ends,
            )
        )
        or 0
    )


# Only the columns an item shows (and those that decide how its text is shown): loading whole insights would
# also load their authors (and, through them, each author's communities), a query per person, not per community.
# (id, text, status, customers, reps, author_id, pii_kept)
_ItemRow = tuple[str, str, str, int, int, int, list[str]]
_ITEM = (Insight.id, Insight.text, Insight.status, Insight.customers, Insight.reps, Insight.author_id, Insight.pii_kept)


def _top(
    session: Session, reader: User, community_id: int, starts: datetime, ends: datetime
) -> list[schema.DigestItem]:
    rows = session.execute(
        select(*_ITEM)
        .where(
            *_live(community_id),
            Insight.duplicate_of.is_(None),
            Insight.created_at >= starts,
            Insight.created_at < ends,
        )
        .order_by(Insight.customers.desc(), Insight.reps.desc(), Insight.created_at.desc(), Insight.id)
        .limit(TOP_ITEMS)
    )
    return [_item(reader, i) for i in rows]


def _answered(
    session: Session, reader: User, community_id: int, starts: datetime, ends: datetime
) -> list[schema.DigestItem]:
    """Insights with a product-side reply in the week, most recent reply first, with that reply."""
    author = aliased(User)
    rows = session.execute(
        select(*_ITEM, Reply.body)
        .join(Reply, Reply.insight_id == Insight.id)
        .join(author, author.id == Reply.author_id)
        .where(
            *_live(community_id), author.role.in_(PRODUCT_ROLES), Reply.created_at >= starts, Reply.created_at < ends
        )
        .order_by(Reply.created_at.desc(), Reply.id.desc())
    )
    items: dict[str, schema.DigestItem] = {}
    for row in rows:  # newest reply first, so the first one seen per insight is its latest
        insight, body = row[:-1], row[-1]
        if insight[0] not in items:
            items[insight[0]] = _item(reader, insight, reply=snippet(body))
    return list(items.values())


def _shipped(
    session: Session, reader: User, community_id: int, starts: datetime, ends: datetime
) -> list[schema.DigestItem]:
    rows = session.execute(
        select(*_ITEM)
        .where(
            *_live(community_id),
            Insight.status == "shipped",
            Insight.status_changed_at >= starts,
            Insight.status_changed_at < ends,
        )
        .order_by(Insight.status_changed_at.desc(), Insight.id)
    )
    return [_item(reader, i) for i in rows]


def loop(session: Session, community_id: int, starts: datetime, ends: datetime, now: datetime) -> schema.DigestLoop:
    """The community's loop figures over [starts, ends): the same definitions as the analytics page's."""
    cutoff = now - timedelta(days=7)  # captured before it: had its 7 days
    hours = rollup.Dates(session).hours(Insight.created_at, Insight.first_reply_at)
    judged, in_time = session.execute(
        select(
            func.count(), func.sum(case(((Insight.first_reply_at.is_not(None)) & (hours <= 7 * 24), 1), else_=0))
        ).where(
            *_live(community_id), Insight.created_at >= starts, Insight.created_at < ends, Insight.created_at <= cutoff
        )
    ).one()
    shipped, customers = session.execute(
        select(func.count(), func.sum(Insight.customers)).where(
            *_live(community_id),
            Insight.status == "shipped",
            Insight.duplicate_of.is_(None),
            Insight.status_changed_at >= starts,
            Insight.status_changed_at < ends,
        )
    ).one()
    return schema.DigestLoop(
        judged_for_7_days=judged or 0,
        answered_within_7_days=int(in_time or 0),
        shipped=shipped or 0,
        customers_behind_shipped=int(customers or 0),
    )


def _item(reader: User, row: _ItemRow, reply: str | None = None) -> schema.DigestItem:
    """An item from a row of `_ITEM` columns; masked before it is cut, so no cut can split a masked value."""
    insight_id, text, status, customers, reps, author_id, pii_kept = row
    shown = snippet(text_for(reader, author_id, text, pii_kept))
    return schema.DigestItem(id=insight_id, text=shown, status=status, customers=customers, reps=reps, reply=reply)
