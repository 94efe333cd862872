"""The admin's account commands: list, disable, enable, reset a password. Each one that takes access away
ends it at once, on every device and web session."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import security
from server.models import User
from server.services import accounts, web_sessions
from server.services.errors import Invalid, NotFound


@dataclass(frozen=True)
class Ended:
    devices: int
    web_sessions: int


def sign_out_everywhere(session: Session, user: User) -> Ended:
    """Revoke every device (and so every token) and end every web session of the user."""
    devices = [d for d in accounts.devices_of(session, user) if d.revoked_at is None]
    for device in devices:
        accounts.revoke_device(session, device.id)
    return Ended(len(devices), web_sessions.end_all(session, user.id))


def disable(session: Session, name: str) -> Ended:
    user = _user(session, name)
    user.disabled = True
    return sign_out_everywhere(session, user)


def enable(session: Session, name: str) -> None:
    _user(session, name).disabled = False


def reset_password(session: Session, name: str, password: str) -> Ended:
    """A new password; whoever knew the old one (or holds a session made with it) is signed out."""
    if not password:
        raise Invalid("the password must not be empty")
    user = _user(session, name)
    user.password_hash = security.hash_password(password)
    return sign_out_everywhere(session, user)


def every_user(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def _user(session: Session, name: str) -> User:
    user = accounts.user_by_name(session, name)
    if user is None:
        raise NotFound(f"no user {name!r}")
    return user
