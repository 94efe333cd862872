"""Who belongs to which community: reps join and leave open ones; an admin sets any."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol import schema
from server.models import Community, User
from server.services import accounts, feed, reference
from server.services.errors import Forbidden, Invalid, NotFound


def listing(session: Session, actor: User) -> list[schema.Community]:
    """Every community, with whether it is open and whether the caller belongs to it."""
    mine = {c.id for c in actor.communities}
    return [
        schema.Community(slug=c.slug, name=c.name, open=bool(c.open), member=c.id in mine)
        for c in reference.communities(session)
    ]


def join(session: Session, actor: User, slug: str) -> schema.UserInfo:
    """Join a community (admins: any; everyone else: open ones). Joining twice changes nothing."""
    community = _self_service(session, actor, slug, "join")
    if community not in actor.communities:
        actor.communities.append(community)
        feed.note_access(session, actor.id)
    session.flush()
    return accounts.user_info(actor)


def leave(session: Session, actor: User, slug: str) -> schema.UserInfo:
    """Leave a community (admins: any; everyone else: open ones). Leaving one not joined changes nothing."""
    community = _self_service(session, actor, slug, "leave")
    if community in actor.communities:
        actor.communities.remove(community)
        feed.note_access(session, actor.id)
    session.flush()
    return accounts.user_info(actor)


def change_user(
    session: Session,
    name: str,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    replace: Iterable[str] | None = None,
) -> User:
    """The admin's command: add, remove or replace a user's communities (any community, open or not)."""
    user = accounts.user_by_name(session, name)
    if user is None:
        raise NotFound(f"no user {name!r}")
    if replace is not None:
        user.communities = [_community(session, slug) for slug in replace]
    for slug in add:
        community = _community(session, slug)
        if community not in user.communities:
            user.communities.append(community)
    for slug in remove:
        community = _community(session, slug)
        if community not in user.communities:
            raise Invalid(f"{name} is not in community {slug!r}")
        user.communities.remove(community)
    feed.note_access(session, user.id)
    session.flush()
    return user


def set_open(session: Session, slug: str, is_open: bool) -> Community:
    community = _community(session, slug)
    community.open = is_open
    session.flush()
    return community


def _self_service(session: Session, actor: User, slug: str, verb: str) -> Community:
    community = session.scalar(select(Community).where(Community.slug == slug))
    if community is None:
        raise NotFound(f"no community {slug!r}")
    if actor.role != "admin" and not community.open:
        raise Forbidden(f"{community.name} is not an open community: ask an administrator to {verb} it for you")
    return community


def _community(session: Session, slug: str) -> Community:
    community = session.scalar(select(Community).where(Community.slug == slug))
    if community is None:
        known = ", ".join(c.slug for c in reference.communities(session))
        raise Invalid(f"unknown community {slug!r}; known: {known}")
    return community
