"""From an organisation account to a Palaute user: made on first sign-in, role and communities from the
groups at every sign-in, and the check made at each refresh."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.config import Settings
from server.group_map import Access, GroupMap
from server.models import Community, ProductArea, User, utcnow
from server.services import account_admin
from server.services.accounts import Refusal
from server.sso.oidc import IdClaims, SsoError

_Row = TypeVar("_Row", Community, ProductArea)

log = logging.getLogger("palaute.server.sso")
# Stored instead of a password hash: argon2 rejects it, so an organisation account has no password sign-in.
NO_PASSWORD = "!sso"

NO_GROUP = "Your organisation account is in no group that gives access to Palaute. Ask your administrator to add you."
SIGN_IN_ENDED = "Your organisation sign-in has ended. Sign in with your organisation again."
SSO_OFF = Refusal("sso_off", "Single sign-on is turned off on this server. Ask your administrator.")


def subject_of(claims: IdClaims) -> str:
    return f"{claims.issuer} {claims.subject}"


def sign_in_user(
    session: Session,
    claims: IdClaims,
    groups: GroupMap,
    *,
    roles: tuple[str, ...] | None = None,
    wrong_role: str = "",
    now: datetime | None = None,
) -> User:
    """The user for these (checked) claims, made or updated; refused when no group maps, the role is not one
    of `roles` (the web page is for the product team), or the account is disabled. The caller's transaction
    makes it all or nothing."""
    access = groups.access(claims.groups)
    user = session.scalar(select(User).where(User.sso_subject == subject_of(claims)))
    if access is None:
        raise SsoError("sso_no_access", NO_GROUP)
    if roles is not None and access.role not in roles:
        raise SsoError("sso_wrong_role", wrong_role)
    if user is None:
        user = _new_user(session, claims, access)
    if user.disabled:
        raise SsoError("sso_disabled", "Your Palaute account is disabled. Ask your administrator.")
    apply_access(session, user, access)
    user.sso_groups, user.sso_checked_at = list(claims.groups), now or utcnow()
    session.flush()
    return user


def _new_user(session: Session, claims: IdClaims, access: Access) -> User:
    name = claims.username
    if not name:
        raise SsoError("sso_refused", "The sign-in service gave no user name; ask your administrator.")
    holder = session.scalar(select(User).where(User.name == name))
    if holder is not None:
        # Never attach an organisation account to another account by name alone: that name might be another
        # person's. The admin renames or removes the old account first.
        how = "with a password" if holder.sso_subject is None else "with another organisation account"
        raise SsoError(
            "sso_name_taken",
            f"A Palaute account named {name!r} already signs in {how}. Ask your administrator.",
        )
    user = User(name=name, role=access.role, password_hash=NO_PASSWORD, sso_subject=subject_of(claims))
    session.add(user)
    return user


def apply_access(session: Session, user: User, access: Access) -> None:
    user.role = access.role
    user.communities = _existing(session, Community, access.communities)
    user.product_areas = _existing(session, ProductArea, access.product_areas)


def _existing(session: Session, model: type[_Row], slugs: tuple[str, ...]) -> list[_Row]:
    if not slugs:
        return []
    rows = list(session.scalars(select(model).where(model.slug.in_(slugs))))
    missing = set(slugs) - {row.slug for row in rows}
    if missing:  # a mapping to a community that does not exist (yet): the admin's typo or order of setup
        log.warning("group map names unknown %s: %s", model.__tablename__, ", ".join(sorted(missing)))
    return rows


def refresh_check(settings: Settings) -> Callable[[User], Refusal | None]:
    """The check `accounts.refresh` makes for each device, with this server's map and maximum age."""
    groups = GroupMap.parse(settings.oidc_group_map) if settings.sso_enabled else None
    max_age = timedelta(hours=settings.oidc_max_age_hours)
    return lambda user: refresh_refusal(user, groups, max_age)


def lost_access(session: Session, claims: IdClaims) -> None:
    """The provider says this person's groups no longer give access: keep that, and sign them out
    everywhere at once (their other devices and web sessions), not only at their next refresh."""
    user = session.scalar(select(User).where(User.sso_subject == subject_of(claims)))
    if user is None:
        return
    user.sso_groups = list(claims.groups)
    account_admin.sign_out_everywhere(session, user)


def refresh_refusal(
    user: User, groups: GroupMap | None, max_age: timedelta, now: datetime | None = None
) -> Refusal | None:
    """Why an organisation account's device or web session may not refresh now, or None. Checked against the
    groups the provider last gave (at sign-in, or at a refresh with its refresh token: server/sso/renewal.py)
    and today's map, so a group removed from the map takes effect at once; groups older than `max_age` (the
    provider gave no refresh token, or has not answered for that long) are not trusted."""
    if user.sso_subject is None:
        return None
    if groups is None:
        return SSO_OFF
    if groups.access(user.sso_groups or []) is None:  # e.g. the admin took the group out of the map
        return Refusal("sso_no_access", NO_GROUP)
    if user.sso_checked_at is None or user.sso_checked_at + max_age <= (now or utcnow()):
        return Refusal("sso_ended", SIGN_IN_ENDED)
    return None
