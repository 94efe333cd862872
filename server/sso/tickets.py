"""A desktop sign-in in progress, sealed: the server hands it out with the authorization address and checks
it when the desktop comes back with the code, so no server state is kept between the two calls."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

# The person has this long to sign in at the provider (a password manager, a second factor on the phone).
LIFETIME_SECONDS = 600


@dataclass(frozen=True)
class Ticket:
    state: str
    nonce: str
    redirect_uri: str
    expires: float


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"palaute sso ticket v1", hashlib.sha256).digest()


def seal(ticket: Ticket, secret: str) -> str:
    body = base64.urlsafe_b64encode(json.dumps(ticket.__dict__, separators=(",", ":")).encode()).decode()
    mac = hmac.new(_key(secret), body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def open_sealed(value: str, secret: str, now: float | None = None) -> Ticket | None:
    """The ticket, or None when it was not made by this server (any worker) or has expired."""
    body, _, mac = value.partition(".")
    if not hmac.compare_digest(mac, hmac.new(_key(secret), body.encode(), hashlib.sha256).hexdigest()):
        return None
    try:
        ticket = Ticket(**json.loads(base64.urlsafe_b64decode(body)))
    except (ValueError, TypeError):
        return None
    return ticket if ticket.expires > (now or time.time()) else None
