"""Read-only queries behind the web page: what a product member may see, listed, filtered and counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Select, String, cast, false, func, or_, select
from sqlalchemy.orm import Session

from server.models import Community, Insight, ProductArea, Reply, User
from server.services import access
from server.web.views import InboxFilters


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


def _filtered(user: User, filters: InboxFilters) -> Select:
    query = (select(Insight).join(Insight.community).join(Insight.author)
             .outerjoin(Insight.product_area).where(visible_to(user), Insight.withdrawn.is_(False)))
    if filters.community:
        query = query.where(Community.slug == filters.community)
    if filters.product_area:
        query = query.where(ProductArea.slug == filters.product_area)
    if filters.status:
        query = query.where(Insight.status == filters.status)
    if filters.impact:
        query = query.where(Insight.impact == filters.impact)
    for word in filters.q.lower().split():
        # Each word must appear somewhere: the text, the customer, a tag or the representative's name.
        query = query.where(or_(
            func.lower(Insight.text).contains(word, autoescape=True),
            func.lower(func.coalesce(Insight.customer_ref, "")).contains(word, autoescape=True),
            func.lower(cast(Insight.tags, String)).contains(word, autoescape=True),
            func.lower(User.name).contains(word, autoescape=True),
        ))
    return query


def list_insights(session: Session, user: User, filters: InboxFilters, offset: int,
                  limit: int) -> tuple[list[Insight], dict[str, int], int]:
    """A page of matching insights (newest first), their reply counts and the total number matching."""
    query = _filtered(user, filters)
    total = session.scalar(select(func.count()).select_from(query.with_only_columns(Insight.id).subquery())) or 0
    page = list(session.scalars(query.order_by(Insight.created_at.desc(), Insight.id).offset(offset).limit(limit)))
    counts: dict[str, int] = {}
    if page:
        rows = session.execute(select(Reply.insight_id, func.count()).where(
            Reply.insight_id.in_([i.id for i in page])).group_by(Reply.insight_id))
        counts = {insight_id: count for insight_id, count in rows}
    return page, counts, total


def replies_of(session: Session, insight_id: str) -> list[Reply]:
    return list(session.scalars(select(Reply).where(Reply.insight_id == insight_id)
                                .order_by(Reply.created_at, Reply.id)))


def summary_counts(session: Session, user: User, days: int,
                   now: datetime | None = None) -> dict[tuple[int, int | None, str], int]:
    """Counts of insights received in the last `days` days keyed by (community, product area, impact)."""
    since = (now or datetime.now(UTC)) - timedelta(days=days)
    rows = session.execute(
        select(Insight.community_id, Insight.product_area_id, Insight.impact, func.count())
        .where(visible_to(user), Insight.withdrawn.is_(False), Insight.created_at >= since)
        .group_by(Insight.community_id, Insight.product_area_id, Insight.impact))
    return {(community, area, impact): count for community, area, impact, count in rows}
