"""Per-request web context: the database session, the signed-in user, the cookie session and CSRF."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from starlette.responses import RedirectResponse, Response

from server.db import Database
from server.web import backend, session_cookie, templating
from server.web.errors import CSRF_REFUSED, WebError
from server.web.views import WebUser

BASE = "/web"
WEB_ROLES = ("product", "admin")


class WebContext:
    """What a route handler needs; every response it builds goes through here so the cookie is kept."""

    def __init__(self, request: Request, db: Database, secret: bytes) -> None:
        self.request, self.db, self.secret = request, db, secret
        self.session = session_cookie.load(request, secret)
        self.user: WebUser | None = self._resolve_user()
        if self.user is not None:  # the server's request log names who acted (never the cookie itself)
            request.scope.setdefault("state", {})["user_name"] = self.user.name

    def _resolve_user(self) -> WebUser | None:
        if self.session.user_id is None:
            return None
        user = backend.session_user(self.request, self.session.sid or "")
        if user is None or user.id != self.session.user_id or user.role not in WEB_ROLES:
            # Ended on the server (sign-out, revoked, disabled, new password), expired, or demoted.
            self.session.sign_out()
            return None
        return user

    def signed_in_user(self, back: str | None = None) -> WebUser:
        """The signed-in user; otherwise a redirect to sign in, then back to `back` (default: this page)."""
        if self.user is None:
            raise SignInNeeded(self.request, back)
        return self.user

    async def form(self) -> dict[str, str]:
        """The POSTed form, after the CSRF check (a POST without the cookie's token is refused)."""
        data = await self.request.form()
        fields = {key: value for key, value in data.items() if isinstance(value, str)}
        if not session_cookie.tokens_match(self.session, fields.get("csrf_token")):
            raise CSRF_REFUSED
        return fields

    def page(self, template: str, context: dict[str, Any] | None = None, status_code: int = 200) -> Response:
        values = {
            "base": BASE,
            "user": self.user,
            "csrf": self.session.csrf,
            "notice": self.session.pop_notice(),
            "nav": None,
            "webhook_notices": backend.webhook_notices(self.db, self.user) if self.user else [],
        }
        values.update(context or {})
        return self._keep(templating.render(template, values, status_code))

    def error_page(self, error: WebError) -> Response:
        return self.page(
            "error.html",
            {"status_code": error.status_code, "heading": error.heading, "message": error.message},
            error.status_code,
        )

    def redirect(self, url: str, notice: str | None = None) -> Response:
        if notice:
            self.session.flash(notice)
        return self._keep(RedirectResponse(url, status_code=303))

    def _keep(self, response: Response) -> Response:
        # Secure when the browser reached us over https (directly or via a proxy that says so).
        secure = self.request.url.scheme == "https" or backend.cookie_secure(self.request)
        session_cookie.store(response, self.session, self.secret, secure)
        return response


class SignInNeeded(Exception):
    """The page needs a signed-in product member; the router answers with a redirect to sign in."""

    def __init__(self, request: Request, back: str | None = None) -> None:
        super().__init__("sign-in needed")
        target = back or request.url.path
        if back is None and request.url.query:
            target += "?" + request.url.query
        self.location = f"{BASE}/signin?" + urlencode({"next": target})
        # A form sent after the session ended is lost: say so rather than silently showing the sign-in page.
        self.notice = (
            None
            if request.method == "GET"
            else "Your session ended before the form was sent. Sign in, then send it again."
        )


def get_context(request: Request) -> WebContext:
    ctx = WebContext(request, backend.database(request), backend.session_secret(request))
    request.state.web_context = ctx  # lets the route class render an error page with the same session
    return ctx


Ctx = Annotated[WebContext, Depends(get_context)]


async def posted_form(ctx: Ctx) -> dict[str, str]:
    """Reads the form on the event loop; the (sync) route then runs in the thread pool, so password
    hashing and database writes never block other requests such as waiting long-polls."""
    return await ctx.form()


CheckedForm = Annotated[dict[str, str], Depends(posted_form)]


async def posted_ids(ctx: Ctx, _checked: CheckedForm) -> list[str]:
    """Every `ids` value of the POSTed form (ticked boxes), after the same CSRF check."""
    data = await ctx.request.form()
    return [value for value in data.getlist("ids") if isinstance(value, str)]


CheckedIds = Annotated[list[str], Depends(posted_ids)]


def safe_next(target: str | None) -> str:
    """Only a path inside the web page is a valid place to go after sign-in (no open redirect)."""
    if target and target.startswith(BASE + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"{BASE}/inbox"
