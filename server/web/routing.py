"""A route class that turns the web page's exceptions into pages: error pages and sign-in redirects."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from server.web import backend
from server.web.context import SignInNeeded, WebContext
from server.web.errors import WebError


class WebRoute(APIRoute):
    """Every web route answers in HTML, even when it fails."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def web_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInNeeded as needed:
                return _context_for(request).redirect(needed.location, notice=needed.notice)
            except WebError as error:
                return _context_for(request).error_page(error)

        return web_handler


def _context_for(request: Request) -> WebContext:
    ctx = getattr(request.state, "web_context", None)
    if ctx is None:  # the failure happened before the context existed
        ctx = WebContext(request, backend.database(request), backend.session_secret(request))
    return ctx
