"""The inbox: insights visible to the signed-in product member, filtered by GET parameters (linkable)."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.responses import Response

from server.web import backend, labels
from server.web.context import BASE, CheckedForm, CheckedIds, Ctx
from server.web.errors import bad_form, forbidden
from server.web.routing import WebRoute
from server.web.views import InboxFilters

router = APIRouter(route_class=WebRoute)

PAGE_SIZE = 50
MAX_QUERY = 200
MAX_BULK = 200  # at most a few pages' worth of ticks per click
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
    show: str = "",
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
        show=show if show in labels.SHOWS else "",
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
            "back_url": _page_url(filters, number),
        },
    )


@router.post("/inbox/bulk")
def bulk(ctx: Ctx, form: CheckedForm, ids: CheckedIds) -> Response:
    """Set the status and/or the product area of the ticked insights, then back to the same list."""
    user = ctx.signed_in_user(back=f"{BASE}/inbox")
    back = form.get("back", "")
    back = back if back.startswith(f"{BASE}/inbox") and "//" not in back else f"{BASE}/inbox"
    status = form.get("bulk_status") or None
    area = form.get("bulk_area") or None
    if status is not None and status not in labels.STATUSES:
        raise bad_form("Choose one of the statuses in the list.")
    chosen = [_uuid(i) for i in ids][:MAX_BULK]
    if not [i for i in chosen if i]:
        raise bad_form("Tick at least one insight first.")
    if status is None and area is None:
        raise bad_form("Choose a status or a product area to set.")
    outcome = backend.bulk_triage(ctx.db, user, [i for i in chosen if i], status, area)
    words = f"{outcome.changed} {'insight' if outcome.changed == 1 else 'insights'} updated."
    if outcome.skipped:
        words += f" {outcome.skipped} could not be changed (not yours to see)."
    return ctx.redirect(back, notice=words)


def _uuid(raw: str) -> str | None:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


def _page_url(filters: InboxFilters, number: int) -> str:
    return f"{BASE}/inbox?" + urlencode({**filters.as_query(), "page": str(number)})
