"""Read-only queries the web page needs beyond server.services.inbox: menus, reply counts, same-heres,
summary grid."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.orm import Session

from server.models import Community, Insight, ProductArea, Reply, SameHere, User
from server.services import access


def visible_to(user: User) -> ColumnElement[bool]:
    """The server's one visibility rule (server.services.access); the web page is for the product side."""
    if user.role not in access.PRODUCT_ROLES:
        return false()
    return access.insight_condition(user)


def communities_for(session: Session, user: User) -> list[Community]:
    """The communities the user follows (all of them for an admin), in seeded order."""
    if user.role == "admin":
        return list(session.scalars(select(Community).order_by(Community.id)))
    return sorted(user.communities, key=lambda c: c.id)


def product_areas(session: Session) -> list[ProductArea]:
    return list(session.scalars(select(ProductArea).order_by(ProductArea.id)))


def reply_counts(session: Session, insight_ids: list[str]) -> dict[str, int]:
    if not insight_ids:
        return {}
    rows = session.execute(
        select(Reply.insight_id, func.count()).where(Reply.insight_id.in_(insight_ids)).group_by(Reply.insight_id)
    )
    return {insight_id: count for insight_id, count in rows}


def summary_counts(
    session: Session, user: User, days: int, now: datetime | None = None
) -> dict[tuple[int, int | None, str], int]:
    """Counts of insights received in the last `days` days keyed by (community, product area, impact)."""
    since = (now or datetime.now(UTC)) - timedelta(days=days)
    rows = session.execute(
        select(Insight.community_id, Insight.product_area_id, Insight.impact, func.count())
        .where(visible_to(user), Insight.withdrawn.is_(False), Insight.created_at >= since)
        .group_by(Insight.community_id, Insight.product_area_id, Insight.impact)
    )
    return {(community, area, impact): count for community, area, impact, count in rows}


def duplicates_of(session: Session, user: User, insight_id: str) -> list[Insight]:
    return list(
        session.scalars(
            select(Insight).where(Insight.duplicate_of == insight_id, visible_to(user)).order_by(Insight.created_at)
        )
    )


def same_heres_on(session: Session, insight_id: str) -> list[SameHere]:
    """Every "same here" counted on the insight (merged duplicates' included), oldest first."""
    return list(
        session.scalars(
            select(SameHere).where(SameHere.insight_id == insight_id).order_by(SameHere.created_at, SameHere.id)
        )
    )


def texts_of(session: Session, user: User, insight_ids: set[str]) -> dict[str, str]:
    """The texts of those insights the user may see (for "merged from" links), in one query."""
    if not insight_ids:
        return {}
    rows = session.execute(select(Insight.id, Insight.text).where(Insight.id.in_(insight_ids), visible_to(user)))
    return {insight_id: text for insight_id, text in rows}
