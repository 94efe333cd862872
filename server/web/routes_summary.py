"""The per-community summary: insight counts by product area and impact over 7, 30 or 90 days."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from server.web import backend, labels
from server.web.context import Ctx
from server.web.routing import WebRoute

router = APIRouter(route_class=WebRoute)


@router.get("/summary")
def summary(ctx: Ctx, days: str = "30") -> Response:
    user = ctx.signed_in_user()
    period = int(days) if days.isdigit() and int(days) in labels.SUMMARY_PERIODS else 30
    blocks = backend.summary(ctx.db, user, period)
    return ctx.page("summary.html", {"nav": "summary", "period": period, "blocks": blocks})
