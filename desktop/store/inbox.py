"""The inbox's query: the rep's insights with filters, full-text search, reply and unread counts, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, exists, func, select, text
from sqlalchemy.orm import Session

from desktop.domain import Insight, utc_now
from desktop.store.insights import _SELECT, to_insight
from desktop.store.models import InsightRow, ReplyRow


@dataclass(frozen=True)
class InboxFilter:
    """Every field optional; `text` is the words typed in the search box (matched as the user types)."""

    community: str | None = None
    status: str | None = None
    impact: str | None = None
    match: str | None = None  # an FTS5 query built by desktop.store.search.fts_query
    include_withdrawn: bool = True
    view: str | None = None  # one of VIEWS: the rep's own, or the community's
    only: str | None = None  # one of ONLY: unread replies, answered by the product team, new this week


# The inbox's views: what the rep follows, and the community feed (insights of their communities they only
# read): all of it, what is new this week, what the product team answered, and what shipped.
VIEWS = ("mine", "community", "community_new", "community_answered", "community_shipped")
NEW_DAYS = 7
# Narrowings that are not a status; the inbox offers them in one list with the statuses, one at a time.
ONLY = ("unread", "answered", "new")


@dataclass(frozen=True)
class InboxRow:
    insight: Insight
    replies: int
    unread: int


def _conditions(f: InboxFilter) -> list[Any]:
    conditions = []
    if f.community:
        conditions.append(InsightRow.community == f.community)
    if f.status:
        conditions.append(InsightRow.status == f.status)
    if f.impact:
        conditions.append(InsightRow.impact == f.impact)
    if not f.include_withdrawn:
        conditions.append(InsightRow.withdrawn.is_(False))
    if f.view:
        conditions += _view(f.view)
    if f.only:
        conditions.append(_only(f.only))
    if f.match:
        conditions.append(
            InsightRow.rowid.in_(
                text("SELECT rowid FROM insight_fts WHERE insight_fts MATCH :match").bindparams(match=f.match)
            )
        )
    return conditions


def _view(view: str, now: datetime | None = None) -> list[Any]:
    if view not in VIEWS:
        raise ValueError(f"unknown inbox view {view!r}")
    if view == "mine":
        return [InsightRow.following.is_(True)]
    conditions: list[Any] = [InsightRow.following.is_(False)]
    if view == "community_new":
        conditions.append(InsightRow.created_at >= (now or utc_now()) - timedelta(days=NEW_DAYS))
    elif view == "community_answered":
        conditions.append(
            exists().where(ReplyRow.insight_uuid == InsightRow.uuid, ReplyRow.author_role.in_(("product", "admin")))
        )
    elif view == "community_shipped":
        conditions.append(InsightRow.status == "shipped")
    return conditions


def _only(only: str, now: datetime | None = None) -> Any:
    if only == "unread":
        return exists().where(
            ReplyRow.insight_uuid == InsightRow.uuid, ReplyRow.read.is_(False), ReplyRow.mine.is_(False)
        )
    if only == "answered":
        return exists().where(ReplyRow.insight_uuid == InsightRow.uuid, ReplyRow.author_role.in_(("product", "admin")))
    if only == "new":
        return InsightRow.created_at >= (now or utc_now()) - timedelta(days=NEW_DAYS)
    raise ValueError(f"unknown inbox narrowing {only!r}")


def count(session: Session, f: InboxFilter) -> int:
    return session.scalar(select(func.count()).select_from(InsightRow).where(*_conditions(f))) or 0


def page(session: Session, f: InboxFilter, offset: int, limit: int) -> list[InboxRow]:
    """Newest first; reply counts come from one grouped query over just this page's insights."""
    rows = session.execute(
        _SELECT.where(*_conditions(f))
        .order_by(InsightRow.created_at.desc(), InsightRow.rowid.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [r.uuid for r in rows]
    counts = {
        r.insight_uuid: (r.total, r.unread or 0)
        for r in session.execute(
            select(
                ReplyRow.insight_uuid,
                func.count().label("total"),
                # Cast to a number, not to the Boolean column type: that would read the sum back as True.
                func.sum(((ReplyRow.read.is_(False)) & (ReplyRow.mine.is_(False))).cast(Integer)).label("unread"),
            )
            .where(ReplyRow.insight_uuid.in_(ids))
            .group_by(ReplyRow.insight_uuid)
        )
    }
    return [InboxRow(to_insight(r), *counts.get(r.uuid, (0, 0))) for r in rows]
