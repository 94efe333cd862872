"""Sign in and sign out of the web page (product members and admins; reps are turned away politely)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from server.web import backend
from server.web.context import BASE, WEB_ROLES, CheckedForm, Ctx, safe_next
from server.web.routing import WebRoute

router = APIRouter(route_class=WebRoute)

WRONG_PASSWORD = "The user name or password is not right. Check them and try again."
REP_REFUSED = (
    "This page is for the product team. Representatives use the Palaute desktop app: "
    "your insights and the team's replies are all there."
)
PASSWORD_OFF = "Sign-in with a password is turned off here. Sign in with your organisation."
THROTTLED = "Too many sign-in attempts. Wait a minute, then try again."


@router.get("/signin")
def signin_page(ctx: Ctx, next: str = "") -> Response:
    if ctx.user is not None:
        return ctx.redirect(safe_next(next))
    return _form(ctx, next_url=safe_next(next))


@router.post("/signin")
def signin(ctx: Ctx, form: CheckedForm) -> Response:
    if not ctx.request.app.state.settings.password_sign_in:
        return _form(ctx, safe_next(form.get("next")), "", PASSWORD_OFF, 403)
    username, password = form.get("username", "").strip(), form.get("password", "")
    next_url = safe_next(form.get("next"))
    outcome = backend.authenticate(ctx.request, ctx.db, username, password)
    if outcome.throttled:
        return _form(ctx, next_url, username, THROTTLED, 429)
    if outcome.user is None:
        return _form(ctx, next_url, username, WRONG_PASSWORD, 401)
    if outcome.user.role not in WEB_ROLES:
        return _form(ctx, next_url, username, REP_REFUSED, 403)
    ctx.session.sign_in(outcome.user.id, backend.start_session(ctx.db, outcome.user, "password"))
    ctx.user = outcome.user
    return ctx.redirect(next_url)


@router.post("/signout")
def signout(ctx: Ctx, _checked: CheckedForm) -> Response:
    """Sign out (a POST with the form token, so another site cannot sign people out). The session ends on the
    server too: a copy of the cookie taken before is refused from now on."""
    backend.end_session(ctx.db, ctx.session.sid)
    ctx.session.sign_out()
    ctx.user = None
    return ctx.redirect(f"{BASE}/signin", notice="You are signed out.")


def _form(ctx: Ctx, next_url: str, username: str = "", error: str | None = None, status: int = 200) -> Response:
    return signin_form(ctx, next_url, username, error, status)


def signin_form(ctx: Ctx, next_url: str, username: str = "", error: str | None = None, status: int = 200) -> Response:
    """The sign-in page: the password form and/or "Sign in with <provider>", as the server is set up."""
    settings = ctx.request.app.state.settings
    values = {
        "next_url": next_url,
        "username": username,
        "error": error,
        "password_sign_in": settings.password_sign_in,
        "sso_provider": settings.oidc_provider_name if settings.sso_enabled else None,
    }
    return ctx.page("signin.html", values, status)
