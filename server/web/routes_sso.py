"""Sign in to the web page with the organisation's provider (OpenID Connect, code flow with PKCE). The
state, nonce and PKCE verifier wait in the signed session cookie between the two legs."""

from __future__ import annotations

import base64
import hashlib
import secrets

from fastapi import APIRouter
from starlette.responses import Response

from server.group_map import GroupMap
from server.sso import people, renewal
from server.sso.oidc import OidcClient, SsoError
from server.web import backend
from server.web.context import BASE, WEB_ROLES, Ctx, safe_next
from server.web.errors import not_found
from server.web.routes_auth import REP_REFUSED, signin_form
from server.web.routing import WebRoute

router = APIRouter(route_class=WebRoute)

STALE = "This sign-in answer does not belong to a sign-in started in this browser. Sign in again."
CANCELLED = "The sign-in was cancelled or refused on your organisation's sign-in page."


def _client(ctx: Ctx) -> OidcClient:
    client: OidcClient | None = getattr(ctx.request.app.state, "oidc", None)
    if client is None:
        raise not_found("page")
    return client


def _callback_url(ctx: Ctx) -> str:
    return str(ctx.request.base_url).rstrip("/") + f"{BASE}/signin/sso/callback"


@router.get("/signin/sso")
def start(ctx: Ctx, next: str = "") -> Response:
    """Off to the provider; it sends the browser back to the callback below."""
    client = _client(ctx)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    try:
        url = client.authorization_url(_callback_url(ctx), state, nonce, challenge)
    except SsoError as error:
        return signin_form(ctx, safe_next(next), error=error.message, status=502)
    ctx.session.sso = {"state": state, "nonce": nonce, "verifier": verifier, "next": safe_next(next)}
    ctx.session.changed = True
    return ctx.redirect(url)


@router.get("/signin/sso/callback")
def callback(ctx: Ctx, state: str = "", code: str = "", error: str = "") -> Response:
    pending, ctx.session.sso = ctx.session.sso or {}, None
    ctx.session.changed = True  # the pending sign-in is used once, whatever happens next
    next_url = safe_next(pending.get("next"))
    if not pending or not state or not secrets.compare_digest(pending.get("state", ""), state):
        return signin_form(ctx, next_url, error=STALE, status=400)
    if error or not code:
        return signin_form(ctx, next_url, error=CANCELLED, status=401)
    client = _client(ctx)
    settings = ctx.request.app.state.settings
    try:
        tokens = client.exchange(code, _callback_url(ctx), pending["verifier"], pending["nonce"])
        with ctx.db.write() as session:
            user = people.sign_in_user(
                session, tokens.claims, GroupMap.parse(settings.oidc_group_map), roles=WEB_ROLES, wrong_role=REP_REFUSED
            )
            user_id = user.id
    except SsoError as refused:
        if refused.code == "sso_no_access":
            with ctx.db.write() as session:
                people.lost_access(session, tokens.claims)
        return signin_form(
            ctx, next_url, error=refused.message, status=502 if refused.code == "sso_unavailable" else 401
        )
    web_user = backend.web_user_by_id(ctx.db, user_id)
    ctx.session.sign_in(
        web_user.id, backend.start_session(ctx.db, web_user, "sso", lambda row: renewal.keep(row, tokens, settings))
    )
    ctx.user = web_user
    return ctx.redirect(next_url)
