"""A route class that turns the web page's exceptions into pages: error pages and sign-in redirects."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from starlette.requests import Request
from starlette.responses import Response

from server.web import backend, templating
from server.web.context import BASE, SignInNeeded, WebContext
from server.web.errors import WebError

log = logging.getLogger("palaute.server.web")

DATABASE_DOWN = WebError(
    503,
    "The server cannot reach its database",
    "What you just did may not have been saved. Try again in a minute; if it keeps happening, tell your administrator.",
)
BUG = WebError(
    500,
    "Something went wrong on our side",
    "The error was logged. Try again; if it keeps happening, tell your administrator.",
)


class WebRoute(APIRoute):
    """Every web route answers in HTML, even when it fails."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def web_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInNeeded as needed:
                return _context_for(request).redirect(needed.location, notice=needed.notice)
            except WebError as error:
                return _context_for(request).error_page(error)
            except OperationalError as error:
                log.warning("web page: database unavailable: %s", type(error.orig).__name__)
                return _bare_error_page(DATABASE_DOWN)
            except Exception:
                log.exception("web page: unexpected error on %s %s", request.method, request.url.path)
                return _bare_error_page(BUG)

        return web_handler


def _context_for(request: Request) -> WebContext:
    ctx = getattr(request.state, "web_context", None)
    if ctx is None:  # the failure happened before the context existed
        ctx = WebContext(request, backend.database(request), backend.session_secret(request))
    return ctx


def _bare_error_page(error: WebError) -> Response:
    """An error page that needs nothing else to work (no session, no database)."""
    return templating.render(
        "error.html",
        {
            "base": BASE,
            "user": None,
            "csrf": "",
            "notice": None,
            "nav": None,
            "status_code": error.status_code,
            "heading": error.heading,
            "message": error.message,
        },
        error.status_code,
    )
