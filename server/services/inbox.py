"""Read helpers for the product team: filtered insight lists, threads and per-community counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, and_, case, func, or_, select
from sqlalchemy.orm import Session

from server.models import Community, Insight, ProductArea, Reply, User
from server.services.access import PRODUCT_ROLES, get_visible, insight_condition


@dataclass(frozen=True)
class InboxFilter:
    """Empty fields do not filter. `q` matches words in the text and customer reference, as the reader sees them
    (see `_matches`)."""

    community: str | None = None
    product_area: str | None = None
    status: str | None = None
    impact: str | None = None
    q: str | None = None
    include_withdrawn: bool = False
    include_duplicates: bool = True  # the web page's default list leaves merged duplicates out
    awaiting: bool = False  # the product team's turn: nothing answered yet, or a rep answered last


SORTS = ("newest", "customers", "oldest")
CLOSED = ("shipped", "declined")  # nothing awaits the product team on these


def list_insights(
    session: Session,
    actor: User,
    filters: InboxFilter = InboxFilter(),
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "newest",
) -> tuple[list[Insight], int]:
    """Visible insights matching the filter, and how many match in all. `sort`: newest first, or most
    customers behind it first (then newest)."""
    query = select(Insight).where(insight_condition(actor))
    query = _apply(query, actor, filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = [Insight.created_at.desc(), Insight.id]
    if sort == "customers":
        order.insert(0, Insight.customers.desc())
    elif sort == "oldest":
        order = [Insight.created_at, Insight.id]
    rows = session.scalars(query.order_by(*order).limit(limit).offset(offset))
    return list(rows), total


def get_thread(session: Session, actor: User, insight_id: str) -> tuple[Insight, list[Reply]]:
    """A visible insight and its replies, oldest first; NotFound if the actor may not see it."""
    insight = get_visible(session, actor, insight_id)
    replies = session.scalars(select(Reply).where(Reply.insight_id == insight.id).order_by(Reply.created_at, Reply.id))
    return insight, list(replies)


def _apply(query: Select[Insight], actor: User, filters: InboxFilter) -> Select[Insight]:
    if filters.community:
        query = query.where(
            Insight.community_id == select(Community.id).where(Community.slug == filters.community).scalar_subquery()
        )
    if filters.product_area:
        query = query.where(
            Insight.product_area_id
            == select(ProductArea.id).where(ProductArea.slug == filters.product_area).scalar_subquery()
        )
    if filters.status:
        query = query.where(Insight.status == filters.status)
    if filters.impact:
        query = query.where(Insight.impact == filters.impact)
    if not filters.include_withdrawn:
        query = query.where(Insight.withdrawn.is_(False))
    if not filters.include_duplicates:
        query = query.where(Insight.duplicate_of.is_(None))
    if filters.awaiting:
        query = query.where(
            or_(Insight.last_reply_side.is_(None), Insight.last_reply_side == "rep"),
            Insight.status.not_in(CLOSED),
            Insight.duplicate_of.is_(None),
        )
    for word in (filters.q or "").split()[:10]:
        # Plain LIKE with escaped wildcards: small data per product member; FTS can come later.
        pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(_matches(actor, pattern))
    return query


def _matches(actor: User, pattern: str) -> ColumnElement[bool]:
    """Search only what the reader can see, or it is an oracle: a rep could confirm another rep's customer
    reference or kept personal data one character at a time. The product team and the author see (and
    search) everything; other reps search the shared text (`Insight.shared_text`, null when it is the text)
    and no customer reference (the same rule as `insights.view`)."""

    def like(column: SQLColumnExpression[str]) -> ColumnElement[bool]:
        return func.lower(column).like(pattern, escape="\\")

    ref = like(func.coalesce(Insight.customer_ref, ""))
    if actor.role in PRODUCT_ROLES:
        return or_(like(Insight.text), ref)
    mine = Insight.author_id == actor.id
    shown = case((mine, Insight.text), else_=func.coalesce(Insight.shared_text, Insight.text))
    return or_(like(shown), and_(mine, ref))
