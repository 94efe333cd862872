"""Analytics for the product team as JSON (the web page's /web/analytics shows the same numbers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from server import recount
from server.api.deps import ERRORS, ApiPrincipal, DatabaseDep
from server.services import analytics

router = APIRouter(prefix="/analytics", tags=["analytics"], responses=ERRORS)


@router.get("", response_model=analytics.Analytics)
def get_analytics(
    principal: ApiPrincipal,
    db: DatabaseDep,
    weeks: Annotated[int, Query(ge=1, le=analytics.MAX_WEEKS, description="ISO weeks back, this one included")] = 12,
    community: Annotated[str | None, Query(max_length=40)] = None,
    product_area: Annotated[str | None, Query(max_length=40)] = None,
) -> analytics.Analytics:
    """Per ISO week (UTC): captured, "same here"s, answered, shipped, distinct customers; the loop figures;
    per community and product area; the rising topics of the last 4 weeks. Product team and admins only:
    representatives get 403. Counts cover what the caller may see (docs/analytics.md). `recounting`: the
    weekly and per-group counts do not include the last few seconds' changes yet."""
    recounting = analytics.prepare(db)
    if recounting:
        recount.wake_all()  # a change another process committed may not have woken this one's recount
    with db.read() as session:
        found = analytics.build(session, principal.actor(session), weeks, community, product_area)
    found.recounting = recounting
    return found
