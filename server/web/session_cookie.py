"""The web page's signed session cookie: who is signed in, their CSRF token and a one-shot notice."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

COOKIE_NAME = "palaute_web"
# A signed-in session lasts a working day; signing in again is cheap and limits a stolen cookie's use.
MAX_AGE_SECONDS = 12 * 3600


@dataclass
class WebSession:
    """What the cookie carries. A signed-in cookie names a server-side session (`sid`, a random secret whose
    hash is in `web_sessions`), so ending that row on the server ends every copy of the cookie."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    user_id: str | None = None
    sid: str | None = None
    # Single sign-on in progress (state, nonce, PKCE verifier, where to go after): checked on the way back.
    sso: dict[str, str] | None = None
    expires: float = 0.0
    notice: str | None = None
    changed: bool = False

    def sign_in(self, user_id: str, sid: str, now: float | None = None) -> None:
        """Start a fresh session (new CSRF token, so a token seen before sign-in is worthless after)."""
        self.csrf = secrets.token_urlsafe(32)
        self.user_id, self.sid, self.sso = user_id, sid, None
        self.expires = (now or time.time()) + MAX_AGE_SECONDS
        self.changed = True

    def sign_out(self) -> None:
        self.user_id = self.sid = None
        self.csrf = secrets.token_urlsafe(32)
        self.expires = 0.0
        self.changed = True

    def flash(self, text: str) -> None:
        """Keep a short notice to show on the next page (after a redirect)."""
        self.notice = text
        self.changed = True

    def pop_notice(self) -> str | None:
        text, self.notice = self.notice, None
        if text is not None:
            self.changed = True
        return text


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(session: WebSession, secret: bytes) -> str:
    payload = {
        "c": session.csrf,
        "u": session.user_id,
        "s": session.sid,
        "o": session.sso,
        "e": session.expires,
        "n": session.notice,
    }
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    mac = _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())
    return f"{body}.{mac}"


def decode(value: str | None, secret: bytes, now: float | None = None) -> WebSession | None:
    """The session in a cookie value, or None when it is missing, forged, malformed or expired."""
    if not value or value.count(".") != 1 or len(value) > 4096:
        return None
    body, mac = value.split(".")
    expected = _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        data = json.loads(_unb64(body))
        session = WebSession(
            csrf=str(data["c"]),
            user_id=data["u"],
            sid=data["s"],
            sso=data.get("o"),
            expires=float(data["e"]),
            notice=data["n"],
        )
    except (ValueError, KeyError, TypeError):
        return None
    if session.user_id is not None and session.expires < (now or time.time()):
        session.sign_out()
    return session


def load(request: Request, secret: bytes) -> WebSession:
    """The request's session; a new anonymous one (to be set on the response) when there is none."""
    session = decode(request.cookies.get(COOKIE_NAME), secret)
    if session is None:
        session = WebSession(changed=True)
    return session


def store(response: Response, session: WebSession, secret: bytes, secure: bool) -> None:
    """Write the cookie back if the session changed: HttpOnly, SameSite=Lax, Secure over https."""
    if not session.changed:
        return
    response.set_cookie(
        COOKIE_NAME,
        encode(session, secret),
        max_age=MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure,
    )


def tokens_match(session: WebSession, submitted: str | None) -> bool:
    """CSRF check: the form's token must equal the one in the signed cookie (constant-time)."""
    return bool(submitted) and hmac.compare_digest(session.csrf.encode(), str(submitted).encode())
