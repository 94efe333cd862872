"""The inbox: insights visible to the signed-in product member, filtered by GET parameters (linkable)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.responses import Response

from server.web import backend, labels
from server.web.context import BASE, Ctx
from server.web.errors import forbidden
from server.web.routing import WebRoute
from server.web.views import InboxFilters

router = APIRouter(route_class=WebRoute)

PAGE_SIZE = 50
MAX_QUERY = 200
MAX_PAGE = 100_000  # keeps OFFSET inside a 64-bit integer whatever the address says


@router.get("/")
def home(ctx: Ctx) -> Response:
    ctx.signed_in_user()
    return ctx.redirect(f"{BASE}/inbox")


@router.get("/inbox")
def inbox(
    ctx: Ctx,
    q: str = "",
    community: str = "",
    product_area: str = "",
    status: str = "",
    impact: str = "",
    sort: str = labels.DEFAULT_SORT,
    page: str = "1",
) -> Response:
    user = ctx.signed_in_user()
    communities, areas = backend.menus(ctx.db, user)
    filters = InboxFilters(
        q=" ".join(q.split())[:MAX_QUERY],
        community=community,
        # Unknown values from a hand-edited address are ignored rather than failing the page.
        product_area=product_area if product_area in {a.slug for a in areas} else "",
        status=status if status in labels.STATUSES else "",
        impact=impact if impact in labels.IMPACTS else "",
        sort=sort if sort in labels.SORTS else labels.DEFAULT_SORT,
    )
    if filters.community and filters.community not in {c.slug for c in communities}:
        raise forbidden(
            "You are not assigned to that community, so its insights are not shown to you. "
            "Ask an administrator if you need access."
        )
    number = min(max(1, int(page)), MAX_PAGE) if page.isdigit() and len(page) < 10 else 1
    offset = (number - 1) * PAGE_SIZE
    rows, total = backend.list_insights(ctx.db, user, filters, offset=offset, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if number > pages:  # an old link past the end (the list got shorter): show the last page instead
        number = pages
        rows, total = backend.list_insights(ctx.db, user, filters, offset=(pages - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    return ctx.page(
        "inbox.html",
        {
            "nav": "inbox",
            "filters": filters,
            "filtered": filters.any(),
            "rows": rows,
            "total": total,
            "page": number,
            "pages": pages,
            "communities": [(c.slug, c.name) for c in communities],
            "product_areas": [(a.slug, a.name) for a in areas],
            "prev_url": _page_url(filters, number - 1) if number > 1 else None,
            "next_url": _page_url(filters, number + 1) if number < pages else None,
        },
    )


def _page_url(filters: InboxFilters, number: int) -> str:
    return f"{BASE}/inbox?" + urlencode({**filters.as_query(), "page": str(number)})
