"""The product team's web page (server-rendered): sign in, inbox, insight thread, triage, summary, digest."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import RedirectResponse

from server.web import (
    routes_analytics,
    routes_auth,
    routes_digest,
    routes_inbox,
    routes_insight,
    routes_links,
    routes_sso,
    routes_static,
    routes_summary,
)
from server.web.context import BASE
from server.web.errors import not_found
from server.web.routing import WebRoute

pages = APIRouter(prefix=BASE, include_in_schema=False, route_class=WebRoute)
for _module in (
    routes_auth,
    routes_sso,
    routes_inbox,
    routes_insight,
    routes_links,
    routes_summary,
    routes_analytics,
    routes_digest,
    routes_static,
):
    pages.include_router(_module.router)


@pages.get("/{path:path}")
def unknown_page(path: str) -> None:
    """Anything else under the web page's prefix gets the 404 page in words."""
    raise not_found("page")


router = APIRouter(include_in_schema=False)
router.include_router(pages)


@router.get("/")
def site_root() -> RedirectResponse:
    """Someone typing the server's address lands on the web page (the API lives under /api/v1)."""
    return RedirectResponse(f"{BASE}/inbox", status_code=303)
