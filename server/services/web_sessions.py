"""Web page sessions kept on the server: started at sign-in, looked up on each request, ended at will."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, Update, select, update
from sqlalchemy.orm import Session

from server import security
from server.models import User, WebSession, utcnow

# A working day, as the cookie's own lifetime: signing in again is cheap and bounds a stolen cookie's use.
LIFETIME = timedelta(hours=12)


def start(session: Session, user: User, method: str, now: datetime | None = None) -> str:
    """A new session for the user; returns the secret the cookie carries (only its SHA-256 is stored)."""
    now = now or utcnow()
    secret = security.new_token()
    session.add(
        WebSession(
            id=str(uuid.uuid4()),
            user_id=user.id,
            token_hash=security.token_hash(secret),
            method=method,
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    session.flush()
    return secret


def user_of(session: Session, secret: str, now: datetime | None = None) -> User | None:
    """The enabled user of a live session with this secret, else None (ended, expired, unknown, disabled)."""
    row = session.execute(
        select(User, WebSession.expires_at)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.token_hash == security.token_hash(secret), WebSession.ended_at.is_(None))
    ).first()
    if row is None or row[1] <= (now or utcnow()) or row[0].disabled:
        return None
    return row[0]


def by_secret(session: Session, secret: str) -> WebSession | None:
    return session.scalar(select(WebSession).where(WebSession.token_hash == security.token_hash(secret)))


def due_for_provider(session: Session, secret: str, every: timedelta, now: datetime | None = None) -> str | None:
    """The id of this live session when it was made by single sign-on with the provider's refresh token and
    the provider was last asked about it `every` ago or more; else None."""
    row = session.execute(
        select(WebSession.id, WebSession.sso_checked_at).where(
            WebSession.token_hash == security.token_hash(secret),
            WebSession.ended_at.is_(None),
            WebSession.sso_refresh_token.is_not(None),
        )
    ).first()
    if row is None or (row[1] is not None and row[1] + every > (now or utcnow())):
        return None
    return str(row[0])


def end(session: Session, secret: str) -> None:
    """Sign-out: this session's cookie, and every copy of it, is worthless from now on. Ending a session (this
    and the two below) also drops the provider's refresh token it kept: it serves only a live sign-in."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == security.token_hash(secret), WebSession.ended_at.is_(None))
        .values(ended_at=utcnow(), sso_refresh_token=None)
    )


def end_all(session: Session, user_id: int) -> int:
    """End every live session of a user (revocation, disabling, a new password); returns how many."""
    return _count(
        session,
        update(WebSession)
        .where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))
        .values(ended_at=utcnow(), sso_refresh_token=None),
    )


def end_by_id(session: Session, session_id: str) -> bool:
    """End one session by the id an admin sees in `user devices`; False if there is none."""
    return bool(
        _count(
            session,
            update(WebSession)
            .where(WebSession.id == session_id, WebSession.ended_at.is_(None))
            .values(ended_at=utcnow(), sso_refresh_token=None),
        )
    )


def _count(session: Session, statement: Update) -> int:
    """Run an UPDATE; how many rows it changed (its result is a CursorResult, the kind that counts them)."""
    result = session.execute(statement)
    return (result.rowcount or 0) if isinstance(result, CursorResult) else 0


def live_of(session: Session, user_id: int) -> list[WebSession]:
    now = utcnow()
    return list(
        session.scalars(
            select(WebSession)
            .where(WebSession.user_id == user_id, WebSession.ended_at.is_(None), WebSession.expires_at > now)
            .order_by(WebSession.created_at)
        )
    )
