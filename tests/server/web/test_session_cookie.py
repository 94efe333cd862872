"""The signed session cookie: round trip, tampering, expiry and the CSRF comparison."""

from __future__ import annotations

import time

from server.web import session_cookie
from server.web.session_cookie import WebSession

SECRET = b"k" * 32


def test_round_trip_keeps_user_token_and_notice():
    session = WebSession()
    session.sign_in("42", "session-secret")
    session.flash("Saved.")
    back = session_cookie.decode(session_cookie.encode(session, SECRET), SECRET)
    assert back is not None
    assert (back.user_id, back.sid, back.csrf, back.notice) == ("42", "session-secret", session.csrf, "Saved.")


def test_tampered_or_foreign_cookie_is_ignored():
    value = session_cookie.encode(WebSession(user_id="1", expires=time.time() + 60), SECRET)
    body, mac = value.split(".")
    forged_body = session_cookie._b64(session_cookie._unb64(body).replace(b'"1"', b'"2"'))
    assert session_cookie.decode(f"{forged_body}.{mac}", SECRET) is None
    assert session_cookie.decode(value, b"another secret of 32 bytes......") is None
    for junk in ("", "abc", "a.b.c", "x" * 5000, "!!!.???"):
        assert session_cookie.decode(junk, SECRET) is None


def test_expired_session_is_signed_out_but_keeps_a_fresh_csrf_token():
    session = WebSession()
    session.sign_in("7", "mark", now=time.time() - session_cookie.MAX_AGE_SECONDS - 1)
    back = session_cookie.decode(session_cookie.encode(session, SECRET), SECRET)
    assert back is not None and back.user_id is None and back.changed
    assert back.csrf != session.csrf


def test_sign_in_rotates_the_csrf_token():
    session = WebSession()
    before = session.csrf
    session.sign_in("7", "mark")
    assert session.csrf != before


def test_tokens_must_match_exactly():
    session = WebSession()
    assert session_cookie.tokens_match(session, session.csrf)
    assert not session_cookie.tokens_match(session, None)
    assert not session_cookie.tokens_match(session, "")
    assert not session_cookie.tokens_match(session, session.csrf[:-1])


def test_a_cookie_of_the_older_format_is_a_fresh_anonymous_session():
    # Before sessions were kept on the server the cookie had no session id: it signs nobody in.
    body = session_cookie._b64(b'{"c":"t","u":"1","m":"mark","e":9999999999,"n":null}')
    mac = session_cookie._b64(session_cookie.hmac.new(SECRET, body.encode(), session_cookie.hashlib.sha256).digest())
    assert session_cookie.decode(f"{body}.{mac}", SECRET) is None
