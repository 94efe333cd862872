"""Who sees what: the visibility rules of issue 4, as SQL conditions and as checks on one object."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, true

from server.models import Change, Insight, User

PRODUCT_ROLES = ("product", "admin")


def insight_condition(actor: User) -> ColumnElement[bool]:
    """Rep: own insights. Product: assigned communities or product areas. Admin: all."""
    if actor.role == "admin":
        return true()
    if actor.role == "rep":
        return Insight.author_id == actor.id
    return _assigned(actor, Insight.community_id, Insight.product_area_id)


def change_condition(actor: User) -> ColumnElement[bool]:
    """The same rule on the changes feed, whose rows keep author, community and area at change time."""
    if actor.role == "admin":
        return true()
    if actor.role == "rep":
        return Change.author_id == actor.id
    return _assigned(actor, Change.community_id, Change.product_area_id)


def can_see(actor: User, insight: Insight) -> bool:
    if actor.role == "admin":
        return True
    if actor.role == "rep":
        return insight.author_id == actor.id
    return (insight.community_id in {c.id for c in actor.communities}
            or insight.product_area_id in {a.id for a in actor.product_areas})


def can_triage(actor: User) -> bool:
    """Only product members (and admins) set status, mark duplicates and reply from the product side."""
    return actor.role in PRODUCT_ROLES


def _assigned(actor: User, community_col, area_col) -> ColumnElement[bool]:
    communities = [c.id for c in actor.communities]
    areas = [a.id for a in actor.product_areas]
    parts = []
    if communities:
        parts.append(community_col.in_(communities))
    if areas:
        parts.append(area_col.in_(areas))
    return or_(*parts) if parts else false()
