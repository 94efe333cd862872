"""The product team's web page (server-rendered): sign in, inbox, insight thread, triage and summary."""

from __future__ import annotations

from fastapi import APIRouter

from server.web import routes_auth, routes_inbox, routes_insight, routes_static, routes_summary
from server.web.context import BASE
from server.web.errors import not_found
from server.web.routing import WebRoute

router = APIRouter(prefix=BASE, include_in_schema=False, route_class=WebRoute)
for _module in (routes_auth, routes_inbox, routes_insight, routes_summary, routes_static):
    router.include_router(_module.router)


@router.get("/{path:path}")
def unknown_page(path: str) -> None:
    """Anything else under the web page's prefix gets the 404 page in words."""
    raise not_found("page")
