"""Who sees what, as SQL conditions and as checks on one object.

A rep sees what they wrote, every insight of their communities (read only; see insights.to_schema for what
is hidden from them), and every insight they back with a "same here" (`SameHere.insight_id`, which follows
merges to the original). Product members see their assigned communities and product areas; admins all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, exists, false, or_, select, true
from sqlalchemy.orm import Session

from server.models import Change, Insight, SameHere, User
from server.services.errors import NotFound

PRODUCT_ROLES = ("product", "admin")


class Routed(Protocol):
    """What routing reads from an insight or a feed row: its author, community and product area."""

    @property
    def author_id(self) -> int: ...
    @property
    def community_id(self) -> int: ...
    @property
    def product_area_id(self) -> int | None: ...


class Visible(Routed, Protocol):
    """An insight, loaded (models.Insight) or as a snapshot (insights.Snapshot)."""

    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class Reader:
    """Who reads, as plain values: a waiting long-poll keeps it after the session that loaded the user ends."""

    id: int
    name: str
    role: str
    community_ids: frozenset[int]
    area_ids: frozenset[int]
    community_slugs: tuple[str, ...]  # sorted: every pull answer carries them

    @classmethod
    def of(cls, user: User) -> Reader:
        return cls(
            id=user.id,
            name=user.name,
            role=user.role,
            community_ids=frozenset(c.id for c in user.communities),
            area_ids=frozenset(a.id for a in user.product_areas),
            community_slugs=tuple(sorted(c.slug for c in user.communities)),
        )


def scope(actor: User | Reader) -> tuple[frozenset[int], frozenset[int]]:
    """The actor's community ids and product area ids."""
    if isinstance(actor, Reader):
        return actor.community_ids, actor.area_ids
    return frozenset(c.id for c in actor.communities), frozenset(a.id for a in actor.product_areas)


def insight_condition(actor: User) -> ColumnElement[bool]:
    """Rep: own, their communities' and backed insights. Product: assigned communities or areas. Admin: all."""
    if actor.role == "admin":
        return true()
    if actor.role == "rep":
        return _rep(actor, Insight.author_id, Insight.community_id, Insight.id)
    return _assigned(actor, Insight.community_id, Insight.product_area_id)


def change_condition(actor: User | Reader) -> ColumnElement[bool]:
    """The same rule on the changes feed, whose rows keep author, community and area at change time."""
    if actor.role == "admin":
        return true()
    if actor.role == "rep":
        return _rep(actor, Change.author_id, Change.community_id, Change.insight_id)
    return _assigned(actor, Change.community_id, Change.product_area_id)


def cell_condition(
    actor: User, community_col: SQLColumnExpression[int], area_col: SQLColumnExpression[int | None]
) -> ColumnElement[bool]:
    """The product side's rule on rows keyed by (community, product area), such as the analytics roll-up."""
    if actor.role == "admin":
        return true()
    if actor.role not in PRODUCT_ROLES:
        return false()
    return _assigned(actor, community_col, area_col)


def backed_ids(actor: User | Reader) -> Select[str]:
    """The ids of the insights the actor backs with a "same here" (uses ix_same_heres_user_insight)."""
    return select(SameHere.insight_id).where(SameHere.user_id == actor.id)


def can_see(actor: User | Reader, insight: Visible, backed: set[str] | None = None) -> bool:
    """The same rule on one loaded insight (or its snapshot). `backed`: the ids the rep backs, when the caller
    batched that lookup (a pull page); otherwise it is looked up, and only when author and community did not
    decide."""
    if actor.role == "admin":
        return True
    communities, areas = scope(actor)
    if actor.role == "rep":
        if insight.author_id == actor.id or insight.community_id in communities:
            return True
        if backed is not None:
            return insight.id in backed
        return backs(Session.object_session(insight), actor, insight.id)
    return insight.community_id in communities or insight.product_area_id in areas


def routed_to(reader: Reader, row: Routed, backers: frozenset[int] | set[int]) -> bool:
    """change_condition on one feed row in memory; `backers`: the users backing the row's insight now."""
    if reader.role == "admin":
        return True
    if reader.role == "rep":
        return row.author_id == reader.id or row.community_id in reader.community_ids or reader.id in backers
    return row.community_id in reader.community_ids or row.product_area_id in reader.area_ids


def can_triage(actor: User) -> bool:
    """Only product members (and admins) set status, mark duplicates and reply from the product side."""
    return actor.role in PRODUCT_ROLES


def backed_among(session: Session, actor: User | Reader, insight_ids: Iterable[str]) -> set[str]:
    """Which of these insights the actor backs with a "same here": one query for a whole page."""
    ids = set(insight_ids)
    if actor.role != "rep" or not ids:
        return set()
    return set(session.scalars(backed_ids(actor).where(SameHere.insight_id.in_(ids))))


def backs(session: Session | None, actor: User | Reader, insight_id: str) -> bool:
    """Whether the actor has a "same here" counted on this insight."""
    if session is None:
        return False
    return bool(session.scalar(select(exists().where(SameHere.user_id == actor.id, SameHere.insight_id == insight_id))))


def _rep(
    actor: User | Reader,
    author_col: SQLColumnExpression[int],
    community_col: SQLColumnExpression[int],
    insight_col: SQLColumnExpression[str],
) -> ColumnElement[bool]:
    parts = [author_col == actor.id, insight_col.in_(backed_ids(actor))]
    communities = sorted(scope(actor)[0])
    if communities:
        parts.append(community_col.in_(communities))
    return or_(*parts)


def _assigned(
    actor: User | Reader, community_col: SQLColumnExpression[int], area_col: SQLColumnExpression[int | None]
) -> ColumnElement[bool]:
    communities, areas = (sorted(ids) for ids in scope(actor))
    parts: list[ColumnElement[bool]] = []
    if communities:
        parts.append(community_col.in_(communities))
    if areas:
        parts.append(area_col.in_(areas))
    return or_(*parts) if parts else false()


def get_visible(session: Session, actor: User, insight_id: str, *, lock: bool = False) -> Insight:
    """The insight if the actor may see it; NotFound otherwise (never reveals that it exists).

    `lock=True` before changing it: the row stays locked to commit, so two concurrent changes cannot both
    write the same next version (PostgreSQL; SQLite write transactions are serialised anyway).
    """
    if lock:
        insight = session.get(Insight, insight_id, with_for_update={"of": Insight}, populate_existing=True)
    else:
        insight = session.get(Insight, insight_id)
    if insight is None or not can_see(actor, insight):
        raise NotFound(f"insight {insight_id} not found")
    return insight
