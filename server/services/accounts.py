"""Users, devices and tokens: sign-in, access-token checks, key-bound refresh, new devices and revocation."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from protocol import schema
from server import security
from server.models import Community, Device, ProductArea, Token, User, utcnow
from server.services import reference
from server.services.errors import Invalid, NotFound


class AuthError(Exception):
    """Sign-in or token refused; `code` is the protocol's error code."""

    def __init__(self, code: str, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason  # single sign-on: why, for programs (ErrorBody.details [{"reason": ...}])


@dataclass(frozen=True)
class Refusal:
    """Why a refresh of an organisation account is refused: `reason` for programs (ErrorBody.details; the
    desktop words it in the person's language, docs/protocol.md), `message` one sentence for people."""

    reason: str  # sso_no_access | sso_ended | sso_off | sso_unavailable
    message: str


@dataclass(frozen=True)
class TokenPolicy:
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(days=90)  # since the refresh token was last used
    # Single sign-on: why this user may not refresh now (groups no longer map, sign-in too old), or None.
    sso_check: Callable[[User], Refusal | None] | None = None


def create_user(
    session: Session,
    name: str,
    role: str,
    password: str,
    *,
    communities: Sequence[str] = (),
    product_areas: Sequence[str] = (),
) -> User:
    if role not in schema.ROLES:
        raise Invalid(f"role must be one of {', '.join(schema.ROLES)}")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise Invalid(f"user {name!r} already exists")
    if not password:
        raise Invalid("the password must not be empty")
    user = User(name=name, role=role, password_hash=security.hash_password(password))
    user.communities = [
        session.get_one(Community, reference.community_by_slug(session, slug).id) for slug in communities
    ]
    user.product_areas = [
        session.get_one(ProductArea, reference.product_area_by_slug(session, slug).id) for slug in product_areas
    ]
    session.add(user)
    session.flush()
    return user


def user_by_name(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user if name and password match and the account is enabled (same time either way)."""
    user = user_by_name(session, name)
    ok = security.verify_password(user.password_hash if user else None, password)
    return user if ok and user is not None and not user.disabled else None


def sign_in(
    session: Session,
    name: str,
    password: str,
    device_name: str,
    policy: TokenPolicy = TokenPolicy(),
    key_thumbprint: str | None = None,
) -> schema.TokenPair:
    """A new device for the user. With a key (a DPoP sign-in) its tokens are bound to that key and it gets a
    refresh token; without one, a bearer access token only (scripts): nothing long-lived to copy."""
    user = authenticate(session, name, password)
    if user is None:
        raise AuthError("unauthorized", "wrong user name or password")
    return sign_in_user(session, user, device_name, policy, key_thumbprint)


def sign_in_user(
    session: Session, user: User, device_name: str, policy: TokenPolicy, key_thumbprint: str | None
) -> schema.TokenPair:
    """A new device for a user already proven (password checked, or single sign-on's ID token)."""
    return _issue(session, _new_device(session, user, device_name, key_thumbprint), policy, with_refresh=True)


def add_device(
    session: Session, caller_device_id: str, device_name: str, key_thumbprint: str, policy: TokenPolicy = TokenPolicy()
) -> schema.TokenPair:
    """A new device for the caller's user, bound to another key: for a device whose mutation numbering forked."""
    caller = session.get(Device, caller_device_id)
    if caller is None or caller.revoked_at is not None or caller.user.disabled:
        raise AuthError("unauthorized", "this device is signed out")
    return _issue(session, _new_device(session, caller.user, device_name, key_thumbprint), policy, with_refresh=True)


def _new_device(session: Session, user: User, device_name: str, key_thumbprint: str | None) -> Device:
    device = Device(
        id=str(uuid.uuid4()),
        user=user,
        user_id=user.id,
        name=device_name,
        key_thumbprint=key_thumbprint,
        last_mutation=0,
        last_seen_at=utcnow(),
    )
    session.add(device)
    session.flush()
    return device


@dataclass(frozen=True)
class Caller:
    """Who an access token belongs to (plain values, usable after the session closes)."""

    user_id: int
    user_name: str
    role: str
    device_id: str
    key_thumbprint: str | None  # the key every request of this device must prove; None: a bearer token


def check_access(session: Session, token: str) -> Caller | None:
    """The caller of a valid, unexpired access token on a live device and enabled account, else None."""
    row = session.execute(
        select(User.id, User.name, User.role, Device.id, Device.key_thumbprint, Token.expires_at)
        .join(Device, Token.device_id == Device.id)
        .join(User, Device.user_id == User.id)
        .where(
            Token.token_hash == security.token_hash(token),
            Token.kind == "access",
            Token.revoked.is_(False),
            Device.revoked_at.is_(None),
            User.disabled.is_(False),
        )
    ).first()  # one query: this runs on every API call
    if row is None or row[5] <= utcnow():
        return None
    return Caller(row[0], row[1], row[2], row[3], row[4])


def refresh(session: Session, token: str, key_thumbprint: str, policy: TokenPolicy = TokenPolicy()) -> schema.TokenPair:
    """A new access token for a refresh token presented with a proof by the key it is bound to.

    The refresh token does not rotate, so a retry after a lost answer, or two processes refreshing at once,
    is simply answered again. Without the key the token is refused and nothing else happens: a copy cannot
    sign the real device out. Its lifetime counts from its last use."""
    now = utcnow()
    row = session.scalar(select(Token).where(Token.token_hash == security.token_hash(token), Token.kind == "refresh"))
    if row is None or row.revoked or row.expires_at <= now or row.device.revoked_at is not None:
        raise AuthError("refresh_refused", "sign in again")
    if row.device.user.disabled:
        raise AuthError("refresh_refused", "this account is disabled")
    if row.device.key_thumbprint is None or row.device.key_thumbprint != key_thumbprint:
        raise AuthError("refresh_refused", "this refresh token is bound to another key")
    refusal = policy.sso_check(row.device.user) if policy.sso_check else None
    if refusal is not None:
        raise AuthError("refresh_refused", refusal.message, reason=refusal.reason)
    row.expires_at = now + policy.refresh_ttl
    row.device.last_seen_at = now
    pair = _issue(session, row.device, policy, with_refresh=False)
    return pair.model_copy(update={"refresh_token": token})


def organisation_device(session: Session, token: str, key_thumbprint: str) -> str | None:
    """The device of this refresh token when `refresh` would accept it from this key and its user signs in
    with the organisation's provider (whose groups are read again first: server/sso/renewal.py); else None."""
    row = session.scalar(select(Token).where(Token.token_hash == security.token_hash(token), Token.kind == "refresh"))
    if row is None or row.revoked or row.expires_at <= utcnow() or row.device.revoked_at is not None:
        return None
    device = row.device
    if device.key_thumbprint != key_thumbprint or device.user.disabled or device.user.sso_subject is None:
        return None
    return device.id


def revoke_device(session: Session, device_id: str) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"device {device_id} not found")
    device.revoked_at = device.revoked_at or utcnow()
    # The provider's refresh token (single sign-on) serves only a live sign-in: not kept past it, even sealed.
    device.sso_refresh_token = None
    session.execute(update(Token).where(Token.device_id == device_id).values(revoked=True))
    return device


def devices_of(session: Session, user: User) -> list[Device]:
    return list(session.scalars(select(Device).where(Device.user_id == user.id).order_by(Device.created_at)))


def _issue(session: Session, device: Device, policy: TokenPolicy, *, with_refresh: bool) -> schema.TokenPair:
    now = utcnow()
    # Expired access tokens are useless: they go whenever the device gets a new one.
    session.execute(delete(Token).where(Token.device_id == device.id, Token.kind == "access", Token.expires_at < now))
    bound = device.key_thumbprint is not None
    access, refresh_token = security.new_token(), security.new_token() if bound and with_refresh else None
    access_expires: datetime = now + policy.access_ttl
    rows = [
        Token(device_id=device.id, kind="access", token_hash=security.token_hash(access), expires_at=access_expires)
    ]
    if refresh_token is not None:
        rows.append(
            Token(
                device_id=device.id,
                kind="refresh",
                token_hash=security.token_hash(refresh_token),
                expires_at=now + policy.refresh_ttl,
            )
        )
    session.add_all(rows)
    return schema.TokenPair(
        token_type=schema.DPOP_TOKEN if bound else schema.BEARER_TOKEN,
        device_id=device.id,
        access_token=access,
        access_expires_at=access_expires,
        refresh_token=refresh_token,
        user=user_info(device.user),
    )


def user_info(user: User) -> schema.UserInfo:
    return schema.UserInfo(
        name=user.name,
        role=user.role,
        communities=sorted(c.slug for c in user.communities),
        product_areas=sorted(a.slug for a in user.product_areas),
    )
