"""Users, devices and tokens: sign-in, access-token checks, refresh-token rotation and revocation."""

from __future__ import annotations

import uuid
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

    def __init__(self, code: str, message: str, revoke_device: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.revoke_device = revoke_device  # the caller revokes it in a transaction that commits


@dataclass(frozen=True)
class TokenPolicy:
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(days=90)
    grace: timedelta = timedelta(seconds=30)


def create_user(
    session: Session, name: str, role: str, password: str, *, communities: list[str] = (), product_areas: list[str] = ()
) -> User:
    if role not in schema.ROLES:
        raise Invalid(f"role must be one of {', '.join(schema.ROLES)}")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise Invalid(f"user {name!r} already exists")
    if not password:
        raise Invalid("the password must not be empty")
    user = User(name=name, role=role, password_hash=security.hash_password(password))
    user.communities = [session.get(Community, reference.community_by_slug(session, slug).id) for slug in communities]
    user.product_areas = [
        session.get(ProductArea, reference.product_area_by_slug(session, slug).id) for slug in product_areas
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
    session: Session, name: str, password: str, device_name: str, policy: TokenPolicy = TokenPolicy()
) -> schema.TokenPair:
    user = authenticate(session, name, password)
    if user is None:
        raise AuthError("unauthorized", "wrong user name or password")
    device = Device(
        id=str(uuid.uuid4()), user=user, user_id=user.id, name=device_name, last_mutation=0, last_seen_at=utcnow()
    )
    session.add(device)
    session.flush()
    return _issue(session, device, policy)


@dataclass(frozen=True)
class Caller:
    """Who an access token belongs to (plain values, usable after the session closes)."""

    user_id: int
    user_name: str
    role: str
    device_id: str


def check_access(session: Session, token: str) -> Caller | None:
    """The caller of a valid, unexpired access token on a live device and enabled account, else None."""
    row = session.execute(
        select(User.id, User.name, User.role, Device.id, Token.expires_at)
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
    if row is None or row[4] <= utcnow():
        return None
    return Caller(row[0], row[1], row[2], row[3])


def refresh(session: Session, token: str, policy: TokenPolicy = TokenPolicy()) -> schema.TokenPair:
    """Rotate a refresh token. A spent one again within the grace window re-issues (the answer was lost);
    later, it is taken as stolen and the device's whole chain is revoked."""
    now = utcnow()
    row = session.scalar(
        select(Token)
        .where(Token.token_hash == security.token_hash(token), Token.kind == "refresh")
        .with_for_update(of=Token)
    )
    if row is None or row.revoked or row.expires_at <= now or row.device.revoked_at is not None:
        raise AuthError("refresh_refused", "sign in again")
    if row.device.user.disabled:
        raise AuthError("refresh_refused", "this account is disabled")
    if row.rotated_at is not None:
        if now - row.rotated_at > policy.grace:
            raise AuthError(
                "refresh_refused",
                "this refresh token was already used; the device is signed out",
                revoke_device=row.device_id,
            )
        _revoke_pairs_after(session, row)
    row.rotated_at = row.rotated_at or now
    row.device.last_seen_at = now
    return _issue(session, row.device, policy)


def revoke_device(session: Session, device_id: str) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"device {device_id} not found")
    device.revoked_at = device.revoked_at or utcnow()
    session.execute(update(Token).where(Token.device_id == device_id).values(revoked=True))
    return device


def devices_of(session: Session, user: User) -> list[Device]:
    return list(session.scalars(select(Device).where(Device.user_id == user.id).order_by(Device.created_at)))


def _issue(session: Session, device: Device, policy: TokenPolicy) -> schema.TokenPair:
    now = utcnow()
    # Expired access tokens are useless; spent refresh tokens stay until they expire (reuse detection).
    session.execute(delete(Token).where(Token.device_id == device.id, Token.kind == "access", Token.expires_at < now))
    pair = uuid.uuid4().hex
    access, refresh_token = security.new_token(), security.new_token()
    access_expires: datetime = now + policy.access_ttl
    session.add_all(
        [
            Token(
                device_id=device.id,
                kind="access",
                token_hash=security.token_hash(access),
                expires_at=access_expires,
                pair=pair,
                revoked=False,
            ),
            Token(
                device_id=device.id,
                kind="refresh",
                token_hash=security.token_hash(refresh_token),
                expires_at=now + policy.refresh_ttl,
                pair=pair,
                revoked=False,
            ),
        ]
    )
    return schema.TokenPair(
        device_id=device.id,
        access_token=access,
        access_expires_at=access_expires,
        refresh_token=refresh_token,
        user=user_info(device.user),
    )


def _revoke_pairs_after(session: Session, spent: Token) -> None:
    """The retry of a lost answer: revoke what the lost answer issued (every pair newer than `spent`)."""
    session.execute(
        update(Token)
        .where(Token.device_id == spent.device_id, Token.id > spent.id, Token.pair != spent.pair)
        .values(revoked=True)
    )


def user_info(user: User) -> schema.UserInfo:
    return schema.UserInfo(
        name=user.name,
        role=user.role,
        communities=sorted(c.slug for c in user.communities),
        product_areas=sorted(a.slug for a in user.product_areas),
    )
